// Raw text expires; aggregates stay. Runs in batches so one run never holds long locks.
import type { MentionsRepository } from '../repositories/mentions.repository.js';
import type { ExpiredIdHasher } from '../privacy/pseudonym.js';
import type { AlertsRepository } from '../repositories/alerts.repository.js';

const DAY_MS = 86_400_000;
import { monthKey, type PartitionsRepository } from '../repositories/partitions.repository.js';

export class RetentionService {
  // The repositories' methods it calls, not the database: the service holds no SQL and runs against fakes.
  constructor(
    private readonly text: Pick<MentionsRepository, 'expireText'>,
    private readonly partitions: Pick<PartitionsRepository, 'ensureMonths'>,
    private readonly hashExpiredId: ExpiredIdHasher,
    private readonly examples: { alerts: Pick<AlertsRepository, 'expireExamples'>; retentionDays: number },
  ) {}

  /**
   * Expires text until none is due, and the alerts' example posts with it (they quote the same text); returns how
   * many mentions were cleared.
   */
  async expireDueText(batchSize: number, now = new Date()): Promise<number> {
    let total = 0;
    for (;;) {
      const cleared = await this.text.expireText(batchSize, now, this.hashExpiredId);
      total += cleared;
      if (cleared < batchSize) break;
    }
    await this.examples.alerts.expireExamples(new Date(now.getTime() - this.examples.retentionDays * DAY_MS));
    return total;
  }

  /** Partitions for this month and the next ones exist before the first mention of a month arrives. */
  async preparePartitions(monthsAhead: number, now = new Date()): Promise<string[]> {
    const months: string[] = [];
    for (let i = 0; i <= monthsAhead; i++) {
      months.push(monthKey(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + i, 1))));
    }
    await this.partitions.ensureMonths(months);
    return months;
  }
}
