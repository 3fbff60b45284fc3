// The watchers' sink: a page of publications from a poll becomes measures (or their next versions), each with its
// measure_change alert (none in the first pass over a source), and the poll's cursor moves in the same
// transaction.
import type { DbTransaction } from '../db/client.js';
import type { Transactor, TxRepositories } from '../repositories/unit-of-work.js';
import type { MeasuresRepository } from '../repositories/measures.repository.js';
import { localDate, startOfLocalDay } from '../time/zoned-time.js';
import type { MeasureClassifier } from './measure.classifier.js';
import { changedFields, contentHash, slugId, type Measure, type MeasureFields } from './measure.js';
import { raiseMeasureChange, type MeasureAlertDeps } from './measure-alert.js';
import type { MeasureEffectsService } from './measure-effects.service.js';
import { freeMeasureId } from './measure-store.js';
import type { Expectation } from './measure-text.js';
import {
  decidePublication,
  hashRevision,
  todayIn,
  type Publication,
  type WatcherSource,
} from './publication.js';

export interface PublicationsResult {
  stored: number;
  unchanged: number;
  ignored: number;
  alerts: number;
}

export interface MeasureSinkDeps {
  repository: Pick<MeasuresRepository, 'findByPublication'>;
  unitOfWork: Transactor;
  classifier: MeasureClassifier;
  effects: Pick<MeasureEffectsService, 'expectation'>;
  alert: MeasureAlertDeps;
}

interface Plan {
  publication: Publication;
  fields: MeasureFields;
  hash: string;
  current: Measure | null;
  expectation: Expectation | null;
}

export class MeasureSinkService {
  constructor(private readonly deps: MeasureSinkDeps) {}

  /**
   * Stores a page of publications from a watcher: each that is a measure becomes one, or the next version of the
   * one it was before, with its measure_change alert (none in the first pass over a source); `afterStore` runs in
   * the same transaction (the poll service advances the source's cursor there).
   */
  async storePublications(
    source: WatcherSource,
    publications: readonly Publication[],
    afterStore: (trx: DbTransaction) => Promise<void>,
  ): Promise<PublicationsResult> {
    const { timezone, now } = this.deps.alert;
    const result: PublicationsResult = { stored: 0, unchanged: 0, ignored: 0, alerts: 0 };
    const today = todayIn(timezone, now);
    const planned: Plan[] = [];
    for (const publication of latestRevisions(publications)) {
      const decision = decidePublication(
        publication,
        source,
        this.deps.classifier,
        (ms) => localDate(ms, timezone),
        today,
      );
      if (!decision.measure) {
        result.ignored++;
        continue;
      }
      const current = await this.deps.repository.findByPublication(source.id, publication.externalId);
      if (current !== null && notNewer(current.publicationHash, decision.hash)) {
        result.unchanged++;
        continue;
      }
      // Reads for the expectation happen before the transaction, which then only writes.
      const expectation = publication.backfill
        ? null
        : await this.deps.effects.expectation({ ...decision.fields, id: current?.id ?? '' });
      planned.push({ publication, fields: decision.fields, hash: decision.hash, current, expectation });
    }
    await this.deps.unitOfWork.transaction(async (tx, trx) => {
      let newest: number | null = null;
      for (const plan of planned) {
        const stored = await storePublication(tx, source, plan);
        if (stored === null) {
          result.unchanged++;
          continue;
        }
        result.stored++;
        const at = publishedMs(plan.publication, timezone);
        if (at !== null && (newest === null || at > newest)) newest = at;
        if (!plan.publication.backfill) {
          await raiseMeasureChange(
            this.deps.alert,
            tx,
            stored.measure,
            stored.isNew,
            stored.changed,
            plan.expectation,
          );
          result.alerts++;
        }
      }
      await tx.measures.countStored(source.id, result.stored, newest === null ? null : new Date(newest));
      await afterStore(trx);
    });
    return result;
  }
}

/** One publication in the transaction: a new measure under a free id, or the next version of its measure. */
async function storePublication(
  tx: TxRepositories,
  source: WatcherSource,
  plan: Plan,
): Promise<{ measure: Measure; isNew: boolean; changed: string[] } | null> {
  const repository = tx.measures;
  const current = await repository.findByPublication(source.id, plan.publication.externalId);
  if (current === null) {
    const base = slugId(source.id, plan.fields.effectiveFrom, plan.fields.title);
    for (let attempt = 0; attempt < 5; attempt++) {
      const id = await freeMeasureId(repository, base);
      const inserted = await repository.insert({
        id,
        fields: plan.fields,
        origin: 'watcher',
        sourceId: source.id,
        externalId: plan.publication.externalId,
        publicationHash: plan.hash,
        contentHash: contentHash(plan.fields),
      });
      if (inserted) return { measure: (await repository.get(id))!, isNew: true, changed: [] };
      // The id was taken in between, or the publication stored by another writer: look again.
      if (await repository.findByPublication(source.id, plan.publication.externalId)) return null;
    }
    throw new Error(`could not find a free measure id for "${base}"`);
  }
  if (notNewer(current.publicationHash, plan.hash)) return null;
  const locked = (await repository.getForUpdate(current.id))!;
  const changed = changedFields(locked, plan.fields);
  const version = await repository.update(
    locked.id,
    locked.version,
    plan.fields,
    changed,
    'watcher',
    contentHash(plan.fields),
    plan.hash,
  );
  if (version === null) return null;
  return { measure: (await repository.get(locked.id))!, isNew: false, changed };
}

/** The same publication, or an older revision of a work whose newer revision is stored. */
function notNewer(stored: string | null, incoming: string): boolean {
  if (stored === incoming) return true;
  const storedRevision = hashRevision(stored);
  const incomingRevision = hashRevision(incoming);
  return storedRevision !== null && incomingRevision !== null && incomingRevision < storedRevision;
}

/** When a publication came out: its time, else the start of its day. */
function publishedMs(publication: Publication, timezone: string): number | null {
  if (publication.publishedAt !== null) return publication.publishedAt.getTime();
  return publication.publishedOn === null ? null : startOfLocalDay(publication.publishedOn, timezone);
}

/** One publication per id: the highest revision, else the last one listed. */
function latestRevisions(publications: readonly Publication[]): Publication[] {
  const byId = new Map<string, Publication>();
  for (const publication of publications) {
    const earlier = byId.get(publication.externalId);
    if (earlier?.revision != null && publication.revision != null && publication.revision < earlier.revision)
      continue;
    byId.set(publication.externalId, publication);
  }
  return [...byId.values()];
}
