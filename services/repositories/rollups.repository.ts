// Reading the exact rollups: sums per bucket at 5m, 1h or 1d (local days), every bucket present. Hourly and daily
// series read the hourly rollups; totals over a range take whole hours from them and the 5-minute buckets at the
// edges, so every answer is the exact sum of the 5-minute buckets it covers.
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../db/client.js';
import { toWallClock } from '../time/zoned-time.js';
import { emptyValue, type Metric } from '../series/metric-definitions.js';
import {
  type BucketSums,
  INTERVALS,
  type KeyedSeries,
  type SeriesQuery,
  type Sums,
} from '../series/series.js';
import {
  metricSql,
  rollupColumnList,
  rollupFilled,
  rollupSums,
  sumsOfRow,
  type RollupSumsRow,
} from './rollup-columns.js';

type Row = RollupSumsRow & { t: Date };

const SUMS = rollupSums({ coalesce: true });

const FILLED = rollupFilled('r');

const HOUR = INTERVALS['1h'];

// Epoch milliseconds as a number: parsing thousands of timestamptz values into Dates costs more than the query.
const EPOCH_MS = sql`(extract(epoch from g.t) * 1000)::float8`;
const iso = (ms: number) => new Date(ms).toISOString();

/** Where a bucket's start falls in the list of bucket starts: arithmetic on a regular grid, a lookup for local days. */
function bucketIndex(query: SeriesQuery, times: readonly number[]): (time: number) => number | undefined {
  if (query.interval === '1d') {
    const index = new Map(times.map((time, i) => [time, i]));
    return (time) => index.get(time);
  }
  const step = INTERVALS[query.interval];
  const start = times[0] ?? 0;
  return (time) => {
    const i = (time - start) / step;
    return Number.isInteger(i) && i >= 0 && i < times.length ? i : undefined;
  };
}

/** What the database returns of one key: every bucket's value in order, or "time:value" pairs of some buckets. */
type KeyValues = { values: string } | { pairs: string };

/** One key's values on the grid of bucket starts `times`; an empty bucket counts 0 mentions and has no share or mean. */
function placeValues(
  query: SeriesQuery,
  times: readonly number[],
  read: KeyValues | undefined,
  metric: Metric,
): (number | null)[] {
  const empty = emptyValue(metric);
  const number = (text: string) => (text === '' ? null : Number(text));
  if (read !== undefined && 'values' in read) {
    const values = read.values.split(',').map(number);
    if (values.length !== times.length)
      throw new Error(`${values.length} values for a grid of ${times.length} buckets`);
    return values;
  }
  const values = new Array<number | null>(times.length).fill(empty);
  if (read === undefined || read.pairs === '') return values;
  const indexOf = bucketIndex(query, times);
  for (const pair of read.pairs.split(',')) {
    const colon = pair.indexOf(':');
    const i = indexOf(Number(pair.slice(0, colon)));
    if (i !== undefined) values[i] = number(pair.slice(colon + 1));
  }
  return values;
}

/** Local days are whole hours in UTC when the zone's offset is a whole number of hours at both ends. */
function hourAligned(timezone: string, fromMs: number, toMs: number): boolean {
  return [fromMs, toMs].every((ms) => (toWallClock(ms, timezone) - ms) % HOUR === 0);
}

const STEP_5M = INTERVALS['5m'];
const ROW_COLUMNS = sql`source_kind, topic, bucket, ${rollupColumnList()}`;

/**
 * The rollup rows of [from, to) at 5-minute resolution: whole hours from the hourly rollups when `hourly` allows,
 * the 5-minute buckets at the edges. Every interval bins these same rows, so every interval sums to the same count.
 */
function rangeRows(fromMs: number, toMs: number, hourly: boolean): RawBuilder<unknown> {
  const hourFrom = Math.ceil(fromMs / HOUR) * HOUR;
  const hourTo = Math.floor(toMs / HOUR) * HOUR;
  if (!hourly || hourFrom >= hourTo) {
    return sql`select ${ROW_COLUMNS} from rollups_5m where bucket >= ${iso(fromMs)}::timestamptz and bucket < ${iso(toMs)}::timestamptz`;
  }
  const hours = sql`select ${ROW_COLUMNS} from rollups_1h where bucket >= ${iso(hourFrom)}::timestamptz and bucket < ${iso(hourTo)}::timestamptz`;
  if (hourFrom === fromMs && hourTo === toMs) return hours;
  return sql`${hours}
    union all
    select ${ROW_COLUMNS} from rollups_5m
    where (bucket >= ${iso(fromMs)}::timestamptz and bucket < ${iso(hourFrom)}::timestamptz)
       or (bucket >= ${iso(hourTo)}::timestamptz and bucket < ${iso(toMs)}::timestamptz)`;
}

