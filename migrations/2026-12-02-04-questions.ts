// The question register: questions (idempotent per source and external id), their history, contact details kept
// apart for the callback, exact rollups per channel x topic, and the outbox of question notices.
// Frozen in time: this file never imports application code.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table questions (
      id bigint generated always as identity primary key,
      source text not null,
      external_id text not null,
      received_at timestamptz not null,
      channel text not null check (channel in ('telefoon', 'e-mail', 'balie', 'webformulier', 'social')),
      text text,
      text_expired_at timestamptz,
      language text not null,
      topics text[] not null default '{}',
      sentiment_score real not null,
      sentiment_label text not null check (sentiment_label in ('positive', 'neutral', 'negative')),
      sentiment_model text not null,
      status text not null check (status in
        ('nieuw', 'doorgestuurd', 'in behandeling', 'wacht op inwoner', 'beantwoord', 'gesloten')),
      team text not null,
      assignee text,
      due_at timestamptz not null,
      overdue_at timestamptz,
      escalated_at timestamptz,
      callback_wanted boolean not null default false,
      callback_by timestamptz,
      answer text,
      answered_how text check (answered_how in ('telefonisch teruggebeld', 'per e-mail', 'verwezen naar')),
      answered_to text,
      answered_at timestamptz,
      closed_at timestamptz,
      created_at timestamptz not null default now(),
      unique (source, external_id)
    )`.execute(db);
  await sql`create index questions_received on questions (received_at, id)`.execute(db);
  await sql`create index questions_open_due on questions (due_at) where closed_at is null and answered_at is null`.execute(
    db,
  );
  await sql`create index questions_team_status on questions (team, status)`.execute(db);

  // The history: who did what, when. Never updated, only appended.
  await sql`
    create table question_events (
      id bigint generated always as identity primary key,
      question_id bigint not null references questions (id) on delete cascade,
      at timestamptz not null,
      actor text not null,
      type text not null,
      detail jsonb not null default '{}'::jsonb
    )`.execute(db);
  await sql`create index question_events_question on question_events (question_id, id)`.execute(db);

  // Contact details only for the callback; deleted N days after the question is closed.
  await sql`
    create table question_contacts (
      question_id bigint primary key references questions (id) on delete cascade,
      name text,
      phone text,
      email text,
      created_at timestamptz not null default now()
    )`.execute(db);

  for (const table of ['question_rollups_5m', 'question_rollups_1h']) {
    await sql`
      create table ${sql.table(table)} (
        channel text not null,
        topic text not null,
        bucket timestamptz not null,
        n integer not null default 0,
        n_pos integer not null default 0,
        n_neu integer not null default 0,
        n_neg integer not null default 0,
        score_sum bigint not null default 0,
        primary key (channel, topic, bucket)
      )`.execute(db);
  }

  // The outbox of notices (routed to a team, escalated to the coordinator): one row per question, kind and
  // channel, so a notice is written once however often the sweep runs, and sent once however often it restarts.
  await sql`
    create table question_notices (
      id bigint generated always as identity primary key,
      question_id bigint not null references questions (id) on delete cascade,
      kind text not null check (kind in ('routed', 'escalated')),
      channel_id text not null,
      message jsonb not null,
      state text not null default 'pending' check (state in ('pending', 'sending', 'delivered', 'failed')),
      attempts integer not null default 0,
      not_before timestamptz not null,
      lease_until timestamptz,
      last_error text,
      delivered_at timestamptz,
      created_at timestamptz not null default now(),
      unique (question_id, kind, channel_id)
    )`.execute(db);
  await sql`create index question_notices_due on question_notices (not_before) where state in ('pending', 'sending')`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'question_notices',
    'question_rollups_1h',
    'question_rollups_5m',
    'question_contacts',
    'question_events',
    'questions',
  ]) {
    await sql`drop table if exists ${sql.table(table)} cascade`.execute(db);
  }
}
