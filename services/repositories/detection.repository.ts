// Detector state per series and the anomaly score of every scored bucket.
import { sql } from 'kysely';
import type { Db } from '../db/client.js';
import type { AnomalyRow, ScoreColumns } from '../alerts/anomaly-score.js';

export interface DetectorStateRow {
  seriesKey: string;
  version: string;
  state: unknown;
  lastBucket: Date;
}

export class DetectionRepository {
  /** `db` is the database or a transaction (see unit-of-work.ts). */
  constructor(private readonly db: Db) {}

  /** Locks the series' row for this transaction, creating it first when the series is new. */
  async lockState(
    series: { key: string; metric: string; source: string; topic: string },
    initial: { version: string; lastBucket: Date },
  ): Promise<DetectorStateRow> {
    await this.db
      .insertInto('detector_states')
      .values({
        series_key: series.key,
        metric: series.metric,
        source_kind: series.source,
        topic: series.topic,
        detector_version: initial.version,
        state: 'null',
        last_bucket: initial.lastBucket,
      })
      .onConflict((oc) => oc.column('series_key').doNothing())
      .execute();
    const row = await this.db
      .selectFrom('detector_states')
      .selectAll()
      .where('series_key', '=', series.key)
      .forUpdate()
      .executeTakeFirstOrThrow();
    return {
      seriesKey: row.series_key,
      version: row.detector_version,
      state: row.state,
      lastBucket: row.last_bucket,
    };
  }

  /** Where each of these series stands (version and last scored bucket), without locking: for planning a run. */
  async positions(keys: readonly string[]): Promise<Map<string, { version: string; lastBucket: Date }>> {
    if (keys.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('detector_states')
      .select(['series_key', 'detector_version', 'last_bucket'])
      .where('series_key', 'in', [...keys])
      .execute();
    return new Map(
      rows.map((row) => [row.series_key, { version: row.detector_version, lastBucket: row.last_bucket }]),
    );
  }

  async saveState(
    seriesKey: string,
    values: { version: string; state: unknown; lastBucket: Date },
  ): Promise<void> {
    await this.db
      .updateTable('detector_states')
      .set({
        detector_version: values.version,
        state: JSON.stringify(values.state),
        last_bucket: values.lastBucket,
        updated_at: sql`now()`,
      })
      .where('series_key', '=', seriesKey)
      .execute();
  }

  async insertScores(seriesKey: string, rows: ScoreColumns): Promise<void> {
    if (rows.bucketMs.length === 0) return;
    // One statement with arrays: thousands of buckets of a catching-up series cost one round trip, and no object
    // per bucket is built for it.
    await sql`
      insert into anomaly_scores (series_key, bucket, observed, expected, volume, score, spike, drop)
      select ${seriesKey}, to_timestamp(b / 1000.0), o, e, v, s, sp, d from unnest(
        ${rows.bucketMs}::float8[], ${rows.observed}::float8[], ${rows.expected}::float8[], ${rows.volume}::int[],
        ${rows.score}::real[], ${rows.spike}::real[], ${rows.drop}::real[]) as x(b, o, e, v, s, sp, d)
      on conflict (series_key, bucket) do update set
        observed = excluded.observed, expected = excluded.expected, volume = excluded.volume,
        score = excluded.score, spike = excluded.spike, drop = excluded.drop`.execute(this.db);
  }

  /** A scored count bucket that got late posts: its stored count becomes what the rollups hold now. */
  async recount(seriesKey: string, bucket: Date, volume: number): Promise<void> {
    await this.db
      .updateTable('anomaly_scores')
      .set({ observed: volume, volume })
      .where('series_key', '=', seriesKey)
      .where('bucket', '=', bucket)
      .execute();
  }

  async recentScores(seriesKey: string, fromMs: number, toMs: number): Promise<AnomalyRow[]> {
    const rows = await this.db
      .selectFrom('anomaly_scores')
      .selectAll()
      .where('series_key', '=', seriesKey)
      .where('bucket', '>=', new Date(fromMs))
      .where('bucket', '<', new Date(toMs))
      .orderBy('bucket')
      .execute();
    return rows.map((row) => ({
      seriesKey: row.series_key,
      bucket: row.bucket,
      observed: row.observed,
      expected: row.expected,
      volume: row.volume,
      score: row.score,
      spike: row.spike,
      drop: row.drop,
    }));
  }

  /** The anomaly score per bucket at an interval: the highest score of the 5-minute buckets in it. */
  async scoreSeries(
    seriesKey: string,
    fromMs: number,
    toMs: number,
    stepMs: number,
  ): Promise<{ time: number; value: number | null }[]> {
    const start = Math.floor(fromMs / stepMs) * stepMs;
    const end = Math.ceil(toMs / stepMs) * stepMs;
    const step = `${stepMs / 1000} seconds`;
    const result = await sql<{ t: Date; value: number | null }>`
      with g as (
        select generate_series(${new Date(start).toISOString()}::timestamptz, ${new Date(end - stepMs).toISOString()}::timestamptz, ${step}::interval) as t
      ),
      s as (
        select date_bin(${step}::interval, bucket, 'epoch'::timestamptz) as t, max(score) as value
        from anomaly_scores
        where series_key = ${seriesKey} and bucket >= ${new Date(start).toISOString()}::timestamptz and bucket < ${new Date(end).toISOString()}::timestamptz
        group by 1
      )
      select g.t, s.value from g left join s on s.t = g.t order by g.t`.execute(this.db);
    return result.rows.map((row) => ({ time: row.t.getTime(), value: row.value }));
  }
}
