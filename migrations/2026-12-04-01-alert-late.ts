// Alerts gain `late`: opened because posts arrived for a bucket the detector had already judged (a late poll, late
// indexing), so the message can say the alert comes late. Frozen in time: this file never imports application code.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table alerts add column late boolean not null default false`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table alerts drop column late`.execute(db);
}
