// Foundation schema: sources, mentions (partitioned by month) with their dedupe keys, exact rollups,
// imports and API keys. Frozen in time: this file never imports application code.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table sources (
      id text primary key,
      kind text not null,
      enabled boolean not null default true,
      settings jsonb not null default '{}'::jsonb,
      cursor jsonb,
      state text not null default 'idle'
        check (state in ('idle', 'ok', 'failing', 'needs_attention', 'disabled')),
      last_success_at timestamptz,
      last_error_at timestamptz,
      last_error text,
      consecutive_failures integer not null default 0,
      items_stored bigint not null default 0,
      newest_item_at timestamptz,
      next_poll_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);

  // The gate that makes storage exactly-once: a mention exists iff its (source, external id) key does.
  // It is not partitioned, because a unique key on a partitioned table would have to include posted_at.
  // The external id is kept as its SHA-256: it is often a URL that names a person, and the key outlives the text.
  await sql`create sequence mention_id_seq as bigint`.execute(db);
  await sql`
    create table mention_keys (
      source_id text not null references sources (id),
      external_hash bytea not null,
      mention_id bigint not null default nextval('mention_id_seq'),
      posted_at timestamptz not null,
      primary key (source_id, external_hash)
    )`.execute(db);

  await sql`
    create table mentions (
      id bigint not null,
      source_id text not null,
      source_kind text not null,
      external_id text not null,
      url text,
      platform text,
      author_pseudonym text,
      author_name text,
      author_kind text not null check (author_kind in ('person', 'institution', 'media', 'unknown')),
      posted_at timestamptz not null,
      ingested_at timestamptz not null default now(),
      language text not null,
      title text,
      text text,
      text_expires_at timestamptz not null,
      reach bigint,
      engagement bigint,
      sentiment_score real not null check (sentiment_score between -1 and 1),
      sentiment_label text not null check (sentiment_label in ('positive', 'neutral', 'negative')),
      sentiment_confidence real not null,
      sentiment_model text not null,
      tool_sentiment text check (tool_sentiment in ('positive', 'neutral', 'negative')),
      topics text[] not null default '{}',
      topics_model text not null,
      country text,
      import_id bigint,
      search tsvector generated always as (
        to_tsvector('dutch', coalesce(title, '') || ' ' || coalesce(text, ''))
      ) stored,
      primary key (posted_at, id)
    ) partition by range (posted_at)`.execute(db);
  await sql`create index mentions_source_posted on mentions (source_kind, posted_at)`.execute(db);
  await sql`create index mentions_topics on mentions using gin (topics)`.execute(db);
  await sql`create index mentions_search on mentions using gin (search)`.execute(db);
  await sql`create index mentions_text_expiry on mentions (text_expires_at) where text is not null`.execute(
    db,
  );

  // Counts and sums only, never averages, so any coarser bucket is an exact sum of finer ones.
  // score_sum is in thousandths (integer), so sums do not depend on the order of additions.
  // Rows are updated in place by every batch that touches them: free space on each page keeps those updates HOT
  // (no index writes).
  await sql`
    create table rollups_5m (
      source_kind text not null,
      topic text not null,
      bucket timestamptz not null,
      n integer not null default 0,
      n_pos integer not null default 0,
      n_neu integer not null default 0,
      n_neg integer not null default 0,
      score_sum bigint not null default 0,
      reach_sum bigint not null default 0,
      engagement_sum bigint not null default 0,
      primary key (source_kind, topic, bucket)
    ) with (fillfactor = 70)`.execute(db);
  // The same sums per hour, for ranges of days and months: a 90-day series reads 2,160 rows instead of 25,920. The
  // key carries the sums, so a series is read from the index alone once a page has been vacuumed.
  await sql`
    create table rollups_1h (
      source_kind text not null,
      topic text not null,
      bucket timestamptz not null,
      n integer not null default 0,
      n_pos integer not null default 0,
      n_neu integer not null default 0,
      n_neg integer not null default 0,
      score_sum bigint not null default 0,
      reach_sum bigint not null default 0,
      engagement_sum bigint not null default 0,
      primary key (source_kind, topic, bucket) include (n, n_pos, n_neu, n_neg, score_sum, reach_sum, engagement_sum)
    )`.execute(db);

  await sql`
    create table imports (
      id bigint generated always as identity primary key,
      file_name text not null,
      file_sha256 text not null,
      file_bytes bigint not null,
      preset text not null,
      source_id text not null references sources (id),
      status text not null default 'running' check (status in ('running', 'done', 'failed')),
      started_at timestamptz not null default now(),
      finished_at timestamptz,
      rows_read integer not null default 0,
      imported integer not null default 0,
      duplicates integer not null default 0,
      rejected_count integer not null default 0,
      rejected jsonb not null default '[]'::jsonb,
      error text
    )`.execute(db);

  await sql`
    create table api_keys (
      id bigint generated always as identity primary key,
      name text not null,
      role text not null check (role in ('viewer', 'analyst', 'admin')),
      key_hash text not null unique,
      key_prefix text not null,
      push_source_id text,
      created_at timestamptz not null default now(),
      last_used_at timestamptz,
      revoked_at timestamptz
    )`.execute(db);

  // Every read of raw mention text is recorded (AVG/GDPR accountability).
  await sql`
    create table access_log (
      id bigint generated always as identity primary key,
      at timestamptz not null default now(),
      api_key_id bigint references api_keys (id),
      action text not null,
      detail jsonb not null default '{}'::jsonb
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'access_log',
    'api_keys',
    'imports',
    'rollups_5m',
    'mentions',
    'mention_keys',
    'sources',
  ]) {
    await sql`drop table if exists ${sql.table(table)} cascade`.execute(db);
  }
  await sql`drop sequence if exists mention_id_seq`.execute(db);
}
