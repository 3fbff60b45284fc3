// RollupsRepository.metricSeries and metricSeriesByKey where the rollup rows are the series' buckets (5m, and 1h
// over whole hours): a key with a row in every bucket comes back as its values alone, any other as time:value
// pairs. Both must put every value in its own bucket: each series here equals a recount of the stored mentions.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Metric } from '../../services/series/metric-definitions.js';
import { longRows, type Interval } from '../../services/series/series.js';
import { createTestContext, type TestContext } from '../support/context.js';
import { raw } from '../support/mentions.js';

let t: TestContext;
const START = Date.parse('2021-01-29T10:00:00Z');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const TEXTS = [
  'De avondklok is belachelijk.',
  'Mondkapjes in de winkel, prima geregeld!',
  'De winkels gaan weer dicht, wat een ellende.',
  'Het kabinet maakt vanavond de nieuwe maatregelen bekend.',
];

// Over three hours: obi4wan every 4 minutes (a post in every 5-minute bucket), mastodon every 17 minutes (every
// hour, not every 5 minutes), rss only in the second hour (neither).
const SOURCES = [
  { kind: 'obi4wan', everyMinutes: 4, from: 0, to: 3 * HOUR },
  { kind: 'mastodon', everyMinutes: 17, from: 0, to: 3 * HOUR },
  { kind: 'rss', everyMinutes: 9, from: HOUR, to: 2 * HOUR },
];

beforeAll(async () => {
  t = await createTestContext();
  for (const source of SOURCES) {
    await t.context.repositories.sources.ensure(source.kind, source.kind);
    const mentions = [];
    for (let at = source.from, i = 0; at < source.to; at += source.everyMinutes * MINUTE, i++) {
      mentions.push(
        raw({
          externalId: `${source.kind}-${i}`,
          postedAt: new Date(START + at),
          text: TEXTS[i % TEXTS.length]!,
        }),
      );
    }
    await t.context.ingest.ingest(mentions, { sourceId: source.kind, sourceKind: source.kind });
  }
});

afterAll(async () => {
  await t.close();
});

/** Per bucket of [from, to) at `interval`, the volume or negative share of `kind` (or all), from the mentions. */
async function recount(kind: string, metric: Metric, interval: Interval, fromMs: number, toMs: number) {
  const step = interval === '5m' ? 5 * MINUTE : HOUR;
  const result = await sql<{ bucket: Date; n: number; n_neg: number }>`
    select date_bin(${`${step / 1000} seconds`}::interval, posted_at, 'epoch') as bucket, count(*)::int as n,
      count(*) filter (where sentiment_label = 'negative')::int as n_neg
    from mentions
    where posted_at >= ${new Date(fromMs).toISOString()}::timestamptz
      and posted_at < ${new Date(toMs).toISOString()}::timestamptz
      and (${kind} = 'all' or source_kind = ${kind})
    group by 1`.execute(t.context.database.db);
  const byBucket = new Map(result.rows.map((row) => [row.bucket.getTime(), row]));
  const points = [];
  for (let time = fromMs; time < toMs; time += step) {
    const row = byBucket.get(time);
    const value = metric === 'volume' ? (row?.n ?? 0) : row === undefined ? null : row.n_neg / row.n;
    points.push({ time, value });
  }
  return points;
}

describe('RollupsRepository series where the rows are the buckets', () => {
  const cases: [Interval, number, number][] = [
    ['1h', START, START + 3 * HOUR],
    ['5m', START + 55 * MINUTE, START + 2 * HOUR + 20 * MINUTE],
  ];
  it.each(cases)('at %s equal a recount, for every source and all', async (interval, fromMs, toMs) => {
    const rollups = t.context.repositories.rollups;
    const query = { topic: 'all', fromMs, toMs, interval, timezone: 'Europe/Amsterdam' };
    const kinds = SOURCES.map((source) => source.kind).sort();
    for (const metric of ['volume', 'negative_share'] as const) {
      const byKey = longRows(
        await rollups.metricSeriesByKey(
          { ...query, sourceKind: 'all', by: 'source', keys: [...kinds, 'not-stored'] },
          metric,
        ),
      );
      for (const kind of [...kinds, 'all']) {
        const counted = await recount(kind, metric, interval, fromMs, toMs);
        expect(counted.some((point) => point.value !== null && point.value !== 0)).toBe(true);
        expect(await rollups.metricSeries({ ...query, sourceKind: kind }, metric)).toEqual(counted);
        if (kind !== 'all') {
          const ofKind = byKey.filter((row) => row.key === kind).map(({ time, value }) => ({ time, value }));
          expect(ofKind).toEqual(counted);
        }
      }
      const empty = metric === 'volume' ? 0 : null;
      expect(byKey.filter((row) => row.key === 'not-stored').every((row) => row.value === empty)).toBe(true);
      // Long format, by time then key.
      expect(byKey.map((row) => row.key).slice(0, 4)).toEqual([...kinds, 'not-stored'].sort());
    }
  });
});
