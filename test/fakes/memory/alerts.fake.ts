// Alerts, their events and the delivery outbox in memory, written the way AlertsRepository's statements write them:
// at most one open alert per (rule, series) (the partial unique index `alerts_one_open`), every change a version,
// an event with one pending delivery per channel, deliveries claimed with a lease (a `sending` row whose lease ran
// out is due again) and marked only while `sending`.
import type { AlertState } from '../../../services/alerts/alert-kind.js';
import type { AlertsRepository } from '../../../services/repositories/alerts.repository.js';
import type {
  AlertFilter,
  AlertRecord,
  DeliveryRecord,
  EventRecord,
  NewAlert,
} from '../../../services/alerts/alert-record.js';
import type { PublicShape } from './repository-shape.js';
import { copyOf, type Snapshottable } from './rollback.js';

interface StoredDelivery extends DeliveryRecord {
  leaseUntil: Date | null;
}

interface State {
  alerts: Map<string, AlertRecord>;
  events: EventRecord[];
  deliveries: StoredDelivery[];
  nextId: number;
}

export class FakeAlertsRepository implements PublicShape<AlertsRepository>, Snapshottable {
  private state: State = { alerts: new Map(), events: [], deliveries: [], nextId: 1 };

  snapshot(): () => void {
    const saved = copyOf(this.state);
    return () => {
      this.state = saved;
    };
  }

  /** Every alert, oldest first (for assertions). */
  all(): AlertRecord[] {
    return [...this.state.alerts.values()].map((alert) => copyOf(alert));
  }

  /** Every event, in order, with its deliveries (for assertions). */
  outbox(): { event: EventRecord; deliveries: DeliveryRecord[] }[] {
    return this.state.events.map((event) => ({
      event: copyOf(event),
      deliveries: this.state.deliveries
        .filter((delivery) => delivery.eventId === event.id)
        .map(({ leaseUntil: _lease, ...delivery }) => copyOf(delivery)),
    }));
  }

  findOpen(ruleId: string, seriesKey: string): Promise<AlertRecord | null> {
    const open = this.openOf(ruleId, seriesKey);
    return Promise.resolve(open ? copyOf(open) : null);
  }

  lastOpenedAt(ruleId: string, seriesKey: string): Promise<Date | null> {
    const opened = [...this.state.alerts.values()]
      .filter((alert) => alert.ruleId === ruleId && alert.seriesKey === seriesKey)
      .map((alert) => alert.openedAt.getTime());
    return Promise.resolve(opened.length === 0 ? null : new Date(Math.max(...opened)));
  }

  insert(alert: NewAlert): Promise<AlertRecord> {
    if (this.openOf(alert.ruleId, alert.seriesKey))
      return Promise.reject(
        new Error(
          `duplicate key value violates unique constraint "alerts_one_open" (${alert.ruleId}, ${alert.seriesKey})`,
        ),
      );
    const id = this.id();
    const record: AlertRecord = {
      id,
      kind: alert.kind,
      ruleId: alert.ruleId,
      seriesKey: alert.seriesKey,
      state: 'open',
      title: alert.title,
      openedAt: alert.at,
      updatedAt: alert.at,
      resolvedAt: null,
      lastTriggeredAt: alert.at,
      acknowledgedAt: null,
      acknowledgedBy: null,
      score: alert.score,
      observed: alert.observed,
      expected: alert.expected,
      details: copyOf(alert.details),
      version: 1,
      late: alert.late ?? false,
    };
    this.state.alerts.set(id, record);
    return Promise.resolve(copyOf(record));
  }

  update(
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
    const alert = this.mustHave(id);
    alert.updatedAt = values.at;
    if (values.triggered) alert.lastTriggeredAt = values.at;
    if (values.score !== undefined) alert.score = values.score;
    if (values.observed !== undefined) alert.observed = values.observed;
    if (values.expected !== undefined) alert.expected = values.expected;
    if (values.details !== undefined) alert.details = copyOf(values.details);
    alert.version += 1;
    return Promise.resolve(copyOf(alert));
  }

  touch(id: string, at: Date): Promise<void> {
    const alert = this.state.alerts.get(id);
    if (alert) alert.lastTriggeredAt = at;
    return Promise.resolve();
  }

  resolve(id: string, at: Date): Promise<AlertRecord> {
    const alert = this.mustHave(id);
    Object.assign(alert, { state: 'resolved' satisfies AlertState, resolvedAt: at, updatedAt: at });
    alert.version += 1;
    return Promise.resolve(copyOf(alert));
  }

  acknowledge(id: string, by: string, at: Date): Promise<AlertRecord | null> {
    const alert = this.state.alerts.get(id);
    if (!alert) return Promise.resolve(null);
    alert.acknowledgedAt ??= at;
    alert.acknowledgedBy ??= by;
    return Promise.resolve(copyOf(alert));
  }

