// GET /health: database, Redis and scheduler state, without a key (for load balancers and compose healthchecks).
// It answers 503 only when the database or Redis is unreachable: it is the liveness check of compose. A stalled
// schedule is reported in `scheduler` (status 'stale') and makes GET /health/scheduler a 503, to alert on.
import { Type, type FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import type { ApiDeps } from '../../api-deps.js';
import { ErrorResponse } from '../../schemas/error.schema.js';
import type { SchedulerHealth } from '../../../scheduling/schedule-health.js';

const Time = Type.Union([Type.String(), Type.Null()]);
const SchedulerReport = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('stale'), Type.Literal('unknown')]),
  last_detect_run_at: Time,
  schedules: Type.Array(
    Type.Object({
      schedule: Type.String(),
      every_ms: Type.Number(),
      last_run_at: Time,
      stale: Type.Boolean(),
    }),
  ),
  sources: Type.Array(Type.Object({ id: Type.String(), last_poll_at: Time, stale: Type.Boolean() })),
  stale: Type.Array(Type.String()),
  error: Type.Optional(Type.String()),
});

const HealthResponse = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('degraded')]),
  database: Type.String(),
  redis: Type.String(),
  scheduler: SchedulerReport,
});

async function databaseHealth(deps: ApiDeps): Promise<string> {
  try {
    await deps.context.pingDatabase();
    return 'ok';
  } catch (error) {
    return `unreachable: ${(error as Error).message}`;
  }
}

type SchedulerReportValue = Omit<SchedulerHealth, 'status'> & {
  status: SchedulerHealth['status'] | 'unknown';
  error?: string;
};

async function schedulerHealth(deps: ApiDeps): Promise<SchedulerReportValue> {
  try {
    return await deps.context.scheduling.health();
  } catch (error) {
    const empty = { last_detect_run_at: null, schedules: [], sources: [], stale: [] };
    return { status: 'unknown', ...empty, error: `cannot read the schedules: ${(error as Error).message}` };
  }
}

export const healthRoutes: FastifyPluginCallbackTypebox<{ deps: ApiDeps }> = (app, { deps }, done) => {
  app.get(
    '/health',
    {
      config: { role: 'public' },
      schema: {
        tags: ['health'],
        summary: 'Database, Redis and scheduler state',
        response: { 200: HealthResponse, 503: HealthResponse, 500: ErrorResponse },
      },
    },
    async (_request, reply) => {
      const [database, redis, scheduler] = await Promise.all([
        databaseHealth(deps),
        deps.redisHealth(),
        schedulerHealth(deps),
      ]);
      const ok = database === 'ok' && redis === 'ok';
      return reply
        .status(ok ? 200 : 503)
        .send({ status: ok ? 'ok' : 'degraded', database, redis, scheduler });
    },
  );
  app.get(
    '/health/scheduler',
    {
      config: { role: 'public' },
      schema: {
        tags: ['health'],
        summary: 'The scheduler alone; 503 when a schedule is stale',
        response: { 200: SchedulerReport, 503: SchedulerReport, 500: ErrorResponse },
      },
    },
    async (_request, reply) => {
      const scheduler = await schedulerHealth(deps);
      return reply.status(scheduler.status === 'ok' ? 200 : 503).send(scheduler);
    },
  );
  done();
};
