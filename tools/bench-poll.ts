// npm run bench:poll [-- --seconds 60 --rate 200]: the fake sources publish `rate` new posts per second in total for
// `seconds`, while Onderstroom (the built CLI, `start`, all roles in one process) polls them every second. Prints
// one JSON object: p50/p95 latency from a post's publication at its fake server to its count in /api/v1/series,
// split into waiting for the next poll (publication -> first served by the fake) and the pipeline itself (first
// served -> counted), and the poll queue's backlog before and after.
//
// How a post is matched to its count: per source the series count only grows, and a poller stores pages in the
// order the fake served them, so the k-th post served (by first-served time) is the k-th one counted.
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { DEFAULT_REDIS_URL } from '../services/config/env.js';
import { startFakeSources, type FakeKind } from '../test/fakes/fake-sources.js';
import {
  benchQueuePrefix,
  benchRunId,
  createBenchDatabase,
  dropBenchDatabase,
  removeQueuePrefix,
  type BenchDatabase,
} from './bench-database.js';
import { freePort } from './free-port.js';

const arg = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const SECONDS = arg('seconds', 60);
const RATE = arg('rate', 200);
const PROBE_MS = 100;
const TICK_MS = 50;
// How the total rate is shared: the social APIs carry most; a feed publishes less often.
const SHARE: Record<FakeKind, number> = { mastodon: 0.3, bluesky: 0.25, reddit: 0.2, x: 0.2, rss: 0.05 };

const redisUrl = process.env.REDIS_URL ?? DEFAULT_REDIS_URL;
const root = (() => {
  let dir = import.meta.dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return dir;
})();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

const summary = (values: number[]) => ({
  p50: percentile(values, 50),
  p95: percentile(values, 95),
  n: values.length,
});

async function until<T>(probe: () => Promise<T | null>, what: string, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe().catch(() => null);
    if (value !== null) return value;
    await sleep(200);
  }
  throw new Error(`timed out waiting for ${what}`);
}

function run(args: string[], env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, 'bin/onderstroom.js'), ...args], {
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('close', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`onderstroom ${args.join(' ')} exited with ${code}`)),
    );
  });
}

