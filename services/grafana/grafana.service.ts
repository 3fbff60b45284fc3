// The rows of the /grafana endpoints (contract: services/api/routes/grafana/README.md), read from the modules that
// hold them: series, mentions, alerts, measures, questions and the sources' state. Each method answers one endpoint.
import { seriesKey } from '../alerts/detection-series.js';
import type { AlertsService } from '../alerts/alerts.service.js';
import { parseDuration } from '../config/duration.js';
import type { AnnotationRow, MeasureAnnotations } from '../measures/measure-annotations.js';
import type { MeasureEditingService } from '../measures/measure-editing.service.js';
import { DEFAULT_EFFECT, type MeasureEffectsService } from '../measures/measure-effects.service.js';
import type { MeasureLevel } from '../measures/measure-vocabulary.js';
import type { MentionsService } from '../mentions/mentions.service.js';
import type { QuestionsService } from '../questions/questions.service.js';
import type { DetectionRepository } from '../repositories/detection.repository.js';
import type { RollupsRepository } from '../repositories/rollups.repository.js';
import type { SourcesRepository } from '../repositories/sources.repository.js';
import { resolveRange, type Range } from '../series/range.js';
import { metricValue, type Metric } from '../series/metric-definitions.js';
import { INTERVALS, type Interval, type KeyedSeries, type QUESTIONS_METRIC } from '../series/series.js';
import type { SeriesPoint, SeriesService } from '../series/series.service.js';

export interface GrafanaServiceDeps {
  series: Pick<
    SeriesService,
    'query' | 'queryByKeyColumns' | 'total' | 'checkDimensions' | 'mentionSource' | 'resolveInterval'
  >;
  mentions: Pick<MentionsService, 'list'>;
  alerts: Pick<AlertsService, 'list' | 'countOpen'>;
  /** What the dashboards read of the measures: the list, their annotation rows and their effects. */
  measures: Pick<MeasureEditingService, 'list'> &
    Pick<MeasureAnnotations, 'anchorMs' | 'untilMs' | 'annotations'> &
    Pick<MeasureEffectsService, 'effects'>;
  questions: Pick<QuestionsService, 'openByTeam' | 'answerTimes'>;
  sources: Pick<SourcesRepository, 'list' | 'kinds'>;
  rollups: Pick<RollupsRepository, 'breakdown'>;
  detection: Pick<DetectionRepository, 'scoreSeries'>;
  /** The taxonomy's topics, in its order. */
  topics: readonly { id: string; label: string }[];
  timeZone: string;
  now?: () => number;
}

/** `from` and `to` as Grafana sends them: epoch ms, an ISO instant or a local date; absent for the defaults. */
interface RangeQuery {
  from?: string;
  to?: string;
}

type SeriesMetric = Metric | typeof QUESTIONS_METRIC;

export interface GrafanaSeriesQuery extends RangeQuery {
  metric: SeriesMetric | 'anomaly';
  of: 'volume' | 'negative_share' | 'questions';
  source?: string;
  channel?: string;
  topic: string;
  interval: Interval | 'auto';
}

export interface GrafanaBreakdownQuery extends RangeQuery {
  by: 'source' | 'topic' | 'channel';
  metric: SeriesMetric;
  source?: string;
  channel?: string;
  topic: string;
  interval: Interval | 'auto';
}

/** Who reads post text, for the access log. */
export interface TextReader {
  apiKeyId: string | null;
}

export class GrafanaService {
  private readonly topicLabel: ReadonlyMap<string, string>;
  private readonly now: () => number;

  constructor(private readonly deps: GrafanaServiceDeps) {
    this.topicLabel = new Map(deps.topics.map((topic) => [topic.id, topic.label]));
    this.now = deps.now ?? Date.now;
  }

  private range(query: RangeQuery): Range {
    return resolveRange(query.from, query.to, this.deps.timeZone);
  }

