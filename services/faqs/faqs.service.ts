// The FAQ register: list and open (concept FAQs only for the roles that write or answer with them), add, edit and
// check (coordinator and admin; every change a version), import a file all or nothing and exactly once, and the
// published FAQs for the public pages and the matcher.
import { badRequest, forbidden, notFound, RequestError } from '../request-error.js';
import type { FaqsRepository } from '../repositories/faqs.repository.js';
import {
  changedFaqFields,
  type FaqActor,
  faqContentHash,
  type FaqFields,
  type FaqRecord,
  type FaqStatus,
  type FaqVersion,
  type FaqVersionOrigin,
  fieldsOf,
  mayEditFaqs,
  mayReadDrafts,
} from './faq.js';
import { FaqFileError, type FaqFileEntry, type FaqFileProblem } from './faq-file.js';
import {
  applyFaqInput,
  EMPTY_FAQ,
  type FaqInput,
  type FaqInputChecks,
  type FieldProblem,
} from './faq-input.js';

export const MAX_FAQ_PAGE = 200;

export interface FaqListQuery {
  status?: FaqStatus | null;
  topic?: string | null;
  q?: string | null;
  /** Only FAQs flagged stale or checked before their measures last changed. */
  needsCheck?: boolean;
  cursor?: string | null;
  limit?: number;
}

export interface FaqImportResult {
  file: string;
  rows: number;
  new: number;
  changed: number;
  unchanged: number;
}

/** What the register reads and writes of the FAQs repository, and its transaction (a fake implements the same). */
export interface FaqsStore extends Pick<
  FaqsRepository,
  | 'get'
  | 'getForUpdate'
  | 'versions'
  | 'list'
  | 'missingMeasures'
  | 'userExists'
  | 'insert'
  | 'update'
  | 'markChecked'
  | 'lockImports'
  | 'byExternalIds'
  | 'lockedGapConceptOf'
  | 'recordGapConcept'
  | 'lockedOnlineGapConceptOf'
  | 'recordOnlineGapConcept'
> {
  transaction<T>(fn: (repository: FaqsStore) => Promise<T>): Promise<T>;
}

export interface FaqsServiceDeps {
  repository: FaqsStore;
  checks: FaqInputChecks;
  now?: () => Date;
}

/** The conflict of an edit made on an older version than the stored one. */
export class FaqVersionConflict extends RequestError {
  constructor(current: number) {
    super(409, `version: the FAQ is at version ${current} now; reload it and make the change again`);
  }
}

function encodeCursor(id: string): string {
  return Buffer.from(`faq:${id}`).toString('base64url');
}

function decodeCursor(cursor: string): string {
  const match = /^faq:(\d{1,18})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match) throw badRequest('cursor: not a cursor from a previous page (use next_cursor as given)');
  return match[1]!;
}

function refuse(problems: readonly FieldProblem[]): never {
  throw badRequest(problems.map((problem) => `${problem.field}: ${problem.message}`).join('; '));
}

export class FaqsService {
  private readonly now: () => Date;

