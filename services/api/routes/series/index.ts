// GET /api/v1/series: one metric of one series, one row per bucket (mentions per source, or questions per channel).
import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import type { ApiDeps } from '../../api-deps.js';
import { InputErrors } from '../../schemas/error.schema.js';
import { resolveRange } from '../../../series/range.js';
import { SeriesQuery, SeriesRows } from '../../schemas/series.schema.js';

export const seriesRoutes: FastifyPluginCallbackTypebox<{ deps: ApiDeps }> = (app, { deps }, done) => {
  app.get(
    '/series',
    {
      schema: {
        tags: ['series'],
        summary: 'One metric of one series, one row per bucket',
        querystring: SeriesQuery,
        response: { 200: SeriesRows, ...InputErrors },
      },
    },
    async (request) => {
      const q = request.query;
      return deps.context.series.query({
        metric: q.metric,
        source: q.source,
        channel: q.channel,
        topic: q.topic,
        range: resolveRange(q.from, q.to, deps.context.config.timezone),
        interval: q.interval,
      });
    },
  );
  done();
};
