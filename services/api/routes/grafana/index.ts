// /grafana/*: flat JSON rows for Grafana's Infinity datasource (backend parser). Contract: README.md here.
import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import type { ApiDeps } from '../../api-deps.js';
import { resolveRange } from '../../../series/range.js';
import { INTERVALS, metricValue } from '../../../series/series.js';
import { seriesKey } from '../../../alerts/detection-series.js';
import { alertRow } from '../alerts/index.js';
import { SeriesRows } from '../../schemas/series.schema.js';
import {
  AlertsTableQuery,
  AlertsTableRows,
  AnnotationRows,
  AnnotationsQuery,
  SummaryQuery,
  SummaryRows,
  BreakdownRows,
  BreakdownSeriesQuery,
  GrafanaSeriesQuery,
  SourcesRows,
  TopMentionsQuery,
  TopMentionsRows,
  TopicsQuery,
  TopicsRows,
  VariableRows,
} from '../../schemas/grafana.schema.js';
import {
  GrafanaEffectsQuery,
  GrafanaEffectsRows,
  GrafanaMeasuresQuery,
  GrafanaMeasuresRows,
} from '../../schemas/measures.schema.js';
import { DEFAULT_EFFECT } from '../../../measures/measure-effects.service.js';
import { parseDuration } from '../../../config/duration.js';
import { grafanaQuestionRoutes } from './questions.js';

