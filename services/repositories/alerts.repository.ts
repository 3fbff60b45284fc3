// Alerts, their events and the delivery outbox. Bound to the database or to a transaction of the unit of work, so
// the detection run writes scores, alert changes and deliveries in one transaction.
import { sql } from 'kysely';
import type { Db } from '../db/client.js';
import type { AlertKind, AlertState } from '../alerts/alert-kind.js';
import type { DeliveryState } from '../alerts/delivery-state.js';
import type {
  AlertFilter,
  AlertRecord,
  DeliveryRecord,
  EventRecord,
  NewAlert,
} from '../alerts/alert-record.js';

const toAlert = (row: {
  id: string;
  kind: AlertKind;
  rule_id: string;
  series_key: string;
  state: AlertState;
  title: string;
  opened_at: Date;
  updated_at: Date;
  resolved_at: Date | null;
  last_triggered_at: Date;
  acknowledged_at: Date | null;
  acknowledged_by: string | null;
  score: number | null;
  observed: number | null;
  expected: number | null;
  details: Record<string, unknown>;
  version: number;
  late: boolean;
}): AlertRecord => ({
  id: row.id,
  kind: row.kind,
  ruleId: row.rule_id,
  seriesKey: row.series_key,
  state: row.state,
  title: row.title,
  openedAt: row.opened_at,
  updatedAt: row.updated_at,
  resolvedAt: row.resolved_at,
  lastTriggeredAt: row.last_triggered_at,
  acknowledgedAt: row.acknowledged_at,
  acknowledgedBy: row.acknowledged_by,
  score: row.score,
  observed: row.observed,
  expected: row.expected,
  details: row.details,
  version: row.version,
  late: row.late,
});

interface DeliveryRow {
  id: string;
  event_id: string;
  channel_id: string;
  channel_kind: string;
  state: DeliveryState;
  attempts: number;
  not_before: Date;
  last_error: string | null;
  delivered_at: Date | null;
  created_at: Date;
}

const toDelivery = (row: DeliveryRow): DeliveryRecord => ({
  id: row.id,
  eventId: row.event_id,
  channelId: row.channel_id,
  channelKind: row.channel_kind,
  state: row.state,
  attempts: row.attempts,
  notBefore: row.not_before,
  lastError: row.last_error,
  deliveredAt: row.delivered_at,
  createdAt: row.created_at,
});

export class AlertsRepository {
  /** `db` is the database or a transaction (see unit-of-work.ts). */
  constructor(private readonly db: Db) {}

  async findOpen(ruleId: string, seriesKey: string): Promise<AlertRecord | null> {
    const row = await this.db
      .selectFrom('alerts')
      .selectAll()
      .where('rule_id', '=', ruleId)
      .where('series_key', '=', seriesKey)
      .where('state', '=', 'open')
      .executeTakeFirst();
    return row ? toAlert(row) : null;
  }

  /** When the rule's latest alert of this series opened (its cooldown counts from there), or null. */
  async lastOpenedAt(ruleId: string, seriesKey: string): Promise<Date | null> {
    const row = await this.db
      .selectFrom('alerts')
      .select((eb) => eb.fn.max('opened_at').as('at'))
      .where('rule_id', '=', ruleId)
      .where('series_key', '=', seriesKey)
      .executeTakeFirst();
    return row?.at ?? null;
  }

