// Stored mentions as text retention sees them, written the way `expireText` (mentions.repository.ts) writes: due
// rows (text kept, past `textExpiresAt`) in order of expiry, at most `limit` per batch; text and title cleared, and
// for people's posts the URL too and the id replaced by its keyed hash.
import type { AuthorKind } from '../../../services/privacy/author-kind.js';
import type { MentionsRepository } from '../../../services/repositories/mentions.repository.js';
import type { PartitionsRepository } from '../../../services/repositories/partitions.repository.js';

export interface StoredText {
  id: string;
  externalId: string;
  authorKind: AuthorKind;
  title: string | null;
  text: string | null;
  url: string | null;
  textExpiresAt: Date;
}

export class FakeMentionTexts implements Pick<MentionsRepository, 'expireText'> {
  readonly rows: StoredText[] = [];
  /** The batch sizes asked for, in order. */
  readonly batches: number[] = [];

  expireText(limit: number, now: Date, hashId: (externalId: string) => string): Promise<number> {
    this.batches.push(limit);
    const due = this.rows
      .filter((row) => row.text !== null && row.textExpiresAt.getTime() < now.getTime())
      .sort((a, b) => a.textExpiresAt.getTime() - b.textExpiresAt.getTime())
      .slice(0, limit);
    for (const row of due) {
      const person = row.authorKind === 'person' || row.authorKind === 'unknown';
      row.text = null;
      row.title = null;
      if (person) {
        row.url = null;
        row.externalId = hashId(row.externalId);
      }
    }
    return Promise.resolve(due.length);
  }
}

/** The monthly partitions that exist. */
export class FakePartitions implements Pick<PartitionsRepository, 'ensureMonths'> {
  readonly months = new Set<string>();

  ensureMonths(months: Iterable<string>): Promise<void> {
    for (const month of months) this.months.add(month);
    return Promise.resolve();
  }
}
