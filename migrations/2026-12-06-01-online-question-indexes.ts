// The posts that ask a question and their decisions, by time (issue 17: questions in posts in the environment
// analysis). `mentions_asking` is partial: it holds only the posts the FAQ decider marked as asking, so a week's
// online questions are read without walking that week's other mentions. Both indexes carry what the count needs
// (the post's id, source kind and topics; the decision, its FAQ set and the text expiry), so once a partition is
// vacuumed the count reads no table page. The covering decisions index replaces `mention_faq_matches_posted`,
// whose range reads it serves as well. Frozen in time: this file never imports application code.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index mentions_asking on mentions (posted_at) include (id, source_kind, topics)
    where asks_question`.execute(db);
  await sql`create index mention_faq_matches_posted_covering on mention_faq_matches (posted_at)
    include (mention_id, decision, faq_set, text_expires_at)`.execute(db);
  await sql`drop index if exists mention_faq_matches_posted`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`create index if not exists mention_faq_matches_posted on mention_faq_matches (posted_at)`.execute(
    db,
  );
  await sql`drop index if exists mention_faq_matches_posted_covering`.execute(db);
  await sql`drop index if exists mentions_asking`.execute(db);
}
