// The SQL of scheduled reports: a report document stored once per (kind, period) with one pending delivery per
// channel in the same transaction, and the delivery outbox claimed with a lease (`for update skip locked`), so two
// workers never take the same row and a worker that died mid-send hands its row on when the lease runs out.
import { sql } from 'kysely';
import type { Db } from '../db/client.js';
import type { ClaimedReportDelivery, RenderedReportKind, ReportKind } from '../reports/report-types.js';

export interface NewReportDocument {
  kind: ReportKind;
  periodKey: string;
  fromMs: number;
  toMs: number;
  label: string;
  /** The weekly report's PDF; null for the digest, which is text only. */
  pdf: Buffer | null;
  filename: string | null;
  summary: string[];
  /** The message every channel renders (an AlertMessage). */
  message: unknown;
}

export interface ReportDeliveryRow {
  kind: ReportKind;
  periodKey: string;
  channelId: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  lastError: string | null;
  deliveredAt: Date | null;
}

export interface RenderFailure {
  attempts: number;
  lastError: string;
  failedAt: Date;
  nextAttemptAt: Date;
}

export interface ReportFigures {
  deliveries: { kind: ReportKind; channelId: string; status: ReportDeliveryRow['status']; count: number }[];
  /** Failed render attempts of the periods not stored yet, per kind. */
  renderFailures: { kind: ReportKind; attempts: number }[];
}

const iso = (date: Date) => date.toISOString();

export class ReportsRepository {
  constructor(private readonly db: Db) {}

