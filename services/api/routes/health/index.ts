// GET /health: database and Redis state, without a key (for load balancers and compose healthchecks).
import { Type, type FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import { sql } from 'kysely';
import type { ApiDeps } from '../../app.js';

const HealthResponse = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('degraded')]),
  database: Type.String(),
  redis: Type.String(),
});

async function databaseHealth(deps: ApiDeps): Promise<string> {
  try {
    await sql`select 1`.execute(deps.context.database.db);
    return 'ok';
  } catch (error) {
    return `unreachable: ${(error as Error).message}`;
  }
}

export const healthRoutes: FastifyPluginCallbackTypebox<{ deps: ApiDeps }> = (app, { deps }, done) => {
  app.get(
    '/health',
    { config: { role: 'public' }, schema: { response: { 200: HealthResponse, 503: HealthResponse } } },
    async (_request, reply) => {
      const [database, redis] = await Promise.all([databaseHealth(deps), deps.redisHealth()]);
      const ok = database === 'ok' && redis === 'ok';
      return reply.status(ok ? 200 : 503).send({ status: ok ? 'ok' : 'degraded', database, redis });
    },
  );
  done();
};
