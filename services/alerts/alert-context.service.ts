// What an advisor needs beside the numbers: the words that rose, a few example posts, the nearest measure change,
// and a link to the dashboard at that moment.
import type { MentionsSampler } from '../repositories/mentions.repository.js';
import type { TermsService } from '../terms/terms.service.js';
import { trimText, type MessageExample, type MessageMeasure } from './alert-message.js';
import type { DetectionSeries } from './detection-series.js';

export type NearestMeasure = (at: Date, topics: readonly string[]) => Promise<MessageMeasure | null>;

export interface AlertContext {
  terms: string[];
  examples: MessageExample[];
  measure: MessageMeasure | null;
  link: string | null;
}

const BASELINE_MS = 7 * 86_400_000;

export class AlertContextService {
  /** Set by the measures module when it is configured; without it messages carry no measure. */
  nearestMeasure: NearestMeasure | null = null;

  constructor(
    private readonly sampler: MentionsSampler,
    private readonly terms: TermsService,
    private readonly publicUrl: string | null,
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
}