  constructor(private readonly deps: FaqsServiceDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /** Which statuses `actor` may see: everything for the drafting roles, published FAQs for anyone else. */
  private visibleStatuses(actor: FaqActor | null): FaqStatus[] {
    return actor !== null && mayReadDrafts(actor.role)
      ? ['concept', 'gepubliceerd', 'verlopen']
      : ['gepubliceerd'];
  }

  private mustEdit(actor: FaqActor): void {
    if (!mayEditFaqs(actor.role)) throw forbidden('only a coordinator or an admin adds and edits FAQs');
  }

  /** `actor` null is the public: published FAQs only. */
  async list(
    actor: FaqActor | null,
    query: FaqListQuery,
  ): Promise<{ faqs: FaqRecord[]; nextCursor: string | null }> {
    const visible = this.visibleStatuses(actor);
    if (query.status && !visible.includes(query.status))
      throw forbidden(
        `status: reading ${query.status} FAQs needs the kcc, coordinator, analyst or admin role`,
      );
    const limit = Math.min(Math.max(query.limit ?? 50, 1), MAX_FAQ_PAGE);
    const q = query.q?.trim() ?? '';
    if (q.length > 500) throw badRequest('q: at most 500 characters');
    let topic: string | null = null;
    if (query.topic) {
      topic = this.deps.checks.resolveTopic(query.topic);
      if (topic === null)
        throw badRequest(
          `topic: unknown topic "${query.topic}"; use one of ${this.deps.checks.topicIds.join(', ')}`,
        );
    }
    const rows = await this.deps.repository.list({
      statuses: query.status ? [query.status] : visible,
      topic,
      q: q === '' ? null : q,
      needsCheck: query.needsCheck ?? false,
      afterId: query.cursor ? decodeCursor(query.cursor) : null,
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    return { faqs: page, nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1]!.id) : null };
  }

  /** One FAQ with its versions; an FAQ `actor` may not see is a 404. */
  async open(actor: FaqActor | null, id: string): Promise<{ faq: FaqRecord; versions: FaqVersion[] }> {
    const faq = await this.deps.repository.get(id);
    if (faq === null || !this.visibleStatuses(actor).includes(faq.status)) throw notFound(`no FAQ ${id}`);
    return { faq, versions: await this.deps.repository.versions(id) };
  }

  /** The published FAQs, oldest first, optionally on a topic or with words (the public pages, the matcher). */
  async published(filter: { topic?: string | null; q?: string | null } = {}): Promise<FaqRecord[]> {
    const all: FaqRecord[] = [];
    let cursor: string | null = null;
    do {
      const page = await this.list(null, { ...filter, cursor, limit: MAX_FAQ_PAGE });
      all.push(...page.faqs);
      cursor = page.nextCursor;
    } while (cursor !== null);
    return all;
  }

  private async checkReferences(repository: FaqsStore, fields: FaqFields, base: FaqFields): Promise<void> {
    const problems: FieldProblem[] = [];
    const missing = await repository.missingMeasures(fields.measureIds);
    if (missing.length > 0)
      problems.push({
        field: 'measures',
        message: `no measure ${missing.map((id) => `"${id}"`).join(', ')} in the timeline`,
      });
    if (
      fields.ownerUserId !== null &&
      fields.ownerUserId !== base.ownerUserId &&
      !(await repository.userExists(fields.ownerUserId))
    )
      problems.push({ field: 'owner', message: `no user ${fields.ownerUserId}` });
    if (problems.length > 0) refuse(problems);
  }

  async create(actor: FaqActor, input: FaqInput, origin: FaqVersionOrigin = 'manual'): Promise<FaqRecord> {
    this.mustEdit(actor);
    if (input.question === undefined) refuse([{ field: 'question', message: 'is missing' }]);
    if (input.answer === undefined) refuse([{ field: 'answer', message: 'is missing' }]);
    const { fields, problems } = applyFaqInput(EMPTY_FAQ, input, this.deps.checks);
    if (problems.length > 0) refuse(problems);
    return this.deps.repository.transaction(async (repository) => {
      const id = await this.insertChecked(repository, fields, actor, origin);
      return (await repository.get(id))!;
    });
  }

  /** Inserts a new FAQ, its first version included, once its measure links are known to exist. */
  private async insertChecked(
    repository: FaqsStore,
    fields: FaqFields,
    actor: FaqActor,
    origin: FaqVersionOrigin,
  ): Promise<string> {
    await this.checkReferences(repository, fields, EMPTY_FAQ);
    return repository.insert(fields, null, faqContentHash(fields), actor.name, origin, this.now());
  }

  /**
   * Adds an FAQ unless `once.find` (run first, in the same transaction) finds the one made before: a concept made
   * from a gap cluster is made once however often its button is pressed. `once.record` stores the link with the FAQ.
   */
  async createOnce(
    actor: FaqActor,
    input: FaqInput,
    once: {
      find: (repository: FaqsStore) => Promise<string | null>;
      record: (repository: FaqsStore, faqId: string) => Promise<void>;
    },
  ): Promise<{ faq: FaqRecord; created: boolean }> {
    this.mustEdit(actor);
    const { fields, problems } = applyFaqInput(EMPTY_FAQ, input, this.deps.checks);
    if (problems.length > 0) refuse(problems);
    return this.deps.repository.transaction(async (repository) => {
      const found = await once.find(repository);
      if (found !== null) {
        const faq = await repository.get(found);
        if (faq !== null) return { faq, created: false };
      }
      const id = await this.insertChecked(repository, fields, actor, 'manual');
      await once.record(repository, id);
      return { faq: (await repository.get(id))!, created: true };
    });
  }

  /**
   * Edits an FAQ: the changed fields become its next version (an edit that changes nothing stores nothing). With
   * `version`, an edit made on an older version is refused (409), so two editors never overwrite each other unseen.
   */
  async update(
    actor: FaqActor,
    id: string,
    input: FaqInput,
    version: number | null = null,
    origin: FaqVersionOrigin = 'manual',
  ): Promise<{ faq: FaqRecord; changed: string[] }> {
    this.mustEdit(actor);
    return this.deps.repository.transaction(async (repository) => {
      const current = await repository.getForUpdate(id);
      if (current === null) throw notFound(`no FAQ ${id}`);
      if (version !== null && version !== current.version) throw new FaqVersionConflict(current.version);
      const base = fieldsOf(current);
      const { fields, problems } = applyFaqInput(base, input, this.deps.checks);
      if (problems.length > 0) refuse(problems);
      const changed = changedFaqFields(base, fields);
      if (changed.length === 0) return { faq: current, changed };
      await this.checkReferences(repository, fields, base);
      await repository.update(
        current,
        fields,
        changed,
        faqContentHash(fields),
        actor.name,
        origin,
        this.now(),
      );
      return { faq: (await repository.get(id))!, changed };
    });
  }

  /** "Gecontroleerd": the FAQ was read against its measures; sets last_checked_at and clears the stale flag. */
  async check(actor: FaqActor, id: string): Promise<FaqRecord> {
    this.mustEdit(actor);
    return this.deps.repository.transaction(async (repository) => {
      const current = await repository.getForUpdate(id);
      if (current === null) throw notFound(`no FAQ ${id}`);
      await repository.markChecked(current, fieldsOf(current), actor.name, this.now());
      return (await repository.get(id))!;
    });
  }

  /**
   * Imports the entries of an FAQ file in one transaction: a new id is a new FAQ (with `status`), a changed row the
   * next version of its FAQ (the file's fields only: question, answer, url, topics, audience), an equal row nothing.
   * A topic the taxonomy does not know refuses the whole file, naming its row.
   */
  async importEntries(
    actor: FaqActor,
    fileName: string,
    entries: readonly FaqFileEntry[],
    status: FaqStatus = 'concept',
  ): Promise<FaqImportResult> {
    this.mustEdit(actor);
    const problems: FaqFileProblem[] = [];
    const inputs = entries.map((entry) => {
      const input: FaqInput = {
        question: entry.question,
        answer: entry.answer,
        url: entry.url,
        topics: entry.topics,
        audience: entry.audience,
      };
      const checked = applyFaqInput(EMPTY_FAQ, input, this.deps.checks);
      for (const problem of checked.problems)
        problems.push({
          row: entry.row,
          column: FILE_COLUMN[problem.field] ?? problem.field,
          message: problem.message,
        });
      return { entry, input };
    });
    if (problems.length > 0) throw new FaqFileError(fileName, problems);
    const result: FaqImportResult = {
      file: fileName,
      rows: entries.length,
      new: 0,
      changed: 0,
      unchanged: 0,
    };
    const at = this.now();
    await this.deps.repository.transaction(async (repository) => {
      await repository.lockImports();
      const existing = await repository.byExternalIds(entries.map((entry) => entry.id));
      for (const { entry, input } of inputs) {
        const current = existing.get(entry.id);
        if (current === undefined) {
          const { fields } = applyFaqInput({ ...EMPTY_FAQ, status }, input, this.deps.checks);
          await repository.insert(fields, entry.id, faqContentHash(fields), actor.name, 'import', at);
          result.new++;
          continue;
        }
        const base = fieldsOf(current);
        const { fields } = applyFaqInput(base, input, this.deps.checks);
        const changed = changedFaqFields(base, fields);
        if (changed.length === 0) {
          result.unchanged++;
          continue;
        }
        await repository.update(current, fields, changed, faqContentHash(fields), actor.name, 'import', at);
        result.changed++;
      }
    });
    return result;
  }
}

const FILE_COLUMN: Record<string, string> = {
  question: 'vraag',
  answer: 'antwoord',
  topics: 'onderwerp',
  audience: 'doelgroep',
  url: 'url',
};
