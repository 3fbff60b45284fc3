// GET /api/v1/sources (admin): per source its state, last success and error, items stored, lag, next poll and
// where its coverage starts.
import { Type, type FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import type { ApiDeps } from '../../api-deps.js';
import { KeyErrors } from '../../schemas/error.schema.js';

const When = Type.Union([Type.String({ format: 'date-time' }), Type.Null()]);

export const SourceStatusRow = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  configured: Type.Boolean(),
  enabled: Type.Boolean(),
  state: Type.String({ description: 'idle, ok, failing, needs_attention or disabled' }),
  every: Type.Union([Type.String(), Type.Null()]),
  polling_now: Type.Boolean(),
  last_poll_at: When,
  last_success_at: When,
  last_error_at: When,
  last_error: Type.Union([Type.String(), Type.Null()]),
  last_error_kind: Type.Union([Type.String(), Type.Null()]),
  consecutive_failures: Type.Integer(),
  items_stored: Type.Integer(),
  newest_item_at: When,
  lag_seconds: Type.Union([Type.Integer(), Type.Null()]),
  next_poll_at: When,
  backoff_until: When,
  coverage_from: Type.Union([When], {
    description:
      'from when the source covers its feed: its backfill window, or later where a page cap cut the walk',
  }),
});

export const sourcesRoutes: FastifyPluginCallbackTypebox<{ deps: ApiDeps }> = (app, { deps }, done) => {
  app.get(
    '/sources',
    {
      config: { role: 'admin' },
      schema: {
        tags: ['sources'],
        summary: 'State of every configured source',
        response: { 200: Type.Array(SourceStatusRow), ...KeyErrors },
      },
    },
    async () => deps.context.sourceStatus.list(),
  );
  done();
};
