// Learned sentiment: trained models (weights, cross-validated metrics, which one is active) and analysts'
// corrections of single mentions. Frozen in time: this file never imports application code.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Every trained model is kept with its metrics, also those that did not beat the scorer in use;
  // at most one per language is active, and the workers score with it.
  await sql`
    create table sentiment_models (
      version text primary key,
      language text not null default 'nl',
      created_at timestamptz not null default now(),
      active boolean not null default false,
      activated_at timestamptz,
      metrics jsonb not null,
      weights bytea not null
    )`.execute(db);
  await sql`create unique index sentiment_models_one_active on sentiment_models (language) where active`.execute(
    db,
  );

  // One row per correction (the history stays); the latest one per mention is the analyst's label.
  // No foreign key to mentions: partitions are dropped by retention, and the correction is still training data.
  await sql`
    create table sentiment_corrections (
      id bigint generated always as identity primary key,
      mention_id bigint not null,
      posted_at timestamptz not null,
      label text not null check (label in ('positive', 'neutral', 'negative')),
      previous_label text not null,
      previous_model text not null,
      api_key_id bigint references api_keys (id),
      corrected_by text not null,
      corrected_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index sentiment_corrections_mention on sentiment_corrections (mention_id, id)`.execute(db);

  // PATCH /mentions/:id finds a mention by its id alone; the primary key leads with posted_at.
  await sql`create index mentions_id on mentions (id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists mentions_id`.execute(db);
  await sql`drop table if exists sentiment_corrections`.execute(db);
  await sql`drop table if exists sentiment_models`.execute(db);
}
