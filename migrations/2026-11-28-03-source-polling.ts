// Polling state on the source row: a lease so one source is never polled by two workers at once (it expires when
// a worker dies), a back-off time after failures and rate limits, and when the last poll ran.
// Frozen in time: this file never imports application code (and needs no table types, hence Kysely<unknown>).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table sources
      add column lease_owner text,
      add column lease_until timestamptz,
      add column backoff_until timestamptz,
      add column last_poll_at timestamptz,
      add column last_error_kind text`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table sources
      drop column if exists lease_owner,
      drop column if exists lease_until,
      drop column if exists backoff_until,
      drop column if exists last_poll_at,
      drop column if exists last_error_kind`.execute(db);
}
