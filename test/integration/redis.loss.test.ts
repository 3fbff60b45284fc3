// Losing Redis as docs/operations.md describes it: every key of this test's prefix is deleted (FLUSHALL for one
// installation; the shared Redis keeps everyone else's keys) while a poll is in flight. The poll's work is in
// Postgres already or lands there when it ends; the scheduler, started again, puts every schedule back; later posts
// are stored, and nothing is stored or counted twice.
import fs from 'node:fs';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEnv, type Env } from '../../services/config/env.js';
import { connectDatabase, type DatabaseHandle } from '../../services/db/client.js';
import { producerConnection } from '../../services/jobs/redis-connection.js';
import { startRoles, type RunningRoles } from '../../workers/roles.js';
import { expectedSchedules } from '../../workers/scheduler.js';
import { Queues } from '../../services/jobs/queues.js';
import { FakeRss } from '../fakes/fake-rss.js';
import { waitFor } from '../support/cli.js';
import { createTestEnv } from '../support/context.js';
import { deletePrefix } from '../support/redis-prefix.js';
import { recomputedRollups, storedRollups } from '../support/mentions.js';
import type { TestDatabase } from '../support/postgres.js';

let rss: FakeRss;
let env: Env;
let database: TestDatabase;
let dir: string;
let redis: Redis;
let queues: Queues;
let handle: DatabaseHandle;
let scheduler: RunningRoles | null = null;
let worker: RunningRoles | null = null;
const workerErrors: string[] = [];

/** FLUSHALL for this test's prefix only. */
function flushPrefix(): Promise<number> {
  return deletePrefix(redis, env.queuePrefix);
}

async function stored(): Promise<{ n: number; distinct: number }> {
  const { rows } = await handle.pool.query<{ n: string; distinct_ids: string }>(
    `select count(*) as n, count(distinct external_id) as distinct_ids from mentions where source_id = 'rss-vr'`,
  );
  return { n: Number(rows[0]!.n), distinct: Number(rows[0]!.distinct_ids) };
}

async function storedReaches(count: number): Promise<true | null> {
  return (await stored()).n === count ? true : null;
}

beforeAll(async () => {
  rss = new FakeRss();
  await rss.start();
  const created = await createTestEnv(`sources:
  - id: rss-vr
    kind: rss
    url: ${rss.url}/feed/
    every: 500ms
    timeout: 20s
    backfill: 0
`);
  ({ env, database, dir } = created);
  env = readEnv(created.variables, dir);
  redis = producerConnection(env.redisUrl);
  queues = new Queues(redis, env.queuePrefix);
  handle = connectDatabase(database.url, { max: 2 });
});

afterAll(async () => {
  await worker?.stop();
  await scheduler?.stop();
  if (redis) await flushPrefix();
  await queues?.close();
  redis?.disconnect();
  await handle?.close();
  await rss?.stop();
  await database?.drop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('Redis loses everything of this installation', () => {
  it('keeps what a poll in flight stored, and a restarted scheduler puts every schedule back', async () => {
    scheduler = await startRoles(env, 'scheduler');
    const expected = expectedSchedules(scheduler.context)
      .map((entry) => entry.id)
      .sort();
    expect(expected).toContain('poll:rss-vr');
    expect((await queues.schedulerIds()).sort()).toEqual(expected);
    worker = await startRoles(env, 'worker');
    for (const bull of worker.workers!.workers) bull.on('error', (error) => workerErrors.push(error.message));

    const first = await waitFor(async () => {
      const { rows } = await handle.pool.query<{ ok: boolean }>(
        `select last_success_at is not null as ok from sources where id = 'rss-vr'`,
      );
      return rows[0]?.ok ? (await stored()).n : null;
    }, 'the first poll of the feed');
    expect(first).toBeGreaterThan(0);

    // A poll in flight: its request waits while Redis loses every key of the prefix.
    const held = rss.hold();
    await waitFor(() => Promise.resolve(rss.waiting === 1 ? true : null), 'a poll waiting on the feed');
    rss.publish(3);
    expect(await flushPrefix()).toBeGreaterThan(0);
    expect(await queues.schedulerIds()).toEqual([]);
    held.release();
    // The poll ends and stores in Postgres; Redis has no job to finish any more, which only BullMQ notices.
    await waitFor(() => storedReaches(first + 3), 'the posts of the poll in flight');
    await waitFor(
      () =>
        Promise.resolve(
          workerErrors.some((message) => /Missing key for job repeat:poll:rss-vr/.test(message)) || null,
        ),
      'BullMQ to report that the finished job no longer exists',
    );

    // Without the scheduler nothing runs again; the scheduler started anew upserts every schedule.
    await scheduler.stop();
    scheduler = null;
    rss.publish(2);
    scheduler = await startRoles(env, 'scheduler');
    expect((await queues.schedulerIds()).sort()).toEqual(expected);
    await waitFor(() => storedReaches(first + 5), 'the posts published after the loss');

    const after = await stored();
    expect(after.distinct).toBe(after.n);
    expect(await storedRollups(handle.db)).toEqual(await recomputedRollups(handle.db));
  }, 120_000);
});
