// Backfill of a newly added source: a Mastodon hashtag timeline that already holds posts of the last hour when the
// source is added is read back with max_id to the window's start, each post counted once (a boost as its
// original), a 429 in the middle of the walk resumed from the cursor, and coverage shown on the source. Bluesky, X
// and Reddit searches are walked back the same way with their own paging (cursor, next_token, after).
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Api } from '../../services/api/app.js';
import { buildCheckedApi } from '../support/openapi.js';
import { FakeBluesky } from '../fakes/fake-bluesky.js';
import { FakeMastodon } from '../fakes/fake-mastodon.js';
import { FakeReddit } from '../fakes/fake-reddit.js';
import { FakeRss } from '../fakes/fake-rss.js';
import { FakeX } from '../fakes/fake-x.js';
import { createTestContext, type TestContext } from '../support/context.js';

let mastodon: FakeMastodon;
let rss: FakeRss;
let bluesky: FakeBluesky;
let x: FakeX;
let reddit: FakeReddit;
let t: TestContext;
let api: Api;
let adminKey: string;
const HOUR = 3_600_000;

beforeAll(async () => {
  mastodon = new FakeMastodon();
  await mastodon.start();
  rss = new FakeRss();
  await rss.start();
  bluesky = new FakeBluesky({ identifier: 'gemeente.bsky.social', password: 'backfill-app-password' });
  await bluesky.start();
  x = new FakeX('backfill-x-bearer');
  await x.start();
  reddit = new FakeReddit();
  await reddit.start();
  Object.assign(process.env, {
    BACKFILL_BSKY_HANDLE: 'gemeente.bsky.social',
    BACKFILL_BSKY_PASSWORD: 'backfill-app-password',
    BACKFILL_X_BEARER: 'backfill-x-bearer',
  });
  t = await createTestContext(`sources:
  - id: gooi-mastodon
    kind: mastodon
    instance: ${mastodon.url}
    hashtags: [huizen]
    every: 1m
    timeout: 5s
    backfill: 24h
  - id: capped-mastodon
    kind: mastodon
    instance: ${mastodon.url}
    hashtags: [huizen]
    every: 1m
    timeout: 5s
    backfill: 24h
    backfill_pages: 1
  - id: regio-rss
    kind: rss
    url: ${rss.url}/feed/
    every: 1m
    backfill: 24h
  - id: gooi-bluesky
    kind: bluesky
    service: ${bluesky.url}
    query: huizen
    handle_env: BACKFILL_BSKY_HANDLE
    password_env: BACKFILL_BSKY_PASSWORD
    every: 1m
    backfill: 24h
  - id: capped-bluesky
    kind: bluesky
    service: ${bluesky.url}
    query: huizen
    handle_env: BACKFILL_BSKY_HANDLE
    password_env: BACKFILL_BSKY_PASSWORD
    every: 1m
    backfill: 24h
    backfill_pages: 2
  - id: gooi-x
    kind: x
    query: huizen
    base_url: ${x.url}
    bearer_token_env: BACKFILL_X_BEARER
    every: 1m
    backfill: 24h
  - id: capped-x
    kind: x
    query: huizen
    base_url: ${x.url}
    bearer_token_env: BACKFILL_X_BEARER
    every: 1m
    backfill: 24h
    backfill_pages: 2
  - id: gooi-reddit
    kind: reddit
    subreddits: [thenetherlands]
    query: huizen
    base_url: ${reddit.url}
    username: onderstroom_test
    every: 1m
    backfill: 24h
  - id: capped-reddit
    kind: reddit
    subreddits: [thenetherlands]
    query: huizen
    base_url: ${reddit.url}
    username: onderstroom_test
    every: 1m
    backfill: 24h
    backfill_pages: 2
`);
  api = await buildCheckedApi(
    { context: t.context, redisHealth: () => Promise.resolve('ok') },
    { logger: false },
  );
  adminKey = (await t.context.apiKeys.create('admin', 'admin')).key;
});
afterAll(async () => {
  await api?.close();
  await t?.close();
  await mastodon?.stop();
  await rss?.stop();
  await bluesky?.stop();
  await x?.stop();
  await reddit?.stop();
});

const db = () => t.context.database.db;

async function stored(sourceId: string): Promise<{ n: number; distinct: number }> {
  const result = await sql<{ n: string; distinct: string }>`
    select count(*) as n, count(distinct external_id) as distinct from mentions where source_id = ${sourceId}`.execute(
    db(),
  );
  return { n: Number(result.rows[0]!.n), distinct: Number(result.rows[0]!.distinct) };
}

