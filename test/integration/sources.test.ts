// Live sources against local fake servers and the real Postgres: each kind polled with its API's paging, exactly
// once storage, failures and rate limits on the source row, the lease, alerts, push, the status route and schedules.
import { sql } from 'kysely';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Api } from '../../services/api/app.js';
import { buildCheckedApi } from '../support/openapi.js';
import { createPollers } from '../../services/app-context.js';
import { QUEUE_NAMES } from '../../services/jobs/catalogue.js';
import { Queues } from '../../services/jobs/queues.js';
import { PollService } from '../../services/sources/poll.service.js';
import { upsertSchedules } from '../../workers/scheduler.js';
import { SOURCE_IDS, startFakeSources, type FakeSources } from '../fakes/fake-sources.js';
import { createTestContext, type TestContext } from '../support/context.js';

let fakes: FakeSources;
let t: TestContext;
let api: Api;
let adminKey: string;
const FIXTURE_ITEMS = { mastodon: 2, bluesky: 2, reddit: 2, rss: 2, x: 1 };

beforeAll(async () => {
  fakes = await startFakeSources();
  Object.assign(process.env, fakes.env, { WRONG_BLUESKY_PASSWORD: 'not-the-app-password' });
  t = await createTestContext(
    `${fakes.yaml({ every: '1s', timeout: '1s' })}
  - id: kcc
    kind: push
  - id: rss-atom
    kind: rss
    url: ${fakes.rss.url}/feed.atom
    enabled: false
  - id: bluesky-wrong-password
    kind: bluesky
    service: ${fakes.bluesky.url}
    query: huizen
    password_env: WRONG_BLUESKY_PASSWORD
  - id: x-no-token
    kind: x
    query: huizen
    base_url: ${fakes.x.url}
    bearer_token_env: UNSET_X_BEARER_TOKEN
alerts:
  source_failures:
    after: 2
`,
  );
  api = await buildCheckedApi(
    { context: t.context, redisHealth: () => Promise.resolve('ok') },
    { logger: false },
  );
  adminKey = (await t.context.apiKeys.create('admin', 'admin')).key;
});
afterAll(async () => {
  await api?.close();
  await t?.close();
  await fakes?.stop();
});

const db = () => t.context.database.db;
const poll = (id: string) => t.context.polls.poll(id);

async function storedCount(sourceId: string): Promise<number> {
  const result = await sql<{
    n: string;
  }>`select count(*) as n from mentions where source_id = ${sourceId}`.execute(db());
  return Number(result.rows[0]!.n);
}

async function readyToPoll(sourceId: string): Promise<void> {
  await sql`update sources set backoff_until = null, lease_owner = null, lease_until = null where id = ${sourceId}`.execute(
    db(),
  );
}

async function seriesTotal(source: string): Promise<number> {
  const response = await api.inject({
    url: `/api/v1/series?metric=volume&source=${source}&from=2020-01-01T00:00:00Z&to=${new Date(Date.now() + 86_400_000).toISOString()}&interval=1d`,
    headers: { authorization: `Bearer ${adminKey}` },
  });
  return response.json<{ value: number }[]>().reduce((sum, row) => sum + row.value, 0);
}

describe('each kind of source, polled from its fake', () => {
  for (const kind of ['mastodon', 'bluesky', 'reddit', 'rss', 'x'] as const) {
    it(`${kind}: a first poll takes the newest page; new posts are stored once, and in the series`, async () => {
      const id = SOURCE_IDS[kind];
      const fake = fakes[kind];
      expect(await poll(id)).toMatchObject({ status: 'polled', stored: FIXTURE_ITEMS[kind] });
      const published = fake.publish(7);
      await readyToPoll(id);
      expect(await poll(id)).toMatchObject({ status: 'polled', stored: 7 });
      await readyToPoll(id);
      expect(await poll(id)).toMatchObject({ status: 'polled', stored: 0 });
      expect(await storedCount(id)).toBe(FIXTURE_ITEMS[kind] + 7);
      expect(await seriesTotal(kind)).toBe(FIXTURE_ITEMS[kind] + 7);
      const ids = await sql<{
        external_id: string;
      }>`select external_id from mentions where source_id = ${id}`.execute(db());
      expect(ids.rows.map((row) => row.external_id)).toEqual(expect.arrayContaining(published));
    });
  }
});

