// Works the outbox of stale-FAQ notices like the question notices: takes due ones with a lease, sends each through
// its alert channel once, retries a channel that is down with back-off, and gives up after a day.
import type { AlertMessage } from '../alerts/alert-message.js';
import { DeliveryError, type Channel } from '../alerts/channels/channel.js';
import { retryDelayMs } from '../alerts/delivery.service.js';
import type { FaqsRepository } from '../repositories/faqs.repository.js';

const LEASE_MS = 2 * 60_000;
const GIVE_UP_MS = 24 * 3_600_000;

export class FaqNoticesService {
  constructor(
    private readonly repository: FaqsRepository,
    private readonly channels: ReadonlyMap<string, Channel>,
    private readonly now: () => Date = () => new Date(),
    private readonly sendTimeoutMs = 20_000,
  ) {}

  async deliverDue(limit = 50): Promise<{ delivered: number; retried: number; failed: number }> {
    const run = { delivered: 0, retried: 0, failed: 0 };
    for (const notice of await this.repository.claimDueNotices(this.now(), limit, LEASE_MS)) {
      const channel = this.channels.get(notice.channelId);
      if (!channel) {
        await this.repository.markNoticeFailed(
          notice.id,
          `channel "${notice.channelId}" is not configured`,
          null,
        );
        run.failed += 1;
        continue;
      }
      try {
        await channel.send(
          {
            id: notice.id,
            eventId: `faq-notice-${notice.id}`,
            channelId: notice.channelId,
            // Distinct from alert and question keys, so a receiver never mistakes one for another.
            idempotencyKey: `onderstroom-faq-${notice.id}-${notice.channelId}`,
            message: notice.message as AlertMessage,
          },
          AbortSignal.timeout(this.sendTimeoutMs),
        );
        await this.repository.markNoticeDelivered(notice.id, this.now());
        run.delivered += 1;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const retryable = !(error instanceof DeliveryError) || error.retryable;
        const now = this.now();
        if (!retryable || now.getTime() - notice.createdAt.getTime() > GIVE_UP_MS) {
          await this.repository.markNoticeFailed(notice.id, message, null);
          run.failed += 1;
        } else {
          await this.repository.markNoticeFailed(
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
}