/** Counted in the rollups: both sources here are Mastodon, and the capped one is polled only in the last test. */
async function counted(): Promise<number> {
  const result = await sql<{ n: string }>`
    select coalesce(sum(n), 0) as n from rollups_5m where source_kind = 'mastodon' and topic = 'all'`.execute(
    db(),
  );
  return Number(result.rows[0]!.n);
}

/** A walk cut by the cap: coverage starts at the oldest post stored, later than the 24 h window's start. */
async function expectCappedCoverage(sourceId: string): Promise<void> {
  const oldest = await sql<{ at: Date }>`
    select min(posted_at) as at from mentions where source_id = ${sourceId}`.execute(db());
  expect(await coverageFrom(sourceId)).toBe(oldest.rows[0]!.at.getTime());
  expect(Date.now() - (await coverageFrom(sourceId))).toBeLessThan(HOUR);
}

async function readyToPoll(sourceId: string): Promise<void> {
  await sql`update sources set backoff_until = null where id = ${sourceId}`.execute(db());
}

describe('backfill of a new Mastodon source', () => {
  it('counts the 45 posts of the last hour once, boosts as their original, and resumes a walk cut by a 429', async () => {
    const start = Date.now() - HOUR;
    const ids = mastodon.publish(45, (i) => new Date(start + 60_000 + i * 70_000));
    // Boosts of five of them, newer than all: they count as the posts they boost.
    for (const id of ids.slice(0, 5)) mastodon.boost(id);

    // The newest page (40 of 50 statuses) passes; the first page of the walk back is refused with a 429.
    mastodon.fail(429, { after: 1 });
    const first = await t.context.polls.poll('gooi-mastodon');
    expect(first).toMatchObject({ status: 'failed' });
    const cursor = (await t.context.repositories.sources.pollState('gooi-mastodon'))!.cursor as {
      walks?: Record<string, { maxId: string }>;
    };
    expect(cursor.walks?.['tag:huizen']?.maxId).toBeDefined();
    const afterFirst = await stored('gooi-mastodon');
    expect(afterFirst.n).toBeGreaterThan(0);
    expect(afterFirst.n).toBeLessThan(45);

    await readyToPoll('gooi-mastodon');
    const second = await t.context.polls.poll('gooi-mastodon');
    expect(second).toMatchObject({ status: 'polled' });
    const walkRequests = mastodon.feedRequests().filter((request) => request.query.get('max_id') !== null);
    expect(walkRequests.length).toBeGreaterThanOrEqual(2);

    expect(await stored('gooi-mastodon')).toEqual({ n: 45, distinct: 45 });
    expect(await counted()).toBe(45);
    // The fixture's statuses of 2020 lie before the window: the walk stopped there and kept none of them.
    const old = await sql<{ n: string }>`
      select count(*) as n from mentions where source_id = 'gooi-mastodon' and posted_at < now() - interval '1 day'`.execute(
      db(),
    );
    expect(Number(old.rows[0]!.n)).toBe(0);

    // Polled again: nothing new, nothing twice; the walk is over and forward paging goes on from the newest id.
    await readyToPoll('gooi-mastodon');
    expect(await t.context.polls.poll('gooi-mastodon')).toMatchObject({ status: 'polled', stored: 0 });
    mastodon.publish(2);
    await readyToPoll('gooi-mastodon');
    expect(await t.context.polls.poll('gooi-mastodon')).toMatchObject({ status: 'polled', stored: 2 });
    expect(await counted()).toBe(47);
  });

  it('shows where coverage starts in GET /api/v1/sources, later where a page cap cut the walk', async () => {
    const response = await api.inject({
      url: '/api/v1/sources',
      headers: { authorization: `Bearer ${adminKey}` },
    });
    const rows = response.json<{ id: string; coverage_from: string | null }[]>();
    const full = rows.find((row) => row.id === 'gooi-mastodon')!;
    const hoursBack = (Date.now() - Date.parse(full.coverage_from!)) / HOUR;
    expect(hoursBack).toBeGreaterThan(23.9);
    expect(hoursBack).toBeLessThan(24.5);

    // One page of walk in all: the newest page plus nothing more; coverage starts at the oldest post it reached.
    expect(await t.context.polls.poll('capped-mastodon')).toMatchObject({ status: 'polled' });
    const capped = (
      await api.inject({ url: '/api/v1/sources', headers: { authorization: `Bearer ${adminKey}` } })
    )
      .json<{ id: string; coverage_from: string | null }[]>()
      .find((row) => row.id === 'capped-mastodon')!;
    expect(Date.now() - Date.parse(capped.coverage_from!)).toBeLessThan(HOUR);
    expect((await stored('capped-mastodon')).n).toBeLessThan(47);
  });
});

