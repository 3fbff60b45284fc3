// The posts that ask a question, by time (issue 17: questions in posts in the environment analysis). A partial
// index: it holds only the posts the FAQ decider marked as asking, so a week's online questions are read without
// walking that week's other mentions. Frozen in time: this file never imports application code.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index mentions_asking on mentions (posted_at) where asks_question`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists mentions_asking`.execute(db);
}
