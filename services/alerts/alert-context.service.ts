// What an advisor needs beside the numbers: the words that rose, a few example posts (or, for a burst of questions,
// the questions themselves), the nearest measure change, and a link to the dashboard at that moment.
import type { MentionsSampler } from '../repositories/mentions.repository.js';
import type { QuestionsRepository } from '../repositories/questions.repository.js';
import { DEFAULT_KEYNESS, documentFrequencies, emergingTerms } from '../terms/emerging-terms.js';
import type { TermsService } from '../terms/terms.service.js';
import { trimText, type MessageExample, type MessageMeasure } from './alert-message.js';
import type { DetectionSeries } from './detection-series.js';
import { topQuestions, withoutContactDetails } from './question-examples.js';

export type QuestionTexts = Pick<QuestionsRepository, 'alertTexts'>;

export type NearestMeasure = (at: Date, topics: readonly string[]) => Promise<MessageMeasure | null>;

export interface AlertContext {
  terms: string[];
  examples: MessageExample[];
  measure: MessageMeasure | null;
  link: string | null;
}

const BASELINE_MS = 7 * 86_400_000;
// Bounded samples, as for mention terms: a burst of questions is hundreds, its week before a few thousand.
const QUESTION_WINDOW_SAMPLE = 2_000;
const QUESTION_BASELINE_SAMPLE = 10_000;

export class AlertContextService {
  /** Set by the measures module when it is configured; without it messages carry no measure. */
  nearestMeasure: NearestMeasure | null = null;

  constructor(
    private readonly sampler: MentionsSampler,
    private readonly terms: TermsService,
    private readonly publicUrl: string | null,
    private readonly questions: QuestionTexts,
  ) {}

  link(
    dashboard: string,
    fromMs: number,
    toMs: number,
    variables: Record<string, string> = {},
  ): string | null {
    if (this.publicUrl === null) return null;
    const url = new URL(
      `d/${dashboard}`,
      this.publicUrl.endsWith('/') ? this.publicUrl : `${this.publicUrl}/`,
    );
    url.searchParams.set('from', String(fromMs));
    url.searchParams.set('to', String(toMs));
    for (const [name, value] of Object.entries(variables)) url.searchParams.set(`var-${name}`, value);
    return url.toString();
  }

  async forSeries(series: DetectionSeries, fromMs: number, toMs: number): Promise<AlertContext> {
    if (series.metric === 'questions') return this.forQuestions(series, fromMs, toMs);
    const filter = {
      fromMs,
      toMs,
      sourceKind: series.source === 'all' ? null : series.source,
      topic: series.topic === 'all' ? null : series.topic,
    };
    const [terms, rows, measure] = await Promise.all([
      this.terms.emerging({ ...filter, baselineMs: BASELINE_MS, limit: 8 }),
      this.sampler.examples(
        { ...filter, sentiment: series.metric === 'negative_share' ? 'negative' : null },
        3,
      ),
      this.nearestMeasure
        ? this.nearestMeasure(new Date(toMs), series.topic === 'all' ? [] : [series.topic])
        : Promise.resolve(null),
    ]);
    return {
      terms: terms.map((term) => term.term),
      examples: rows.map((row) => ({
        text: trimText(row.text ?? row.title ?? ''),
        // People appear only by pseudonym; institutions and media by name.
        author: row.author_name ?? row.author_pseudonym,
        platform: row.platform,
        url: row.author_kind === 'person' || row.author_kind === 'unknown' ? null : row.url,
        sentiment: row.sentiment_label,
        postedAt: row.posted_at.toISOString(),
      })),
      measure,
      link: this.link(
        series.topic === 'all' ? 'onderstroom-overzicht' : 'onderstroom-onderwerpen',
        fromMs - 6 * 3_600_000,
        toMs + 3_600_000,
        series.topic === 'all' ? { source: series.source } : { topic: series.topic, source: series.source },
      ),
    };
  }
  /**
   * A burst of questions: the words that rose against the week before, the three most telling questions of the
   * window (quoted like example posts: trimmed, no person, contact details masked), the nearest measure, a link.
   */
  private async forQuestions(series: DetectionSeries, fromMs: number, toMs: number): Promise<AlertContext> {
    const topic = series.topic === 'all' ? null : series.topic;
    const [window, baseline, measure] = await Promise.all([
      this.questions.alertTexts({ fromMs, toMs, topic, limit: QUESTION_WINDOW_SAMPLE }),
      this.questions.alertTexts({
        fromMs: fromMs - BASELINE_MS,
        toMs: fromMs,
        topic,
        limit: QUESTION_BASELINE_SAMPLE,
      }),
      this.nearestMeasure
        ? this.nearestMeasure(new Date(toMs), topic === null ? [] : [topic])
        : Promise.resolve(null),
    ]);
    const rose = emergingTerms(
      documentFrequencies(window.map((question) => question.text)),
      documentFrequencies(baseline.map((question) => question.text)),
      { ...DEFAULT_KEYNESS, limit: 8 },
    );
    return {
      terms: rose.map((term) => term.term),
      examples: topQuestions(window, rose, 3).map((question) => ({
        text: trimText(withoutContactDetails(question.text)),
        author: null,
        platform: question.channel,
        url: null,
        sentiment: question.sentimentLabel,
        // Retention clears the quote with the question's text (both counted from when it was received).
        postedAt: question.receivedAt.toISOString(),
      })),
      measure,
      link: this.link(
        topic === null ? 'onderstroom-overzicht' : 'onderstroom-onderwerpen',
        fromMs - 6 * 3_600_000,
        toMs + 3_600_000,
        topic === null ? {} : { topic },
      ),
    };
  }
}
