// An online gap cluster (posts that ask, issue 16 point 5) turned into a concept FAQ, keyed by the post that
// started the cluster, as `faq_gap_concepts` keys a KCC cluster by its first question: a second click on the same
// cluster finds this row and returns the same concept. Apart from `faq_gap_concepts` because the key is a post,
// not a question (the two id spaces overlap).
// Frozen in time: this file never imports application code.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // No foreign key to the partitioned mentions (as mention_faq_matches): a dropped partition or an expired text
  // must not take the link with it; the concept FAQ stays the register's.
  await sql`
    create table faq_gap_online_concepts (
      mention_id bigint primary key,
      posted_at timestamptz not null,
      faq_id bigint not null references faqs (id) on delete cascade,
      created_by text not null,
      created_at timestamptz not null default now()
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists faq_gap_online_concepts`.execute(db);
}
