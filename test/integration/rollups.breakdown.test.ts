// RollupsRepository.breakdown over ranges whose edges are whole hours, 5-minute marks inside an hour, or both inside
// one hour: every sum equals a recount of the stored mentions, and asking for some keys gives exactly those rows of
// the breakdown of all keys.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/context.js';
import { raw } from '../support/mentions.js';

let t: TestContext;
const START = Date.parse('2021-01-29T10:00:00Z');
const MINUTE = 60_000;
const TEXTS = [
  'De avondklok is belachelijk.',
  'Mondkapjes in de winkel, prima geregeld!',
  'De winkels gaan weer dicht, wat een ellende.',
  'Blij met de avondklok en de mondkapjes.',
];

beforeAll(async () => {
  t = await createTestContext();
  await t.context.repositories.sources.ensure('obi4wan', 'obi4wan');
  await t.context.repositories.sources.ensure('mastodon', 'mastodon');
  // Four hours of posts, one every 7 minutes, so every 5-minute edge has some on both sides.
  const mentions = Array.from({ length: 35 }, (_, i) =>
    raw({ externalId: `b-${i}`, postedAt: new Date(START + i * 7 * MINUTE), text: TEXTS[i % TEXTS.length]! }),
  );
  await t.context.ingest.ingest(
    mentions.filter((_, i) => i % 3 !== 0),
    { sourceId: 'obi4wan', sourceKind: 'obi4wan' },
  );
  await t.context.ingest.ingest(
    mentions.filter((_, i) => i % 3 === 0),
    { sourceId: 'mastodon', sourceKind: 'mastodon' },
  );
});

afterAll(async () => {
  await t.close();
});

/** Mentions and negative mentions per topic or source posted in [from, to), counted from the mentions table. */
async function recount(by: 'topic' | 'source', fromMs: number, toMs: number) {
  const key = by === 'topic' ? sql`unnest(topics)` : sql`source_kind`;
  const result = await sql<{ key: string; n: number; n_neg: number }>`
    select key, count(*)::int as n, count(*) filter (where sentiment_label = 'negative')::int as n_neg
    from (select ${key} as key, sentiment_label from mentions
      where posted_at >= ${new Date(fromMs).toISOString()}::timestamptz
        and posted_at < ${new Date(toMs).toISOString()}::timestamptz) as m
    group by key order by key`.execute(t.context.database.db);
  return result.rows;
}

describe('RollupsRepository.breakdown', () => {
  const H = 60 * MINUTE;
  it.each([
    ['whole hours', START, START + 3 * H],
    ['5-minute edges at both ends', START + 25 * MINUTE, START + 2 * H + 40 * MINUTE],
    ['a whole-hour start and a 5-minute end', START + H, START + 3 * H + 15 * MINUTE],
    ['a 5-minute start and a whole-hour end', START + 35 * MINUTE, START + 2 * H],
    ['both edges inside one hour', START + H + 10 * MINUTE, START + H + 50 * MINUTE],
  ])('over %s equals a recount, for all keys and for some', async (_, fromMs, toMs) => {
    const rollups = t.context.repositories.rollups;
    for (const by of ['topic', 'source'] as const) {
      const query = { by, sourceKind: 'all', topic: 'all', fromMs, toMs };
      const all = await rollups.breakdown(query);
      const counted = await recount(by, fromMs, toMs);
      expect(counted.length).toBeGreaterThan(1);
      expect(
        all
          .map((row) => ({ key: row.key, n: row.n, n_neg: row.nNeg }))
          .sort((a, b) => a.key.localeCompare(b.key)),
      ).toEqual(counted);
      const keys = [counted[0]!.key, counted[counted.length - 1]!.key, 'not-stored'];
      const some = await rollups.breakdown({ ...query, keys });
      expect(some).toEqual(all.filter((row) => keys.includes(row.key)));
      expect(await rollups.breakdown({ ...query, keys: [] })).toEqual([]);
    }
  });
});
