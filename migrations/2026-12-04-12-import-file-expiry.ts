// A queued import that failed for good keeps its uploaded file for a while (to look at, or to import again with the
// CLI), never forever: `file_expires_at` is when the maintenance job deletes it. Null while the import may still
// run (queued, running, interrupted, or failed with BullMQ retries left), which is also how a failed import waiting
// for its next attempt is told apart from one that was given up.
// Frozen in time: this file never imports application code.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table imports add column file_expires_at timestamptz`.execute(db);
  await sql`create index imports_file_expiry on imports (file_expires_at) where file_expires_at is not null`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index imports_file_expiry`.execute(db);
  await sql`alter table imports drop column file_expires_at`.execute(db);
}
