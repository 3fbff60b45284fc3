// Pushed mentions (POST /api/v1/mentions): a batch for one configured push source, stored through the same
// pipeline as polled and imported items, idempotent on (source, external id). The answer says which were new.
import type { Role } from '../auth/role.js';
import { normaliseExternalId } from '../ingest/prepare.js';
import type { RawMention } from '../ingest/raw-mention.js';
import { RequestError, badRequest, forbidden, notFound } from '../request-error.js';
import type { PollIngest, PollSources } from './poll.service.js';
import type { SourceConfig } from './sources.schema.js';

export interface PushedMention {
  external_id: string;
  posted_at: string;
  text: string;
  url?: string | null;
  author?: string | null;
  title?: string | null;
  language?: string | null;
  platform?: string | null;
  reach?: number | null;
  engagement?: number | null;
  country?: string | null;
}

export interface PushBatch {
  source?: string;
  mentions: PushedMention[];
}

export interface PushCaller {
  role: Role;
  /** Set on keys made for one push source; such a key pushes there and nowhere else. */
  pushSourceId: string | null;
}

export interface PushResult {
  source: string;
  received: number;
  new: string[];
  duplicates: string[];
  rejected: { index: number; external_id: string; reason: string }[];
}

export class PushService {
  private readonly synced = new Set<string>();

  constructor(
    private readonly deps: {
      configured: readonly SourceConfig[];
      sources: Pick<PollSources, 'syncConfigured'>;
      ingest: Pick<PollIngest, 'ingest'>;
    },
  ) {}

  /** Which source a caller may push to; throws a RequestError that says why not. */
  resolveSource(caller: PushCaller, requested: string | undefined): string {
    let sourceId: string;
    if (caller.pushSourceId !== null) {
      if (requested !== undefined && requested !== caller.pushSourceId) {
        throw forbidden(`this key may push only to the source "${caller.pushSourceId}", not "${requested}"`);
      }
      sourceId = caller.pushSourceId;
    } else if (caller.role === 'admin') {
      if (requested === undefined)
        throw badRequest('body.source: name the push source (an id from sources: in the config)');
      sourceId = requested;
    } else {
      throw forbidden(
        'pushing mentions needs an admin key or a key made for one push source (`onderstroom sources push-key <id>`)',
      );
    }
    const source = this.deps.configured.find((configured) => configured.id === sourceId);
    if (source === undefined || source.kind !== 'push') {
      throw notFound(
        `no push source "${sourceId}" is configured; add { id: ${sourceId}, kind: push } under sources:`,
      );
    }
    if (!source.enabled)
      throw new RequestError(409, `the push source "${sourceId}" is disabled in the configuration`);
    return sourceId;
  }

  async push(caller: PushCaller, batch: PushBatch): Promise<PushResult> {
    const sourceId = this.resolveSource(caller, batch.source);
    if (!this.synced.has(sourceId)) {
      await this.deps.sources.syncConfigured([{ id: sourceId, kind: 'push', enabled: true }]);
      this.synced.add(sourceId);
    }
    const items: RawMention[] = batch.mentions.map((mention) => ({
      externalId: mention.external_id,
      url: mention.url ?? null,
      postedAt: new Date(mention.posted_at),
      author: mention.author ?? null,
      platform: mention.platform ?? null,
      title: mention.title ?? null,
      text: mention.text,
      language: mention.language ?? null,
      reach: mention.reach ?? null,
      engagement: mention.engagement ?? null,
      toolSentiment: null,
      country: mention.country ?? null,
    }));
    const result = await this.deps.ingest.ingest(items, { sourceId, sourceKind: 'push' });
    const inserted = new Set(result.inserted.map((mention) => mention.externalId));
    const rejectedAt = new Map(result.rejected.map((entry) => [entry.index, entry.reason]));
    const answer: PushResult = {
      source: sourceId,
      received: items.length,
      new: [],
      duplicates: [],
      rejected: [],
    };
    const counted = new Set<string>();
    batch.mentions.forEach((mention, index) => {
      const reason = rejectedAt.get(index);
      if (reason !== undefined) {
        answer.rejected.push({ index, external_id: mention.external_id, reason });
        return;
      }
      const id = normaliseExternalId(mention.external_id);
      // An id that appears twice in one batch is new once; the second is a duplicate of the first.
      if (inserted.has(id) && !counted.has(id)) answer.new.push(mention.external_id);
      else answer.duplicates.push(mention.external_id);
      counted.add(id);
    });
    return answer;
  }
}
