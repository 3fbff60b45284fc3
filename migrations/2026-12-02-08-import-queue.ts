// Exports also come in by upload and watched folder, through the ingest queue: an import is recorded `queued`
// before a worker takes it, with who handed it in, where the stored file is, and its progress while it runs.
// One content hash per upload or folder file (unless it failed), so the same file handed in twice imports once.
// Frozen in time: this file never imports application code.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table imports drop constraint imports_status_check`.execute(db);
  await sql`
    alter table imports add constraint imports_status_check
      check (status in ('queued', 'running', 'done', 'failed', 'interrupted'))`.execute(db);
  await sql`
    alter table imports
      add column origin text not null default 'cli' check (origin in ('cli', 'upload', 'folder')),
      add column requested_by text,
      add column stored_path text,
      add column folder_source_id text references sources (id),
      add column queued_at timestamptz,
      add column attempts integer not null default 0,
      add column bytes_read bigint not null default 0,
      add column repeated_rows jsonb not null default '[]'::jsonb,
      add column past_retention integer not null default 0`.execute(db);
  await sql`create unique index imports_once_per_file on imports (file_sha256)
    where origin <> 'cli' and status <> 'failed'`.execute(db);
  // The worker counts what an earlier attempt of the same import stored, when a killed run starts again.
  await sql`create index mentions_import on mentions (import_id) where import_id is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index mentions_import`.execute(db);
  await sql`drop index imports_once_per_file`.execute(db);
  await sql`delete from imports where status = 'queued'`.execute(db);
  await sql`
    alter table imports drop column origin, drop column requested_by, drop column stored_path,
      drop column folder_source_id, drop column queued_at, drop column attempts, drop column bytes_read,
      drop column repeated_rows, drop column past_retention`.execute(db);
  await sql`alter table imports drop constraint imports_status_check`.execute(db);
  await sql`
    alter table imports add constraint imports_status_check
      check (status in ('running', 'done', 'failed', 'interrupted'))`.execute(db);
}
