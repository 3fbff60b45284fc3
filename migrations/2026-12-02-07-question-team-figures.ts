// The Vragen dashboard's team figures read indexes alone: open questions by team and due time (open and overdue
// now), and answered questions by answer time with team and receipt (median time to answer over a range).
// Frozen in time: this file never imports application code.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index questions_open_team_due on questions (team, due_at)
    where answered_at is null and closed_at is null`.execute(db);
  await sql`create index questions_answered on questions (answered_at) include (team, received_at)
    where answered_at is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index questions_answered`.execute(db);
  await sql`drop index questions_open_team_due`.execute(db);
}
