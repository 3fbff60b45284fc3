// GET /metrics after real work: an import of the sample, polls of a fake Mastodon (one failing), a detection run,
// deliveries to a webhook that answers and one that fails; each counter moves by what the work did. The token.
import path from 'node:path';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Api } from '../../services/api/app.js';
import { buildCheckedApi } from '../support/openapi.js';
import { createAppContext, type AppContext } from '../../services/app-context.js';
import { QUEUE_NAMES } from '../../services/jobs/catalogue.js';
import { Queues } from '../../services/jobs/queues.js';
import { startFakeSources, SOURCE_IDS, type FakeSources } from '../fakes/fake-sources.js';
import { startHttpReceiver, type HttpReceiver } from '../fakes/receivers.js';
import { createTestEnv } from '../support/context.js';
import type { TestDatabase } from '../support/postgres.js';
import { parseSamples, sample, type Samples } from '../support/metrics.js';

const TOKEN = 'metrics-token-for-this-test-only-0123456789';
const SAMPLE_FILE = path.resolve('samples/obi4wan-sample.SYNTHETIC.csv');
const MASTODON = SOURCE_IDS.mastodon;

let fakes: FakeSources;
let hook: HttpReceiver;
let context: AppContext;
let database: TestDatabase;
let api: Api;
let redis: Redis;
let queues: Queues;

beforeAll(async () => {
  [fakes, hook] = await Promise.all([startFakeSources(), startHttpReceiver()]);
  Object.assign(process.env, fakes.env);
  const made = await createTestEnv(
    `${fakes.yaml({ every: '1s', timeout: '1s' })}
alerts:
  channels:
    - { id: hook, kind: webhook, url: "${hook.url}" }
  source_failures: { after: 1, channels: [hook] }
`,
    { ONDERSTROOM_METRICS_TOKEN: TOKEN },
  );
  database = made.database;
  context = await createAppContext(made.env, { log: pino({ level: 'warn' }), migrate: false });
  api = await buildCheckedApi({ context, redisHealth: () => Promise.resolve('ok') }, { logger: false });
  redis = new Redis(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: 1 });
  queues = new Queues(redis, made.env.queuePrefix);
  context.metrics.watchQueues(() => queues.counts());
}, 60_000);

afterAll(async () => {
  for (const name of QUEUE_NAMES) await queues?.queue(name).obliterate({ force: true });
  await queues?.close();
  redis?.disconnect();
  await api?.close();
  await context?.close();
  await database?.drop();
  await Promise.all([fakes?.stop(), hook?.close()]);
});