describe('paging', () => {
  beforeEach(async () => {
    for (const id of Object.values(SOURCE_IDS)) await readyToPoll(id);
  });

  it('mastodon pages forward with min_id until a page is empty, with no gap', async () => {
    const before = await storedCount(SOURCE_IDS.mastodon);
    const requests = fakes.mastodon.feedRequests().length;
    fakes.mastodon.publish(95);
    expect(await poll(SOURCE_IDS.mastodon)).toMatchObject({ pages: 4, stored: 95 });
    const minIds = fakes.mastodon
      .feedRequests()
      .slice(requests)
      .map((request) => request.query.get('min_id'));
    expect(new Set(minIds).size).toBe(4);
    expect(await storedCount(SOURCE_IDS.mastodon)).toBe(before + 95);
  });

  it('mastodon counts a boost once, as its original', async () => {
    const [original] = fakes.mastodon.publish(1);
    fakes.mastodon.boost(original!);
    expect(await poll(SOURCE_IDS.mastodon)).toMatchObject({ fetched: 2, stored: 1, duplicates: 1 });
  });

  it('bluesky walks back with its cursor down to since, and keeps one session', async () => {
    const created = fakes.bluesky.createSessionCalls;
    fakes.bluesky.publish(230);
    expect(await poll(SOURCE_IDS.bluesky)).toMatchObject({ status: 'polled', pages: 3, stored: 230 });
    expect(fakes.bluesky.createSessionCalls).toBe(created);
    const last = fakes.bluesky.feedRequests().at(-1)!;
    expect(last.query.get('sort')).toBe('latest');
    expect(last.query.get('since')).not.toBeNull();
  });

  it('bluesky refreshes an expired access token instead of logging in again', async () => {
    const created = fakes.bluesky.createSessionCalls;
    fakes.bluesky.expireAccessToken();
    fakes.bluesky.publish(2);
    expect(await poll(SOURCE_IDS.bluesky)).toMatchObject({ status: 'polled', stored: 2 });
    expect(fakes.bluesky.refreshSessionCalls).toBe(1);
    expect(fakes.bluesky.createSessionCalls).toBe(created);
  });

  it('reddit walks back with after, with an app token and its own User-Agent', async () => {
    fakes.reddit.publish(150);
    expect(await poll(SOURCE_IDS.reddit)).toMatchObject({ stored: 150 });
    const feed = fakes.reddit.feedRequests().at(-1)!;
    expect(feed.headers['user-agent']).toBe('server:onderstroom:0.1.0 (by /u/onderstroom_test)');
    expect(feed.headers.authorization).toMatch(/^bearer token-/);
    expect(fakes.reddit.tokenRequests).toBe(1);
    expect(fakes.reddit.feedRequests().some((request) => request.query.get('after') !== null)).toBe(true);
  });

  it('x walks back with next_token, then advances since_id', async () => {
    fakes.x.publish(120);
    expect(await poll(SOURCE_IDS.x)).toMatchObject({ pages: 2, stored: 120 });
    fakes.x.publish(1);
    await readyToPoll(SOURCE_IDS.x);
    expect(await poll(SOURCE_IDS.x)).toMatchObject({ pages: 1, stored: 1 });
    const last = fakes.x.feedRequests().at(-1)!;
    expect(BigInt(last.query.get('since_id')!)).toBeGreaterThan(0n);
  });

  it('rss asks with ETag and gets a 304 while the feed is unchanged', async () => {
    const hits = fakes.rss.conditionalHits;
    expect(await poll(SOURCE_IDS.rss)).toMatchObject({ status: 'polled', fetched: 0 });
    expect(fakes.rss.conditionalHits).toBe(hits + 1);
  });
});

