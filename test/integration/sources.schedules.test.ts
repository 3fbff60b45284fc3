// Schedules survive a flushed Redis: the scheduler reconciles them on a timer (not only on reconnect), workers run
// them again, and /health reports the scheduler (last detect run, last poll per source, stale schedules).
import { sql } from 'kysely';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Api } from '../../services/api/app.js';
import { buildCheckedApi } from '../support/openapi.js';
import { producerConnection, workerConnection } from '../../services/jobs/redis-connection.js';
import { QUEUE_NAMES } from '../../services/jobs/catalogue.js';
import { Queues } from '../../services/jobs/queues.js';
import { startWorkers, type WorkerPool } from '../../workers/worker-pool.js';
import { startScheduleReconciler, upsertSchedules } from '../../workers/scheduler.js';
import { createTestContext, type TestContext } from '../support/context.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
let t: TestContext;
let api: Api;
let producer: Redis;
let workerRedis: Redis;
let queues: Queues;
let workers: WorkerPool | null = null;
let reconciler: { stop(): Promise<void> } | null = null;

beforeAll(async () => {
  // A disabled source keeps its poll out of the queue (nothing to fetch); the four pipeline schedules remain.
  t = await createTestContext(`sources:
  - id: gemeente-rss
    kind: rss
    url: http://127.0.0.1:9/feed
    every: 1m
    enabled: false
`);
  producer = producerConnection(REDIS_URL);
  queues = new Queues(producer, t.env.queuePrefix);
  api = await buildCheckedApi(
    { context: t.context, redisHealth: () => Promise.resolve('ok') },
    { logger: false },
  );
});
afterAll(async () => {
  await reconciler?.stop();
  await workers?.close();
  await api?.close();
  for (const name of QUEUE_NAMES) await queues?.queue(name).obliterate({ force: true });
  await queues?.close();
  producer?.disconnect();
  workerRedis?.disconnect();
  await t?.close();
});

const PIPELINE = [
  'detect:early',
  'detect:tick',
  'faqs:decide',
  'maintenance:expire-text',
  'maintenance:partitions',
  'maintenance:sessions',
  'maintenance:uploads',
  'notify:deliver',
  'reports:tick',
];

/** FLUSHALL for this test's prefix only: the shared Redis keeps everyone else's keys. */
async function flushPrefix(): Promise<number> {
  let deleted = 0;
  let cursor = '0';
  do {
    const [next, keys] = await producer.scan(cursor, 'MATCH', `${t.env.queuePrefix}:*`, 'COUNT', 500);
    cursor = next;
    if (keys.length > 0) deleted += await producer.del(...keys);
  } while (cursor !== '0');
  return deleted;
}

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`${what} did not happen within 20 s; last: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('a flushed Redis', () => {
  it('gets its schedules back by themselves, and the jobs run again', async () => {
    await upsertSchedules(t.context, queues);
    expect((await queues.schedulerIds()).sort()).toEqual(PIPELINE);
    reconciler = startScheduleReconciler(t.context, queues, 200);

    // Redis loses everything without a reconnect (FLUSHALL, or restored from an empty snapshot).
    expect(await flushPrefix()).toBeGreaterThan(0);
    expect(await queues.schedulerIds()).toEqual([]);
    await eventually(
      async () => (await queues.schedulerIds()).sort(),
      (ids) => ids.length === PIPELINE.length,
      'the schedules coming back',
    );
    expect((await queues.schedulerIds()).sort()).toEqual(PIPELINE);

    // Workers pick them up: each run is recorded in Postgres, which /health reads.
    workerRedis = workerConnection(REDIS_URL);
    workers = startWorkers(t.context, workerRedis, t.env.queuePrefix);
    const health = await eventually(
      async () =>
        (await api.inject({ url: '/health' })).json<{ scheduler: { last_detect_run_at: string | null } }>(),
      (body) => body.scheduler.last_detect_run_at !== null,
      'a detection run after the flush',
    );
    expect(health).toMatchObject({ status: 'ok', scheduler: { status: 'ok', stale: [] } });
  });
});

describe('a schedule whose job moved to another queue', () => {
  it('is taken off the old queue, where its job would fail, and scheduled on the new one', async () => {
    // As an older version left it: detect.early on the detect queue.
    await queues
      .queue('detect')
      .upsertJobScheduler('detect:early', { every: 15_000 }, { name: 'detect.early', data: {} });
    const { removed } = await upsertSchedules(t.context, queues);
    expect(removed).toEqual(['detect:early']);
    expect((await queues.queue('detect').getJobSchedulers()).map((s) => s.key)).toEqual(['detect:tick']);
    expect((await queues.queue('detect-early').getJobSchedulers()).map((s) => s.key)).toEqual([
      'detect:early',
    ]);
    expect((await queues.schedulerIds()).sort()).toEqual(PIPELINE);
  });
});

describe('/health reports the scheduler', () => {
  it('flags a schedule that stopped running, stays 200 for liveness, and /health/scheduler answers 503', async () => {
    await sql`update scheduled_jobs set scheduled_at = now() - interval '1 hour', last_run_at = now() - interval '10 minutes'
      where schedule_id = 'detect:tick'`.execute(t.context.database.db);
    const health = await api.inject({ url: '/health' });
    expect(health.statusCode).toBe(200);
    const body = health.json<{
      status: string;
      scheduler: { status: string; stale: string[]; last_detect_run_at: string; sources: unknown[] };
    }>();
    expect(body.status).toBe('ok');
    expect(body.scheduler.status).toBe('stale');
    expect(body.scheduler.stale).toEqual(['detect:tick']);
    expect(Date.now() - Date.parse(body.scheduler.last_detect_run_at)).toBeGreaterThan(9 * 60_000);
    const scheduler = await api.inject({ url: '/health/scheduler' });
    expect(scheduler.statusCode).toBe(503);
    expect(scheduler.json()).toMatchObject({ status: 'stale', stale: ['detect:tick'] });
  });

  it('lists the last poll of each polled source and flags one whose schedule stalled', async () => {
    await t.context.scheduling.kept([
      { scheduleId: 'poll:gemeente-rss', everyMs: 60_000 },
      { scheduleId: 'detect:tick', everyMs: 60_000 },
    ]);
    await sql`update scheduled_jobs set scheduled_at = now() - interval '1 hour' where schedule_id = 'poll:gemeente-rss'`.execute(
      t.context.database.db,
    );
    await sql`update sources set last_poll_at = now() - interval '1 hour' where id = 'gemeente-rss'`.execute(
      t.context.database.db,
    );
    const body = (await api.inject({ url: '/health/scheduler' })).json<{
      sources: { id: string; last_poll_at: string; stale: boolean }[];
    }>();
    expect(body.sources).toEqual([
      { id: 'gemeente-rss', last_poll_at: expect.any(String) as unknown, stale: true },
    ]);
  });
});
