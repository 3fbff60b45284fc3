// What a worker tells about its jobs: one log line per job run with its ids (jobId, sourceId), its duration in the
// job histogram, and the metrics listener a worker role serves without an API, behind the same token.
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppContext, type AppContext } from '../../services/app-context.js';
import type { Env } from '../../services/config/env.js';
import { QUEUE_NAMES } from '../../services/jobs/catalogue.js';
import { Queues } from '../../services/jobs/queues.js';
import { startWorkers, type WorkerPool } from '../../workers/worker-pool.js';
import { startRoles } from '../../workers/roles.js';
import { startFakeSources, SOURCE_IDS, type FakeSources } from '../fakes/fake-sources.js';
import { createTestEnv } from '../support/context.js';
import type { TestDatabase } from '../support/postgres.js';
import { parseSamples, sample } from '../support/metrics.js';

const TOKEN = 'worker-metrics-token-for-this-test-0123456789';
const MASTODON = SOURCE_IDS.mastodon;

let fakes: FakeSources;
let env: Env;
let database: TestDatabase;
let context: AppContext;
let redis: Redis;
let workerRedis: Redis;
let queues: Queues;
let pool: WorkerPool | undefined;
const lines: Record<string, unknown>[] = [];

beforeAll(async () => {
  fakes = await startFakeSources();
  Object.assign(process.env, fakes.env);
  const made = await createTestEnv(fakes.yaml({ every: '1h', timeout: '2s' }), {
    ONDERSTROOM_METRICS_TOKEN: TOKEN,
    ONDERSTROOM_METRICS_PORT: '0',
  });
  env = made.env;
  database = made.database;
  const log = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line) as never) });
  context = await createAppContext(env, { log, migrate: false });
  const url = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  redis = new Redis(url, { maxRetriesPerRequest: 1 });
  workerRedis = new Redis(url, { maxRetriesPerRequest: null });
  queues = new Queues(redis, env.queuePrefix);
}, 60_000);

afterAll(async () => {
  await pool?.close();
  for (const name of QUEUE_NAMES) await queues?.queue(name).obliterate({ force: true });
  await queues?.close();
  redis?.disconnect();
  workerRedis?.disconnect();
  await context?.close();
  await database?.drop();
  await fakes?.stop();
});

/** Polls `find` until it returns something, for up to a generous minute (a loaded machine is slow, not wrong). */
async function eventually<T>(find: () => T | undefined, what: string): Promise<T> {
  const until = Date.now() + 60_000;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > until) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const jobLines = (name: string) => lines.filter((line) => line.job === name && 'outcome' in line);

describe('the worker pool', () => {
  it('logs one line per job with its name, jobId, queue, sourceId, duration and outcome, and times it', async () => {
    pool = startWorkers(context, workerRedis, env.queuePrefix);
    const before = parseSamples((await context.metrics.exposition()).body);
    await queues.add('poll.source', { sourceId: MASTODON }, { jobId: 'metrics-poll-1' });
    const line = await eventually(() => jobLines('poll.source')[0], 'the log line of the poll job');
    expect(line).toMatchObject({
      job: 'poll.source',
      jobId: 'metrics-poll-1',
      queue: 'poll',
      sourceId: MASTODON,
      outcome: 'completed',
      attempt: 1,
      level: 30,
      msg: 'job poll.source completed',
    });
    expect(typeof line.ms).toBe('number');
    const after = parseSamples((await context.metrics.exposition()).body);
    const labels = { queue: 'poll', job: 'poll.source', outcome: 'completed' };
    expect(
      sample(after, 'onderstroom_job_duration_seconds_count', labels) -
        sample(before, 'onderstroom_job_duration_seconds_count', labels),
    ).toBe(1);
    // The poll itself stored the fake's posts: the job really ran.
    expect(sample(after, 'onderstroom_mentions_stored_total', { source_kind: 'mastodon' })).toBe(2);
  });

  it('logs a failed job once, as failed, with its jobId', async () => {
    const worker = pool!.workers.find((candidate) => candidate.name === 'poll')!;
    // Listeners run in the order they were added: once this one hears the event, the pool's own has run.
    const failedEvent = new Promise<void>((resolve) =>
      worker.on('failed', (job) => {
        if (job?.id === 'metrics-stray-1') resolve();
      }),
    );
    await queues.queue('poll').add('no.such.job', {}, { jobId: 'metrics-stray-1' });
    await failedEvent;
    const line = jobLines('no.such.job')[0];
    expect(line).toMatchObject({ jobId: 'metrics-stray-1', queue: 'poll', outcome: 'failed', level: 40 });
    expect(line).not.toHaveProperty('sourceId');
    expect(lines.filter((entry) => entry.jobId === 'metrics-stray-1')).toHaveLength(1);
    const samples = parseSamples((await context.metrics.exposition()).body);
    expect(
      sample(samples, 'onderstroom_job_duration_seconds_count', {
        queue: 'poll',
        job: 'unknown',
        outcome: 'failed',
      }),
    ).toBe(1);
  });
});

describe('the worker role', () => {
  it('serves /metrics on its own port, behind the metrics token', async () => {
    const running = await startRoles(env, 'worker');
    try {
      expect(running.api).toBeNull();
      expect(running.metricsPort).not.toBeNull();
      const url = `http://127.0.0.1:${running.metricsPort}`;
      expect((await fetch(`${url}/metrics`)).status).toBe(401);
      const wrong = await fetch(`${url}/metrics`, { headers: { authorization: 'Bearer not-the-token' } });
      expect(wrong.status).toBe(401);
      expect((await fetch(`${url}/other`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(
        404,
      );
      const answer = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(answer.status).toBe(200);
      const samples = parseSamples(await answer.text());
      expect(samples.has('process_resident_memory_bytes')).toBe(true);
      expect(samples.has('onderstroom_queue_jobs{queue="poll",state="failed"}')).toBe(true);
    } finally {
      await running.stop();
    }
  });

  it('has no listener without a token', async () => {
    const running = await startRoles({ ...env, metricsToken: null }, 'worker');
    try {
      expect(running.metricsPort).toBeNull();
    } finally {
      await running.stop();
    }
  });
});