describe('failures', () => {
  const mastodon = SOURCE_IDS.mastodon;
  beforeEach(async () => {
    await readyToPoll(mastodon);
    await sql`update sources set consecutive_failures = 0, state = 'ok' where id = ${mastodon}`.execute(db());
  });

  async function row(id: string) {
    const states = await t.context.repositories.sources.pollStates();
    const list = await t.context.repositories.sources.list();
    return { ...states.find((state) => state.id === id)!, ...list.find((source) => source.id === id)! };
  }

  it('a 5xx marks the source failing and backs it off; the next scheduled poll waits', async () => {
    fakes.mastodon.fail(503);
    expect(await poll(mastodon)).toMatchObject({ status: 'failed', kind: 'transient' });
    const source = await row(mastodon);
    expect(source.state).toBe('failing');
    expect(source.lastError).toMatch(/answered 503/);
    expect(source.backoffUntil!.getTime()).toBeGreaterThan(Date.now());
    expect(await poll(mastodon)).toMatchObject({ status: 'skipped' });
  });

  it('a 429 waits for the reset the headers give', async () => {
    const reset = new Date(Date.now() + 120_000);
    fakes.mastodon.fail(429, {
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset.toISOString() },
    });
    expect(await poll(mastodon)).toMatchObject({ status: 'failed', retryAt: reset.toISOString() });
  });

  it('a 401 needs attention and shows the server message', async () => {
    fakes.mastodon.fail(401);
    await poll(mastodon);
    const source = await row(mastodon);
    expect(source.state).toBe('needs_attention');
    expect(source.lastError).toMatch(/401: The access token is invalid/);
  });

  it('a refused Bluesky login or a missing X token needs attention, and says what to fix', async () => {
    const created = fakes.bluesky.createSessionCalls;
    expect(await poll('bluesky-wrong-password')).toMatchObject({ status: 'failed', kind: 'auth' });
    expect(fakes.bluesky.createSessionCalls).toBe(created + 1);
    const bluesky = await row('bluesky-wrong-password');
    expect(bluesky.state).toBe('needs_attention');
    expect(bluesky.lastError).toMatch(
      /did not accept the handle and app password.*Invalid identifier or password/,
    );
    // Auth failures back off for at least 30 s: Bluesky allows 30 logins per 5 minutes.
    expect(bluesky.backoffUntil!.getTime()).toBeGreaterThan(Date.now() + 10_000);
    expect(await poll('bluesky-wrong-password')).toMatchObject({ status: 'skipped' });
    expect(fakes.bluesky.createSessionCalls).toBe(created + 1);

    expect(await poll('x-no-token')).toMatchObject({ status: 'failed', kind: 'auth' });
    expect((await row('x-no-token')).lastError).toBe(
      'the environment variable UNSET_X_BEARER_TOKEN (the X bearer token) is not set',
    );
  });

  it('garbage fails that poll only, with a clear message, and keeps the cursor', async () => {
    const before = (await t.context.repositories.sources.pollState(mastodon))!.cursor;
    fakes.mastodon.garbage();
    expect(await poll(mastodon)).toMatchObject({ status: 'failed', kind: 'malformed' });
    const source = await row(mastodon);
    expect(source.lastError).toMatch(
      /the answer from http:\/\/127\.0\.0\.1:\d+\/api\/v1\/timelines\/tag\/huizen.* is not JSON/,
    );
    expect(source.backoffUntil).toBeNull();
    expect(source.cursor).toEqual(before);
    expect(await poll(mastodon)).toMatchObject({ status: 'polled' });
  });

  it('a stalled server times out', async () => {
    fakes.mastodon.stall(3_000);
    expect(await poll(mastodon)).toMatchObject({
      status: 'failed',
      message: expect.stringMatching(/no complete answer within 1 s/) as unknown,
    });
  });

  it('stores a source_failure alert after the configured failures in a row, and resolves it on recovery', async () => {
    fakes.mastodon.fail(500, { times: 2 });
    await poll(mastodon);
    await readyToPoll(mastodon);
    expect(await poll(mastodon)).toMatchObject({ status: 'failed', failures: 2 });
    const open = await sql<{ state: string }>`select state from alerts where kind = 'source_failure'`.execute(
      db(),
    );
    expect(open.rows).toEqual([{ state: 'open' }]);
    await readyToPoll(mastodon);
    expect(await poll(mastodon)).toMatchObject({ status: 'polled' });
    const after = await sql<{
      state: string;
    }>`select state from alerts where kind = 'source_failure'`.execute(db());
    expect(after.rows).toEqual([{ state: 'resolved' }]);
  });
});