  async series(q: GrafanaSeriesQuery): Promise<SeriesPoint[]> {
    const { series } = this.deps;
    if (q.metric === 'anomaly') {
      const range = this.range(q);
      const source = series.mentionSource({ source: q.source, channel: q.channel, topic: q.topic });
      const interval = series.resolveInterval({ range, interval: q.interval });
      // Scores exist for the series the detector follows; for any other combination every bucket is null.
      return this.deps.detection.scoreSeries(
        seriesKey(q.of, source, q.topic),
        range.fromMs,
        range.toMs,
        INTERVALS[interval],
      );
    }
    return series.query({
      metric: q.metric,
      source: q.source,
      channel: q.channel,
      topic: q.topic,
      range: this.range(q),
      interval: q.interval,
    });
  }

  /** By column: the route writes the long rows out from them. */
  async breakdown(q: GrafanaBreakdownQuery): Promise<KeyedSeries> {
    return this.deps.series.queryByKeyColumns({
      by: q.by,
      keys: async () =>
        q.by === 'source' ? this.deps.sources.kinds() : this.deps.topics.map((topic) => topic.id),
      metric: q.metric,
      source: q.source,
      channel: q.channel,
      topic: q.topic,
      range: this.range(q),
      interval: q.interval,
    });
  }

  /** Sums per taxonomy topic; rollup rows of topics no longer in the taxonomy are left out. */
  async topics(q: RangeQuery & { source: string }) {
    this.deps.series.checkDimensions(q.source, 'all');
    const rows = await this.deps.rollups.breakdown({
      by: 'topic',
      sourceKind: q.source,
      topic: 'all',
      ...this.range(q),
    });
    return rows
      .filter((row) => this.topicLabel.has(row.key))
      .map((row) => ({
        topic: row.key,
        label: this.topicLabel.get(row.key) ?? row.key,
        volume: row.n,
        negative_share: metricValue('negative_share', row),
        positive_share: metricValue('positive_share', row),
        mean_score: metricValue('mean_score', row),
      }));
  }

  /** Post text: every read is logged by the mentions service. */
  async topMentions(
    q: RangeQuery & {
      source: string;
      topic: string;
      limit: number;
      sort: 'reach' | 'engagement' | 'recent';
    },
    reader: TextReader,
  ) {
    const page = await this.deps.mentions.list(
      {
        range: this.range(q),
        source: q.source,
        topic: q.topic,
        q: null,
        limit: q.limit,
        cursor: null,
        sort: q.sort,
      },
      { apiKeyId: reader.apiKeyId, purpose: 'grafana.mentions.top' },
    );
    return page.mentions.map((mention) => ({
      time: mention.postedAt.getTime(),
      source: mention.sourceKind,
      platform: mention.platform,
      author: mention.author,
      text: mention.text,
      url: mention.url,
      sentiment: mention.sentiment.label,
      score: mention.sentiment.score,
      reach: mention.reach,
      topics: mention.topics.join(','),
    }));
  }

  /** Every configured source's state; lag is how old its newest stored item is now. */
  async sources() {
    const now = this.now();
    return (await this.deps.sources.list()).map((source) => ({
      id: source.id,
      kind: source.kind,
      state: source.state,
      last_success: source.lastSuccessAt?.getTime() ?? null,
      last_error_at: source.lastErrorAt?.getTime() ?? null,
      last_error: source.lastError,
      items: source.itemsStored,
      lag_seconds:
        source.newestItemAt === null
          ? null
          : Math.max(0, Math.round((now - source.newestItemAt.getTime()) / 1000)),
      next_poll: source.nextPollAt?.getTime() ?? null,
    }));
  }

  topicVariable(): { value: string; text: string }[] {
    return [
      { value: 'all', text: 'Alle onderwerpen' },
      ...this.deps.topics.map((topic) => ({ value: topic.id, text: topic.label })),
    ];
  }

  async sourceVariable(): Promise<{ value: string; text: string }[]> {
    return [
      { value: 'all', text: 'Alle bronnen' },
      ...(await this.deps.sources.kinds()).map((kind) => ({ value: kind, text: kind })),
    ];
  }

  async summary(q: RangeQuery & { source: string; topic: string }) {
    const range = this.range(q);
    const [sums, openAlerts] = await Promise.all([
      this.deps.series.total({ source: q.source, topic: q.topic, range }),
      this.deps.alerts.countOpen(),
    ]);
    return [
      {
        volume: sums.n,
        negative_share: metricValue('negative_share', sums),
        positive_share: metricValue('positive_share', sums),
        mean_score: metricValue('mean_score', sums),
        reach: sums.reachSum,
        open_alerts: openAlerts,
      },
    ];
  }