/**
 * The buckets of a series, the rollup rows it covers and the expression that bins them. A range counts the 5-minute
 * buckets that start in [from, to) (an edge inside a bucket widens to its bucket). Local days start at `from` (a
 * date-only `from` is local midnight) and end before `to`: no bucket lies before `from` or at or after `to`.
 */
function grid(query: SeriesQuery): {
  buckets: RawBuilder<unknown>;
  rows: RawBuilder<unknown>;
  bin: RawBuilder<unknown>;
  /** The rows are already the series' buckets. */
  direct: boolean;
} {
  const { interval, timezone } = query;
  const fromMs = Math.floor(query.fromMs / STEP_5M) * STEP_5M;
  const toMs = Math.ceil(query.toMs / STEP_5M) * STEP_5M;
  if (interval === '1d') {
    const from = sql`${iso(fromMs)}::timestamptz`;
    return {
      buckets: sql`select greatest(d at time zone ${timezone}, ${from}) as t
        from generate_series(date_trunc('day', ${from}, ${timezone}) at time zone ${timezone},
                             ${iso(toMs)}::timestamptz at time zone ${timezone} - interval '1 microsecond',
                             interval '1 day') as d`,
      rows: rangeRows(fromMs, toMs, hourAligned(timezone, fromMs, toMs)),
      bin: sql`greatest(date_trunc('day', bucket, ${timezone}), ${from})`,
      direct: false,
    };
  }
  const step = INTERVALS[interval];
  const start = Math.floor(query.fromMs / step) * step;
  const end = Math.ceil(query.toMs / step) * step;
  const stepText = `${step / 1000} seconds`;
  const wholeHours = fromMs % HOUR === 0 && toMs % HOUR === 0;
  return {
    buckets: sql`select generate_series(${iso(start)}::timestamptz, ${iso(end - step)}::timestamptz, ${stepText}::interval) as t`,
    rows: rangeRows(fromMs, toMs, interval === '1h'),
    bin: sql`date_bin(${stepText}::interval, bucket, 'epoch'::timestamptz)`,
    direct: interval === '5m' || wholeHours,
  };
}

/** One series' sums per grid bucket (the buckets that have any). */
function binnedSums(query: SeriesQuery, g: ReturnType<typeof grid>): RawBuilder<unknown> {
  return sql`select ${g.bin} as t, ${SUMS}
    from (${g.rows}) as s
    where source_kind = ${query.sourceKind} and topic = ${query.topic}
    group by 1`;
}

export class RollupsRepository {
  constructor(private readonly db: Db) {}

  /** One row per bucket that overlaps [from, to), empty buckets included. */
  async series(query: SeriesQuery): Promise<BucketSums[]> {
    const g = grid(query);
    const result = await sql<Row>`
      with g as (${g.buckets}),
      r as (${binnedSums(query, g)})
      select g.t, ${FILLED} from g left join r on r.t = g.t order by g.t`.execute(this.db);
    return result.rows.map((row) => ({ time: row.t.getTime(), ...sumsOfRow(row) }));
  }

  /**
   * A series' mention counts and negative counts per 5-minute bucket of [fromMs, toMs), every bucket present, as
   * two arrays in one row: the detector's warm-up reads weeks of buckets, and a row object per bucket is garbage
   * that piles up in the heap between collections.
   */
  async fiveMinuteCounts(query: Omit<SeriesQuery, 'interval'>): Promise<{ n: number[]; nNeg: number[] }> {
    const g = grid({ ...query, interval: '5m' });
    const result = await sql<{ n: number[] | null; n_neg: number[] | null }>`
      with g as (${g.buckets}),
      r as (${binnedSums({ ...query, interval: '5m' }, g)})
      select array_agg(coalesce(r.n, 0)::int4 order by g.t) as n, array_agg(coalesce(r.n_neg, 0)::int4 order by g.t) as n_neg
      from g left join r on r.t = g.t`.execute(this.db);
    const row = result.rows[0];
    return { n: row?.n ?? [], nNeg: row?.n_neg ?? [] };
  }

