// The FAQ register in memory, written the way FaqsRepository's statements write it: an FAQ with its first version
// on insert, every update and check the next version, the list by id with its filters, and `transaction(fn)` that
// leaves the register unchanged when `fn` throws. The measures and users it checks links against are sets the
// test fills.
import type { FaqFields, FaqVersion, FaqVersionOrigin } from '../../../services/faqs/faq.js';
import type { FaqsStore } from '../../../services/faqs/faqs.service.js';
import type { FaqListFilter, FaqRecord } from '../../../services/faqs/faq.js';
import { copyOf, inTransaction, type Snapshottable } from './rollback.js';

/** The methods of the repository the FAQ register's services call, and a transaction over them: the service's own store. */
export type FakedFaqsMethods = FaqsStore;

interface State {
  faqs: Map<string, FaqRecord>;
  versions: Map<string, FaqVersion[]>;
  gapConcepts: { questionId: string; faqId: string; actor: string; at: Date }[];
  onlineGapConcepts: { mentionId: string; faqId: string; actor: string; at: Date }[];
  nextId: number;
}

export class FakeFaqsRepository implements FakedFaqsMethods, Snapshottable {
  private state: State = {
    faqs: new Map(),
    versions: new Map(),
    gapConcepts: [],
    onlineGapConcepts: [],
    nextId: 1,
  };
  /** The measure ids the timeline holds (links to others are refused). */
  readonly measureIds = new Set<string>();
  /** The user ids that exist (an owner must be one). */
  readonly userIds = new Set<string>();
  /** Set to make the next `insert` throw (a database failure in the middle of a transaction). */
  failInsertAfter: number | null = null;

  snapshot(): () => void {
    const saved = copyOf(this.state);
    return () => {
      this.state = saved;
    };
  }

  get size(): number {
    return this.state.faqs.size;
  }

  transaction<T>(fn: (repository: FakedFaqsMethods) => Promise<T>): Promise<T> {
    return inTransaction([this], () => fn(this));
  }

  lockImports(): Promise<void> {
    return Promise.resolve();
  }

  lockedGapConceptOf(questionIds: readonly string[]): Promise<string | null> {
    const found = this.state.gapConcepts.find((concept) => questionIds.includes(concept.questionId));
    return Promise.resolve(found?.faqId ?? null);
  }

  recordGapConcept(questionId: string, faqId: string, actor: string, at: Date): Promise<void> {
    this.state.gapConcepts.push({ questionId, faqId, actor, at });
    return Promise.resolve();
  }

  lockedOnlineGapConceptOf(mentionIds: readonly string[]): Promise<string | null> {
    const found = this.state.onlineGapConcepts.find((concept) => mentionIds.includes(concept.mentionId));
    return Promise.resolve(found?.faqId ?? null);
  }

  recordOnlineGapConcept(
    mention: { id: string; postedAt: Date },
    faqId: string,
    actor: string,
    at: Date,
  ): Promise<void> {
    this.state.onlineGapConcepts.push({ mentionId: mention.id, faqId, actor, at });
    return Promise.resolve();
  }

  userExists(id: string): Promise<boolean> {
    return Promise.resolve(this.userIds.has(id));
  }

  get(id: string): Promise<FaqRecord | null> {
    const faq = this.state.faqs.get(id);
    return Promise.resolve(faq ? copyOf(faq) : null);
  }

  getForUpdate(id: string): Promise<FaqRecord | null> {
    return this.get(id);
  }

  byExternalIds(externalIds: readonly string[]): Promise<Map<string, FaqRecord>> {
    const found = new Map<string, FaqRecord>();
    for (const faq of this.state.faqs.values())
      if (faq.externalId !== null && externalIds.includes(faq.externalId))
        found.set(faq.externalId, copyOf(faq));
    return Promise.resolve(found);
  }

  missingMeasures(ids: readonly string[]): Promise<string[]> {
    return Promise.resolve([...new Set(ids)].filter((id) => !this.measureIds.has(id)).sort());
  }

  insert(
    fields: FaqFields,
    externalId: string | null,
    _contentHash: string,
    actor: string,
    origin: FaqVersionOrigin,
    at: Date,
  ): Promise<string> {
    if (this.failInsertAfter !== null && this.failInsertAfter-- <= 0)
      return Promise.reject(new Error('FakeFaqsRepository: insert failed (as told)'));
    const id = String(this.state.nextId++);
    this.state.faqs.set(id, {
      ...copyOf(fields),
      id,
      externalId,
      version: 1,
      lastCheckedAt: null,
      stale: null,
      createdAt: at,
      updatedAt: at,
      measuresChangedAt: null,
    });
    this.addVersion(id, 1, fields, [], actor, origin, at);
    return Promise.resolve(id);
  }

  update(
    current: FaqRecord,
    fields: FaqFields,
    changed: readonly string[],
    _contentHash: string,
    actor: string,
    origin: FaqVersionOrigin,
    at: Date,
  ): Promise<number> {
    const stored = this.mustHave(current.id);
    const version = current.version + 1;
    this.state.faqs.set(current.id, { ...stored, ...copyOf(fields), version, updatedAt: at });
    this.addVersion(current.id, version, fields, changed, actor, origin, at);
    return Promise.resolve(version);
  }

  markChecked(current: FaqRecord, fields: FaqFields, actor: string, at: Date): Promise<number> {
    const stored = this.mustHave(current.id);
    const version = current.version + 1;
    this.state.faqs.set(current.id, { ...stored, version, lastCheckedAt: at, stale: null, updatedAt: at });
    this.addVersion(current.id, version, fields, ['gecontroleerd'], actor, 'check', at);
    return Promise.resolve(version);
  }

  versions(faqId: string): Promise<FaqVersion[]> {
    return Promise.resolve(copyOf([...(this.state.versions.get(faqId) ?? [])].reverse()));
  }

  list(filter: FaqListFilter): Promise<FaqRecord[]> {
    const q = filter.q?.toLowerCase() ?? null;
    const rows = [...this.state.faqs.values()]
      .filter((faq) => filter.statuses.includes(faq.status))
      .filter((faq) => filter.topic === null || faq.topics.includes(filter.topic))
      .filter((faq) => q === null || `${faq.question} ${faq.answer}`.toLowerCase().includes(q))
      .filter((faq) => filter.afterId === null || Number(faq.id) > Number(filter.afterId))
      .filter(
        (faq) =>
          !filter.needsCheck ||
          faq.stale !== null ||
          (faq.measuresChangedAt !== null &&
            faq.measuresChangedAt.getTime() > (faq.lastCheckedAt ?? faq.createdAt).getTime()),
      )
      .sort((a, b) => Number(a.id) - Number(b.id))
      .slice(0, filter.limit);
    return Promise.resolve(rows.map((faq) => copyOf(faq)));
  }

  /** Marks an FAQ stale, as a measure change does (for tests of what follows). */
  flag(id: string, reason: string, at: Date, measureId: string | null = null): void {
    this.mustHave(id).stale = { reason, at, measureId };
  }

  private mustHave(id: string): FaqRecord {
    const faq = this.state.faqs.get(id);
    if (faq === undefined) throw new Error(`FakeFaqsRepository: no FAQ ${id}`);
    return faq;
  }

  private addVersion(
    faqId: string,
    version: number,
    fields: FaqFields,
    changed: readonly string[],
    actor: string,
    origin: FaqVersionOrigin,
    at: Date,
  ): void {
    const versions = this.state.versions.get(faqId) ?? [];
    versions.push({ version, data: copyOf(fields), changed: [...changed], actor, origin, recordedAt: at });
    this.state.versions.set(faqId, versions);
  }
}
