// The scheduled reports, one tick at a time (job `reports.tick`, every minute): the weekly situation report and the
// daily digest of the last period that is due (report-schedule.ts) are rendered once and stored with one pending
// delivery per configured channel (report_documents / report_deliveries), then the due deliveries are sent through
// the alert channels by the notice outbox (services/alerts/notice-outbox.ts): leased rows, retries with back-off,
// given up after a day. E-mail carries the PDF; Teams, Slack and webhooks get the summary and a link.
//
// Exactly once per period and channel: the document and its deliveries are unique rows written in one
// transaction, a tick that finds the document renders nothing, and a delivery is claimed with `for update skip
// locked` and a lease, so concurrent or restarted workers never take one row twice. A worker killed between the
// send and its mark sends that one delivery again after the lease: the Message-ID and the webhook's
// Idempotency-Key stay the same, so a receiver can drop the repeat.
import type { Logger } from 'pino';
import type { AlertMessage } from '../../alerts/alert-message.js';
import type { Channel } from '../../alerts/channels/channel.js';
import { deliverDueNotices, type NoticeRun, type NoticeSending } from '../../alerts/notice-outbox.js';
import type { EnvironmentAnalysisService } from '../../analyses/environment-analysis.service.js';
import type { ReportsRepository } from '../../repositories/reports.repository.js';
import type { Metrics } from '../../metrics/metrics.js';
import type {
  ClaimedReportDelivery,
  RenderedReportKind,
  ReportKind,
  ReportPeriod,
  WeeklyReportRenderer,
} from '../report-types.js';
import { digestMessage, weeklyMessage, type DashboardLink } from './report-messages.js';
import type { ReportsConfig } from './reports-config.schema.js';
import { lastDueDigest, lastDueWeek, parseTimeOfDay, parseWeeklySchedule } from './report-schedule.js';

/** A failed render is tried again after 1 minute, then 2, 4, ... and at most every 6 hours, never every tick. */
export const RENDER_RETRY = { baseMs: 60_000, maxMs: 6 * 3_600_000 };

const SENDING: Omit<NoticeSending<ClaimedReportDelivery>, 'recipients'> = {
  eventId: (delivery) => `report-${delivery.kind}-${delivery.periodKey}`,
  // Distinct from alert, question and FAQ keys, and the same on every retry of one delivery.
  idempotencyKey: (delivery) =>
    `onderstroom-report-${delivery.kind}-${delivery.periodKey}-${delivery.channelId}`,
  message: (delivery) => delivery.message as AlertMessage,
  attachments: (delivery) =>
    delivery.pdf === null || delivery.filename === null
      ? []
      : [{ filename: delivery.filename, content: delivery.pdf, contentType: 'application/pdf' }],
};

/** What the deliveries read and write of the reports repository (a fake implements the same). */
export type ReportDeliveryStore = Pick<
  ReportsRepository,
  | 'hasDocument'
  | 'documentSummary'
  | 'storeDocument'
  | 'renderFailure'
  | 'recordRenderFailure'
  | 'addDeliveries'
  | 'claimDueNotices'
  | 'markNoticeDelivered'
  | 'markNoticeFailed'
>;

export interface ReportDeliveryDeps {
  repository: ReportDeliveryStore;
  channels: ReadonlyMap<string, Channel>;
  config: ReportsConfig;
  timeZone: string;
  renderWeekly: WeeklyReportRenderer;
  analyses: Pick<EnvironmentAnalysisService, 'environment'>;
  /** ONDERSTROOM_WEB_URL: the report page's link in chat messages. */
  webUrl: string | null;
  dashboardLink: DashboardLink;
  /** The message of the weekly alert of new FAQ gaps of a week; null when there are none (services/faqs). */
  faqGaps?: (period: ReportPeriod, minCount: number) => Promise<AlertMessage | null>;
  now?: () => Date;
  sendTimeoutMs?: number;
  /** Where a failed render is said (warn, with the attempt and the next try). */
  log?: Pick<Logger, 'warn'>;
  metrics?: Pick<Metrics, 'reportRendered'>;
}

/** The tick of a report whose last render failed and whose next try is still ahead: nothing is rendered. */
export interface RenderWaiting {
  period: string;
  stored: false;
  deliveriesAdded: 0;
  renderFailed: { attempts: number; nextAttemptAt: string; lastError: string };
}

