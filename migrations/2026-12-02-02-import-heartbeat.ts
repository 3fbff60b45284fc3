// Imports that die are seen as such: a running import beats on its row, and one whose beat stopped is marked
// interrupted. Frozen in time: this file never imports application code.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table imports add column heartbeat_at timestamptz not null default now()`.execute(db);
  await sql`alter table imports drop constraint imports_status_check`.execute(db);
  await sql`
    alter table imports add constraint imports_status_check
      check (status in ('running', 'done', 'failed', 'interrupted'))`.execute(db);
  // Imports left running by a version without heartbeats are over; their beat is when they started.
  await sql`update imports set heartbeat_at = started_at`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`update imports set status = 'failed' where status = 'interrupted'`.execute(db);
  await sql`alter table imports drop constraint imports_status_check`.execute(db);
  await sql`alter table imports add constraint imports_status_check check (status in ('running', 'done', 'failed'))`.execute(
    db,
  );
  await sql`alter table imports drop column heartbeat_at`.execute(db);
}
