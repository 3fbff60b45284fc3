// The watchers' sink against in-memory fakes of the unit of work, the measures repository and the alerts: what a
// page of publications becomes, which alerts it raises, and that the poll's cursor callback runs in the same
// transaction as the writes.
import { describe, expect, it } from 'vitest';
import type { MeasureChange } from '../alerts/alert-message.js';
import type { DbTransaction } from '../db/client.js';
import { defaultTaxonomy } from '../nlp/taxonomy.js';
import type { MeasuresRepository } from '../repositories/measures.repository.js';
import type { Transactor, TxRepositories } from '../repositories/unit-of-work.js';
import { createMeasureClassifier } from './measure.classifier.js';
import type { Measure, MeasureFields, MeasureOrigin, NewMeasure } from './measure.js';
import { MeasureSinkService } from './measure-sink.service.js';
import type { Expectation } from './measure-text.js';
import type { Publication, WatcherSource } from './publication.js';

type SinkWrites = Pick<
  MeasuresRepository,
  'findByPublication' | 'idsStartingWith' | 'insert' | 'get' | 'getForUpdate' | 'update' | 'countStored'
>;

/** Measures in a map, written the way the repository's statements write them. */
class FakeMeasures implements SinkWrites {
  readonly rows = new Map<string, Measure>();
  readonly counted: { sourceId: string; stored: number; newest: Date | null }[] = [];

  findByPublication(sourceId: string, externalId: string): Promise<Measure | null> {
    const found = [...this.rows.values()].find((m) => m.sourceId === sourceId && m.externalId === externalId);
    return Promise.resolve(found ?? null);
  }

  idsStartingWith(prefix: string): Promise<Set<string>> {
    return Promise.resolve(new Set([...this.rows.keys()].filter((id) => id.startsWith(prefix))));
  }

  async insert(measure: NewMeasure): Promise<boolean> {
    const taken =
      this.rows.has(measure.id) ||
      (measure.sourceId !== null &&
        (await this.findByPublication(measure.sourceId, measure.externalId ?? '')) !== null);
    if (taken) return false;
    this.rows.set(measure.id, {
      ...measure.fields,
      id: measure.id,
      version: 1,
      origin: measure.origin,
      sourceId: measure.sourceId,
      externalId: measure.externalId,
      publicationHash: measure.publicationHash,
      contentHash: measure.contentHash,
      createdAt: new Date(0),
      updatedAt: new Date(0),
    });
    return true;
  }

  get(id: string): Promise<Measure | null> {
    return Promise.resolve(this.rows.get(id) ?? null);
  }

  getForUpdate(id: string): Promise<Measure | null> {
    return this.get(id);
  }

  update(
    id: string,
    expectedVersion: number,
    fields: MeasureFields,
    _changed: string[],
    origin: MeasureOrigin,
    contentHash: string,
    publicationHash?: string | null,
  ): Promise<number | null> {
    const row = this.rows.get(id);
    if (row === undefined || row.version !== expectedVersion) return Promise.resolve(null);
    const version = row.version + 1;
    this.rows.set(id, {
      ...row,
      ...fields,
      version,
      origin,
      contentHash,
      publicationHash: publicationHash ?? row.publicationHash,
    });
    return Promise.resolve(version);
  }

  countStored(sourceId: string, stored: number, newest: Date | null): Promise<void> {
    if (stored > 0) this.counted.push({ sourceId, stored, newest });
    return Promise.resolve();
  }
}

const TRX = { name: 'the one transaction' } as unknown as DbTransaction;

function setup() {
  const measures = new FakeMeasures();
  const alerts: { input: MeasureChange; tx: TxRepositories | undefined }[] = [];
  const afterStore: DbTransaction[] = [];
  const expectations: string[] = [];
  // Only the measures repository is used inside the sink's transaction; the alerts go to the fake below.
  const tx = { measures } as unknown as TxRepositories;
  let transactions = 0;
  const unitOfWork: Transactor = {
    transaction: (fn) => {
      transactions++;
      return fn(tx, TRX);
    },
  };
  const sink = new MeasureSinkService({
    repository: measures,
    unitOfWork,
    classifier: createMeasureClassifier(defaultTaxonomy()),
    effects: {
      expectation: (measure) => {
        expectations.push(measure.id);
        return Promise.resolve<Expectation | null>(null);
      },
    },
    alert: {
      alerts: {
        measureChanged: (input, given) => {
          alerts.push({ input, tx: given });
          return Promise.resolve(null);
        },
      },
      topicLabel: (id) => id,
      timezone: 'Europe/Amsterdam',
      link: () => null,
      now: () => new Date('2026-11-28T12:00:00Z'),
    },
  });
  const store = (source: WatcherSource, publications: Publication[]) =>
    sink.storePublications(source, publications, (trx) => {
      afterStore.push(trx);
      return Promise.resolve();
    });
  return { measures, alerts, afterStore, expectations, tx, store, transactions: () => transactions };
}

