// The one path into storage: prepare (check, enrich, pseudonymise) then store exactly once.
// Imports, pollers and the push API all come through here.
import type { MentionsRepository } from '../repositories/mentions.repository.js';
import {
  checkMention,
  completeMention,
  prepareMention,
  type CheckedMention,
  type PrepareContext,
  type PreparedMention,
} from './prepare.js';
import type { RawMention } from './raw-mention.js';
import type { Metrics } from '../metrics/metrics.js';
import type { StoreOptions } from './store-options.js';

export interface IngestResult {
  /** Ids (external) of the mentions that were new. */
  inserted: PreparedMention[];
  duplicates: number;
  /** Items that could not be stored, by their position in the input. */
  rejected: { index: number; reason: string }[];
}

/** Smaller batches (a poll, a push) are scored in this thread: a round trip to a worker would cost more. */
export const POOLED_MIN_ITEMS = 200;

export class IngestService {
  constructor(
    private readonly mentions: MentionsRepository,
    // Async: the first batch waits for the scorer to be built and put on the active model (nlp.module.ts).
    private readonly context: () => Promise<PrepareContext>,
    private readonly metrics?: Pick<Metrics, 'mentionsStoredFor'>,
  ) {}

  /** `wholeImport`: an import's batch, scored in the pool whatever its size (its last one may be small). */
  async prepare(
    items: readonly RawMention[],
    options: { wholeImport?: boolean } = {},
  ): Promise<{
    prepared: PreparedMention[];
    rejected: { index: number; reason: string }[];
  }> {
    const context = await this.context();
    if (
      context.enrichMany !== undefined &&
      (options.wholeImport === true || items.length >= POOLED_MIN_ITEMS)
    )
      return this.preparePooled(items, context, context.enrichMany);
    const prepared: PreparedMention[] = [];
    const rejected: { index: number; reason: string }[] = [];
    items.forEach((item, index) => {
      const result = prepareMention(item, context);
      if (result.ok) prepared.push(result.mention);
      else rejected.push({ index, reason: result.reason });
    });
    return { prepared, rejected };
  }

  /** prepareMention in three steps: checks here, the batch's enrichment in the pool, the rows here, in order. */
  private async preparePooled(
    items: readonly RawMention[],
    context: PrepareContext,
    enrichMany: NonNullable<PrepareContext['enrichMany']>,
  ): Promise<{ prepared: PreparedMention[]; rejected: { index: number; reason: string }[] }> {
    const checked: CheckedMention[] = [];
    const rejected: { index: number; reason: string }[] = [];
    items.forEach((item, index) => {
      const result = checkMention(item, context.now);
      if (result.ok) checked.push(result.checked);
      else rejected.push({ index, reason: result.reason });
    });
    const enrichments = await enrichMany(checked.map((mention) => mention.scoring));
    if (enrichments.length !== checked.length) {
      throw new Error(`the scoring pool returned ${enrichments.length} results for ${checked.length} texts`);
    }
    const completing = { pseudonymise: context.pseudonymise, topicsModel: context.enricher.versions.topics };
    const prepared = checked.map((mention, i) => completeMention(mention, enrichments[i]!, completing));
    return { prepared, rejected };
  }

  async store(
    prepared: readonly PreparedMention[],
    options: StoreOptions,
  ): Promise<{ inserted: PreparedMention[]; duplicates: number }> {
    const stored = await this.mentions.store(prepared, options);
    // Counted after the commit, from what the store returned: a retried batch's duplicates add nothing.
    this.metrics?.mentionsStoredFor(options.sourceKind, stored.inserted.length);
    return stored;
  }

  async ingest(items: readonly RawMention[], options: StoreOptions): Promise<IngestResult> {
    const { prepared, rejected } = await this.prepare(items);
    const stored = await this.store(prepared, options);
    return { inserted: stored.inserted, duplicates: stored.duplicates, rejected };
  }
}
