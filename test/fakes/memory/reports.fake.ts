// Scheduled reports in memory, written the way ReportsRepository's statements write them: one document per (kind,
// period), one delivery per (kind, period, channel), render failures counted up with a doubling delay, and the
// outbox claimed with a lease (a claimed row is not due again until the lease ends).
import type {
  NewReportDocument,
  RenderFailure,
  ReportDeliveryRow,
  ReportFigures,
  ReportsRepository,
} from '../../../services/repositories/reports.repository.js';
import type {
  ClaimedReportDelivery,
  RenderedReportKind,
  ReportKind,
} from '../../../services/reports/report-types.js';
import type { PublicShape } from './repository-shape.js';
import { copyOf, type Snapshottable } from './rollback.js';

interface StoredDelivery {
  id: string;
  kind: ReportKind;
  periodKey: string;
  channelId: string;
  status: ReportDeliveryRow['status'];
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  deliveredAt: Date | null;
  createdAt: Date;
}

interface State {
  documents: Map<string, NewReportDocument>;
  deliveries: StoredDelivery[];
  failures: Map<string, RenderFailure>;
  nextId: number;
}

const key = (kind: ReportKind, periodKey: string) => `${kind}/${periodKey}`;

export class FakeReportsRepository implements PublicShape<ReportsRepository>, Snapshottable {
  private state: State = { documents: new Map(), deliveries: [], failures: new Map(), nextId: 1 };

  snapshot(): () => void {
    const saved = copyOf(this.state);
    return () => {
      this.state = saved;
    };
  }

  /** The stored document of a period, as given to `storeDocument` (for assertions). */
  document(kind: ReportKind, periodKey: string): NewReportDocument | undefined {
    return this.state.documents.get(key(kind, periodKey));
  }

  documentCount(): number {
    return this.state.documents.size;
  }

  hasDocument(kind: ReportKind, periodKey: string): Promise<boolean> {
    return Promise.resolve(this.state.documents.has(key(kind, periodKey)));
  }

  documentSummary(kind: ReportKind, periodKey: string): Promise<string[] | null> {
    return Promise.resolve(this.state.documents.get(key(kind, periodKey))?.summary ?? null);
  }

  async storeDocument(
    document: NewReportDocument,
    channelIds: readonly string[],
    now: Date,
  ): Promise<{ stored: boolean; deliveries: number }> {
    const k = key(document.kind, document.periodKey);
    const stored = !this.state.documents.has(k);
    if (stored) this.state.documents.set(k, copyOf(document));
    const deliveries = await this.addDeliveries(document.kind, document.periodKey, channelIds, now);
    if (document.kind !== 'faq_gaps')
      for (const failureKey of [...this.state.failures.keys()])
        if (failureKey.startsWith(`${document.kind}/`)) this.state.failures.delete(failureKey);
    return { stored, deliveries };
  }

  renderFailure(kind: RenderedReportKind, periodKey: string): Promise<RenderFailure | null> {
    const failure = this.state.failures.get(key(kind, periodKey));
    return Promise.resolve(failure ? copyOf(failure) : null);
  }

  recordRenderFailure(
    kind: RenderedReportKind,
    periodKey: string,
    error: string,
    at: Date,
    delayMs: { baseMs: number; maxMs: number },
  ): Promise<RenderFailure> {
    const before = this.state.failures.get(key(kind, periodKey));
    const delay =
      before === undefined ? delayMs.baseMs : Math.min(delayMs.baseMs * 2 ** before.attempts, delayMs.maxMs);
    const failure: RenderFailure = {
      attempts: (before?.attempts ?? 0) + 1,
      lastError: error.slice(0, 1000),
      failedAt: at,
      nextAttemptAt: new Date(at.getTime() + delay),
    };
    this.state.failures.set(key(kind, periodKey), failure);
    return Promise.resolve({ ...failure, lastError: error });
  }

