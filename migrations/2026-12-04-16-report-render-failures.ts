// A scheduled report whose rendering failed (Chromium gone, the analysis erring): one row per report and period with
// the attempts so far, the last error and when to try again, so a failing render is retried with a growing delay
// instead of every minute, and the failure is visible. The row goes when the report is stored.
// Frozen in time: this file never imports application code.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table report_render_failures (
    kind text not null check (kind in ('weekly', 'daily_digest')),
    period_key text not null,
    attempts integer not null,
    last_error text not null,
    failed_at timestamptz not null,
    next_attempt_at timestamptz not null,
    primary key (kind, period_key)
  )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table report_render_failures`.execute(db);
}
