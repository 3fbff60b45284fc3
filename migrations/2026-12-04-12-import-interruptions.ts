// How many runs of a queued import stopped without finishing (its worker killed, or its database lost). An import
// that resumes by itself after a crash counts one; a file that kills its worker every time is given up (`failed`)
// once the count reaches the limit, instead of being put back in the queue forever.
// Frozen in time: this file never imports application code.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table imports add column interruptions integer not null default 0`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table imports drop column interruptions`.execute(db);
}
