// Past one machine, as docs/scaling.md describes it: the built CLI runs 2 API processes, 3 worker processes and
// 1 scheduler over one PostgreSQL database and one Redis prefix. Pushed batches go to both APIs, with the same
// external ids sent to both on purpose; fake Mastodon and RSS feeds publish while they run; the worker that holds
// a Mastodon poll in the middle of its walk is killed with SIGKILL; the RSS feed fails long enough to raise a
// source_failure alert and then recovers. Every mention is stored and counted once, and every alert event reaches
// the webhook once.
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idempotencyKey } from '../../services/alerts/delivery.service.js';
import { connectDatabase, type DatabaseHandle } from '../../services/db/client.js';
import { FakeMastodon } from '../fakes/fake-mastodon.js';
import { FakeRss } from '../fakes/fake-rss.js';
import { startHttpReceiver, type HttpReceiver } from '../fakes/receivers.js';
import { assertBuilt, exited, freePort, runCli, startCli } from '../support/cli.js';
import { createTestEnv } from '../support/context.js';
import { deletePrefix } from '../support/redis-prefix.js';
import { recomputedRollups, storedRollups } from '../support/mentions.js';
import type { TestDatabase } from '../support/postgres.js';
import { checkedFetch } from '../support/openapi.js';

const BATCHES = 24;
const BATCH_SIZE = 20;
/** Batch i holds ids i*STEP .. i*STEP+BATCH_SIZE-1: half of each batch repeats the batch before. */
const STEP = 10;
const UNIQUE_PUSHED = (BATCHES - 1) * STEP + BATCH_SIZE;
const TEXTS = [
  'Waar kan ik me laten testen in Huizen?',
  'Die avondklok is echt belachelijk, niemand snapt dit.',
  'Goed geregeld door de gemeente, dank jullie wel.',
  'Moet ik een mondkapje dragen in de bus naar Hilversum?',
  'De markt is zaterdag gewoon open, fijn.',
];

interface Role {
  name: string;
  child: ChildProcess;
  output: () => string;
}

let mastodon: FakeMastodon;
let rss: FakeRss;
let hook: HttpReceiver;
let database: TestDatabase;
let handle: DatabaseHandle;
let dir: string;
let variables: Record<string, string>;
let apis: string[] = [];
let adminKey: string;
let pushKey: string;
const roles: Role[] = [];

async function until<T>(
  probe: () => Promise<T | null | false>,
  what: string,
  timeoutMs = 60_000,
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
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const logs = roles.map((role) => `--- ${role.name}\n${role.output().slice(-2_000)}`).join('\n');
  throw new Error(
    `timed out waiting for ${what}${last instanceof Error ? ` (${last.message})` : ''}\n${logs}`,
  );
}

async function query<T extends object>(text: string): Promise<T[]> {
  return (await handle.pool.query<T & Record<string, unknown>>(text)).rows;
}

async function storedCount(source: string): Promise<number> {
  const rows = await query<{ n: string }>(`select count(*) as n from mentions where source_id = '${source}'`);
  return Number(rows[0]!.n);
}

/** The volume series summed, through one API: what Grafana would show. */
async function seriesTotal(base: string): Promise<number> {
  const to = new Date(Date.now() + 86_400_000).toISOString();
  const response = await checkedFetch(
    `${base}/api/v1/series?metric=volume&source=all&from=2020-01-01T00:00:00Z&to=${to}&interval=1d`,
    { headers: { authorization: `Bearer ${adminKey}` } },
  );
  if (!response.ok) throw new Error(`series answered ${response.status}`);
  return ((await response.json()) as { value: number }[]).reduce((sum, row) => sum + row.value, 0);
}

function startRole(name: string, args: string[], env = variables): Role {
  const role = { name, ...startCli(args, env) };
  roles.push(role);
  return role;
}

function batch(i: number): { external_id: string; posted_at: string; text: string }[] {
  const now = Date.now();
  return Array.from({ length: BATCH_SIZE }, (_, k) => {
    const id = i * STEP + k;
    // posted_at depends on the id only, so a repeated id is the same post in every batch that carries it.
    return {
      external_id: `push-${id}`,
      posted_at: new Date(now - (now % 3_600_000) - id * 7_000).toISOString(),
      text: `${TEXTS[id % TEXTS.length]!} (${id})`,
    };
  });
}