async function scrape(): Promise<Samples> {
  const answer = await api.inject({ url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
  expect(answer.statusCode).toBe(200);
  expect(answer.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
  return parseSamples(answer.body);
}

/** How much each named sample moved while `work` ran. */
async function moved(
  work: () => Promise<unknown>,
  ...wanted: [string, Record<string, string>][]
): Promise<number[]> {
  const before = await scrape();
  await work();
  const after = await scrape();
  return wanted.map(([name, labels]) => sample(after, name, labels) - sample(before, name, labels));
}

describe('GET /metrics', () => {
  it('answers 401 without the token and with a wrong one, and API keys do not open it', async () => {
    expect((await api.inject({ url: '/metrics' })).statusCode).toBe(401);
    const wrong = await api.inject({ url: '/metrics', headers: { authorization: `Bearer ${TOKEN}x` } });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json<{ message: string }>().message).toMatch(/ONDERSTROOM_METRICS_TOKEN/);
    const admin = (await context.apiKeys.create('admin', 'admin')).key;
    expect(
      (await api.inject({ url: '/metrics', headers: { authorization: `Bearer ${admin}` } })).statusCode,
    ).toBe(401);
  });

  it('is not there at all without a configured token', async () => {
    const bare = await buildCheckedApi(
      {
        context: { ...context, env: { ...context.env, metricsToken: null } },
        redisHealth: () => Promise.resolve('ok'),
      },
      { logger: false },
    );
    try {
      const answer = await bare.inject({ url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
      expect(answer.statusCode).toBe(404);
    } finally {
      await bare.close();
    }
  });

  it("shows the process's default metrics and the database pool", async () => {
    const samples = await scrape();
    expect(samples.has('process_cpu_user_seconds_total')).toBe(true);
    expect(samples.has('nodejs_heap_size_used_bytes')).toBe(true);
    expect(sample(samples, 'onderstroom_db_pool_clients', { state: 'total' })).toBeGreaterThanOrEqual(1);
    expect(samples.has('onderstroom_db_pool_clients{state="waiting"}')).toBe(true);
  });
});

describe('counters moved by real work', () => {
  it('an import of the sample counts its rows and stored mentions; importing again counts duplicates', async () => {
    const rows = (outcome: string) =>
      ['onderstroom_import_rows_total', { outcome }] as [string, Record<string, string>];
    const stored: [string, Record<string, string>] = [
      'onderstroom_mentions_stored_total',
      { source_kind: 'obi4wan' },
    ];
    let first: Awaited<ReturnType<AppContext['imports']['importFile']>> | undefined;
    const [imported, duplicate, rejected, mentions] = await moved(
      async () => (first = await context.imports.importFile(SAMPLE_FILE, { preset: 'auto' })),
      rows('imported'),
      rows('duplicate'),
      rows('rejected'),
      stored,
    );
    expect(first!.imported).toBe(2_000);
    expect([imported, duplicate, rejected, mentions]).toEqual([
      2_000,
      first!.duplicates,
      first!.rejected.length,
      2_000,
    ]);
    const again = await moved(
      () => context.imports.importFile(SAMPLE_FILE, { preset: 'auto' }),
      rows('imported'),
      rows('duplicate'),
      stored,
    );
    expect(again).toEqual([0, 2_000, 0]);
  });

  it('a poll counts its duration per source and what it stored; a failing poll an error and an alert', async () => {
    const polled = await moved(
      () => context.polls.poll(MASTODON),
      ['onderstroom_poll_duration_seconds_count', { source: MASTODON, result: 'polled' }],
      ['onderstroom_mentions_stored_total', { source_kind: 'mastodon' }],
    );
    expect(polled).toEqual([1, 2]);

    fakes.mastodon.fail(503);
    let outcome: Awaited<ReturnType<AppContext['polls']['poll']>> | undefined;
    const failed = await moved(
      async () => (outcome = await context.polls.poll(MASTODON)),
      ['onderstroom_poll_duration_seconds_count', { source: MASTODON, result: 'failed' }],
      ['onderstroom_poll_errors_total', { source: MASTODON, kind: 'transient' }],
      ['onderstroom_alerts_opened_total', { kind: 'source_failure' }],
    );
    expect(outcome).toMatchObject({ status: 'failed', kind: 'transient' });
    expect(failed).toEqual([1, 1, 1]);
  });

  it('a delivery counts per channel and outcome: delivered, then retried when the receiver fails', async () => {
    const delivered = await moved(
      () => context.deliveries.deliverDue(),
      ['onderstroom_deliveries_total', { channel: 'hook', outcome: 'delivered' }],
    );
    expect(delivered).toEqual([1]);
    expect(hook.accepted).toHaveLength(1);

    expect(await context.alerts.sourceRecovered(MASTODON)).not.toBeNull();
    hook.behave('fail');
    const retried = await moved(
      () => context.deliveries.deliverDue(),
      ['onderstroom_deliveries_total', { channel: 'hook', outcome: 'retried' }],
      ['onderstroom_deliveries_total', { channel: 'hook', outcome: 'delivered' }],
    );
    expect(retried).toEqual([1, 0]);
  });

  it('a detection run counts once, with one anomaly score per scored bucket', async () => {
    const before = await scrape();
    const { buckets } = await context.detection.tick(new Date('2021-02-01T00:00:00Z'));
    const after = await scrape();
    expect(buckets).toBeGreaterThan(0);
    expect(
      sample(after, 'onderstroom_detector_runs_total', { outcome: 'completed' }) -
        sample(before, 'onderstroom_detector_runs_total', { outcome: 'completed' }),
    ).toBe(1);
    const scored = (samples: Samples) =>
      ['volume', 'negative_share', 'questions'].reduce(
        (sum, metric) => sum + sample(samples, 'onderstroom_anomaly_score_count', { metric }),
        0,
      );
    expect(scored(after) - scored(before)).toBe(buckets);
    expect(sample(after, 'onderstroom_anomaly_score_bucket', { metric: 'volume', le: '+Inf' })).toBe(
      sample(after, 'onderstroom_anomaly_score_count', { metric: 'volume' }),
    );
  });

  it('queue depth is read from Redis when scraped', async () => {
    await queues.add('maintenance.partitions', { monthsAhead: 1 }, { delay: 3_600_000 });
    await queues.add('maintenance.partitions', { monthsAhead: 2 });
    const samples = await scrape();
    expect(sample(samples, 'onderstroom_queue_jobs', { queue: 'maintenance', state: 'delayed' })).toBe(1);
    expect(sample(samples, 'onderstroom_queue_jobs', { queue: 'maintenance', state: 'waiting' })).toBe(1);
    expect(samples.has('onderstroom_queue_jobs{queue="poll",state="failed"}')).toBe(true);
  });

  it('API requests are timed per route pattern, never per raw URL', async () => {
    const viewer = (await context.apiKeys.create('viewer', 'viewer')).key;
    const pattern = { method: 'GET', route: '/api/v1/alerts/:id', status: '404' };
    const [count] = await moved(
      () =>
        api.inject({ url: '/api/v1/alerts/987654321?x=1', headers: { authorization: `Bearer ${viewer}` } }),
      ['onderstroom_http_request_duration_seconds_count', pattern],
    );
    expect(count).toBe(1);
    const text = (await api.inject({ url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } })).body;
    expect(text).not.toContain('987654321');
  });
});
