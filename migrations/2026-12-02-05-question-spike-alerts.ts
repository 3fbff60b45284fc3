// Alerts gain the kind `question_spike`: a burst of residents' questions, judged by the same detector as mentions.
// Frozen in time: this file never imports application code.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table alerts drop constraint alerts_kind_check`.execute(db);
  await sql`
    alter table alerts add constraint alerts_kind_check
      check (kind in ('spike', 'drop', 'measure_change', 'source_failure', 'question_spike'))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  // Question alerts cannot be kept under the old constraint; their events and deliveries go with them.
  await sql`
    delete from deliveries where event_id in (
      select e.id from alert_events e join alerts a on a.id = e.alert_id where a.kind = 'question_spike')`.execute(
    db,
  );
  await sql`delete from alert_events where alert_id in (select id from alerts where kind = 'question_spike')`.execute(
    db,
  );
  await sql`delete from alerts where kind = 'question_spike'`.execute(db);
  await sql`alter table alerts drop constraint alerts_kind_check`.execute(db);
  await sql`
    alter table alerts add constraint alerts_kind_check
      check (kind in ('spike', 'drop', 'measure_change', 'source_failure'))`.execute(db);
}