  async insert(alert: NewAlert): Promise<AlertRecord> {
    const row = await this.db
      .insertInto('alerts')
      .values({
        kind: alert.kind,
        rule_id: alert.ruleId,
        series_key: alert.seriesKey,
        state: 'open',
        title: alert.title,
        opened_at: alert.at,
        updated_at: alert.at,
        last_triggered_at: alert.at,
        score: alert.score,
        observed: alert.observed,
        expected: alert.expected,
        details: JSON.stringify(alert.details),
        late: alert.late ?? false,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toAlert(row);
  }

  async update(
    id: string,
    values: {
      at: Date;
      score?: number | null;
      observed?: number | null;
      expected?: number | null;
      triggered: boolean;
      details?: Record<string, unknown>;
    },
  ): Promise<AlertRecord> {
    const row = await this.db
      .updateTable('alerts')
      .set({
        updated_at: values.at,
        ...(values.triggered ? { last_triggered_at: values.at } : {}),
        ...(values.score !== undefined ? { score: values.score } : {}),
        ...(values.observed !== undefined ? { observed: values.observed } : {}),
        ...(values.expected !== undefined ? { expected: values.expected } : {}),
        ...(values.details !== undefined ? { details: JSON.stringify(values.details) } : {}),
        version: sql`version + 1`,
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return toAlert(row);
  }

  async touch(id: string, at: Date): Promise<void> {
    await this.db.updateTable('alerts').set({ last_triggered_at: at }).where('id', '=', id).execute();
  }

  async resolve(id: string, at: Date): Promise<AlertRecord> {
    const row = await this.db
      .updateTable('alerts')
      .set({ state: 'resolved', resolved_at: at, updated_at: at, version: sql`version + 1` })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return toAlert(row);
  }

  async acknowledge(id: string, by: string, at: Date): Promise<AlertRecord | null> {
    const row = await this.db
      .updateTable('alerts')
      .set({
        acknowledged_at: sql`coalesce(acknowledged_at, ${at.toISOString()}::timestamptz)`,
        acknowledged_by: sql`coalesce(acknowledged_by, ${by})`,
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    return row ? toAlert(row) : null;
  }

  /** An event and its deliveries, in the caller's transaction: the outbox. */
  async addEvent(
    event: { alertId: string; type: EventRecord['type']; at: Date; message: unknown },
    deliveries: { channelId: string; channelKind: string; notBefore: Date }[],
  ): Promise<EventRecord> {
    const row = await this.db
      .insertInto('alert_events')
      .values({
        alert_id: event.alertId,
        type: event.type,
        at: event.at,
        message: JSON.stringify(event.message),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    if (deliveries.length > 0) {
      await this.db
        .insertInto('deliveries')
        .values(
          deliveries.map((delivery) => ({
            event_id: row.id,
            channel_id: delivery.channelId,
            channel_kind: delivery.channelKind,
            not_before: delivery.notBefore,
          })),
        )
        .execute();
    }
    return { id: row.id, alertId: row.alert_id, type: row.type, at: row.at, message: row.message };
  }

  /**
   * Removes example posts published before `postedBefore` from stored event messages, as retention clears the
   * posts' own text. An example without its date (written before they had one) counts as posted at its event.
   */
  async expireExamples(postedBefore: Date): Promise<number> {
    const cutoff = postedBefore.toISOString();
    const result = await sql`
      update alert_events e set message = jsonb_set(e.message, '{examples}', coalesce((
        select jsonb_agg(x) from jsonb_array_elements(e.message -> 'examples') x
        where coalesce((x ->> 'postedAt')::timestamptz, e.at) >= ${cutoff}::timestamptz), '[]'::jsonb))
      where jsonb_typeof(e.message -> 'examples') = 'array' and exists (
        select 1 from jsonb_array_elements(e.message -> 'examples') x
        where coalesce((x ->> 'postedAt')::timestamptz, e.at) < ${cutoff}::timestamptz)`.execute(this.db);
    return Number(result.numAffectedRows ?? 0n);
  }

  async list(filter: AlertFilter): Promise<AlertRecord[]> {
    let query = this.db
      .selectFrom('alerts')
      .selectAll()
      .where('opened_at', '<', new Date(filter.toMs))
      .where((eb) =>
        eb.or([eb('resolved_at', 'is', null), eb('resolved_at', '>=', new Date(filter.fromMs))]),
      );
    if (filter.kind !== null) query = query.where('kind', '=', filter.kind);
    if (filter.state !== null) query = query.where('state', '=', filter.state);
    const rows = await query.orderBy('opened_at', 'desc').orderBy('id', 'desc').limit(filter.limit).execute();
    return rows.map(toAlert);
  }

  async countOpen(): Promise<number> {
    const row = await this.db
      .selectFrom('alerts')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('state', '=', 'open')
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async get(id: string): Promise<AlertRecord | null> {
    const row = await this.db.selectFrom('alerts').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toAlert(row) : null;
  }

  async events(alertIds: readonly string[]): Promise<EventRecord[]> {
    if (alertIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('alert_events')
      .selectAll()
      .where('alert_id', 'in', alertIds)
      .orderBy('id')
      .execute();
    return rows.map((row) => ({
      id: row.id,
      alertId: row.alert_id,
      type: row.type,
      at: row.at,
      message: row.message,
    }));
  }

  async deliveries(eventIds: readonly string[]): Promise<DeliveryRecord[]> {
    if (eventIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('deliveries')
      .selectAll()
      .where('event_id', 'in', eventIds)
      .orderBy('id')
      .execute();
    return rows.map(toDelivery);
  }

  /** Takes due deliveries with a lease; a worker that dies leaves them to be taken again when the lease ends. */
  async claimDue(
    now: Date,
    limit: number,
    leaseMs: number,
  ): Promise<(DeliveryRecord & { message: unknown; alertId: string })[]> {
    const result = await sql<DeliveryRow & { message: unknown; alert_id: string }>`
      with due as (
        select id from deliveries
        where (state = 'pending' and not_before <= ${now.toISOString()}::timestamptz)
           or (state = 'sending' and lease_until < ${now.toISOString()}::timestamptz)
        order by not_before, id
        limit ${limit}
        for update skip locked
      ),
      claimed as (
        update deliveries d set state = 'sending', attempts = d.attempts + 1,
          lease_until = ${new Date(now.getTime() + leaseMs).toISOString()}::timestamptz
        from due where d.id = due.id
        returning d.*
      )
      select c.*, e.message, e.alert_id from claimed c join alert_events e on e.id = c.event_id
      order by c.not_before, c.id`.execute(this.db);
    return result.rows.map((row) => ({ ...toDelivery(row), message: row.message, alertId: row.alert_id }));
  }

  async markDelivered(id: string, at: Date): Promise<void> {
    await this.db
      .updateTable('deliveries')
      .set({ state: 'delivered', delivered_at: at, lease_until: null, last_error: null })
      .where('id', '=', id)
      .where('state', '=', 'sending')
      .execute();
  }

  async markFailed(id: string, error: string, retryAt: Date | null): Promise<void> {
    await this.db
      .updateTable('deliveries')
      .set(
        retryAt === null
          ? { state: 'failed', lease_until: null, last_error: error }
          : { state: 'pending', not_before: retryAt, lease_until: null, last_error: error },
      )
      .where('id', '=', id)
      .where('state', '=', 'sending')
      .execute();
  }
}
