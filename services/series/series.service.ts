// Series for the API and Grafana: validates the question, reads exact rollups, computes the metric per bucket.
// Mention metrics come from the mention rollups (per source); `questions` from the question rollups (per channel).
import { badRequest } from '../request-error.js';
import type { Range } from './range.js';
import type { RollupsRepository } from '../repositories/rollups.repository.js';
import { ALL } from '../ingest/rollup-increments.js';
import {
  autoInterval,
  type Interval,
  INTERVALS,
  keyedOfRows,
  longRows,
  MAX_BUCKETS,
  QUESTIONS_METRIC,
  type SeriesQuery,
  type KeyedSeries,
  type Sums,
} from './series.js';
import type { Metric } from './metric-definitions.js';

export interface SeriesRequest {
  metric: Metric;
  source: string;
  topic: string;
  range: Range;
  interval: Interval | 'auto';
}

/** A series as the API asks for it: a mention metric per source, or `questions` per channel. */
export interface SeriesParams {
  metric: Metric | typeof QUESTIONS_METRIC;
  /** Mentions only; undefined when not given. */
  source: string | undefined;
  /** Questions only; undefined when not given. */
  channel: string | undefined;
  topic: string;
  range: Range;
  interval: Interval | 'auto';
}

/** Where question counts come from (QuestionsService.series: exact question rollups, every bucket present). */
export interface QuestionSeriesSource {
  series(request: {
    channel: string;
    topic: string;
    fromMs: number;
    toMs: number;
    interval: Interval;
    metric: 'questions';
  }): Promise<SeriesPoint[]>;
  seriesByKey(request: {
    by: 'topic' | 'channel';
    channel: string;
    topic: string;
    fromMs: number;
    toMs: number;
    interval: Interval;
  }): Promise<{ time: number; key: string; value: number }[]>;
}

export interface SeriesPoint {
  time: number;
  value: number | null;
}

const SOURCE_PATTERN = /^[a-z0-9_-]{1,64}$/;

export class SeriesService {
  constructor(
    private readonly rollups: RollupsRepository,
    private readonly topicIds: ReadonlySet<string>,
    private readonly timezone: string,
    private readonly questions: QuestionSeriesSource,
  ) {}

  /**
   * The series the API and Grafana ask for: `metric=questions` counts questions per channel, every other metric
   * mentions per source; a parameter of the other kind is a 400 rather than silently ignored.
   */
  async query(params: SeriesParams): Promise<SeriesPoint[]> {
    this.checkKind(params);
    if (params.metric === QUESTIONS_METRIC) {
      const interval = this.resolveInterval(params);
      return this.questions.series({
        channel: params.channel ?? ALL,
        topic: params.topic,
        fromMs: params.range.fromMs,
        toMs: params.range.toMs,
        interval,
        metric: QUESTIONS_METRIC,
      });
    }
    return this.series({
      metric: params.metric,
      source: params.source ?? ALL,
      topic: params.topic,
      range: params.range,
      interval: params.interval,
    });
  }

  /** The checked source of a mention-only read (anomaly scores): a `channel` there is a 400, like in `query`. */
  mentionSource(params: { source: string | undefined; channel: string | undefined; topic: string }): string {
    if (params.channel !== undefined)
      throw badRequest(
        `channel: "${params.channel}" applies to metric=questions only; anomaly scores are of mentions`,
      );
    const source = params.source ?? ALL;
    this.checkDimensions(source, params.topic);
    return source;
  }

  /** `source` belongs to mention metrics and `channel` to questions: the other one given is a 400 naming it. */
  private checkKind(params: Pick<SeriesParams, 'metric' | 'source' | 'channel'>): void {
    if (params.metric === QUESTIONS_METRIC && params.source !== undefined)
      throw badRequest(
        `source: "${params.source}" applies to mention metrics only; questions are counted per channel (channel=all or one of the question channels)`,
      );
    if (params.metric !== QUESTIONS_METRIC && params.channel !== undefined)
      throw badRequest(
        `channel: "${params.channel}" applies to metric=questions only; mentions are counted per source (source=...)`,
      );
  }