  addEvent(
    event: { alertId: string; type: EventRecord['type']; at: Date; message: unknown },
    deliveries: { channelId: string; channelKind: string; notBefore: Date }[],
  ): Promise<EventRecord> {
    this.mustHave(event.alertId);
    const record: EventRecord = { id: this.id(), ...copyOf(event) };
    this.state.events.push(record);
    for (const delivery of deliveries)
      this.state.deliveries.push({
        id: this.id(),
        eventId: record.id,
        channelId: delivery.channelId,
        channelKind: delivery.channelKind,
        state: 'pending',
        attempts: 0,
        notBefore: delivery.notBefore,
        lastError: null,
        deliveredAt: null,
        createdAt: event.at,
        leaseUntil: null,
      });
    return Promise.resolve(copyOf(record));
  }

  expireExamples(postedBefore: Date): Promise<number> {
    let changed = 0;
    for (const event of this.state.events) {
      const message = event.message as { examples?: { postedAt?: string }[] } | null;
      if (!Array.isArray(message?.examples)) continue;
      const kept = message.examples.filter(
        (example) => new Date(example.postedAt ?? event.at).getTime() >= postedBefore.getTime(),
      );
      if (kept.length === message.examples.length) continue;
      message.examples = kept;
      changed += 1;
    }
    return Promise.resolve(changed);
  }

  list(filter: AlertFilter): Promise<AlertRecord[]> {
    return Promise.resolve(
      [...this.state.alerts.values()]
        .filter((alert) => alert.openedAt.getTime() < filter.toMs)
        .filter((alert) => alert.resolvedAt === null || alert.resolvedAt.getTime() >= filter.fromMs)
        .filter((alert) => filter.kind === null || alert.kind === filter.kind)
        .filter((alert) => filter.state === null || alert.state === filter.state)
        .sort((a, b) => b.openedAt.getTime() - a.openedAt.getTime() || Number(b.id) - Number(a.id))
        .slice(0, filter.limit)
        .map((alert) => copyOf(alert)),
    );
  }

  countOpen(): Promise<number> {
    return Promise.resolve([...this.state.alerts.values()].filter((alert) => alert.state === 'open').length);
  }

  get(id: string): Promise<AlertRecord | null> {
    const alert = this.state.alerts.get(id);
    return Promise.resolve(alert ? copyOf(alert) : null);
  }

  events(alertIds: readonly string[]): Promise<EventRecord[]> {
    return Promise.resolve(
      this.state.events.filter((event) => alertIds.includes(event.alertId)).map((event) => copyOf(event)),
    );
  }

  deliveries(eventIds: readonly string[]): Promise<DeliveryRecord[]> {
    return Promise.resolve(
      this.state.deliveries
        .filter((delivery) => eventIds.includes(delivery.eventId))
        .map(({ leaseUntil: _lease, ...delivery }) => copyOf(delivery)),
    );
  }

  claimDue(
    now: Date,
    limit: number,
    leaseMs: number,
  ): Promise<(DeliveryRecord & { message: unknown; alertId: string })[]> {
    const due = this.state.deliveries
      .filter(
        (d) =>
          (d.state === 'pending' && d.notBefore.getTime() <= now.getTime()) ||
          (d.state === 'sending' && d.leaseUntil !== null && d.leaseUntil.getTime() < now.getTime()),
      )
      .sort((a, b) => a.notBefore.getTime() - b.notBefore.getTime() || Number(a.id) - Number(b.id))
      .slice(0, limit);
    return Promise.resolve(
      due.map((delivery) => {
        delivery.state = 'sending';
        delivery.attempts += 1;
        delivery.leaseUntil = new Date(now.getTime() + leaseMs);
        const event = this.state.events.find((e) => e.id === delivery.eventId)!;
        const { leaseUntil: _lease, ...record } = delivery;
        return { ...copyOf(record), message: copyOf(event.message), alertId: event.alertId };
      }),
    );
  }

  markDelivered(id: string, at: Date): Promise<void> {
    const delivery = this.state.deliveries.find((d) => d.id === id && d.state === 'sending');
    if (delivery)
      Object.assign(delivery, { state: 'delivered', deliveredAt: at, leaseUntil: null, lastError: null });
    return Promise.resolve();
  }

  markFailed(id: string, error: string, retryAt: Date | null): Promise<void> {
    const delivery = this.state.deliveries.find((d) => d.id === id && d.state === 'sending');
    if (delivery)
      Object.assign(
        delivery,
        retryAt === null
          ? { state: 'failed', leaseUntil: null, lastError: error }
          : { state: 'pending', notBefore: retryAt, leaseUntil: null, lastError: error },
      );
    return Promise.resolve();
  }

  private openOf(ruleId: string, seriesKey: string): AlertRecord | undefined {
    return [...this.state.alerts.values()].find(
      (alert) => alert.ruleId === ruleId && alert.seriesKey === seriesKey && alert.state === 'open',
    );
  }

  private mustHave(id: string): AlertRecord {
    const alert = this.state.alerts.get(id);
    if (alert === undefined) throw new Error(`FakeAlertsRepository: no alert ${id}`);
    return alert;
  }

  private id(): string {
    return String(this.state.nextId++);
  }
}