  /**
   * One metric per bucket, computed in the database. When the rollup rows are the series' buckets, one row of
   * values in bucket order (see directValues); otherwise the grid is joined in SQL, each bucket a row of two numbers.
   */
  async metricSeries(query: SeriesQuery, metric: Metric): Promise<{ time: number; value: number | null }[]> {
    const g = grid(query);
    if (g.direct) {
      const [times, byKey] = await Promise.all([
        this.bucketTimes(query, g),
        this.directValues(
          { ...query, keys: [query.sourceKind] },
          sql.ref('source_kind'),
          sql`topic = ${query.topic}`,
          metric,
        ),
      ]);
      const values = placeValues(query, times, byKey.get(query.sourceKind), metric);
      return times.map((time, i) => ({ time, value: values[i]! }));
    }
    const result = await sql<{ time: number; value: number | null }>`
      with g as (${g.buckets}),
      r as (${binnedSums(query, g)})
      select ${EPOCH_MS} as time, ${metricSql(metric, 'r')} as value from g left join r on r.t = g.t order by g.t`.execute(
      this.db,
    );
    return result.rows;
  }

  /**
   * One metric of several sources or topics by column (keys sorted), every bucket and key present. Postgres returns
   * only the buckets that have counts; the grid is filled here, which is several times cheaper than joining
   * thousands of empty (bucket, key) pairs in SQL.
   */
  async metricSeriesByKey(
    query: SeriesQuery & { by: 'source' | 'topic'; keys: readonly string[] },
    metric: Metric,
  ): Promise<KeyedSeries> {
    if (query.keys.length === 0) return { times: [], keys: [], values: [] };
    const g = grid(query);
    const keyColumn = query.by === 'source' ? sql.ref('source_kind') : sql.ref('topic');
    const fixed =
      query.by === 'source' ? sql`topic = ${query.topic}` : sql`source_kind = ${query.sourceKind}`;
    const [bucketTimes, byKey] = await Promise.all([
      this.bucketTimes(query, g),
      g.direct
        ? this.directValues(query, keyColumn, fixed, metric)
        : this.binnedValues(query, g, keyColumn, fixed, metric),
    ]);
    const keys = [...query.keys].sort();
    return {
      times: bucketTimes,
      keys,
      values: keys.map((key) => placeValues(query, bucketTimes, byKey.get(key), metric)),
    };
  }

  /**
   * A metric's values per key when the rollup rows are the series' buckets (`grid().direct`: one table, edges on
   * its buckets), each key's rows read in bucket order from the rollups' key. A key with a row in every bucket
   * comes back as its values alone (`values`, in bucket order); any other key as "time:value" pairs, read again for
   * it only. Text, one row per key: thousands of small rows cost more to receive than the query costs to run, and
   * times cost more to format than the values.
   */
  private async directValues(
    query: SeriesQuery & { keys: readonly string[] },
    keyColumn: RawBuilder<unknown>,
    fixed: RawBuilder<unknown>,
    metric: Metric,
  ): Promise<Map<string, KeyValues>> {
    const table = sql.table(query.interval === '5m' ? 'rollups_5m' : 'rollups_1h');
    const step = INTERVALS[query.interval];
    const fromMs = Math.floor(query.fromMs / step) * step;
    const toMs = Math.ceil(query.toMs / step) * step;
    const buckets = (toMs - fromMs) / step;
    const value = sql`coalesce((${metricSql(metric, 'r')})::text, '')`;
    const ofKey = sql`${fixed} and ${keyColumn} = k.key
      and bucket >= ${iso(fromMs)}::timestamptz and bucket < ${iso(toMs)}::timestamptz`;
    const result = await sql<{ key: string; buckets: number; values: string | null; pairs: string | null }>`
      select k.key, s.buckets, case when s.buckets = ${buckets} then s.values end as values,
        case when s.buckets < ${buckets} then (
          select string_agg((extract(epoch from r.bucket)::int8 * 1000) || ':' || ${value}, ',')
          from ${table} as r where ${ofKey}) end as pairs
      from unnest(${[...query.keys]}::text[]) as k(key)
      cross join lateral (
        select count(*)::int4 as buckets, string_agg(${value}, ',') as values
        from (select ${rollupColumnList()} from ${table} where ${ofKey} order by bucket) as r
      ) as s`.execute(this.db);
    return new Map(
      result.rows.map((row) => [
        row.key,
        row.values !== null ? { values: row.values } : { pairs: row.pairs ?? '' },
      ]),
    );
  }

  /** A metric's "time:value" pairs per key of the buckets that have counts, the rows summed into the grid first. */
  private async binnedValues(
    query: SeriesQuery & { keys: readonly string[] },
    g: ReturnType<typeof grid>,
    keyColumn: RawBuilder<unknown>,
    fixed: RawBuilder<unknown>,
    metric: Metric,
  ): Promise<Map<string, KeyValues>> {
    const where = sql`${fixed} and ${keyColumn} = any(${[...query.keys]}::text[])`;
    const binned = sql`select ${keyColumn} as key, ${g.bin} as t, ${SUMS} from (${g.rows}) as s where ${where} group by 1, 2`;
    // Pairs come in any order; each is placed by its time.
    const result = await sql<{ key: string; pairs: string }>`
      select r.key, string_agg((extract(epoch from r.t)::int8 * 1000) || ':' || coalesce((${metricSql(metric, 'r')})::text, ''), ',') as pairs
      from (${binned}) as r
      group by r.key`.execute(this.db);
    return new Map(result.rows.map((row) => [row.key, { pairs: row.pairs }]));
  }

