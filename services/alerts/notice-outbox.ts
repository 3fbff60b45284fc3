// Works an outbox of notices that ride on the alert channels (question notices, stale-FAQ notices): takes due ones
// with a lease, sends each through its channel once, retries a channel that is down with back-off, and gives up
// after a day. Each outbox's repository stores its own rows; what is sent is the same here for all of them.
import type { AlertMessage } from './alert-message.js';
import { DeliveryError, type Channel, type DeliveryAttachment } from './channels/channel.js';
import { retryDelayMs } from './delivery.service.js';

const LEASE_MS = 2 * 60_000;
const GIVE_UP_MS = 24 * 3_600_000;

export interface OutboxNotice {
  id: string;
  channelId: string;
  attempts: number;
  createdAt: Date;
}

/** The rows of one outbox: claimed with a lease, then marked delivered or failed (with a retry time or none). */
export interface NoticeOutbox<N extends OutboxNotice> {
  claimDueNotices(now: Date, limit: number, leaseMs: number): Promise<N[]>;
  markNoticeDelivered(id: string, at: Date): Promise<void>;
  markNoticeFailed(id: string, error: string, retryAt: Date | null): Promise<void>;
}

/** What one kind of notice sends: its event id and idempotency key (distinct per kind) and its message. */
export interface NoticeSending<N extends OutboxNotice> {
  eventId(notice: N): string;
  idempotencyKey(notice: N): string;
  message(notice: N): AlertMessage;
  /** Files for the channels that carry them (e-mail), e.g. a report's PDF. */
  attachments?(notice: N): DeliveryAttachment[];
  /** E-mail recipients in place of the channel's `to` (a report's recipients list); undefined keeps the channel's. */
  recipients?(notice: N): string[] | undefined;
}

export interface NoticeRun {
  delivered: number;
  retried: number;
  failed: number;
}

export async function deliverDueNotices<N extends OutboxNotice>(
  outbox: NoticeOutbox<N>,
  sending: NoticeSending<N>,
  channels: ReadonlyMap<string, Channel>,
  options: { now: () => Date; sendTimeoutMs: number; limit: number },
): Promise<NoticeRun> {
  const run: NoticeRun = { delivered: 0, retried: 0, failed: 0 };
  for (const notice of await outbox.claimDueNotices(options.now(), options.limit, LEASE_MS)) {
    const channel = channels.get(notice.channelId);
    if (!channel) {
      await outbox.markNoticeFailed(notice.id, `channel "${notice.channelId}" is not configured`, null);
      run.failed += 1;
      continue;
    }
    try {
      await channel.send(
        {
          id: notice.id,
          eventId: sending.eventId(notice),
          channelId: notice.channelId,
          idempotencyKey: sending.idempotencyKey(notice),
          message: sending.message(notice),
          attachments: sending.attachments?.(notice),
          recipients: sending.recipients?.(notice),
        },
        AbortSignal.timeout(options.sendTimeoutMs),
      );
      await outbox.markNoticeDelivered(notice.id, options.now());
      run.delivered += 1;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const retryable = !(error instanceof DeliveryError) || error.retryable;
      const now = options.now();
      if (!retryable || now.getTime() - notice.createdAt.getTime() > GIVE_UP_MS) {
        await outbox.markNoticeFailed(notice.id, message, null);
        run.failed += 1;
      } else {
        await outbox.markNoticeFailed(
          notice.id,
          message,
          new Date(now.getTime() + retryDelayMs(notice.attempts)),
        );
        run.retried += 1;
      }
    }
  }
  return run;
}