describe('one poll per source at a time', () => {
  it('a second worker skips a source whose lease is held, and takes it once released', async () => {
    await readyToPoll(SOURCE_IDS.x);
    const other = new PollService({
      sources: t.context.repositories.sources,
      pollers: createPollers(),
      ingest: t.context.ingest,
      alerts: { sourceFailing: () => Promise.resolve(), sourceRecovered: () => Promise.resolve() },
      configured: t.context.sourceConfigs,
      alertAfter: 3,
      secret: (name) => process.env[name] ?? null,
      log: t.context.log,
      owner: 'other-worker',
    });
    fakes.x.publish(3);
    const held = fakes.x.hold();
    const first = t.context.polls.poll(SOURCE_IDS.x);
    while (fakes.x.waiting === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await other.poll(SOURCE_IDS.x)).toMatchObject({
      status: 'skipped',
      reason: expect.stringMatching(/another worker/) as unknown,
    });
    held.release();
    expect(await first).toMatchObject({ status: 'polled', stored: 3 });
    fakes.x.publish(1);
    expect(await other.poll(SOURCE_IDS.x)).toMatchObject({ status: 'polled', stored: 1 });
  });
});

describe('one lease per poll job', () => {
  it('two overlapping polls of one source in one process: the second is skipped, nothing is counted twice', async () => {
    await readyToPoll(SOURCE_IDS.x);
    const before = await storedCount(SOURCE_IDS.x);
    fakes.x.publish(2);
    const held = fakes.x.hold();
    const first = poll(SOURCE_IDS.x);
    while (fakes.x.waiting === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    const requestsBefore = fakes.x.feedRequests().length;
    // The same PollService (one process), a second job: it must not get in while the first holds the lease.
    const second = await Promise.race([
      poll(SOURCE_IDS.x),
      new Promise((resolve) => setTimeout(() => resolve('entered the lease and waits on the feed'), 3_000)),
    ]);
    expect(second).toMatchObject({
      status: 'skipped',
      reason: expect.stringMatching(/another worker/) as unknown,
    });
    expect(fakes.x.feedRequests().length).toBe(requestsBefore);
    held.release();
    expect(await first).toMatchObject({ status: 'polled', stored: 2 });
    expect(await storedCount(SOURCE_IDS.x)).toBe(before + 2);
  });
});

describe('dry run', () => {
  it('prints what a disabled Atom source would store, and stores nothing', async () => {
    const run = await t.context.polls.dryRun('rss-atom');
    expect(run.wouldStore.length).toBeGreaterThan(0);
    expect(run.wouldStore[0]!.text).toMatch(/bericht/);
    expect(await storedCount('rss-atom')).toBe(0);
    expect(await t.context.repositories.sources.pollState('rss-atom')).toBeNull();
  });
});

describe('POST /api/v1/mentions', () => {
  const mention = (id: string) => ({
    external_id: id,
    posted_at: '2021-01-29T14:03:00Z',
    text: `Vraag ${id} over de avondklok`,
  });
  const push = (key: string, payload: Record<string, unknown>) =>
    api.inject({
      method: 'POST',
      url: '/api/v1/mentions',
      headers: { authorization: `Bearer ${key}` },
      payload,
    });

  it('stores a batch once and says which were new', async () => {
    const first = await push(adminKey, {
      source: 'kcc',
      mentions: [mention('a'), mention('b'), mention('a')],
    });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({
      source: 'kcc',
      received: 3,
      new: ['a', 'b'],
      duplicates: ['a'],
      rejected: [],
    });
    const again = await push(adminKey, { source: 'kcc', mentions: [mention('b'), mention('c')] });
    expect(again.json()).toMatchObject({ new: ['c'], duplicates: ['b'] });
    expect(await storedCount('kcc')).toBe(3);
  });

  it('lets a push key push to its own source only, and keeps viewers out', async () => {
    const scoped = (await t.context.apiKeys.create('kcc webhook', 'viewer', 'kcc')).key;
    expect((await push(scoped, { mentions: [mention('d')] })).json()).toMatchObject({
      source: 'kcc',
      new: ['d'],
    });
    expect((await push(scoped, { source: 'other', mentions: [mention('e')] })).statusCode).toBe(403);
    const viewer = (await t.context.apiKeys.create('grafana', 'viewer')).key;
    expect((await push(viewer, { source: 'kcc', mentions: [mention('f')] })).statusCode).toBe(403);
    expect((await push(adminKey, { source: SOURCE_IDS.rss, mentions: [mention('g')] })).statusCode).toBe(404);
  });

  it('reports bad items by position and stores the rest', async () => {
    const response = await push(adminKey, {
      source: 'kcc',
      mentions: [mention('h'), { ...mention('i'), posted_at: '2099-01-01T00:00:00Z' }],
    });
    expect(response.json()).toMatchObject({
      new: ['h'],
      rejected: [{ index: 1, external_id: 'i', reason: expect.stringMatching(/future/) as unknown }],
    });
    const invalid = await push(adminKey, { source: 'kcc', mentions: [{ text: 'no id' }] });
    expect(invalid.statusCode).toBe(400);
  });
});

describe('GET /api/v1/sources', () => {
  it('shows state, last success and error, items, lag and next poll per source, to admins only', async () => {
    const response = await api.inject({
      url: '/api/v1/sources',
      headers: { authorization: `Bearer ${adminKey}` },
    });
    expect(response.statusCode).toBe(200);
    const rows = response.json<Record<string, unknown>[]>();
    const x = rows.find((row) => row.id === SOURCE_IDS.x)!;
    expect(x).toMatchObject({ kind: 'x', configured: true, state: 'ok', every: '1s', polling_now: false });
    expect(x.items_stored).toBeGreaterThan(100);
    expect(typeof x.lag_seconds).toBe('number');
    expect(x.next_poll_at).not.toBeNull();
    const atom = rows.find((row) => row.id === 'rss-atom')!;
    expect(atom).toMatchObject({ state: 'disabled', enabled: false, next_poll_at: null });
    const viewer = (await t.context.apiKeys.create('v', 'viewer')).key;
    expect(
      (await api.inject({ url: '/api/v1/sources', headers: { authorization: `Bearer ${viewer}` } }))
        .statusCode,
    ).toBe(403);
  });
});

describe('schedules', () => {
  it('upserts one schedule per enabled polled source, safely repeated, and removes those that left the config', async () => {
    const connection = new Redis(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379', {
      maxRetriesPerRequest: 1,
    });
    const queues = new Queues(connection, t.env.queuePrefix);
    try {
      await queues
        .queue('poll')
        .upsertJobScheduler(
          'poll:gone',
          { every: 60_000 },
          { name: 'poll.source', data: { sourceId: 'gone' } },
        );
      const first = await upsertSchedules(t.context, queues);
      expect(first.removed).toEqual(['poll:gone']);
      await upsertSchedules(t.context, queues);
      const schedulers = await queues.queue('poll').getJobSchedulers();
      expect(schedulers.map((scheduler) => scheduler.key).sort()).toEqual(
        [...Object.values(SOURCE_IDS), 'bluesky-wrong-password', 'x-no-token']
          .map((id) => `poll:${id}`)
          .sort(),
      );
      expect(schedulers.find((scheduler) => scheduler.key === `poll:${SOURCE_IDS.rss}`)?.every).toBe(1_000);
    } finally {
      await queues.queue('poll').obliterate({ force: true });
      for (const name of QUEUE_NAMES) await queues.queue(name).obliterate({ force: true });
      await queues.close();
      connection.disconnect();
    }
  });
});
