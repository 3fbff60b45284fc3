// End to end, as a user runs it: the built CLI with a config file pointing at the fake sources, each role in its
// own process over a private Redis. Posts published over time appear in /api/v1/series exactly once, also when
// Redis restarts (losing every job and schedule) and when the worker is killed in the middle of a poll.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import { pg } from '../../services/db/pg-defaults.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SOURCE_IDS, startFakeSources, type FakeSources } from '../fakes/fake-sources.js';
import { assertBuilt, exited, freePort, runCli, startCli } from '../support/cli.js';
import { createTestEnv } from '../support/context.js';
import type { TestDatabase } from '../support/postgres.js';
import { checkedFetch } from '../support/openapi.js';

const FIXTURE_ITEMS = 9;

let fakes: FakeSources;
let variables: Record<string, string>;
let database: TestDatabase;
let dir: string;
let redisPort: number;
let redis: ChildProcess | null = null;
let base: string;
let adminKey: string;
const roles: Record<string, { child: ChildProcess; output: () => string }> = {};
let published = 0;

function startRedis(): ChildProcess {
  return spawn(
    'redis-server',
    ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  );
}

async function redisAnswers(): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(redisPort, '127.0.0.1');
    socket.once('connect', () => {
      socket.write('PING\r\n');
      socket.once('data', (data) => {
        socket.destroy();
        resolve(data.toString().startsWith('+PONG'));
      });
    });
    socket.once('error', () => resolve(false));
  });
}

async function until<T>(
  probe: () => Promise<T | null | false>,
  what: string,
  timeoutMs = 60_000,
  everyMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown = null;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== null && value !== false) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  const logs = Object.entries(roles)
    .map(([role, process]) => `--- ${role}\n${process.output().slice(-3_000)}`)
    .join('\n');
  throw new Error(
    `timed out waiting for ${what}${last instanceof Error ? ` (${last.message})` : ''}\n${logs}`,
  );
}

async function total(source = 'all'): Promise<number> {
  const to = new Date(Date.now() + 86_400_000).toISOString();
  const response = await checkedFetch(
    `${base}/api/v1/series?metric=volume&source=${source}&from=2020-01-01T00:00:00Z&to=${to}&interval=1d`,
    {
      headers: { authorization: `Bearer ${adminKey}` },
    },
  );
  if (!response.ok) throw new Error(`series answered ${response.status}`);
  return ((await response.json()) as { value: number }[]).reduce((sum, row) => sum + row.value, 0);
}

function publishEverywhere(count: number): void {
  for (const [, fake] of fakes.all) fake.publish(count);
  published += count * fakes.all.length;
}

function startRole(role: 'api' | 'scheduler' | 'worker', env = variables) {
  roles[role] = startCli(['start', '--role', role], env);
  return roles[role];
}

beforeAll(async () => {
  assertBuilt();
  fakes = await startFakeSources();
  redisPort = await freePort();
  redis = startRedis();
  await until(redisAnswers, 'the private Redis to answer', 10_000);
  const yaml = `${fakes.yaml({ every: '500ms', timeout: '3s' })}
  - id: rss-dry
    kind: rss
    url: ${fakes.rss.url}/feed.atom
    enabled: false
  - id: kcc
    kind: push
`;
  ({ variables, database, dir } = await createTestEnv(yaml, {
    REDIS_URL: `redis://127.0.0.1:${redisPort}`,
    ...fakes.env,
  }));
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  startRole('api', { ...variables, ONDERSTROOM_PORT: String(port) });
  await until(async () => (await fetch(`${base}/health`)).ok, 'the API to answer');
  startRole('scheduler');
  startRole('worker');
  const created = await runCli(['keys', 'create', '--role', 'admin', '--name', 'e2e', '--json'], variables);
  adminKey = (JSON.parse(created.stdout) as { key: string }).key;
});

