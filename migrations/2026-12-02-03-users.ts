// People who sign in to the web pages (beside the API keys), their server-side sessions and failed sign-ins
// (for the lockout). Frozen in time: this file never imports application code.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // A name is unique without regard to case; a disabled user keeps the row (history names them) but cannot sign in.
  await sql`
    create table users (
      id bigint generated always as identity primary key,
      name text not null,
      role text not null check (role in ('kcc', 'team', 'coordinator', 'analyst', 'admin')),
      team_id text,
      password_hash text not null,
      must_change_password boolean not null default true,
      created_at timestamptz not null default now(),
      password_changed_at timestamptz not null default now(),
      disabled_at timestamptz
    )`.execute(db);
  await sql`create unique index users_name on users (lower(name))`.execute(db);

  // Only a hash of the session id is stored: a copy of this table does not give anyone a live session.
  await sql`
    create table user_sessions (
      id_hash text primary key,
      user_id bigint not null references users (id) on delete cascade,
      created_at timestamptz not null default now(),
      last_seen_at timestamptz not null default now(),
      expires_at timestamptz not null
    )`.execute(db);
  await sql`create index user_sessions_user on user_sessions (user_id)`.execute(db);
  await sql`create index user_sessions_expires on user_sessions (expires_at)`.execute(db);

  // Failed sign-ins by the name tried (also names that do not exist) and the client address.
  await sql`
    create table sign_in_failures (
      id bigint generated always as identity primary key,
      user_name text not null,
      client_address text not null,
      failed_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index sign_in_failures_name on sign_in_failures (user_name, failed_at)`.execute(db);
  await sql`create index sign_in_failures_address on sign_in_failures (client_address, failed_at)`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists sign_in_failures`.execute(db);
  await sql`drop table if exists user_sessions`.execute(db);
  await sql`drop table if exists users`.execute(db);
}