describe('an RSS source inside its window', () => {
  it('keeps only the items posted inside the backfill window, on the first poll and after', async () => {
    rss.publish(3);
    // The feed also lists the fixture's two items of September 2020: far outside 24 hours.
    expect(await t.context.polls.poll('regio-rss')).toMatchObject({ status: 'polled', stored: 3 });
    rss.publish(1);
    await readyToPoll('regio-rss');
    expect(await t.context.polls.poll('regio-rss')).toMatchObject({ status: 'polled', stored: 1 });
    expect((await stored('regio-rss')).n).toBe(4);
  });
});

describe('backfill of a new Bluesky search', () => {
  it('walks back with its cursor to the window start, resumes after a 429, and counts each post once', async () => {
    const start = Date.now() - HOUR;
    // 150 posts of the last hour: two pages of 100; the fixture's posts are older than the window.
    bluesky.publish(150, (i) => new Date(start + 60_000 + i * 20_000));
    bluesky.fail(429, { after: 1 });
    expect(await t.context.polls.poll('gooi-bluesky')).toMatchObject({ status: 'failed' });
    const between = await stored('gooi-bluesky');
    expect(between.n).toBe(100);

    await readyToPoll('gooi-bluesky');
    expect(await t.context.polls.poll('gooi-bluesky')).toMatchObject({ status: 'polled' });
    expect(await stored('gooi-bluesky')).toEqual({ n: 150, distinct: 150 });

    bluesky.publish(2);
    await readyToPoll('gooi-bluesky');
    expect(await t.context.polls.poll('gooi-bluesky')).toMatchObject({ status: 'polled', stored: 2 });
    expect(await stored('gooi-bluesky')).toEqual({ n: 152, distinct: 152 });
  });

  it('stops at backfill_pages over all polls, and coverage starts at the oldest post it reached', async () => {
    // 252 posts inside the window: three pages of 100, of which the cap lets the walk read two.
    bluesky.publish(100);
    const before = bluesky.feedRequests().length;
    expect(await t.context.polls.poll('capped-bluesky')).toMatchObject({ status: 'polled', stored: 200 });
    expect(bluesky.feedRequests().length - before).toBe(2);
    await expectCappedCoverage('capped-bluesky');

    // The cap holds over polls: the next poll reads only what is newer than the newest post (less the 30 s
    // overlap, which here holds the 102 posts of just now, so it may take two pages), and the walk does not go on.
    const between = bluesky.feedRequests().length;
    await readyToPoll('capped-bluesky');
    expect(await t.context.polls.poll('capped-bluesky')).toMatchObject({ status: 'polled', stored: 0 });
    const later = bluesky.feedRequests().slice(between);
    expect(later[0]!.query.get('cursor')).toBeNull();
    for (const request of later) {
      expect(Date.now() - Date.parse(request.query.get('since')!)).toBeLessThan(5 * 60_000);
    }
    expect((await stored('capped-bluesky')).n).toBe(200);
  });
});

describe('backfill of a new X search', () => {
  it('walks back with start_time and next_token, resumes after a 429, and counts each tweet once', async () => {
    const start = Date.now() - HOUR;
    x.publish(150, (i) => new Date(start + 60_000 + i * 20_000));
    x.fail(429, { after: 1 });
    expect(await t.context.polls.poll('gooi-x')).toMatchObject({ status: 'failed' });
    expect((await stored('gooi-x')).n).toBe(100);
    const first = x.feedRequests()[0]!;
    expect(Date.now() - Date.parse(first.query.get('start_time')!)).toBeGreaterThan(23 * HOUR);

    await readyToPoll('gooi-x');
    expect(await t.context.polls.poll('gooi-x')).toMatchObject({ status: 'polled' });
    expect(await stored('gooi-x')).toEqual({ n: 150, distinct: 150 });
    const resumed = x.feedRequests().at(-1)!;
    expect(resumed.query.get('next_token')).not.toBeNull();
    expect(resumed.query.get('start_time')).toBe(first.query.get('start_time'));

    x.publish(2);
    await readyToPoll('gooi-x');
    expect(await t.context.polls.poll('gooi-x')).toMatchObject({ status: 'polled', stored: 2 });
    expect(await stored('gooi-x')).toEqual({ n: 152, distinct: 152 });
  });

  it('stops at backfill_pages over all polls, and coverage starts at the oldest tweet it reached', async () => {
    // 252 tweets inside the window: three pages of 100, of which the cap lets the walk read two.
    x.publish(100);
    const before = x.feedRequests().length;
    expect(await t.context.polls.poll('capped-x')).toMatchObject({ status: 'polled', stored: 200 });
    expect(x.feedRequests().length - before).toBe(2);
    await expectCappedCoverage('capped-x');

    // The cap holds over polls: the next poll reads only what is newer (since_id), and the walk does not go on.
    await readyToPoll('capped-x');
    expect(await t.context.polls.poll('capped-x')).toMatchObject({ status: 'polled', stored: 0 });
    expect(x.feedRequests().length - before).toBe(3);
    expect(x.feedRequests().at(-1)!.query.get('next_token')).toBeNull();
    expect(x.feedRequests().at(-1)!.query.get('since_id')).not.toBeNull();
    expect((await stored('capped-x')).n).toBe(200);
  });
});

