// Detection and alerting: detector state per series, anomaly scores per bucket, alerts with their state changes
// (events), and the delivery outbox. Frozen in time: this file never imports application code.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // One row per detected series; the state and the last scored bucket advance in one transaction.
  await sql`
    create table detector_states (
      series_key text primary key,
      metric text not null,
      source_kind text not null,
      topic text not null,
      detector_version text not null,
      state jsonb not null,
      last_bucket timestamptz not null,
      updated_at timestamptz not null default now()
    )`.execute(db);

  await sql`
    create table anomaly_scores (
      series_key text not null,
      bucket timestamptz not null,
      observed double precision not null,
      expected double precision not null,
      volume integer not null,
      score real not null,
      spike real not null,
      drop real not null,
      primary key (series_key, bucket)
    )`.execute(db);

  await sql`
    create table alerts (
      id bigint generated always as identity primary key,
      kind text not null check (kind in ('spike', 'drop', 'measure_change', 'source_failure')),
      rule_id text not null,
      series_key text not null,
      state text not null check (state in ('open', 'resolved')),
      title text not null,
      opened_at timestamptz not null,
      updated_at timestamptz not null,
      resolved_at timestamptz,
      last_triggered_at timestamptz not null,
      acknowledged_at timestamptz,
      acknowledged_by text,
      score real,
      observed double precision,
      expected double precision,
      details jsonb not null default '{}'::jsonb,
      version integer not null default 1
    )`.execute(db);
  // One open alert per rule and series.
  await sql`create unique index alerts_one_open on alerts (rule_id, series_key) where state = 'open'`.execute(
    db,
  );
  await sql`create index alerts_opened on alerts (opened_at)`.execute(db);

  // Each state change of an alert; deliveries fan out from these.
  await sql`
    create table alert_events (
      id bigint generated always as identity primary key,
      alert_id bigint not null references alerts (id),
      type text not null check (type in ('opened', 'updated', 'resolved')),
      at timestamptz not null,
      message jsonb not null,
      unique (alert_id, type, at)
    )`.execute(db);

  // The outbox: one row per event and channel, written in the event's transaction.
  await sql`
    create table deliveries (
      id bigint generated always as identity primary key,
      event_id bigint not null references alert_events (id),
      channel_id text not null,
      channel_kind text not null,
      state text not null default 'pending' check (state in ('pending', 'sending', 'delivered', 'failed')),
      attempts integer not null default 0,
      not_before timestamptz not null,
      lease_until timestamptz,
      last_error text,
      delivered_at timestamptz,
      created_at timestamptz not null default now(),
      unique (event_id, channel_id)
    )`.execute(db);
  await sql`create index deliveries_due on deliveries (not_before) where state in ('pending', 'sending')`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['deliveries', 'alert_events', 'alerts', 'anomaly_scores', 'detector_states']) {
    await sql`drop table if exists ${sql.table(table)} cascade`.execute(db);
  }
}