/** What one tick did: per kind the period due and whether this tick stored it, and the outbox run. */
export interface ReportTick {
  weekly: { period: string; stored: boolean; deliveriesAdded: number } | RenderWaiting | null;
  dailyDigest: { period: string; stored: boolean; deliveriesAdded: number } | RenderWaiting | null;
  faqGaps?: { period: string; stored: boolean; deliveriesAdded: number } | null;
  delivered: NoticeRun;
}

export class ReportDeliveryService {
  private readonly now: () => Date;

  constructor(private readonly deps: ReportDeliveryDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /**
   * Stores what is due and sends what is pending. A report that fails to render (Chromium gone) does not keep the
   * other from going or the outbox from being worked; the failure is recorded with its next try (1 minute, then
   * doubling up to 6 hours), logged and counted, and the tick fails (BullMQ logs it). Until that next try the
   * ticks render nothing for that period.
   */
  async tick(): Promise<ReportTick> {
    const failures: unknown[] = [];
    const attempt = async <T>(work: () => Promise<T>): Promise<T | null> => {
      try {
        return await work();
      } catch (error) {
        failures.push(error);
        return null;
      }
    };
    const weekly = await attempt(() => this.storeWeekly());
    const dailyDigest = await attempt(() => this.storeDigest());
    const faqGaps = await attempt(() => this.storeFaqGaps());
    const delivered = await this.deliverDue();
    if (failures.length > 0) throw failures[0];
    return { weekly, dailyDigest, faqGaps, delivered };
  }

  deliverDue(limit = 20): Promise<NoticeRun> {
    const { weekly, daily_digest: digest } = this.deps.config;
    const sending: NoticeSending<ClaimedReportDelivery> = {
      ...SENDING,
      // The report's own recipients replace the e-mail channel's `to`; read at send time, so a corrected list
      // reaches the deliveries still pending.
      recipients: (delivery) => {
        const list = delivery.kind === 'weekly' ? weekly.recipients : digest.recipients;
        return list.length > 0 ? [...list] : undefined;
      },
    };
    return deliverDueNotices(this.deps.repository, sending, this.deps.channels, {
      now: this.now,
      sendTimeoutMs: this.deps.sendTimeoutMs ?? 60_000,
      limit,
    });
  }

  /** The last due week's report, rendered and stored unless it is already (then only new channels are added). */
  async storeWeekly(): Promise<ReportTick['weekly']> {
    const { weekly } = this.deps.config;
    if (weekly.channels.length === 0) return null;
    const schedule = parseWeeklySchedule(weekly.schedule);
    // The config loader has refused a bad schedule; this only keeps the types honest.
    if (typeof schedule === 'string') throw new Error(`reports.weekly.schedule: ${schedule}`);
    const { period } = lastDueWeek(this.now().getTime(), schedule, this.deps.timeZone);
    const existing = await this.existing('weekly', period.key, weekly.channels);
    if (existing !== null) return { period: period.key, stored: false, deliveriesAdded: existing };
    const waiting = await this.waiting('weekly', period.key);
    if (waiting !== null) return waiting;
    const rendered = await this.rendering('weekly', period.key, () => this.deps.renderWeekly(period));
    const result = await this.deps.repository.storeDocument(
      {
        kind: 'weekly',
        periodKey: period.key,
        fromMs: period.fromMs,
        toMs: period.toMs,
        label: period.label,
        pdf: rendered.pdf,
        filename: rendered.filename,
        summary: rendered.summary,
        message: weeklyMessage(period, rendered.summary, this.deps.webUrl, this.now()),
      },
      weekly.channels,
      this.now(),
    );
    return { period: period.key, stored: result.stored, deliveriesAdded: result.deliveries };
  }

  /** The last due day's digest, from the environment analysis of its 24 hours against the 24 hours before. */
  async storeDigest(): Promise<ReportTick['dailyDigest']> {
    const digest = this.deps.config.daily_digest;
    if (digest.channels.length === 0) return null;
    const minutes = parseTimeOfDay(digest.time);
    if (minutes === null) throw new Error(`reports.daily_digest.time: "${digest.time}" is not HH:MM`);
    const { period, comparison } = lastDueDigest(this.now().getTime(), minutes, this.deps.timeZone);
    const existing = await this.existing('daily_digest', period.key, digest.channels);
    if (existing !== null) return { period: period.key, stored: false, deliveriesAdded: existing };
    const waiting = await this.waiting('daily_digest', period.key);
    if (waiting !== null) return waiting;
    const iso = (ms: number) => new Date(ms).toISOString();
    // The digest goes to channels anyone in the team may read: no example texts, so no read of raw text to log.
    const document = await this.rendering('daily_digest', period.key, () =>
      this.deps.analyses.environment(
        {
          from: iso(period.fromMs),
          to: iso(period.toMs),
          compare: `${iso(comparison.fromMs)},${iso(comparison.toMs)}`,
        },
        { apiKeyId: null, actor: 'system:schedule', mayReadText: false },
      ),
    );
    const { message, summary } = digestMessage(document, period, this.deps.dashboardLink, this.now());
    const result = await this.deps.repository.storeDocument(
      {
        kind: 'daily_digest',
        periodKey: period.key,
        fromMs: period.fromMs,
        toMs: period.toMs,
        label: period.label,
        pdf: null,
        filename: null,
        summary,
        message,
      },
      digest.channels,
      this.now(),
    );
    return { period: period.key, stored: result.stored, deliveriesAdded: result.deliveries };
  }

  /**
   * The last due week's alert of new FAQ gaps, stored once with a delivery per channel; a week without new gaps is
   * stored too (so it is looked at once), without deliveries. A channel added later gets a week that had gaps.
   */
  async storeFaqGaps(): Promise<ReportTick['faqGaps']> {
    const config = this.deps.config.faq_gaps;
    if (config.channels.length === 0 || this.deps.faqGaps === undefined) return null;
    const schedule = parseWeeklySchedule(config.schedule);
    if (typeof schedule === 'string') throw new Error(`reports.faq_gaps.schedule: ${schedule}`);
    const { period } = lastDueWeek(this.now().getTime(), schedule, this.deps.timeZone);
    const summary = await this.deps.repository.documentSummary('faq_gaps', period.key);
    if (summary !== null) {
      const added =
        summary.length === 0
          ? 0
          : await this.deps.repository.addDeliveries('faq_gaps', period.key, config.channels, this.now());
      return { period: period.key, stored: false, deliveriesAdded: added };
    }
    const message = await this.deps.faqGaps(period, config.min_count);
    const result = await this.deps.repository.storeDocument(
      {
        kind: 'faq_gaps',
        periodKey: period.key,
        fromMs: period.fromMs,
        toMs: period.toMs,
        label: period.label,
        pdf: null,
        filename: null,
        summary: message?.bullets?.map((bullet) => bullet.text) ?? [],
        message: message ?? { none: true },
      },
      message === null ? [] : config.channels,
      this.now(),
    );
    return { period: period.key, stored: result.stored, deliveriesAdded: result.deliveries };
  }

  /** The period's last render failed and its next try is still ahead: say so instead of rendering again. */
  private async waiting(kind: RenderedReportKind, key: string): Promise<RenderWaiting | null> {
    const failure = await this.deps.repository.renderFailure(kind, key);
    if (failure === null || failure.nextAttemptAt.getTime() <= this.now().getTime()) return null;
    return {
      period: key,
      stored: false,
      deliveriesAdded: 0,
      renderFailed: {
        attempts: failure.attempts,
        nextAttemptAt: failure.nextAttemptAt.toISOString(),
        lastError: failure.lastError,
      },
    };
  }

  /** Renders, and on failure records it with the next try (growing delay), logs and counts it, and rethrows. */
  private async rendering<T>(kind: RenderedReportKind, key: string, render: () => Promise<T>): Promise<T> {
    try {
      const result = await render();
      this.deps.metrics?.reportRendered(kind, 'rendered');
      return result;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const failure = await this.deps.repository.recordRenderFailure(
        kind,
        key,
        message,
        this.now(),
        RENDER_RETRY,
      );
      this.deps.metrics?.reportRendered(kind, 'failed');
      this.deps.log?.warn(
        {
          report: kind,
          period: key,
          attempts: failure.attempts,
          nextAttemptAt: failure.nextAttemptAt.toISOString(),
          err: error,
        },
        `the ${kind} report of ${key} failed to render (attempt ${failure.attempts}); next try at ${failure.nextAttemptAt.toISOString()}`,
      );
      throw error;
    }
  }

  /** Null when the period has no document yet; else the deliveries added for channels configured since. */
  private async existing(kind: ReportKind, key: string, channels: readonly string[]): Promise<number | null> {
    if (!(await this.deps.repository.hasDocument(kind, key))) return null;
    return this.deps.repository.addDeliveries(kind, key, channels, this.now());
  }
}