  async hasDocument(kind: ReportKind, periodKey: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('report_documents')
      .select('id')
      .where('kind', '=', kind)
      .where('period_key', '=', periodKey)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** The summary of a stored document; null when the period has none stored. */
  async documentSummary(kind: ReportKind, periodKey: string): Promise<string[] | null> {
    const row = await this.db
      .selectFrom('report_documents')
      .select('summary')
      .where('kind', '=', kind)
      .where('period_key', '=', periodKey)
      .executeTakeFirst();
    return row === undefined ? null : row.summary;
  }

  /**
   * Stores the document unless one exists for its (kind, period) (a second worker that rendered it too loses
   * quietly), and a pending delivery for each channel that has none yet. Returns whether this call stored the
   * document and how many deliveries it added.
   */
  async storeDocument(
    document: NewReportDocument,
    channelIds: readonly string[],
    now: Date,
  ): Promise<{ stored: boolean; deliveries: number }> {
    return this.db.transaction().execute(async (trx) => {
      const inserted = await trx
        .insertInto('report_documents')
        .values({
          kind: document.kind,
          period_key: document.periodKey,
          period_from: new Date(document.fromMs),
          period_to: new Date(document.toMs),
          label: document.label,
          pdf: document.pdf,
          filename: document.filename,
          summary: JSON.stringify(document.summary),
          message: JSON.stringify(document.message),
        })
        .onConflict((conflict) => conflict.columns(['kind', 'period_key']).doNothing())
        .returning('id')
        .executeTakeFirst();
      const deliveries = await new ReportsRepository(trx).addDeliveries(
        document.kind,
        document.periodKey,
        channelIds,
        now,
      );
      // A stored report ends its kind's render failures: this period's, and older ones that will not be sent.
      if (document.kind !== 'faq_gaps')
        await trx.deleteFrom('report_render_failures').where('kind', '=', document.kind).execute();
      return { stored: inserted !== undefined, deliveries };
    });
  }

  /** The render failure recorded for a report's period, if its last render failed. */
  async renderFailure(kind: RenderedReportKind, periodKey: string): Promise<RenderFailure | null> {
    const row = await this.db
      .selectFrom('report_render_failures')
      .select(['attempts', 'last_error', 'failed_at', 'next_attempt_at'])
      .where('kind', '=', kind)
      .where('period_key', '=', periodKey)
      .executeTakeFirst();
    return row === undefined
      ? null
      : {
          attempts: row.attempts,
          lastError: row.last_error,
          failedAt: row.failed_at,
          nextAttemptAt: row.next_attempt_at,
        };
  }

  /**
   * One more failed render of a report's period: the attempts counted up in one statement (two workers failing
   * at once count two), and the next try `delayMs(attempts)` after `at`.
   */
  async recordRenderFailure(
    kind: RenderedReportKind,
    periodKey: string,
    error: string,
    at: Date,
    delayMs: { baseMs: number; maxMs: number },
  ): Promise<RenderFailure> {
    const result = await sql<{ attempts: number; next_attempt_at: Date }>`
      insert into report_render_failures as f (kind, period_key, attempts, last_error, failed_at, next_attempt_at)
      values (${kind}, ${periodKey}, 1, ${error.slice(0, 1000)}, ${iso(at)}::timestamptz,
        ${iso(at)}::timestamptz + ${delayMs.baseMs} * interval '1 millisecond')
      on conflict (kind, period_key) do update set attempts = f.attempts + 1, last_error = excluded.last_error,
        failed_at = excluded.failed_at,
        next_attempt_at = excluded.failed_at
          + least(${delayMs.baseMs}::float8 * power(2, f.attempts), ${delayMs.maxMs}::float8) * interval '1 millisecond'
      returning attempts, next_attempt_at`.execute(this.db);
    const row = result.rows[0]!;
    return { attempts: row.attempts, lastError: error, failedAt: at, nextAttemptAt: row.next_attempt_at };
  }

  /** Deliveries per kind, channel and status, and the failed renders per kind, for the metrics. */
  async figures(): Promise<ReportFigures> {
    const [deliveries, failures] = await Promise.all([
      this.db
        .selectFrom('report_deliveries')
        .select(['kind', 'channel_id', 'status', (eb) => eb.fn.countAll<string>().as('n')])
        .groupBy(['kind', 'channel_id', 'status'])
        .execute(),
      this.db
        .selectFrom('report_render_failures')
        .select(['kind', (eb) => eb.fn.sum<string>('attempts').as('attempts')])
        .groupBy('kind')
        .execute(),
    ]);
    return {
      deliveries: deliveries.map((row) => ({
        kind: row.kind,
        channelId: row.channel_id,
        status: row.status,
        count: Number(row.n),
      })),
      renderFailures: failures.map((row) => ({ kind: row.kind, attempts: Number(row.attempts) })),
    };
  }

  /**
   * A pending delivery of a stored document for each channel that has none (a channel added later), due at `now`
   * (the service's clock, which decides every due time of the outbox).
   */
  async addDeliveries(
    kind: ReportKind,
    periodKey: string,
    channelIds: readonly string[],
    now: Date,
  ): Promise<number> {
    if (channelIds.length === 0) return 0;
    const result = await sql<{ id: string }>`
      insert into report_deliveries (document_id, kind, period_key, channel_id, next_attempt_at, created_at)
      select d.id, d.kind, d.period_key, c.channel_id, ${iso(now)}::timestamptz, ${iso(now)}::timestamptz
      from report_documents d, unnest(${[...channelIds]}::text[]) as c(channel_id)
      where d.kind = ${kind} and d.period_key = ${periodKey}
      on conflict (kind, period_key, channel_id) do nothing
      returning id::text as id`.execute(this.db);
    return result.rows.length;
  }

  /** Due deliveries, each taken for `leaseMs` (its next attempt moved past the lease) and its attempt counted. */
  async claimDueNotices(now: Date, limit: number, leaseMs: number): Promise<ClaimedReportDelivery[]> {
    const result = await sql<{
      id: string;
      kind: ReportKind;
      period_key: string;
      channel_id: string;
      attempts: number;
      created_at: Date;
      message: unknown;
      pdf: Buffer | null;
      filename: string | null;
    }>`
      with due as (
        select id from report_deliveries
        where status = 'pending' and next_attempt_at <= ${iso(now)}::timestamptz
        order by next_attempt_at, id limit ${limit}
        for update skip locked),
      taken as (
        update report_deliveries r set attempts = r.attempts + 1,
          next_attempt_at = ${iso(new Date(now.getTime() + leaseMs))}::timestamptz
        from due where r.id = due.id
        returning r.id, r.document_id, r.kind, r.period_key, r.channel_id, r.attempts, r.created_at)
      select taken.id::text as id, taken.kind, taken.period_key, taken.channel_id, taken.attempts,
        taken.created_at, d.message, d.pdf, d.filename
      from taken join report_documents d on d.id = taken.document_id
      order by taken.id`.execute(this.db);
    return result.rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      periodKey: row.period_key,
      channelId: row.channel_id,
      attempts: row.attempts,
      createdAt: row.created_at,
      message: row.message,
      pdf: row.pdf,
      filename: row.filename,
    }));
  }

  async markNoticeDelivered(id: string, at: Date): Promise<void> {
    await sql`update report_deliveries set status = 'delivered', delivered_at = ${iso(at)}::timestamptz,
      last_error = null where id = ${id}::bigint`.execute(this.db);
  }

  /** A failure: tried again from `retryAt`, or given up when that is null. */
  async markNoticeFailed(id: string, error: string, retryAt: Date | null): Promise<void> {
    await sql`update report_deliveries set status = ${retryAt === null ? 'failed' : 'pending'},
      next_attempt_at = coalesce(${retryAt === null ? null : iso(retryAt)}::timestamptz, next_attempt_at),
      last_error = ${error.slice(0, 1000)} where id = ${id}::bigint`.execute(this.db);
  }

  /** The deliveries of one kind, newest period first (for status and tests). */
  async deliveries(kind: ReportKind): Promise<ReportDeliveryRow[]> {
    const rows = await this.db
      .selectFrom('report_deliveries')
      .select(['kind', 'period_key', 'channel_id', 'status', 'attempts', 'last_error', 'delivered_at'])
      .where('kind', '=', kind)
      .orderBy('period_key', 'desc')
      .orderBy('channel_id')
      .execute();
    return rows.map((row) => ({
      kind: row.kind,
      periodKey: row.period_key,
      channelId: row.channel_id,
      status: row.status,
      attempts: row.attempts,
      lastError: row.last_error,
      deliveredAt: row.delivered_at,
    }));
  }
}
