// GET /api/v1/terms/emerging: words and phrases that rose significantly in a period against the time before it.
import { Type, type FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import { parseDuration } from '../../../config/duration.js';
import { badRequest } from '../../../request-error.js';
import { resolveRange } from '../../../series/range.js';
import type { ApiDeps } from '../../api-deps.js';
import { InputErrors } from '../../schemas/error.schema.js';
import { TimeParam } from '../../schemas/series.schema.js';

const TermsQuery = Type.Object(
  {
    from: Type.Optional(TimeParam),
    to: Type.Optional(TimeParam),
    source: Type.String({ default: 'all' }),
    topic: Type.String({ default: 'all' }),
    baseline: Type.String({ default: '7d', description: 'how far back the comparison reaches, e.g. 7d' }),
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
  },
  { additionalProperties: false },
);

const TermRow = Type.Object({
  term: Type.String(),
  window_count: Type.Integer(),
  baseline_count: Type.Integer(),
  ratio: Type.Number(),
  g2: Type.Number(),
});

export const termsRoutes: FastifyPluginCallbackTypebox<{ deps: ApiDeps }> = (app, { deps }, done) => {
  app.get(
    '/terms/emerging',
    { schema: { querystring: TermsQuery, response: { 200: Type.Array(TermRow), ...InputErrors } } },
    async (request) => {
      const q = request.query;
      const now = Date.now();
      const range = resolveRange(q.from ?? String(now - 86_400_000), q.to, deps.context.config.timezone, now);
      deps.context.series.checkDimensions(q.source, q.topic);
      let baselineMs: number;
      try {
        baselineMs = parseDuration(q.baseline);
      } catch (error) {
        throw badRequest(`baseline: ${(error as Error).message}`);
      }
      const terms = await deps.context.terms.emerging({
        ...range,
        sourceKind: q.source === 'all' ? null : q.source,
        topic: q.topic === 'all' ? null : q.topic,
        baselineMs,
        limit: q.limit,
      });
      return terms.map((term) => ({
        term: term.term,
        window_count: term.windowCount,
        baseline_count: term.baselineCount,
        ratio: term.ratio,
        g2: term.g2,
      }));
    },
  );
  done();
};
