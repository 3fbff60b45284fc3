// GET /api/v1/terms/emerging: words and phrases that rose significantly in a period against the time before it.
import { Type, type FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
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
    {
      schema: {
        tags: ['terms'],
        summary: 'Words and phrases that rose against the week before',
        querystring: TermsQuery,
        response: { 200: Type.Array(TermRow), ...InputErrors },
      },
    },
    async (request) => deps.context.termsRequests.emerging(request.query),
  );
  done();
};
