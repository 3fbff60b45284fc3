// Measures: the timeline of government measures (national, regional, municipal) with every version kept.
// A watcher's publication maps to one measure by (source, publication id); its content hash tells a change.
// Frozen in time: this file never imports application code.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // The current state of each measure; its history is in measure_versions.
  // Dates are calendar dates in the Netherlands: the facts are days, and instants are derived with the configured
  // time zone when a window or an annotation needs one.
  await sql`
    create table measures (
      id text primary key,
      version integer not null default 1,
      level text not null check (level in ('national', 'regional', 'municipal')),
      region text,
      municipality text,
      title text not null,
      summary text,
      announced_on date,
      effective_from date not null,
      effective_until date,
      topics text[] not null default '{}',
      direction text not null check (direction in ('tightening', 'relaxation', 'mixed')),
      source_url text,
      sources text[] not null default '{}',
      verified boolean not null default true,
      note text,
      origin text not null check (origin in ('file', 'manual', 'watcher')),
      source_id text,
      external_id text,
      -- The publication as last seen: an unchanged publication is no new version, even after a hand edit.
      publication_hash text,
      content_hash text not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (effective_until is null or effective_until >= effective_from)
    )`.execute(db);
  await sql`create index measures_effective on measures (effective_from)`.execute(db);
  await sql`create index measures_topics on measures using gin (topics)`.execute(db);
  // A watcher's publication is one measure: found again by its source and id, whatever the measure's id.
  await sql`
    create unique index measures_publication on measures (source_id, external_id)
    where external_id is not null`.execute(db);

  // Every version as it was stored, with what changed and where the change came from.
  await sql`
    create table measure_versions (
      measure_id text not null references measures (id) on delete cascade,
      version integer not null,
      data jsonb not null,
      changed text[] not null default '{}',
      origin text not null,
      content_hash text not null,
      recorded_at timestamptz not null default now(),
      primary key (measure_id, version)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists measure_versions`.execute(db);
  await sql`drop table if exists measures`.execute(db);
}
