// Scores stored mentions again with the scorer in use now (the active model, the shipped one, or the lexicon),
// batch by batch, each batch one transaction that also moves the rollup contributions of what changed.
// Analysts' labels stay; mentions whose text has expired cannot be scored and keep their score.
import type { MentionSentimentRepository } from '../repositories/mention-sentiment.repository.js';
import type { Enricher } from './enricher.js';
import { cutForScoring } from './scoring-cut.js';
import type { RescoreRow, StoredSentiment } from './stored-sentiment.js';

export interface RescoreOptions {
  from: Date;
  to: Date;
  batchSize: number;
  onBatch?: (totals: RescoreTotals) => void;
}

export interface RescoreTotals {
  read: number;
  scored: number;
  changed: number;
  label_changed: number;
  skipped_without_text: number;
  kept_corrections: number;
  kept_other_scorers: number;
  batches: number;
  model: string;
}

/** Models whose scores a Dutch rescoring replaces: the lexicon and learned models of any version. */
export function isDutchScorer(model: string): boolean {
  return model.startsWith('lexicon-nl@') || model.startsWith('linear-nl@');
}

/** The text as ingest scored it: the title first when it is not the start of the text. */
export function scoredText(row: { title: string | null; text: string }): string {
  const joined = row.title === null || row.title === '' ? row.text : `${row.title}\n${row.text}`;
  return cutForScoring(joined);
}

export function rescoreWith(enricher: Enricher): (row: RescoreRow) => StoredSentiment | null {
  return (row) => {
    // English (wink) and other languages (none@1) are not what a Dutch model changes.
    if (row.text === null || !isDutchScorer(row.sentiment.model)) return null;
    const { sentiment } = enricher.enrich(scoredText({ title: row.title, text: row.text }), {
      language: 'nl',
      title: row.title,
    });
    return {
      score: sentiment.score,
      label: sentiment.label,
      confidence: sentiment.confidence,
      model: sentiment.model,
    };
  };
}

export class RescoreService {
  constructor(
    private readonly repository: MentionSentimentRepository,
    private readonly enricher: Enricher,
  ) {}

  async run(options: RescoreOptions): Promise<RescoreTotals> {
    if (!(options.from.getTime() < options.to.getTime())) throw new Error('--from must be before --to');
    const totals: RescoreTotals = {
      read: 0,
      scored: 0,
      changed: 0,
      label_changed: 0,
      skipped_without_text: 0,
      kept_corrections: 0,
      kept_other_scorers: 0,
      batches: 0,
      model: this.enricher.versions.sentiment_nl,
    };
    const rescore = rescoreWith(this.enricher);
    let after: { postedAt: Date; id: string } | null = null;
    for (;;) {
      const batch = await this.repository.rescoreBatch(
        { from: options.from, to: options.to },
        after,
        options.batchSize,
        rescore,
      );
      totals.batches++;
      totals.read += batch.read;
      totals.scored += batch.scored;
      totals.changed += batch.changed;
      totals.label_changed += batch.labelChanged;
      totals.skipped_without_text += batch.skippedWithoutText;
      totals.kept_corrections += batch.keptCorrections;
      totals.kept_other_scorers += batch.keptOtherScorers;
      options.onBatch?.(totals);
      if (batch.next === null) return totals;
      after = batch.next;
    }
  }
}
