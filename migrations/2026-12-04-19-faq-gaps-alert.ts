// The weekly gaps alert (issue 16, point 3) is a scheduled send like the reports: its message is stored once per
// week in report_documents (kind `faq_gaps`) with one delivery per channel in report_deliveries, so it goes once
// per week and channel across restarts and workers.
// Frozen in time: this file never imports application code.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table report_documents drop constraint report_documents_kind_check`.execute(db);
  await sql`alter table report_documents add constraint report_documents_kind_check
    check (kind in ('weekly', 'daily_digest', 'faq_gaps'))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`delete from report_documents where kind = 'faq_gaps'`.execute(db);
  await sql`alter table report_documents drop constraint report_documents_kind_check`.execute(db);
  await sql`alter table report_documents add constraint report_documents_kind_check
    check (kind in ('weekly', 'daily_digest'))`.execute(db);
}