  figures(): Promise<ReportFigures> {
    const deliveries = new Map<string, ReportFigures['deliveries'][number]>();
    for (const row of this.state.deliveries) {
      const k = `${row.kind}/${row.channelId}/${row.status}`;
      const entry = deliveries.get(k) ?? {
        kind: row.kind,
        channelId: row.channelId,
        status: row.status,
        count: 0,
      };
      entry.count += 1;
      deliveries.set(k, entry);
    }
    const renderFailures = new Map<ReportKind, number>();
    for (const [k, failure] of this.state.failures) {
      const kind = k.split('/')[0] as ReportKind;
      renderFailures.set(kind, (renderFailures.get(kind) ?? 0) + failure.attempts);
    }
    return Promise.resolve({
      deliveries: [...deliveries.values()],
      renderFailures: [...renderFailures].map(([kind, attempts]) => ({ kind, attempts })),
    });
  }

  addDeliveries(
    kind: ReportKind,
    periodKey: string,
    channelIds: readonly string[],
    now: Date,
  ): Promise<number> {
    if (!this.state.documents.has(key(kind, periodKey))) return Promise.resolve(0);
    let added = 0;
    for (const channelId of new Set(channelIds)) {
      const exists = this.state.deliveries.some(
        (row) => row.kind === kind && row.periodKey === periodKey && row.channelId === channelId,
      );
      if (exists) continue;
      this.state.deliveries.push({
        id: String(this.state.nextId++),
        kind,
        periodKey,
        channelId,
        status: 'pending',
        attempts: 0,
        nextAttemptAt: now,
        lastError: null,
        deliveredAt: null,
        createdAt: now,
      });
      added += 1;
    }
    return Promise.resolve(added);
  }

  claimDueNotices(now: Date, limit: number, leaseMs: number): Promise<ClaimedReportDelivery[]> {
    const due = this.state.deliveries
      .filter((row) => row.status === 'pending' && row.nextAttemptAt.getTime() <= now.getTime())
      .sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime() || Number(a.id) - Number(b.id))
      .slice(0, limit);
    for (const row of due) {
      row.attempts += 1;
      row.nextAttemptAt = new Date(now.getTime() + leaseMs);
    }
    return Promise.resolve(
      due
        .sort((a, b) => Number(a.id) - Number(b.id))
        .map((row) => {
          const document = this.state.documents.get(key(row.kind, row.periodKey))!;
          return {
            id: row.id,
            kind: row.kind,
            periodKey: row.periodKey,
            channelId: row.channelId,
            attempts: row.attempts,
            createdAt: row.createdAt,
            message: copyOf(document.message),
            pdf: document.pdf,
            filename: document.filename,
          };
        }),
    );
  }

  markNoticeDelivered(id: string, at: Date): Promise<void> {
    const row = this.row(id);
    Object.assign(row, { status: 'delivered', deliveredAt: at, lastError: null });
    return Promise.resolve();
  }

  markNoticeFailed(id: string, error: string, retryAt: Date | null): Promise<void> {
    const row = this.row(id);
    row.status = retryAt === null ? 'failed' : 'pending';
    if (retryAt !== null) row.nextAttemptAt = retryAt;
    row.lastError = error.slice(0, 1000);
    return Promise.resolve();
  }

  deliveries(kind: ReportKind): Promise<ReportDeliveryRow[]> {
    return Promise.resolve(
      this.state.deliveries
        .filter((row) => row.kind === kind)
        .sort((a, b) => b.periodKey.localeCompare(a.periodKey) || a.channelId.localeCompare(b.channelId))
        .map((row) => ({
          kind: row.kind,
          periodKey: row.periodKey,
          channelId: row.channelId,
          status: row.status,
          attempts: row.attempts,
          lastError: row.lastError,
          deliveredAt: row.deliveredAt,
        })),
    );
  }

  private row(id: string): StoredDelivery {
    const row = this.state.deliveries.find((candidate) => candidate.id === id);
    if (row === undefined) throw new Error(`FakeReportsRepository: no delivery ${id}`);
    return row;
  }
}