async function push(base: string, mentions: ReturnType<typeof batch>): Promise<string[]> {
  for (;;) {
    const response = await checkedFetch(`${base}/api/v1/mentions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${pushKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ mentions }),
    });
    // 503 means "try again" (database busy); a push is idempotent.
    if (response.status === 503) continue;
    const body = (await response.json()) as { new: string[]; rejected: unknown[] };
    if (response.status !== 200) throw new Error(`push answered ${response.status}: ${JSON.stringify(body)}`);
    expect(body.rejected).toEqual([]);
    return body.new;
  }
}

/** Every batch to one API in turn, every third one to both at once; the answers say which ids were new. */
async function pushLoad(): Promise<string[]> {
  const fresh: string[] = [];
  const inFlight = new Set<Promise<void>>();
  for (let i = 0; i < BATCHES; i++) {
    const mentions = batch(i);
    const targets = i % 3 === 0 ? apis : [apis[i % 2]!];
    const sent = Promise.all(targets.map((base) => push(base, mentions))).then((answers) => {
      for (const answer of answers) fresh.push(...answer);
    });
    const tracked: Promise<void> = sent.finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
    if (inFlight.size >= 3) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  return fresh;
}

beforeAll(async () => {
  assertBuilt();
  mastodon = new FakeMastodon();
  rss = new FakeRss();
  await mastodon.start();
  await rss.start();
  hook = await startHttpReceiver();
  const config = `sources:
  - id: mastodon-huizen
    kind: mastodon
    instance: ${mastodon.url}
    hashtags: [huizen]
    every: 500ms
    timeout: 2s
    backfill: 0
  - id: rss-vr
    kind: rss
    url: ${rss.url}/feed/
    every: 500ms
    timeout: 2s
    backfill: 0
  - id: kcc
    kind: push
alerts:
  channels:
    - { id: hook, kind: webhook, url: "${hook.url}", secret_env: E2E_WEBHOOK_SECRET }
  source_failures: { after: 2, channels: [hook] }
`;
  ({ variables, database, dir } = await createTestEnv(config, { E2E_WEBHOOK_SECRET: 'e2e-geheim' }));
  handle = connectDatabase(database.url, { max: 2 });
  const ports = [await freePort(), await freePort()];
  apis = ports.map((port) => `http://127.0.0.1:${port}`);
  // Every role migrates at start; they start side by side, as on several machines.
  ports.forEach((port, i) =>
    startRole(`api-${i}`, ['start', '--role', 'api'], { ...variables, ONDERSTROOM_PORT: String(port) }),
  );
  for (let i = 0; i < 3; i++) startRole(`worker-${i}`, ['start', '--role', 'worker']);
  startRole('scheduler', ['start', '--role', 'scheduler']);
  const [admin, pushed] = await Promise.all([
    runCli(['keys', 'create', '--role', 'admin', '--name', 'e2e', '--json'], variables),
    runCli(['sources', 'push-key', 'kcc', '--name', 'e2e-push', '--json'], variables),
  ]);
  adminKey = (JSON.parse(admin.stdout) as { key: string }).key;
  pushKey = (JSON.parse(pushed.stdout) as { key: string }).key;
  for (const base of apis) await until(async () => (await fetch(`${base}/health`)).ok, `${base} to answer`);
}, 120_000);

afterAll(async () => {
  await Promise.all(
    roles.map(async (role) => {
      if (role.child.exitCode === null && role.child.signalCode === null) {
        role.child.kill('SIGTERM');
        await exited(role.child);
      }
    }),
  );
  // The Redis prefix is this file's own: its keys go with it.
  if (variables) {
    const redis = new Redis(variables.REDIS_URL!);
    await deletePrefix(redis, variables.ONDERSTROOM_QUEUE_PREFIX!);
    redis.disconnect();
  }
  await handle?.close();
  await Promise.all([mastodon?.stop(), rss?.stop(), hook?.close()]);
  await database?.drop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('2 APIs, 3 workers and a scheduler over one database and one Redis prefix', () => {
  it('store and count every mention once and deliver every alert once, through a killed worker', async () => {
    // What the feeds hold before the load: their first polls.
    const baseline = await until(async () => {
      const rows = await query<{ n: string }>(
        `select count(*) as n from sources where id in ('mastodon-huizen', 'rss-vr') and last_success_at is not null`,
      );
      return rows[0]!.n === '2'
        ? { mastodon: await storedCount('mastodon-huizen'), rss: await storedCount('rss-vr') }
        : null;
    }, 'the first polls of both feeds');
    let published = 0;

    const pushing = pushLoad();
    rss.publish(5);
    mastodon.publish(20);
    published += 25;
    await until(
      async () => (await storedCount('mastodon-huizen')) === baseline.mastodon + 20,
      'the first Mastodon wave',
    );

    // A Mastodon walk of three pages: the first is stored, the second is held, the worker walking it is killed.
    mastodon.publish(100);
    published += 100;
    const held = mastodon.hold(1);
    await until(() => Promise.resolve(mastodon.waiting === 1), 'a Mastodon poll waiting on its second page');
    const [lease] = await query<{ owner: string }>(
      `select lease_owner as owner from sources where id = 'mastodon-huizen'`,
    );
    const pid = Number(lease!.owner.split(':')[1]);
    const victim = roles.find((role) => role.name.startsWith('worker') && role.child.pid === pid);
    expect(victim, `the lease owner ${lease!.owner} is one of the workers`).toBeDefined();
    victim!.child.kill('SIGKILL');
    await exited(victim!.child);
    held.release();

    // The RSS feed fails three times in a row (an alert after two), then answers again (its resolution).
    rss.fail(500, { times: 3 });
    rss.publish(7);
    mastodon.publish(15);
    published += 22;
    const fresh = await pushing;

    const expected = baseline.mastodon + baseline.rss + published + UNIQUE_PUSHED;
    for (const base of apis) {
      await until(
        async () => (await seriesTotal(base)) === expected,
        `every mention counted, read from ${base}`,
        90_000,
      );
    }
    // Each pushed id was new in exactly one answer, whichever API took it first.
    expect(fresh.length).toBe(UNIQUE_PUSHED);
    expect(new Set(fresh).size).toBe(UNIQUE_PUSHED);
    const [counts] = await query<{ n: string; distinct_ids: string; keys: string }>(
      `select count(*) as n, count(distinct (source_id, external_id)) as distinct_ids,
         (select count(*) from mention_keys) as keys from mentions`,
    );
    expect(counts).toEqual({ n: String(expected), distinct_ids: String(expected), keys: String(expected) });
    expect(await storedRollups(handle.db)).toEqual(await recomputedRollups(handle.db));

    // The alert opened and resolved; every delivery to the webhook is delivered, and the receiver got each once.
    await until(async () => {
      const rows = await query<{ state: string }>(
        `select state from alerts where kind = 'source_failure' and series_key = 'source:rss-vr'`,
      );
      return rows.length === 1 && rows[0]!.state === 'resolved';
    }, 'the RSS failure alert to open and resolve');
    const delivered = await until(async () => {
      const rows = await query<{ event_id: string; state: string; delivered_at: Date | null }>(
        `select d.event_id::text, d.state, d.delivered_at from deliveries d where d.channel_id = 'hook'`,
      );
      return rows.length >= 2 && rows.every((row) => row.state === 'delivered') ? rows : null;
    }, 'every delivery to the webhook');
    // One more run of the outbox after the last delivery must send nothing again.
    const last = Math.max(...delivered.map((row) => row.delivered_at!.getTime()));
    await until(async () => {
      const [run] = await query<{ at: Date | null }>(
        `select last_run_at as at from scheduled_jobs where schedule_id = 'notify:deliver'`,
      );
      return run?.at !== null && run !== undefined && run.at.getTime() > last;
    }, 'an outbox run after the last delivery');
    await until(async () => {
      const rows = await query<{ n: string }>(
        `select count(*) as n from deliveries where state <> 'delivered'`,
      );
      return rows[0]!.n === '0';
    }, 'no delivery in hand');

    const keys = hook.accepted.map((request) => String(request.headers['idempotency-key']));
    expect(keys.length).toBe(delivered.length);
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(keys)).toEqual(new Set(delivered.map((row) => idempotencyKey(row.event_id, 'hook'))));
    const events = hook.accepted.map(
      (request) => JSON.parse(request.body) as { event: string; kind: string },
    );
    expect(events.filter((event) => event.kind === 'source_failure').map((event) => event.event)).toEqual([
      'opened',
      'resolved',
    ]);

    // The two surviving workers did the work; the killed one stays dead.
    expect(
      roles.filter(
        (role) =>
          role.name.startsWith('worker') && role.child.exitCode === null && role.child.signalCode === null,
      ),
    ).toHaveLength(2);
  }, 180_000);
});