const CVDR: WatcherSource = { id: 'cvdr-huizen', kind: 'cvdr' };

const publication = (overrides: Partial<Publication>): Publication => ({
  externalId: 'CVDR1',
  title: 'Noodverordening verbod op samenkomsten in de horeca',
  text: 'Een verbod om je op te houden in gezelschappen van meer dan 50 personen.',
  url: null,
  publishedOn: '2020-09-27',
  publishedAt: null,
  revision: 1,
  effectiveFrom: null,
  effectiveUntil: null,
  creator: 'Huizen',
  level: null,
  backfill: false,
  ...overrides,
});

describe('MeasureSinkService', () => {
  it('fills the timeline from a first pass without alerts, and moves the cursor in the same transaction', async () => {
    const s = setup();
    const result = await s.store(CVDR, [
      publication({ backfill: true }),
      publication({ externalId: 'CVDR2', title: 'Ingekomen melding asbest', text: '', backfill: true }),
    ]);
    expect(result).toEqual({ stored: 1, unchanged: 0, ignored: 1, alerts: 0 });
    expect(s.alerts).toEqual([]);
    expect(s.expectations).toEqual([]);
    expect([...s.measures.rows.values()].map((m) => [m.externalId, m.origin, m.municipality])).toEqual([
      ['CVDR1', 'watcher', 'Huizen'],
    ]);
    // Local midnight of 27 September 2020 in Amsterdam (summer time).
    expect(s.measures.counted).toEqual([
      { sourceId: 'cvdr-huizen', stored: 1, newest: new Date('2020-09-26T22:00:00Z') },
    ]);
    expect(s.afterStore).toEqual([TRX]);
    expect(s.transactions()).toBe(1);
  });

  it('stores a newer revision as the next version with its alert, and leaves the same or an older one alone', async () => {
    const s = setup();
    await s.store(CVDR, [publication({ backfill: true })]);
    const id = [...s.measures.rows.keys()][0]!;
    const again = await s.store(CVDR, [publication({})]);
    expect(again).toEqual({ stored: 0, unchanged: 1, ignored: 0, alerts: 0 });

    // Revision 2 and revision 1 in one page: only the newest counts.
    const title = 'Noodverordening verbod op samenkomsten in de horeca, gewijzigd';
    const changed = await s.store(CVDR, [publication({ revision: 2, title }), publication({ revision: 1 })]);
    expect(changed).toEqual({ stored: 1, unchanged: 0, ignored: 0, alerts: 1 });
    expect(s.measures.rows.get(id)).toMatchObject({ version: 2, title });
    expect(s.expectations).toEqual([id]);
    expect(s.alerts).toHaveLength(1);
    expect(s.alerts[0]!.input).toMatchObject({ measureId: id, version: 2 });
    expect(s.alerts[0]!.tx).toBe(s.tx);

    const older = await s.store(CVDR, [
      publication({ revision: 1, title: 'Een oudere tekst over de horeca' }),
    ]);
    expect(older).toEqual({ stored: 0, unchanged: 1, ignored: 0, alerts: 0 });
    expect(s.measures.rows.get(id)).toMatchObject({ version: 2, title });
  });

  it('gives a new measure the first free id, and raises its alert as new', async () => {
    const s = setup();
    await s.store(CVDR, [publication({ backfill: true })]);
    const first = [...s.measures.rows.keys()][0]!;
    const result = await s.store(CVDR, [publication({ externalId: 'CVDR9' })]);
    expect(result).toMatchObject({ stored: 1, alerts: 1 });
    expect([...s.measures.rows.keys()]).toEqual([first, `${first}-2`]);
    expect(s.alerts[0]!.input).toMatchObject({ measureId: `${first}-2`, version: 1 });
    expect(s.expectations).toEqual(['']);
  });
});
