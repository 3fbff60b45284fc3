// Every metric of METRIC_DEFINITIONS, computed by Postgres from the SQL built out of the table (rollup-columns.ts
// `metricSql`), equals metricValue on the same sums, bucket by bucket, an empty bucket included: a metric added to the
// table is checked here without a line of this file changing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hourlyIncrements, type RollupIncrement } from '../../services/ingest/rollup-increments.js';
import { upsertIncrementsSql } from '../../services/repositories/rollup-columns.js';
import { emptyValue, METRICS, metricValue } from '../../services/series/metric-definitions.js';
import { createTestContext, type TestContext } from '../support/context.js';
import { longRows, type SeriesQuery } from '../../services/series/series.js';

let t: TestContext;
const START = Date.parse('2021-03-01T10:00:00Z');
const FIVE = 300_000;

/**
 * Sums chosen so that the quotients are not exact in binary (thirds, sevenths, negative score sums), and so that
 * every mean score, per 5 minutes and pooled per hour, differs in its last bit when the order of the division is
 * changed (x * 0.001 / n instead of x / 1000 / n): the SQL must do the same arithmetic, not roughly the same.
 */
const ROWS: RollupIncrement[] = [
  { bucket: START, n: 3, nPos: 1, nNeu: 1, nNeg: 1, scoreSum: -2941, reachSum: 5000, engagementSum: 7 },
  // START + 5 minutes is empty: no row at all.
  { bucket: START + 2 * FIVE, n: 7, nPos: 2, nNeu: 0, nNeg: 5, scoreSum: 13, reachSum: 11, engagementSum: 0 },
  {
    bucket: START + 3 * FIVE,
    n: 1,
    nPos: 0,
    nNeu: 0,
    nNeg: 1,
    scoreSum: -1914,
    reachSum: 0,
    engagementSum: 1,
  },
  // A later hour, so hourly buckets pool more than one 5-minute row and one hour stays empty.
  {
    bucket: START + 26 * FIVE,
    n: 9,
    nPos: 4,
    nNeu: 3,
    nNeg: 2,
    scoreSum: 13,
    reachSum: 123456,
    engagementSum: 2,
  },
  {
    bucket: START + 27 * FIVE,
    n: 6,
    nPos: 1,
    nNeu: 4,
    nNeg: 1,
    scoreSum: -26,
    reachSum: 3,
    engagementSum: 0,
  },
].flatMap((row) => ['obi4wan', 'all'].map((sourceKind) => ({ ...row, sourceKind, topic: 'all' })));

const QUERIES: SeriesQuery[] = [
  {
    sourceKind: 'obi4wan',
    topic: 'all',
    fromMs: START,
    toMs: START + 6 * FIVE,
    interval: '5m',
    timezone: 'UTC',
  },
  {
    sourceKind: 'all',
    topic: 'all',
    fromMs: START,
    toMs: START + 36 * FIVE,
    interval: '1h',
    timezone: 'Europe/Amsterdam',
  },
];

beforeAll(async () => {
  t = await createTestContext();
  const db = t.context.database.db;
  await upsertIncrementsSql('rollups_5m', ROWS).execute(db);
  await upsertIncrementsSql('rollups_1h', hourlyIncrements(ROWS)).execute(db);
});

afterAll(async () => {
  await t.close();
});

describe('metric definitions in SQL and TypeScript', () => {
  it.each(QUERIES.map((query) => [query.interval, query] as const))(
    'gives the same value for every metric at %s, empty buckets included',
    async (_interval, query) => {
      const rollups = t.context.repositories.rollups;
      const sums = await rollups.series(query);
      // The data has an empty bucket in every query, and buckets with counts.
      expect(sums.some((bucket) => bucket.n === 0)).toBe(true);
      expect(sums.some((bucket) => bucket.n > 0)).toBe(true);
      for (const metric of METRICS) {
        const expected = sums.map((bucket) => ({ time: bucket.time, value: metricValue(metric, bucket) }));
        expect(await rollups.metricSeries(query, metric), metric).toEqual(expected);
        const byKey = longRows(
          await rollups.metricSeriesByKey({ ...query, by: 'source', keys: [query.sourceKind] }, metric),
        );
        expect(byKey, `${metric} by source`).toEqual(
          expected.map((point) => ({ ...point, key: query.sourceKind })),
        );
        const empty = sums.findIndex((bucket) => bucket.n === 0);
        expect(expected[empty]!.value, `${metric} in an empty bucket`).toBe(emptyValue(metric));
      }
    },
  );

  it('gives a key without any rows the empty value of the metric', async () => {
    const query = QUERIES[0]!;
    for (const metric of METRICS) {
      const rows = longRows(
        await t.context.repositories.rollups.metricSeriesByKey(
          { ...query, by: 'source', keys: ['mastodon'] },
          metric,
        ),
      );
      expect(rows.length).toBe(6);
      expect(
        rows.every((row) => row.value === emptyValue(metric)),
        metric,
      ).toBe(true);
    }
  });
});
