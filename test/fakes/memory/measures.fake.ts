// The measures timeline in memory, written the way MeasuresRepository's statements write it: version 1 on insert
// (refused when the id or the publication is taken), the next version only when the stored one is still the one
// expected, every version kept with its fields and changed names. Effect windows and the lists by time zone are the
// repository's own SQL and are not faked.
import type {
  Measure,
  MeasureFields,
  MeasureOrigin,
  MeasureVersion,
} from '../../../services/measures/measure.js';
import type { MeasuresRepository } from '../../../services/repositories/measures.repository.js';
import type { NewMeasure } from '../../../services/measures/measure.js';
import { copyOf, type Snapshottable } from './rollback.js';

/** The methods of the repository that editing, loading a file and the watchers' sink call. */
export type FakedMeasuresMethods = Pick<
  MeasuresRepository,
  | 'get'
  | 'getForUpdate'
  | 'findByPublication'
  | 'all'
  | 'idsStartingWith'
  | 'insert'
  | 'update'
  | 'versions'
  | 'countStored'
>;

interface State {
  measures: Map<string, Measure>;
  versions: Map<string, MeasureVersion[]>;
  counted: { sourceId: string; stored: number; newest: Date | null }[];
}

export class FakeMeasuresRepository implements FakedMeasuresMethods, Snapshottable {
  private state: State = { measures: new Map(), versions: new Map(), counted: [] };

  /** Set to make an `insert` after this many more throw (a database failure in the middle of a transaction). */
  failInsertAfter: number | null = null;

  constructor(private readonly now: () => Date = () => new Date()) {}

  snapshot(): () => void {
    const saved = copyOf(this.state);
    return () => {
      this.state = saved;
    };
  }

  get size(): number {
    return this.state.measures.size;
  }

  get counted(): readonly { sourceId: string; stored: number; newest: Date | null }[] {
    return this.state.counted;
  }

  get(id: string): Promise<Measure | null> {
    const measure = this.state.measures.get(id);
    return Promise.resolve(measure ? copyOf(measure) : null);
  }

  getForUpdate(id: string): Promise<Measure | null> {
    return this.get(id);
  }

  findByPublication(sourceId: string, externalId: string): Promise<Measure | null> {
    const found = [...this.state.measures.values()].find(
      (measure) => measure.sourceId === sourceId && measure.externalId === externalId,
    );
    return Promise.resolve(found ? copyOf(found) : null);
  }

  all(): Promise<Measure[]> {
    return Promise.resolve(
      [...this.state.measures.values()]
        .sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom) || a.id.localeCompare(b.id))
        .map((measure) => copyOf(measure)),
    );
  }

  idsStartingWith(prefix: string): Promise<Set<string>> {
    return Promise.resolve(new Set([...this.state.measures.keys()].filter((id) => id.startsWith(prefix))));
  }

  insert(measure: NewMeasure): Promise<boolean> {
    if (this.failInsertAfter !== null && this.failInsertAfter-- <= 0)
      return Promise.reject(new Error('FakeMeasuresRepository: insert failed (as told)'));
    const publicationTaken =
      measure.sourceId !== null &&
      [...this.state.measures.values()].some(
        (m) => m.sourceId === measure.sourceId && m.externalId === measure.externalId,
      );
    if (this.state.measures.has(measure.id) || publicationTaken) return Promise.resolve(false);
    const at = this.now();
    this.state.measures.set(measure.id, {
      ...copyOf(measure.fields),
      id: measure.id,
      version: 1,
      origin: measure.origin,
      sourceId: measure.sourceId,
      externalId: measure.externalId,
      publicationHash: measure.publicationHash,
      contentHash: measure.contentHash,
      createdAt: at,
      updatedAt: at,
    });
    this.addVersion(measure.id, 1, measure.fields, [], measure.origin);
    return Promise.resolve(true);
  }

  update(
    id: string,
    expectedVersion: number,
    fields: MeasureFields,
    changed: string[],
    origin: MeasureOrigin,
    contentHash: string,
    publicationHash?: string | null,
  ): Promise<number | null> {
    const current = this.state.measures.get(id);
    if (current === undefined || current.version !== expectedVersion) return Promise.resolve(null);
    const version = current.version + 1;
    this.state.measures.set(id, {
      ...current,
      ...copyOf(fields),
      version,
      origin,
      contentHash,
      publicationHash: publicationHash ?? current.publicationHash,
      updatedAt: this.now(),
    });
    this.addVersion(id, version, fields, changed, origin);
    return Promise.resolve(version);
  }

  versions(id: string): Promise<MeasureVersion[]> {
    return Promise.resolve(copyOf(this.state.versions.get(id) ?? []));
  }

  countStored(sourceId: string, stored: number, newest: Date | null): Promise<void> {
    if (stored > 0) this.state.counted.push({ sourceId, stored, newest });
    return Promise.resolve();
  }

  private addVersion(
    id: string,
    version: number,
    fields: MeasureFields,
    changed: string[],
    origin: MeasureOrigin,
  ): void {
    const versions = this.state.versions.get(id) ?? [];
    versions.push({ version, fields: copyOf(fields), changed: [...changed], origin, recordedAt: this.now() });
    this.state.versions.set(id, versions);
  }
}
