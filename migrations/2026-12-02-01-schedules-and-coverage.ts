// Two facts for a visible pipeline and a stated window: when each recurring job last ran (kept in Postgres, so a
// flushed Redis cannot hide a stall), and from when each polled source covers its feed (the backfill's start).
// Frozen in time: this file never imports application code.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // One row per schedule the scheduler keeps (maintenance, detection, delivery, one poll per source).
  await sql`
    create table scheduled_jobs (
      schedule_id text primary key,
      every_ms integer not null check (every_ms > 0),
      scheduled_at timestamptz not null default now(),
      last_run_at timestamptz
    )`.execute(db);
  await sql`alter table sources add column coverage_from timestamptz`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table sources drop column if exists coverage_from`.execute(db);
  await sql`drop table if exists scheduled_jobs`.execute(db);
}
