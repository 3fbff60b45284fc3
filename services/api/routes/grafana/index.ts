// /grafana/*: flat JSON rows for Grafana's Infinity datasource (backend parser). Contract: README.md here.
// Each handler is one call to the Grafana service, which reads the rows from the modules that hold them.
import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import type { ApiDeps } from '../../api-deps.js';
import { InputErrors, KeyErrors } from '../../schemas/error.schema.js';
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
import { longRowsJson } from './long-rows.json.js';
import { grafanaQuestionRoutes } from './questions.js';

export const grafanaRoutes: FastifyPluginCallbackTypebox<{ deps: ApiDeps }> = (app, { deps }, done) => {
  const { grafana } = deps.context;
  void app.register(grafanaQuestionRoutes, { deps });

  app.get(
    '/series',
    {
      schema: {
        tags: ['grafana'],
        summary: 'A metric series or anomaly score as time rows',
        querystring: GrafanaSeriesQuery,
        response: { 200: SeriesRows, ...InputErrors },
      },
    },
    async (request) => grafana.series(request.query),
  );

  app.get(
    '/series/breakdown',
    {
      schema: {
        tags: ['grafana'],
        summary: 'A metric per bucket and source, topic or channel (long format)',
        querystring: BreakdownSeriesQuery,
        response: { 200: BreakdownRows, ...InputErrors },
      },
    },
    async (request, reply) => {
      const json = longRowsJson(await grafana.breakdown(request.query));
      // Already JSON text (long-rows.json.ts; the schema still documents it): Fastify sends a string typed as JSON
      // as it is, without its serializer. The type provider only knows the schema's rows, hence the cast.
      return reply.type('application/json; charset=utf-8').send(json as never);
    },
  );

  app.get(
    '/topics',
    {
      schema: {
        tags: ['grafana'],
        summary: 'Volume and sentiment per topic',
        querystring: TopicsQuery,
        response: { 200: TopicsRows, ...InputErrors },
      },
    },
    async (request) => grafana.topics(request.query),
  );

  app.get(
    '/mentions/top',
    {
      config: { role: 'analyst' },
      schema: {
        tags: ['grafana'],
        summary: 'The mentions with the largest reach or engagement, or the latest',
        querystring: TopMentionsQuery,
        response: { 200: TopMentionsRows, ...InputErrors },
      },
    },
    async (request) => grafana.topMentions(request.query, { apiKeyId: request.apiKey?.id ?? null }),
  );

  app.get(
    '/sources',
    {
      schema: {
        tags: ['grafana'],
        summary: 'Health and lag of every configured source',
        response: { 200: SourcesRows, ...KeyErrors },
      },
    },
    async () => grafana.sources(),
  );

  app.get(
    '/variables/topics',
    {
      schema: {
        tags: ['grafana'],
        summary: 'Values of the topic variable',
        response: { 200: VariableRows, ...KeyErrors },
      },
    },
    () => grafana.topicVariable(),
  );

  app.get(
    '/variables/sources',
    {
      schema: {
        tags: ['grafana'],
        summary: 'Values of the source variable',
        response: { 200: VariableRows, ...KeyErrors },
      },
    },
    async () => grafana.sourceVariable(),
  );

  app.get(
    '/summary',
    {
      schema: {
        tags: ['grafana'],
        summary: 'One row of totals over the range',
        querystring: SummaryQuery,
        response: { 200: SummaryRows, ...InputErrors },
      },
    },
    async (request) => grafana.summary(request.query),
  );

  app.get(
    '/alerts',
    {
      schema: {
        tags: ['grafana'],
        summary: 'Alerts as table rows',
        querystring: AlertsTableQuery,
        response: { 200: AlertsTableRows, ...InputErrors },
      },
    },
    async (request) => grafana.alerts(request.query),
  );

  app.get(
    '/annotations',
    {
      schema: {
        tags: ['grafana'],
        summary: 'Measures and alerts as annotation rows',
        querystring: AnnotationsQuery,
        response: { 200: AnnotationRows, ...InputErrors },
      },
    },
    async (request) => grafana.annotations(request.query),
  );

  app.get(
    '/measures',
    {
      schema: {
        tags: ['grafana'],
        summary: 'Measures as rows',
        querystring: GrafanaMeasuresQuery,
        response: { 200: GrafanaMeasuresRows, ...InputErrors },
      },
    },
    async (request) => grafana.measures(request.query),
  );

  app.get(
    '/measures/effects',
    {
      schema: {
        tags: ['grafana'],
        summary: 'Before/after effects per measure',
        querystring: GrafanaEffectsQuery,
        response: { 200: GrafanaEffectsRows, ...InputErrors },
      },
    },
    async (request) => grafana.effects(request.query),
  );
  done();
};
