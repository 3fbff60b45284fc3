// Which published FAQ answers each question (issue 16, the gaps): one decision per question, made against one set
// of published FAQs (`faq_set`, a hash of their ids and contents), so a decision made against an older set is seen
// as out of date and made again. A question that became a concept FAQ from the gaps page keeps that link, once.
// Frozen in time: this file never imports application code.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table question_faq_matches (
      question_id bigint primary key references questions (id) on delete cascade,
      decision text not null check (decision in ('match', 'none')),
      faq_id bigint references faqs (id) on delete set null,
      score double precision not null,
      faq_set text not null,
      -- A deleted FAQ forgets the link; it also changes the set, so the decision is made again.
      decided_at timestamptz not null default now()
    )`.execute(db);
  // The decider looks for decisions made against another set.
  await sql`create index question_faq_matches_set on question_faq_matches (faq_set)`.execute(db);

  // A gap cluster turned into a concept FAQ, keyed by the question that started the cluster: a second click on
  // the same cluster finds this row and returns the same concept.
  await sql`
    create table faq_gap_concepts (
      question_id bigint primary key references questions (id) on delete cascade,
      faq_id bigint not null references faqs (id) on delete cascade,
      created_by text not null,
      created_at timestamptz not null default now()
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists faq_gap_concepts`.execute(db);
  await sql`drop table if exists question_faq_matches`.execute(db);
}
