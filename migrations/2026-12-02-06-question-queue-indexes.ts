// Indexes for the question queue (newest first, filtered by team, status, topic or overdue), so a page costs the
// same however the 100,000s of questions spread over teams and statuses: each filter walks an index already in
// (received_at, id) order, or, for a topic, looks it up in the topics' GIN index.
// Frozen in time: this file never imports application code.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index questions_team_received on questions (team, received_at, id)`.execute(db);
  await sql`create index questions_team_status_received on questions (team, status, received_at, id)`.execute(
    db,
  );
  // Its prefix (team, status) is all the old index held.
  await sql`drop index questions_team_status`.execute(db);
  await sql`create index questions_status_received on questions (status, received_at, id)`.execute(db);
  await sql`create index questions_overdue_received on questions (received_at, id)
    where overdue_at is not null and closed_at is null`.execute(db);
  await sql`create index questions_topics on questions using gin (topics)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const index of [
    'questions_topics',
    'questions_overdue_received',
    'questions_status_received',
    'questions_team_status_received',
    'questions_team_received',
  ])
    await sql`drop index if exists ${sql.id(index)}`.execute(db);
  await sql`create index questions_team_status on questions (team, status)`.execute(db);
}