afterAll(async () => {
  for (const process of Object.values(roles)) {
    if (process.child.exitCode === null) {
      process.child.kill('SIGTERM');
      await exited(process.child);
    }
  }
  redis?.kill('SIGKILL');
  await fakes?.stop();
  await database?.drop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('live sources, end to end', () => {
  it('stores what each source has, then posts published over time, exactly once', async () => {
    await until(async () => (await total()) === FIXTURE_ITEMS, 'the first polls of all five sources');
    publishEverywhere(4);
    await until(async () => (await total()) === FIXTURE_ITEMS + published, 'the first wave');
    publishEverywhere(6);
    await until(async () => (await total()) === FIXTURE_ITEMS + published, 'the second wave');
  });

  it('loses and duplicates nothing when Redis restarts with empty memory', async () => {
    redis!.kill('SIGKILL');
    await exited(redis!);
    publishEverywhere(5);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    redis = startRedis();
    await until(redisAnswers, 'Redis to come back', 10_000);
    await until(
      async () => (await total()) === FIXTURE_ITEMS + published,
      'the posts published while Redis was down',
      90_000,
    );
    publishEverywhere(3);
    await until(async () => (await total()) === FIXTURE_ITEMS + published, 'posts after the restart', 60_000);
  }, 150_000);

  it('loses and duplicates nothing when the worker is killed in the middle of a poll', async () => {
    const before = await total('mastodon');
    fakes.mastodon.publish(100);
    published += 100;
    // The first page of the next poll passes; the second is held until the worker is dead.
    const held = fakes.mastodon.hold(1);
    await until(
      () => Promise.resolve(fakes.mastodon.waiting === 1),
      'the poll to wait on its second page',
      30_000,
      10,
    );
    roles.worker!.child.kill('SIGKILL');
    await exited(roles.worker!.child);
    held.release();
    const midway = await total('mastodon');
    expect(midway).toBe(before + 40);

    startRole('worker');
    await until(
      async () => (await total()) === FIXTURE_ITEMS + published,
      'the rest of the killed poll',
      90_000,
    );
    publishEverywhere(2);
    await until(
      async () => (await total()) === FIXTURE_ITEMS + published,
      'posts after the new worker started',
    );

    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const rows = await client.query<{ n: string; distinct_ids: string }>(
        `select count(*) as n, count(distinct (source_id, external_id)) as distinct_ids from mentions where source_id <> 'kcc'`,
      );
      expect(Number(rows.rows[0]!.n)).toBe(FIXTURE_ITEMS + published);
      expect(rows.rows[0]!.distinct_ids).toBe(rows.rows[0]!.n);
    } finally {
      await client.end();
    }
  }, 150_000);

  it('shows every source as ok in /api/v1/sources, with its items and lag', async () => {
    const response = await checkedFetch(`${base}/api/v1/sources`, {
      headers: { authorization: `Bearer ${adminKey}` },
    });
    const rows = (await response.json()) as {
      id: string;
      state: string;
      items_stored: number;
      lag_seconds: number | null;
    }[];
    for (const id of Object.values(SOURCE_IDS)) {
      const row = rows.find((source) => source.id === id);
      expect(row, id).toMatchObject({ state: 'ok' });
      expect(row!.lag_seconds).not.toBeNull();
    }
    const stored = rows.filter((row) => Object.values(SOURCE_IDS).includes(row.id as never));
    expect(stored.reduce((sum, row) => sum + row.items_stored, 0)).toBe(FIXTURE_ITEMS + published);
  });

  it('sources test polls once and stores nothing', async () => {
    const first = await runCli(['sources', 'test', 'rss-dry', '--json'], variables);
    expect(first.stderr).not.toMatch(/onderstroom: /);
    const run = JSON.parse(first.stdout) as { would_store: { text: string }[]; fetched: number };
    expect(run.would_store.length).toBe(run.fetched);
    expect(run.would_store.length).toBeGreaterThan(0);
    const second = JSON.parse(
      (await runCli(['sources', 'test', 'rss-dry', '--json'], variables)).stdout,
    ) as typeof run;
    expect(second.would_store.length).toBe(run.would_store.length);
    const text = await runCli(['sources', 'test', 'rss-dry'], variables);
    expect(text.stdout).toMatch(/Nothing was stored/);
    const missing = await runCli(['sources', 'test', 'nope'], variables);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no source "nope" in the configuration/);
  });

  it('accepts pushed mentions with a push key made by the CLI', async () => {
    const made = await runCli(['sources', 'push-key', 'kcc', '--name', 'kcc-webhook', '--json'], variables);
    const { key } = JSON.parse(made.stdout) as { key: string };
    const push = () =>
      checkedFetch(`${base}/api/v1/mentions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          mentions: [
            { external_id: 'q-1', posted_at: new Date().toISOString(), text: 'Waar kan ik me laten testen?' },
          ],
        }),
      });
    expect(await (await push()).json()).toMatchObject({ source: 'kcc', new: ['q-1'] });
    expect(await (await push()).json()).toMatchObject({ new: [], duplicates: ['q-1'] });
  });
});
