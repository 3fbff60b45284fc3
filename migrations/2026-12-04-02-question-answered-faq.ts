// A question answered with an FAQ keeps which one (issue 16, "beantwoord met FAQ"). Deleting an FAQ keeps the
// answer and forgets the link; the index serves that delete and "which questions did this FAQ answer".
// Frozen in time: this file never imports application code.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table questions add column answered_faq_id bigint references faqs (id) on delete set null`.execute(
    db,
  );
  await sql`create index questions_answered_faq on questions (answered_faq_id)
    where answered_faq_id is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index questions_answered_faq`.execute(db);
  await sql`alter table questions drop column answered_faq_id`.execute(db);
}
