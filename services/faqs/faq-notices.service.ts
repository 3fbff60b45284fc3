// Works the outbox of stale-FAQ notices through the alert channels, like the question notices
// (services/alerts/notice-outbox.ts): once each, retried with back-off, given up after a day.
import type { AlertMessage } from '../alerts/alert-message.js';
import type { Channel } from '../alerts/channels/channel.js';
import { deliverDueNotices, type NoticeRun, type NoticeSending } from '../alerts/notice-outbox.js';
import type { FaqsRepository } from '../repositories/faqs.repository.js';
import type { ClaimedFaqNotice } from './faq.js';

const SENDING: NoticeSending<ClaimedFaqNotice> = {
  eventId: (notice) => `faq-notice-${notice.id}`,
  // Distinct from alert and question keys, so a receiver never mistakes one for another.
  idempotencyKey: (notice) => `onderstroom-faq-${notice.id}-${notice.channelId}`,
  message: (notice) => notice.message as AlertMessage,
};

export class FaqNoticesService {
  constructor(
    private readonly repository: FaqsRepository,
    private readonly channels: ReadonlyMap<string, Channel>,
    private readonly now: () => Date = () => new Date(),
    private readonly sendTimeoutMs = 20_000,
  ) {}

  deliverDue(limit = 50): Promise<NoticeRun> {
    return deliverDueNotices(this.repository, SENDING, this.channels, {
      now: this.now,
      sendTimeoutMs: this.sendTimeoutMs,
      limit,
    });
  }
}