async function main(): Promise<void> {
  const runId = benchRunId();
  const prefix = benchQueuePrefix('poll', runId);
  let database: BenchDatabase | null = null;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onderstroom-bench-poll-'));
  const fakes = await startFakeSources({ rateLimit: 1_000_000, rssKeep: 500 });
  let service: ChildProcess | null = null;
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  const pollQueue = new Queue('poll', { connection: redis, prefix });
  try {
    // Migrated by the CLI below, as a user's first start would.
    database = await createBenchDatabase('poll', runId, { migrate: false });
    const configPath = path.join(dir, 'onderstroom.yaml');
    // Bluesky looks back no further than the newest post it saw (overlap 0s): the fake indexes posts at once.
    fs.writeFileSync(configPath, fakes.yaml({ every: '1s', timeout: '5s' }));
    const port = await freePort();
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? os.tmpdir(),
      DATABASE_URL: database.url,
      REDIS_URL: redisUrl,
      ONDERSTROOM_CONFIG: configPath,
      ONDERSTROOM_DATA_DIR: path.join(dir, 'data'),
      ONDERSTROOM_PSEUDONYM_KEY: crypto.randomBytes(32).toString('hex'),
      ONDERSTROOM_QUEUE_PREFIX: prefix,
      ONDERSTROOM_PORT: String(port),
      ONDERSTROOM_HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      ...fakes.env,
    };
    await run(['migrate'], env);
    const key = (
      JSON.parse(await run(['keys', 'create', '--role', 'admin', '--name', 'bench', '--json'], env)) as {
        key: string;
      }
    ).key;
    service = spawn(process.execPath, [path.join(root, 'bin/onderstroom.js'), 'start'], {
      env,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const base = `http://127.0.0.1:${port}`;
    const headers = { authorization: `Bearer ${key}` };
    await until(
      async () => ((await fetch(`${base}/health`)).ok ? true : null),
      'the service to answer',
      60_000,
    );
    // Every source has had its first poll (the fixtures are stored) before publishing starts.
    await until(
      async () => {
        const rows = (await (await fetch(`${base}/api/v1/sources`, { headers })).json()) as {
          state: string;
          last_success_at: string | null;
        }[];
        return rows.length >= 5 && rows.every((row) => row.last_success_at !== null) ? true : null;
      },
      'the first polls',
      60_000,
    );
    const backlogStart = await pollQueue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');

    const start = Date.now();
    const from = new Date(start - 3_600_000).toISOString();
    const countedAt: Record<FakeKind, number[]> = { mastodon: [], bluesky: [], reddit: [], rss: [], x: [] };
    let probing = true;
    const probe = async () => {
      while (probing) {
        const at = Date.now();
        const to = new Date(at + 3_600_000).toISOString();
        await Promise.all(
          fakes.all.map(async ([kind]) => {
            const response = await fetch(
              `${base}/api/v1/series?metric=volume&source=${kind}&from=${from}&to=${to}&interval=1h`,
              { headers },
            );
            const count = ((await response.json()) as { value: number }[]).reduce(
              (sum, row) => sum + row.value,
              0,
            );
            const seen = countedAt[kind];
            while (seen.length < count) seen.push(Date.now());
          }),
        );
        await sleep(Math.max(0, PROBE_MS - (Date.now() - at)));
      }
    };
    const probing$ = probe();

    // Publish at the target rate, carrying fractions over so every source gets exactly its share.
    const owed: Record<FakeKind, number> = { mastodon: 0, bluesky: 0, reddit: 0, rss: 0, x: 0 };
    const end = start + SECONDS * 1000;
    for (let tick = start; tick < end; tick += TICK_MS) {
      for (const [kind, fake] of fakes.all) {
        owed[kind] += (RATE * SHARE[kind] * TICK_MS) / 1000;
        const whole = Math.floor(owed[kind]);
        if (whole > 0) fake.publish(whole);
        owed[kind] -= whole;
      }
      await sleep(Math.max(0, tick + TICK_MS - Date.now()));
    }
    const publishedTotal = fakes.all.reduce((sum, [, fake]) => sum + fake.publishedAt.size, 0);
    const countedWhenPublishingStopped = Object.values(countedAt).reduce((sum, list) => sum + list.length, 0);
    const backlogEnd = await pollQueue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
    const drainStart = Date.now();
    await until(
      () =>
        Promise.resolve(
          Object.values(countedAt).reduce((sum, list) => sum + list.length, 0) >= publishedTotal
            ? true
            : null,
        ),
      'every post to be counted',
      60_000,
    ).catch(() => undefined);
    const drainMs = Date.now() - drainStart;
    probing = false;
    await probing$;

    const total: number[] = [];
    const waiting: number[] = [];
    const pipeline: number[] = [];
    const perSource: Record<string, unknown> = {};
    for (const [kind, fake] of fakes.all) {
      const served = [...fake.publishedAt.keys()]
        .filter((id) => fake.firstServedAt.has(id))
        .sort((a, b) => fake.firstServedAt.get(a)! - fake.firstServedAt.get(b)!);
      const kindTotal: number[] = [];
      const kindPipeline: number[] = [];
      served.forEach((id, rank) => {
        const counted = countedAt[kind][rank];
        if (counted === undefined) return;
        const publishedAt = fake.publishedAt.get(id)!;
        const servedAt = fake.firstServedAt.get(id)!;
        kindTotal.push(counted - publishedAt);
        kindPipeline.push(counted - servedAt);
        waiting.push(servedAt - publishedAt);
      });
      total.push(...kindTotal);
      pipeline.push(...kindPipeline);
      perSource[kind] = {
        published: fake.publishedAt.size,
        counted: countedAt[kind].length,
        total_ms: summary(kindTotal),
        pipeline_ms: summary(kindPipeline),
      };
    }

    process.stdout.write(
      `${JSON.stringify(
        {
          benchmark: 'poll',
          seconds: SECONDS,
          target_posts_per_second: RATE,
          published: publishedTotal,
          counted: Object.values(countedAt).reduce((sum, list) => sum + list.length, 0),
          poll_every_ms: 1_000,
          probe_every_ms: PROBE_MS,
          latency_ms: {
            publication_to_series: summary(total),
            waiting_for_poll: summary(waiting),
            pipeline: summary(pipeline),
          },
          per_source: perSource,
          uncounted_when_publishing_stopped: publishedTotal - countedWhenPublishingStopped,
          drain_ms_after_publishing_stopped: drainMs,
          poll_queue_backlog: { before: backlogStart, at_end_of_publishing: backlogEnd },
          machine: { cpus: os.cpus().length, node: process.version },
        },
        null,
        2,
      )}\n`,
    );
  } finally {
    service?.kill('SIGTERM');
    if (service) await new Promise((resolve) => service!.once('close', resolve));
    await pollQueue.close();
    // The run's schedules and jobs live under its own prefix; they go with it.
    await removeQueuePrefix(redis, prefix);
    redis.disconnect();
    await fakes.stop();
    if (database) await dropBenchDatabase(database.name).catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