export const grafanaRoutes: FastifyPluginCallbackTypebox<{ deps: ApiDeps }> = (app, { deps }, done) => {
  const { context } = deps;
  const topicLabel = new Map(context.taxonomy.topics.map((topic) => [topic.id, topic.label]));
  void app.register(grafanaQuestionRoutes, { deps });

  app.get(
    '/series',
    { schema: { querystring: GrafanaSeriesQuery, response: { 200: SeriesRows } } },
    async (request) => {
      const q = request.query;
      if (q.metric === 'anomaly') {
        const range = resolveRange(q.from, q.to, context.config.timezone);
        const source = context.series.mentionSource({ source: q.source, channel: q.channel, topic: q.topic });
        const interval = context.series.resolveInterval({ range, interval: q.interval });
        // Scores exist for the series the detector follows; for any other combination every bucket is null.
        return context.repositories.detection.scoreSeries(
          seriesKey(q.of, source, q.topic),
          range.fromMs,
          range.toMs,
          INTERVALS[interval],
        );
      }
      return context.series.query({
        metric: q.metric,
        source: q.source,
        channel: q.channel,
        topic: q.topic,
        range: resolveRange(q.from, q.to, context.config.timezone),
        interval: q.interval,
      });
    },
  );

  app.get(
    '/series/breakdown',
    { schema: { querystring: BreakdownSeriesQuery, response: { 200: BreakdownRows } } },
    async (request) => {
      const q = request.query;
      return context.series.queryByKey({
        by: q.by,
        keys: async () =>
          q.by === 'source'
            ? context.repositories.sources.kinds()
            : context.taxonomy.topics.map((topic) => topic.id),
        metric: q.metric,
        source: q.source,
        channel: q.channel,
        topic: q.topic,
        range: resolveRange(q.from, q.to, context.config.timezone),
        interval: q.interval,
      });
    },
  );

  app.get(
    '/topics',
    { schema: { querystring: TopicsQuery, response: { 200: TopicsRows } } },
    async (request) => {
      const q = request.query;
      context.series.checkDimensions(q.source, 'all');
      const range = resolveRange(q.from, q.to, context.config.timezone);
      const rows = await context.repositories.rollups.breakdown({
        by: 'topic',
        sourceKind: q.source,
        topic: 'all',
        ...range,
      });
      return rows
        .filter((row) => topicLabel.has(row.key))
        .map((row) => ({
          topic: row.key,
          label: topicLabel.get(row.key) ?? row.key,
          volume: row.n,
          negative_share: metricValue('negative_share', row),
          positive_share: metricValue('positive_share', row),
          mean_score: metricValue('mean_score', row),
        }));
    },
  );

  app.get(
    '/mentions/top',
    {
      config: { role: 'analyst' },
      schema: { querystring: TopMentionsQuery, response: { 200: TopMentionsRows } },
    },
    async (request) => {
      const q = request.query;
      const page = await context.mentions.list(
        {
          range: resolveRange(q.from, q.to, context.config.timezone),
          source: q.source,
          topic: q.topic,
          q: null,
          limit: q.limit,
          cursor: null,
          sort: q.sort,
        },
        { apiKeyId: request.apiKey?.id ?? null, purpose: 'grafana.mentions.top' },
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
    },
  );

  app.get('/sources', { schema: { response: { 200: SourcesRows } } }, async () => {
    const now = Date.now();
    return (await context.repositories.sources.list()).map((source) => ({
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
  });

  app.get('/variables/topics', { schema: { response: { 200: VariableRows } } }, () => [
    { value: 'all', text: 'Alle onderwerpen' },
    ...context.taxonomy.topics.map((topic) => ({ value: topic.id, text: topic.label })),
  ]);

  app.get('/variables/sources', { schema: { response: { 200: VariableRows } } }, async () => [
    { value: 'all', text: 'Alle bronnen' },
    ...(await context.repositories.sources.kinds()).map((kind) => ({ value: kind, text: kind })),
  ]);

  app.get(
    '/summary',
    { schema: { querystring: SummaryQuery, response: { 200: SummaryRows } } },
    async (request) => {
      const q = request.query;
      const range = resolveRange(q.from, q.to, context.config.timezone);
      const [sums, openAlerts] = await Promise.all([
        context.series.total({ source: q.source, topic: q.topic, range }),
        context.alerts.countOpen(),
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
    },
  );

  app.get(
    '/alerts',
    { schema: { querystring: AlertsTableQuery, response: { 200: AlertsTableRows } } },
    async (request) => {
      const q = request.query;
      const range = resolveRange(q.from, q.to, context.config.timezone);
      const alerts = await context.alerts.list({
        ...range,
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
    },
  );

  app.get(
    '/annotations',
    { schema: { querystring: AnnotationsQuery, response: { 200: AnnotationRows } } },
    async (request) => {
      const q = request.query;
      const range = resolveRange(q.from, q.to, context.config.timezone);
      context.series.checkDimensions('all', q.topic);
      const rows: { time: number; timeEnd: number | null; title: string; text: string; tags: string }[] = [];
      if (q.kind === 'alerts' || q.kind === 'all') {
        const alerts = await context.alerts.list({ ...range, kind: null, state: null, limit: 1_000 });
        for (const alert of alerts) {
          const topic = typeof alert.details.topic === 'string' ? alert.details.topic : null;
          if (q.topic !== 'all' && topic !== q.topic) continue;
          const row = alertRow(alert);
          const last = row.events.at(-1)?.message as { headline?: string } | undefined;
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
        rows.push(...(await context.measures.annotations.annotations(range, q.topic)));
      }
      return rows.sort((a, b) => a.time - b.time);
    },
  );

  app.get(
    '/measures',
    { schema: { querystring: GrafanaMeasuresQuery, response: { 200: GrafanaMeasuresRows } } },
    async (request) => {
      const q = request.query;
      const list = await context.measures.editing.list({
        ...resolveRange(q.from, q.to, context.config.timezone),
        level: q.level === undefined || q.level === 'all' || q.level === '' ? null : q.level,
        direction: null,
        topic: q.topic === 'all' ? null : q.topic,
        limit: 5_000,
      });
      return list.map((measure) => ({
        time: context.measures.annotations.anchorMs(measure),
        timeEnd: context.measures.annotations.untilMs(measure),
        level: measure.level,
        title: measure.title,
        direction: measure.direction,
        topics: measure.topics.join(','),
        url: measure.sourceUrl,
      }));
    },
  );

  app.get(
    '/measures/effects',
    { schema: { querystring: GrafanaEffectsQuery, response: { 200: GrafanaEffectsRows } } },
    async (request) => {
      const q = request.query;
      const { reports } = await context.measures.effects.effects(
        {
          ...resolveRange(q.from, q.to, context.config.timezone),
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
    },
  );
  done();
};
