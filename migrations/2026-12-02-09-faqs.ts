// The FAQ register: FAQs (one per external id of an import), every change a version (who, what, when), their links
// to the measures they explain, and the outbox of notices to an FAQ's owner when a measure change makes it stale.
// Frozen in time: this file never imports application code.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table faqs (
      id bigint generated always as identity primary key,
      -- The id the FAQ has in an imported list: a re-import finds it again by this id.
      external_id text unique,
      version integer not null default 1,
      question text not null check (length(btrim(question)) > 0),
      answer text not null check (length(btrim(answer)) > 0),
      url text,
      topics text[] not null default '{}',
      audience text[] not null default '{}'
        check (audience <@ array['inwoners', 'ondernemers', 'instellingen']::text[]),
      status text not null default 'concept' check (status in ('concept', 'gepubliceerd', 'verlopen')),
      valid_from date,
      valid_until date,
      -- The owner is a user (by id) or a team (by id): exactly one of the two, or none.
      owner_user_id bigint references users (id),
      owner_team text,
      last_checked_at timestamptz,
      stale boolean not null default false,
      stale_reason text,
      stale_at timestamptz,
      stale_measure_id text references measures (id) on delete set null,
      content_hash text not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (valid_until is null or valid_from is null or valid_until >= valid_from),
      check (owner_user_id is null or owner_team is null)
    )`.execute(db);
  await sql`create index faqs_status on faqs (status, id)`.execute(db);
  await sql`create index faqs_topics on faqs using gin (topics)`.execute(db);

  // Every version as it was stored: the whole FAQ, which fields changed, and who changed it.
  await sql`
    create table faq_versions (
      faq_id bigint not null references faqs (id) on delete cascade,
      version integer not null,
      data jsonb not null,
      changed text[] not null default '{}',
      actor text not null,
      origin text not null check (origin in ('import', 'manual', 'api', 'check', 'stale')),
      recorded_at timestamptz not null default now(),
      primary key (faq_id, version)
    )`.execute(db);

  // A link must point at a measure that exists: the foreign key refuses one that points nowhere.
  await sql`
    create table faq_measures (
      faq_id bigint not null references faqs (id) on delete cascade,
      measure_id text not null references measures (id) on delete cascade,
      created_at timestamptz not null default now(),
      primary key (faq_id, measure_id)
    )`.execute(db);
  await sql`create index faq_measures_measure on faq_measures (measure_id)`.execute(db);

  // One notice per FAQ, measure version and channel: written once however often a change is seen, sent once.
  await sql`
    create table faq_notices (
      id bigint generated always as identity primary key,
      faq_id bigint not null references faqs (id) on delete cascade,
      measure_id text not null,
      measure_version integer not null,
      channel_id text not null,
      message jsonb not null,
      state text not null default 'pending' check (state in ('pending', 'sending', 'delivered', 'failed')),
      attempts integer not null default 0,
      not_before timestamptz not null,
      lease_until timestamptz,
      last_error text,
      delivered_at timestamptz,
      created_at timestamptz not null default now(),
      unique (faq_id, measure_id, measure_version, channel_id)
    )`.execute(db);
  await sql`create index faq_notices_due on faq_notices (not_before) where state in ('pending', 'sending')`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['faq_notices', 'faq_measures', 'faq_versions', 'faqs']) {
    await sql`drop table if exists ${sql.table(table)} cascade`.execute(db);
  }
}
