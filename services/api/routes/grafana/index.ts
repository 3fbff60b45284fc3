// /grafana/*: flat JSON rows for Grafana's Infinity datasource (backend parser). Contract: README.md here.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { ApiDeps } from '../../app.js';
import { resolveRange } from '../../../series/range.js';
import { metricValue } from '../../../series/series.js';
import { badRequest } from '../../../request-error.js';
import { SeriesRows } from '../../schemas/series.schema.js';
import {
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

export const grafanaRoutes: FastifyPluginAsyncTypebox<{ deps: ApiDeps }> = async (app, { deps }) => {
  const { context } = deps;
  const topicLabel = new Map(context.taxonomy.topics.map((topic) => [topic.id, topic.label]));

  app.get(
    '/series',
    { schema: { querystring: GrafanaSeriesQuery, response: { 200: SeriesRows } } },
    async (request) => {
      const q = request.query;
      if (q.metric === 'anomaly') throw badRequest('metric: anomaly scores are not computed yet');
      return context.series.series({
        metric: q.metric,
        source: q.source,
        topic: q.topic,
        range: resolveRange(q.from, q.to),
        interval: q.interval,
      });
    },
  );

  app.get(
    '/series/breakdown',
    { schema: { querystring: BreakdownSeriesQuery, response: { 200: BreakdownRows } } },
    async (request) => {
      const q = request.query;
      const range = resolveRange(q.from, q.to);
      const keys =
        q.by === 'source'
          ? await context.repositories.sources.kinds()
          : context.taxonomy.topics.map((topic) => topic.id);
      const rows: { time: number; key: string; value: number | null }[] = [];
      for (const key of keys) {
        const series = await context.series.sums({
          source: q.by === 'source' ? key : q.source,
          topic: q.by === 'topic' ? key : q.topic,
          range,
          interval: q.interval,
        });
        for (const { time, sums } of series) rows.push({ time, key, value: metricValue(q.metric, sums) });
      }
      return rows.sort((a, b) => a.time - b.time || a.key.localeCompare(b.key));
    },
  );

  app.get(
    '/topics',
    { schema: { querystring: TopicsQuery, response: { 200: TopicsRows } } },
    async (request) => {
      const q = request.query;
      context.series.checkDimensions(q.source, 'all');
      const range = resolveRange(q.from, q.to);
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
          range: resolveRange(q.from, q.to),
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
};
