// API request durations per route pattern, and GET /metrics behind ONDERSTROOM_METRICS_TOKEN (not registered
// without a token, so it is a 404). API keys do not open it: a scraper holds the metrics token only.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Metrics } from '../../metrics/metrics.js';
import { metricsTokenAccepted } from '../../metrics/metrics-token.js';
import { RequestError } from '../../request-error.js';

export const metricsPlugin = fp(
  (app: FastifyInstance, options: { metrics: Metrics; token: string | null }, done: () => void) => {
    app.addHook('onResponse', (request: FastifyRequest, reply: FastifyReply, next: () => void) => {
      // The pattern (/api/v1/alerts/:id), never the raw URL: one series per route, not per id or query.
      const route = request.routeOptions.url ?? 'unmatched';
      options.metrics.request(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
      next();
    });
    const token = options.token;
    if (token !== null) {
      app.get('/metrics', { config: { role: 'public' } }, async (request, reply) => {
        if (!metricsTokenAccepted(request.headers.authorization, token)) {
          void reply.header('www-authenticate', 'Bearer');
          throw new RequestError(
            401,
            'the metrics token is required: send "Authorization: Bearer <ONDERSTROOM_METRICS_TOKEN>"',
          );
        }
        const { contentType, body } = await options.metrics.exposition();
        return reply.type(contentType).send(body);
      });
    }
    done();
  },
);
