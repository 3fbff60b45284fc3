// Works the question notice outbox through the alert channels (services/alerts/notice-outbox.ts): takes due notices
// with a lease, sends each once, retries a channel that is down with back-off, and gives up after a day.
import type { AlertMessage } from '../alerts/alert-message.js';
import type { Channel } from '../alerts/channels/channel.js';
import { deliverDueNotices, type NoticeRun, type NoticeSending } from '../alerts/notice-outbox.js';
import type { QuestionsRepository } from '../repositories/questions.repository.js';
import type { ClaimedNotice } from './question-record.js';

export class QuestionNoticesService {
  private readonly sending: NoticeSending<ClaimedNotice>;

  constructor(
    private readonly repository: QuestionsRepository,
    private readonly channels: ReadonlyMap<string, Channel>,
    private readonly now: () => Date = () => new Date(),
    private readonly sendTimeoutMs = 20_000,
    /** The question's page. Notices are stored without it (a new question has no id yet when its notice is
     * written), so every notice gets it here, from its question's id, the same on every retry. */
    link: (questionId: string) => string | null = () => null,
  ) {
    this.sending = {
      eventId: (notice) => `question-notice-${notice.id}`,
      // Distinct from the alert deliveries' keys, so a receiver never mistakes one for the other.
      idempotencyKey: (notice) => `onderstroom-question-${notice.id}-${notice.channelId}`,
      message: (notice) => ({ ...(notice.message as AlertMessage), link: link(notice.questionId) }),
    };
  }

  deliverDue(limit = 50): Promise<NoticeRun> {
    return deliverDueNotices(this.repository, this.sending, this.channels, {
      now: this.now,
      sendTimeoutMs: this.sendTimeoutMs,
      limit,
    });
  }
}
