// Recurring jobs as Postgres sees them: which schedules the scheduler keeps, how often each should run, and when
// each last ran. Redis holds the schedules themselves; this record survives a flushed Redis, so a stall shows.
import { sql } from 'kysely';
import type { Db } from '../db/client.js';
import type { ScheduledJobRecord } from '../scheduling/scheduled-job.js';

export class ScheduledJobsRepository {
  constructor(private readonly db: Db) {}

  /** The schedules kept now: new ones start their clock, changed intervals are updated, the rest are dropped. */
  async keep(schedules: readonly { scheduleId: string; everyMs: number }[]): Promise<void> {
    const ids = schedules.map((schedule) => schedule.scheduleId);
    const every = schedules.map((schedule) => schedule.everyMs);
    await this.db.transaction().execute(async (trx) => {
      await sql`
        insert into scheduled_jobs (schedule_id, every_ms)
        select * from unnest(${ids}::text[], ${every}::int[])
        on conflict (schedule_id) do update set every_ms = excluded.every_ms`.execute(trx);
      await sql`delete from scheduled_jobs where not (schedule_id = any(${ids}::text[]))`.execute(trx);
    });
  }

  /** A job of this schedule started; unknown schedules (one-off jobs) are ignored. */
  async ran(scheduleId: string, at: Date): Promise<void> {
    await sql`
      update scheduled_jobs set last_run_at = greatest(coalesce(last_run_at, ${at.toISOString()}::timestamptz), ${at.toISOString()}::timestamptz)
      where schedule_id = ${scheduleId}`.execute(this.db);
  }

  async list(): Promise<ScheduledJobRecord[]> {
    const result = await sql<{
      schedule_id: string;
      every_ms: number;
      scheduled_at: Date;
      last_run_at: Date | null;
    }>`select schedule_id, every_ms, scheduled_at, last_run_at from scheduled_jobs order by schedule_id`.execute(
      this.db,
    );
    return result.rows.map((row) => ({
      scheduleId: row.schedule_id,
      everyMs: row.every_ms,
      scheduledAt: row.scheduled_at,
      lastRunAt: row.last_run_at,
    }));
  }
}
