// The one path into storage as the pollers and the push service call it (`PollIngest.ingest`): each item stored once
// per (source, normalised external id), later copies counted as duplicates, and the items the test names rejected
// with their reason. What the real path checks and scores (services/ingest/prepare.ts) has its own tests.
import { normaliseExternalId, type PreparedMention } from '../../../services/ingest/prepare.js';
import type { RawMention } from '../../../services/ingest/raw-mention.js';
import type { IngestResult } from '../../../services/ingest/ingest.service.js';
import type { StoreOptions } from '../../../services/ingest/store-options.js';
import type { PollIngest } from '../../../services/sources/poll.service.js';
import { copyOf, type Snapshottable } from './rollback.js';

export class FakeIngest implements Pick<PollIngest, 'ingest'>, Snapshottable {
  private stored = new Map<string, { sourceId: string; sourceKind: string; mention: PreparedMention }>();
  /** Reasons to reject items by their external id, as the real checks would. */
  readonly rejections = new Map<string, string>();
  /** Every call, in order (sources and batch sizes), for assertions. */
  readonly calls: { sourceId: string; sourceKind: string; items: number }[] = [];

  snapshot(): () => void {
    const saved = copyOf(this.stored);
    return () => {
      this.stored = saved;
    };
  }

  /** The stored external ids of one source. */
  storedIds(sourceId: string): string[] {
    return [...this.stored.values()]
      .filter((entry) => entry.sourceId === sourceId)
      .map((entry) => entry.mention.externalId);
  }

  ingest(items: readonly RawMention[], options: StoreOptions): Promise<IngestResult> {
    this.calls.push({ sourceId: options.sourceId, sourceKind: options.sourceKind, items: items.length });
    const result: IngestResult = { inserted: [], duplicates: 0, rejected: [] };
    items.forEach((item, index) => {
      const reason = this.rejections.get(item.externalId);
      if (reason !== undefined) {
        result.rejected.push({ index, reason });
        return;
      }
      const externalId = normaliseExternalId(item.externalId);
      const key = `${options.sourceId}\u0000${externalId}`;
      if (this.stored.has(key)) {
        result.duplicates += 1;
        return;
      }
      const mention = prepared(item, externalId);
      this.stored.set(key, { sourceId: options.sourceId, sourceKind: options.sourceKind, mention });
      result.inserted.push(mention);
    });
    return Promise.resolve(result);
  }
}

function prepared(item: RawMention, externalId: string): PreparedMention {
  return {
    externalId,
    url: item.url,
    platform: item.platform,
    authorPseudonym: item.author === null ? null : `pseudonym:${item.author.length}`,
    authorName: null,
    authorKind: 'person',
    postedAt: item.postedAt,
    language: item.language ?? 'nl',
    title: item.title,
    text: item.text,
    reach: item.reach,
    engagement: item.engagement,
    sentimentScore: 0,
    sentimentLabel: 'neutral',
    sentimentConfidence: 1,
    sentimentModel: 'fake@1',
    toolSentiment: item.toolSentiment,
    topics: [],
    topicsModel: 'fake@1',
    country: item.country,
  };
}