  async alerts(q: RangeQuery & { state: 'open' | 'all' }) {
    const alerts = await this.deps.alerts.list({
      ...this.range(q),
      kind: null,
      state: q.state === 'open' ? 'open' : null,
      limit: 500,
    });
    return alerts.map((alert) => ({
      time: alert.openedAt.getTime(),
      kind: alert.kind,
      state: alert.state,
      title: alert.title,
      series: alert.seriesKey,
      score: alert.score,
      observed: alert.observed,
      expected: alert.expected,
      acknowledged: alert.acknowledgedAt !== null,
    }));
  }

  /** Alerts (by the topic in their details) and measures as annotation rows, in time order. */
  async annotations(
    q: RangeQuery & { kind: 'measures' | 'alerts' | 'all'; topic: string },
  ): Promise<AnnotationRow[]> {
    const range = this.range(q);
    this.deps.series.checkDimensions('all', q.topic);
    const rows: AnnotationRow[] = [];
    if (q.kind === 'alerts' || q.kind === 'all') {
      const alerts = await this.deps.alerts.list({ ...range, kind: null, state: null, limit: 1_000 });
      for (const alert of alerts) {
        const topic = typeof alert.details.topic === 'string' ? alert.details.topic : null;
        if (q.topic !== 'all' && topic !== q.topic) continue;
        const last = alert.events.at(-1)?.message as { headline?: string } | undefined;
        rows.push({
          time: alert.openedAt.getTime(),
          timeEnd: alert.resolvedAt?.getTime() ?? null,
          title: alert.title,
          text: last?.headline ?? alert.title,
          tags: ['melding', alert.kind, ...(topic && topic !== 'all' ? [topic] : [])].join(','),
        });
      }
    }
    if (q.kind === 'measures' || q.kind === 'all') {
      rows.push(...(await this.deps.measures.annotations(range, q.topic)));
    }
    return rows.sort((a, b) => a.time - b.time);
  }

  /** `level` empty or `all` is every level (Grafana sends an empty variable as ''). */
  async measures(q: RangeQuery & { level?: MeasureLevel | 'all' | ''; topic: string }) {
    const { measures } = this.deps;
    const list = await measures.list({
      ...this.range(q),
      level: q.level === undefined || q.level === 'all' || q.level === '' ? null : q.level,
      direction: null,
      topic: q.topic === 'all' ? null : q.topic,
      limit: 5_000,
    });
    return list.map((measure) => ({
      time: measures.anchorMs(measure),
      timeEnd: measures.untilMs(measure),
      level: measure.level,
      title: measure.title,
      direction: measure.direction,
      topics: measure.topics.join(','),
      url: measure.sourceUrl,
    }));
  }

  async effects(q: RangeQuery & { topic: string; before: string; after: string }) {
    const { reports } = await this.deps.measures.effects(
      {
        ...this.range(q),
        level: null,
        direction: null,
        topic: q.topic === 'all' ? null : q.topic,
      },
      { ...DEFAULT_EFFECT, beforeMs: parseDuration(q.before), afterMs: parseDuration(q.after) },
    );
    return reports.map((report) => ({
      time: report.at,
      measure: report.measure.id,
      title: report.measure.title,
      level: report.measure.level,
      direction: report.measure.direction,
      volume_ratio: report.effect.volume.ratio,
      sentiment_shift: report.effect.sentiment.shift,
      sentiment_shift_low: report.effect.sentiment.low,
      sentiment_shift_high: report.effect.sentiment.high,
      question_ratio: report.effect.questions?.ratio ?? null,
      question_ratio_low: report.effect.questions?.low ?? null,
      question_ratio_high: report.effect.questions?.high ?? null,
    }));
  }

  /** Open and overdue questions per team now (counts only, no question text). */
  questionTeams() {
    return this.deps.questions.openByTeam();
  }

  async answerTimes(q: RangeQuery) {
    return (await this.deps.questions.answerTimes(this.range(q))).map((row) => ({
      team: row.team,
      name: row.name,
      answered: row.answered,
      median_seconds: row.medianSeconds,
    }));
  }
}
