// Online posts that ask a question, matched to the published FAQs like the KCC's questions (issue 16, point 5).
// `mentions.asks_question` is null until the decider has read the post (then true or false); the partial index of
// the unread posts with text is the decider's queue, so it never scans the mentions it has read. A post that asks
// gets one decision per set of published FAQs in `mention_faq_matches`, written in the transaction that marks it
// read; a decision made against another set is made again while the post still has its text.
// Frozen in time: this file never imports application code.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // No default: adding the column changes no stored row.
  await sql`alter table mentions add column asks_question boolean`.execute(db);
  await sql`create index mentions_question_unread on mentions (posted_at desc, id desc)
    where asks_question is null and text is not null`.execute(db);

  // No foreign key to the partitioned mentions: a dropped partition must not be held up by its decisions, and the
  // gaps read a decision only together with its post.
  await sql`
    create table mention_faq_matches (
      mention_id bigint primary key,
      posted_at timestamptz not null,
      decision text not null check (decision in ('match', 'none')),
      faq_id bigint references faqs (id) on delete set null,
      score double precision not null,
      faq_set text not null,
      -- The post's text expiry: a decision is made again only while the post still has its text.
      text_expires_at timestamptz not null,
      decided_at timestamptz not null default now()
    )`.execute(db);
  // Decisions of another set, found as faq_set < X or faq_set > X (two range scans, empty once all are redone).
  await sql`create index mention_faq_matches_set on mention_faq_matches (faq_set, text_expires_at)`.execute(
    db,
  );
  await sql`create index mention_faq_matches_posted on mention_faq_matches (posted_at)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists mention_faq_matches`.execute(db);
  await sql`drop index if exists mentions_question_unread`.execute(db);
  await sql`alter table mentions drop column if exists asks_question`.execute(db);
}
