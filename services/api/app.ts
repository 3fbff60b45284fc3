// The API as a Fastify plugin tree: built here, started by server.ts (or injected into by tests).
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import fp from 'fastify-plugin';
import type { Logger } from 'pino';
import type { ApiDeps } from './api-deps.js';
import { authPlugin } from './plugins/auth.plugin.js';
import { errorsPlugin } from './plugins/errors.plugin.js';
import { logResponse } from './plugins/request-log.js';
import { metricsPlugin } from './plugins/metrics.plugin.js';
import { openApiPlugin } from './plugins/openapi.plugin.js';
import { docsRoutes } from './routes/docs/index.js';
import { queueBoardRoutes } from './routes/queues/index.js';
import { healthRoutes } from './routes/health/index.js';
import { keysRoutes } from './routes/keys/index.js';
import { mentionsRoutes } from './routes/mentions/index.js';
import { seriesRoutes } from './routes/series/index.js';
import { grafanaRoutes } from './routes/grafana/index.js';
import { alertsRoutes } from './routes/alerts/index.js';
import { termsRoutes } from './routes/terms/index.js';
import { sourcesRoutes } from './routes/sources/index.js';
import { measuresRoutes } from './routes/measures/index.js';
import { questionsRoutes } from './routes/questions/index.js';
import { analysesRoutes } from './routes/analyses/index.js';
import { reportsRoutes } from './routes/reports/index.js';
import { faqsRoutes, publicFaqsRoutes } from './routes/faqs/index.js';
import { faqPages } from '../web/faq-pages.js';
import { faqGapPages } from '../web/faq-gap-pages.js';
import { importsRoutes } from './routes/imports/index.js';
import { importPages, questionPages, reportPages, webRoutes } from '../web/index.js';

/**
 * Every hook, plugin and route of the API. buildApi registers it into its Fastify instance; the test of declared
 * responses registers it into one with an onRoute hook, so it sees every route there is.
 */
export const apiPlugin = fp(async (app: FastifyInstance, { deps }: { deps: ApiDeps }) => {
  app.addHook('onResponse', logResponse);
  // First: it collects every route registered after it into the OpenAPI document.
  await app.register(openApiPlugin);
  await app.register(errorsPlugin);
  await app.register(metricsPlugin, { metrics: deps.context.metrics, token: deps.context.env.metricsToken });
  await app.register(authPlugin, { apiKeys: deps.context.apiKeys });
  await app.register(healthRoutes, { deps });
  await app.register(seriesRoutes, { prefix: '/api/v1', deps });
  await app.register(mentionsRoutes, { prefix: '/api/v1', deps });
  await app.register(keysRoutes, { prefix: '/api/v1', deps });
  await app.register(alertsRoutes, { prefix: '/api/v1', deps });
  await app.register(termsRoutes, { prefix: '/api/v1', deps });
  await app.register(sourcesRoutes, { prefix: '/api/v1', deps });
  await app.register(measuresRoutes, { prefix: '/api/v1', deps });
  await app.register(questionsRoutes, { prefix: '/api/v1', deps });
  await app.register(analysesRoutes, { prefix: '/api/v1', deps });
  await app.register(reportsRoutes, { prefix: '/api/v1', deps });
  await app.register(faqsRoutes, { prefix: '/api/v1', deps });
  await app.register(publicFaqsRoutes, { deps });
  await app.register(importsRoutes, { prefix: '/api/v1', deps });
  await app.register(grafanaRoutes, { prefix: '/grafana', deps });
  await app.register(docsRoutes, { deps });
  // The BullMQ board, where the process has the queues (the API role); admins only.
  if (deps.queues) await app.register(queueBoardRoutes, { deps, queues: deps.queues });
  // The web pages at `/` (sign-in, start, users, questions); they use sessions, not API keys.
  await app.register(webRoutes, {
    deps,
    extensions: [
      questionPages({
        questions: deps.context.questions.questions,
        searchFaqs: async (text) =>
          (await deps.context.faqs.matching.match(text, 10)).matches.map((found) => ({
            id: found.faqId,
            question: found.question,
          })),
        topics: deps.context.taxonomy.topics.map((topic) => ({ id: topic.id, label: topic.label })),
        teams: deps.context.config.questions.teams,
        timeZone: deps.context.config.timezone,
      }),
      faqGapPages({
        gaps: deps.context.faqs.gaps,
        topics: deps.context.taxonomy.topics.map((topic) => ({ id: topic.id, label: topic.label })),
        timeZone: deps.context.config.timezone,
      }),
      faqPages({
        faqs: deps.context.faqs.faqs,
        topics: deps.context.taxonomy.topics.map((topic) => ({ id: topic.id, label: topic.label })),
        teams: deps.context.config.questions.teams,
        measureTitle: (id) =>
          deps.context.measures.editing.get(id).then(
            (found) => found.measure.title,
            () => null,
          ),
        timeZone: deps.context.config.timezone,
      }),
      importPages({
        importQueue: deps.context.importQueue,
        importJobs: deps.importJobs,
        timeZone: deps.context.config.timezone,
      }),
      reportPages({ weeklyReport: deps.context.weeklyReport, timeZone: deps.context.config.timezone }),
    ],
  });
});

export type Api = Awaited<ReturnType<typeof buildApi>>;

export async function buildApi(deps: ApiDeps, options: { logger?: Logger | false } = {}) {
  const app = Fastify({
    loggerInstance: options.logger === false ? undefined : (options.logger ?? deps.context.log),
    // One line per request, from the onResponse hook below, instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    // Requests that hang are cut; a 1 GiB export upload over a slow line needs minutes (headers still must
    // arrive within Node's 60 s headersTimeout). A batch of pushed mentions fits comfortably in 10 MB.
    requestTimeout: 15 * 60_000,
    bodyLimit: 10 * 1024 * 1024,
    ajv: { customOptions: { coerceTypes: true, removeAdditional: false, allErrors: true } },
    // Behind a TLS proxy (web.behind_proxy) the client address and https come from X-Forwarded-*.
    trustProxy: deps.context.config.web.behind_proxy,
  }).withTypeProvider<TypeBoxTypeProvider>();
  await app.register(apiPlugin, { deps });
  return app;
}