  checkDimensions(source: string, topic: string): void {
    if (!SOURCE_PATTERN.test(source))
      throw badRequest(`source: "${source}" is not a source kind (for example obi4wan, mastodon) or "all"`);
    if (topic !== ALL && !this.topicIds.has(topic)) {
      throw badRequest(
        `topic: unknown topic "${topic}"; known topics: all, ${[...this.topicIds].sort().join(', ')}`,
      );
    }
  }

  resolveInterval(request: { range: Range; interval: Interval | 'auto' }): Interval {
    const interval =
      request.interval === 'auto' ? autoInterval(request.range.fromMs, request.range.toMs) : request.interval;
    const buckets = Math.ceil((request.range.toMs - request.range.fromMs) / INTERVALS[interval]);
    if (buckets > MAX_BUCKETS) {
      throw badRequest(
        `the range holds ${buckets} buckets of ${interval}; at most ${MAX_BUCKETS}: use a coarser interval or a shorter range`,
      );
    }
    return interval;
  }

  /** The checked rollup query of a request: known dimensions, an interval whose buckets fit. */
  private seriesQuery(request: SeriesRequest): SeriesQuery {
    this.checkDimensions(request.source, request.topic);
    return {
      sourceKind: request.source,
      topic: request.topic,
      fromMs: request.range.fromMs,
      toMs: request.range.toMs,
      interval: this.resolveInterval(request),
      timezone: this.timezone,
    };
  }

  /**
   * A breakdown as the API asks for it: mention metrics by source or topic, `questions` by topic or channel; the
   * parameter or `by` of the other kind is a 400 that names it. Long format, ordered by time then key.
   */
  async queryByKey(
    params: SeriesParams & { by: 'source' | 'topic' | 'channel'; keys: () => Promise<readonly string[]> },
  ): Promise<{ time: number; key: string; value: number | null }[]> {
    return longRows(await this.queryByKeyColumns(params));
  }

  /** The same breakdown by column, as dashboards' long rows are cheapest written out from (`longRows`). */
  async queryByKeyColumns(
    params: SeriesParams & { by: 'source' | 'topic' | 'channel'; keys: () => Promise<readonly string[]> },
  ): Promise<KeyedSeries> {
    this.checkKind(params);
    if (params.metric === QUESTIONS_METRIC) {
      if (params.by === 'source')
        throw badRequest('by: questions have no source; break them down by=topic or by=channel');
      const rows = await this.questions.seriesByKey({
        by: params.by,
        channel: params.channel ?? ALL,
        topic: params.topic,
        fromMs: params.range.fromMs,
        toMs: params.range.toMs,
        interval: this.resolveInterval(params),
      });
      return keyedOfRows(rows);
    }
    if (params.by === 'channel')
      throw badRequest(
        'by: mentions have no channel; break them down by=source or by=topic (or use metric=questions)',
      );
    return this.seriesByKey({
      by: params.by,
      keys: await params.keys(),
      metric: params.metric,
      source: params.source ?? ALL,
      topic: params.topic,
      range: params.range,
      interval: params.interval,
    });
  }

  /** One metric of several sources or topics at once, ordered by time then key. */
  async seriesByKey(
    request: SeriesRequest & { by: 'source' | 'topic'; keys: readonly string[] },
  ): Promise<KeyedSeries> {
    return this.rollups.metricSeriesByKey(
      { ...this.seriesQuery(request), by: request.by, keys: request.keys },
      request.metric,
    );
  }

  async series(request: SeriesRequest): Promise<SeriesPoint[]> {
    return this.rollups.metricSeries(this.seriesQuery(request), request.metric);
  }

  async total(request: { source: string; topic: string; range: Range }): Promise<Sums> {
    this.checkDimensions(request.source, request.topic);
    return this.rollups.total({ sourceKind: request.source, topic: request.topic, ...request.range });
  }
}