async function coverageFrom(sourceId: string): Promise<number> {
  const rows = (
    await api.inject({ url: '/api/v1/sources', headers: { authorization: `Bearer ${adminKey}` } })
  ).json<{ id: string; coverage_from: string | null }[]>();
  return Date.parse(rows.find((row) => row.id === sourceId)!.coverage_from!);
}

describe('backfill of a new Reddit search', () => {
  it('walks back with after to the window start, resumes after a 429, and counts each post once', async () => {
    const start = Date.now() - HOUR;
    // 250 posts of the last hour: pages of 100, 100 and 50; the fixture's two posts of 2020 lie before the window.
    const names = reddit.publish(250, 'thenetherlands', (i) => new Date(start + 60_000 + i * 10_000));
    reddit.fail(429, { after: 1 });
    expect(await t.context.polls.poll('gooi-reddit')).toMatchObject({ status: 'failed' });
    expect((await stored('gooi-reddit')).n).toBe(100);
    const cursor = (await t.context.repositories.sources.pollState('gooi-reddit'))!.cursor as {
      subs: Record<string, { walk: { after: string; from: string } | null }>;
    };
    expect(cursor.subs.thenetherlands?.walk?.after).toBe(names[150]);

    await readyToPoll('gooi-reddit');
    expect(await t.context.polls.poll('gooi-reddit')).toMatchObject({ status: 'polled', stored: 150 });
    expect(await stored('gooi-reddit')).toEqual({ n: 250, distinct: 250 });
    // The page refused with a 429 is asked for again with the same `after`, then the walk goes on.
    expect(reddit.feedRequests().map((request) => request.query.get('after'))).toEqual([
      null,
      names[150],
      names[150],
      names[50],
    ]);
    const old = await sql<{ n: string }>`
      select count(*) as n from mentions where source_id = 'gooi-reddit' and posted_at < now() - interval '1 day'`.execute(
      db(),
    );
    expect(Number(old.rows[0]!.n)).toBe(0);
    const rollup = await sql<{ n: string }>`
      select coalesce(sum(n), 0) as n from rollups_5m where source_kind = 'reddit' and topic = 'all'`.execute(
      db(),
    );
    expect(Number(rollup.rows[0]!.n)).toBe(250);

    // The walk is over: a new post is read by the forward walk down to the newest post of the first page.
    await readyToPoll('gooi-reddit');
    expect(await t.context.polls.poll('gooi-reddit')).toMatchObject({ status: 'polled', stored: 0 });
    reddit.publish(2);
    await readyToPoll('gooi-reddit');
    expect(await t.context.polls.poll('gooi-reddit')).toMatchObject({ status: 'polled', stored: 2 });
    expect(await stored('gooi-reddit')).toEqual({ n: 252, distinct: 252 });

    const hoursBack = (Date.now() - (await coverageFrom('gooi-reddit'))) / HOUR;
    expect(hoursBack).toBeGreaterThan(23.9);
    expect(hoursBack).toBeLessThan(24.5);
  });

  it('stops at backfill_pages over all polls, and coverage starts at the oldest post it reached', async () => {
    const before = reddit.feedRequests().length;
    expect(await t.context.polls.poll('capped-reddit')).toMatchObject({ status: 'polled', stored: 200 });
    expect(reddit.feedRequests().length - before).toBe(2);
    const oldest = await sql<{ at: Date }>`
      select min(posted_at) as at from mentions where source_id = 'capped-reddit'`.execute(db());
    expect(await coverageFrom('capped-reddit')).toBe(oldest.rows[0]!.at.getTime());
    expect(Date.now() - (await coverageFrom('capped-reddit'))).toBeLessThan(HOUR);

    // The cap holds over polls: the next poll reads only what is newer, and the walk does not go on.
    await readyToPoll('capped-reddit');
    expect(await t.context.polls.poll('capped-reddit')).toMatchObject({ status: 'polled', stored: 0 });
    expect((await stored('capped-reddit')).n).toBe(200);
  });
});
