// Reading the exact rollups: sums per bucket at 5m, 1h or 1d (local days), every bucket present.
import { sql } from 'kysely';
import type { Db } from '../db/client.js';
import { INTERVALS, type Interval, type Sums } from '../series/series.js';

export interface SeriesQuery {
  sourceKind: string;
  topic: string;
  fromMs: number;
  toMs: number;
  interval: Interval;
  timezone: string;
}

export interface BucketSums extends Sums {
  time: number;
}

interface Row {
  t: Date;
  n: string;
  n_pos: string;
  n_neu: string;
  n_neg: string;
  score_sum: string;
  reach_sum: string;
  engagement_sum: string;
}

function toBucket(row: Row): BucketSums {
  return {
    time: row.t.getTime(),
    n: Number(row.n),
    nPos: Number(row.n_pos),
    nNeu: Number(row.n_neu),
    nNeg: Number(row.n_neg),
    scoreSum: Number(row.score_sum),
    reachSum: Number(row.reach_sum),
    engagementSum: Number(row.engagement_sum),
  };
}

const SUMS = sql`coalesce(sum(n), 0)::int8 as n, coalesce(sum(n_pos), 0)::int8 as n_pos,
  coalesce(sum(n_neu), 0)::int8 as n_neu, coalesce(sum(n_neg), 0)::int8 as n_neg,
  coalesce(sum(score_sum), 0)::int8 as score_sum, coalesce(sum(reach_sum), 0)::int8 as reach_sum,
  coalesce(sum(engagement_sum), 0)::int8 as engagement_sum`;

export class RollupsRepository {
  constructor(private readonly db: Db) {}

  /** One row per bucket that overlaps [from, to), empty buckets included. */
  async series(query: SeriesQuery): Promise<BucketSums[]> {
    const from = new Date(query.fromMs).toISOString();
    const to = new Date(query.toMs).toISOString();
    if (query.interval === '1d') {
      const result = await sql<Row>`
        with g as (
          select (d at time zone ${query.timezone}) as t
          from generate_series(date_trunc('day', ${from}::timestamptz, ${query.timezone}) at time zone ${query.timezone},
                               ${to}::timestamptz at time zone ${query.timezone} - interval '1 microsecond',
                               interval '1 day') as d
        ),
        r as (
          select date_trunc('day', bucket, ${query.timezone}) as t, ${SUMS}
          from rollups_5m
          where source_kind = ${query.sourceKind} and topic = ${query.topic}
            and bucket >= (select min(t) from g) and bucket < ${to}::timestamptz
          group by 1
        )
        select g.t, coalesce(r.n, 0) as n, coalesce(r.n_pos, 0) as n_pos, coalesce(r.n_neu, 0) as n_neu,
          coalesce(r.n_neg, 0) as n_neg, coalesce(r.score_sum, 0) as score_sum, coalesce(r.reach_sum, 0) as reach_sum,
          coalesce(r.engagement_sum, 0) as engagement_sum
        from g left join r on r.t = g.t order by g.t`.execute(this.db);
      return result.rows.map(toBucket);
    }
    const step = INTERVALS[query.interval];
    const start = Math.floor(query.fromMs / step) * step;
    const end = Math.ceil(query.toMs / step) * step;
    const result = await sql<Row>`
      with g as (
        select generate_series(${new Date(start).toISOString()}::timestamptz,
                               ${new Date(end - step).toISOString()}::timestamptz,
                               ${`${step / 1000} seconds`}::interval) as t
      ),
      r as (
        select date_bin(${`${step / 1000} seconds`}::interval, bucket, 'epoch'::timestamptz) as t, ${SUMS}
        from rollups_5m
        where source_kind = ${query.sourceKind} and topic = ${query.topic}
          and bucket >= ${new Date(start).toISOString()}::timestamptz and bucket < ${new Date(end).toISOString()}::timestamptz
        group by 1
      )
      select g.t, coalesce(r.n, 0) as n, coalesce(r.n_pos, 0) as n_pos, coalesce(r.n_neu, 0) as n_neu,
        coalesce(r.n_neg, 0) as n_neg, coalesce(r.score_sum, 0) as score_sum, coalesce(r.reach_sum, 0) as reach_sum,
        coalesce(r.engagement_sum, 0) as engagement_sum
      from g left join r on r.t = g.t order by g.t`.execute(this.db);
    return result.rows.map(toBucket);
  }

  /** Pooled sums over the whole range (for stat panels and summaries). */
  async total(query: Omit<SeriesQuery, 'interval' | 'timezone'>): Promise<Sums> {
    const result = await sql<Row>`
      select now() as t, ${SUMS} from rollups_5m
      where source_kind = ${query.sourceKind} and topic = ${query.topic}
        and bucket >= ${new Date(query.fromMs).toISOString()}::timestamptz
        and bucket < ${new Date(query.toMs).toISOString()}::timestamptz`.execute(this.db);
    const { time: _time, ...sums } = toBucket(result.rows[0]!);
    return sums;
  }

  /** Sums per value of one dimension (topic or source kind), with the other fixed. */
  async breakdown(query: {
    by: 'topic' | 'source';
    sourceKind: string;
    topic: string;
    fromMs: number;
    toMs: number;
  }): Promise<(Sums & { key: string })[]> {
    const fixed =
      query.by === 'topic'
        ? sql`source_kind = ${query.sourceKind} and topic <> 'all'`
        : sql`topic = ${query.topic} and source_kind <> 'all'`;
    const key = query.by === 'topic' ? sql.ref('topic') : sql.ref('source_kind');
    const result = await sql<Row & { key: string }>`
      select ${key} as key, now() as t, ${SUMS} from rollups_5m
      where ${fixed}
        and bucket >= ${new Date(query.fromMs).toISOString()}::timestamptz
        and bucket < ${new Date(query.toMs).toISOString()}::timestamptz
      group by 1 order by n desc, 1`.execute(this.db);
    return result.rows.map((row) => {
      const { time: _time, ...sums } = toBucket(row);
      return { key: row.key, ...sums };
    });
  }
}
