// Scheduled reports (issue 17): each report of a period is rendered once and kept (report_documents), and sent once
// per channel through an outbox (report_deliveries) whose rows are claimed with a lease, so a restarted or second
// worker neither loses nor repeats a send.
// Frozen in time: this file never imports application code.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table report_documents (
    id bigserial primary key,
    kind text not null check (kind in ('weekly', 'daily_digest')),
    period_key text not null,
    period_from timestamptz not null,
    period_to timestamptz not null,
    label text not null,
    pdf bytea,
    filename text,
    summary jsonb not null,
    message jsonb not null,
    created_at timestamptz not null default now(),
    unique (kind, period_key),
    check ((pdf is null) = (filename is null))
  )`.execute(db);
  await sql`create table report_deliveries (
    id bigserial primary key,
    document_id bigint not null references report_documents (id) on delete cascade,
    kind text not null,
    period_key text not null,
    channel_id text not null,
    status text not null default 'pending' check (status in ('pending', 'delivered', 'failed')),
    attempts integer not null default 0,
    next_attempt_at timestamptz not null default now(),
    last_error text,
    delivered_at timestamptz,
    created_at timestamptz not null default now(),
    unique (kind, period_key, channel_id)
  )`.execute(db);
  await sql`create index report_deliveries_due on report_deliveries (next_attempt_at)
    where status = 'pending'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table report_deliveries`.execute(db);
  await sql`drop table report_documents`.execute(db);
}