  /** The start of every bucket of a series: arithmetic for 5m and 1h, local days from Postgres for 1d. */
  private async bucketTimes(query: SeriesQuery, g: ReturnType<typeof grid>): Promise<number[]> {
    if (query.interval === '1d') {
      const days = await sql<{
        time: number;
      }>`select ${EPOCH_MS} as time from (${g.buckets}) as g order by 1`.execute(this.db);
      return days.rows.map((row) => row.time);
    }
    const step = INTERVALS[query.interval];
    const times: number[] = [];
    for (let t = Math.floor(query.fromMs / step) * step; t < query.toMs; t += step) times.push(t);
    return times;
  }

  /**
   * The rows of [from, to): whole hours from the hourly rollups, the 5-minute buckets at the edges. An edge that
   * is a whole hour adds no 5-minute range: an empty range in the union still costs the planner a scan of the
   * 5-minute rollups (the largest table) whenever `where` does not fix a prefix of their key.
   */
  private covering(
    where: RawBuilder<unknown>,
    fromMs: number,
    toMs: number,
    select: RawBuilder<unknown>,
  ): RawBuilder<unknown> {
    const hourFrom = Math.ceil(fromMs / HOUR) * HOUR;
    const hourTo = Math.floor(toMs / HOUR) * HOUR;
    const fiveMinutes = (from: number, to: number) =>
      sql`(bucket >= ${iso(from)}::timestamptz and bucket < ${iso(to)}::timestamptz)`;
    if (hourFrom >= hourTo)
      return sql`select ${select} from rollups_5m where ${where} and ${fiveMinutes(fromMs, toMs)}`;
    const hours = sql`select ${select} from rollups_1h where ${where} and bucket >= ${iso(hourFrom)}::timestamptz and bucket < ${iso(hourTo)}::timestamptz`;
    const edges = [
      ...(fromMs < hourFrom ? [fiveMinutes(fromMs, hourFrom)] : []),
      ...(hourTo < toMs ? [fiveMinutes(hourTo, toMs)] : []),
    ];
    if (edges.length === 0) return hours;
    return sql`${hours}
      union all
      select ${select} from rollups_5m where ${where} and (${sql.join(edges, sql` or `)})`;
  }

  /** Pooled sums over the whole range (for stat panels and summaries). */
  async total(query: Omit<SeriesQuery, 'interval' | 'timezone'>): Promise<Sums> {
    const rows = this.covering(
      sql`source_kind = ${query.sourceKind} and topic = ${query.topic}`,
      query.fromMs,
      query.toMs,
      rollupColumnList(),
    );
    const result = await sql<RollupSumsRow>`select ${SUMS} from (${rows}) as c`.execute(this.db);
    return sumsOfRow(result.rows[0]!);
  }

  /**
   * Sums per value of one dimension (topic or source kind), with the other fixed: every value but `all`, or only
   * those of `keys`. Keys turn the read into one range of the rollups' key per value; without them the other
   * dimension is not a prefix of the key, and Postgres reads every bucket of the fixed one.
   */
  async breakdown(query: {
    by: 'topic' | 'source';
    sourceKind: string;
    topic: string;
    fromMs: number;
    toMs: number;
    keys?: readonly string[];
  }): Promise<(Sums & { key: string })[]> {
    if (query.keys?.length === 0) return [];
    const column = query.by === 'topic' ? sql.ref('topic') : sql.ref('source_kind');
    const values = query.keys === undefined ? sql`` : sql` and ${column} = any(${[...query.keys]}::text[])`;
    const where =
      query.by === 'topic'
        ? sql`source_kind = ${query.sourceKind} and topic <> 'all'${values}`
        : sql`topic = ${query.topic} and source_kind <> 'all'${values}`;
    const key = query.by === 'topic' ? sql`topic as key` : sql`source_kind as key`;
    const rows = this.covering(where, query.fromMs, query.toMs, sql`${key}, ${rollupColumnList()}`);
    const result = await sql<RollupSumsRow & { key: string }>`
      select key, ${SUMS} from (${rows}) as c group by key order by n desc, key`.execute(this.db);
    return result.rows.map((row) => ({ key: row.key, ...sumsOfRow(row) }));
  }
}
