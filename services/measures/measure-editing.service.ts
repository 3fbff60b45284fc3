// The timeline by hand: list and read measures, add one or edit it (admin), each edit its next version, with a
// measure_change alert when asked.
import type { MeasuresRepository } from '../repositories/measures.repository.js';
import type { Transactor } from '../repositories/unit-of-work.js';
import { badRequest, notFound, RequestError } from '../request-error.js';
import { isCalendarDate } from '../time/calendar-date.js';
import {
  contentHash,
  isMeasureId,
  normaliseTopics,
  pickFields,
  slugId,
  type Measure,
  type MeasureFields,
  type MeasureVersion,
} from './measure.js';
import { raiseMeasureChange, type MeasureAlertDeps } from './measure-alert.js';
import type { MeasureEffectsService } from './measure-effects.service.js';
import type { ListFilter, MeasureLister, ResolveTopic } from './measure-list.js';
import { freeMeasureId, upsertMeasure } from './measure-store.js';

/** A hand-made measure: the fields, with an id when the caller picks one. */
export interface ManualMeasure extends MeasureFields {
  id?: string;
}

export interface MeasureEditingDeps {
  repository: Pick<MeasuresRepository, 'get' | 'versions'>;
  unitOfWork: Transactor;
  measures: MeasureLister;
  resolveTopic: ResolveTopic;
  effects: Pick<MeasureEffectsService, 'expectation'>;
  alert: MeasureAlertDeps;
}

export class MeasureEditingService {
  constructor(private readonly deps: MeasureEditingDeps) {}

  list(filter: ListFilter): Promise<Measure[]> {
    return this.deps.measures.list(filter);
  }

  async get(id: string): Promise<{ measure: Measure; versions: MeasureVersion[] }> {
    const measure = await this.deps.repository.get(id);
    if (measure === null) throw notFound(`no measure with id "${id}"`);
    return { measure, versions: await this.deps.repository.versions(id) };
  }

  /** Checks hand-entered fields as strictly as a timeline file, and normalises topics to taxonomy ids. */
  private checkFields(fields: MeasureFields): MeasureFields {
    const problems: string[] = [];
    for (const key of ['announcedOn', 'effectiveFrom', 'effectiveUntil'] as const) {
      const value = fields[key];
      if (value !== null && !isCalendarDate(value))
        problems.push(`${key}: "${value}" is not a date (YYYY-MM-DD)`);
    }
    if (fields.effectiveUntil !== null && fields.effectiveUntil < fields.effectiveFrom) {
      problems.push(
        `effective_until (${fields.effectiveUntil}) is before effective_from (${fields.effectiveFrom})`,
      );
    }
    if (fields.title.trim() === '') problems.push('title must not be empty');
    const topics = fields.topics.map((topic) => {
      const resolved = this.deps.resolveTopic(topic);
      if (resolved === null) problems.push(`topics: unknown topic "${topic}"`);
      return resolved ?? topic;
    });
    if (problems.length > 0) throw badRequest(problems.join('; '));
    return { ...fields, title: fields.title.trim(), topics: normaliseTopics(topics) };
  }

  /** Adds a measure by hand (admin). With `notify`, it is also a measure_change alert. */
  async create(input: ManualMeasure, options: { notify: boolean }): Promise<Measure> {
    const { id: requested, ...raw } = input;
    const fields = this.checkFields(pickFields(raw));
    if (requested !== undefined && !isMeasureId(requested)) {
      throw badRequest(`id "${requested}" may hold lowercase letters, digits and . _ : - (at most 128)`);
    }
    return this.deps.unitOfWork.transaction(async (tx) => {
      const id =
        requested ?? (await freeMeasureId(tx.measures, slugId('', fields.effectiveFrom, fields.title)));
      const inserted = await tx.measures.insert({
        id,
        fields,
        origin: 'manual',
        sourceId: null,
        externalId: null,
        publicationHash: null,
        contentHash: contentHash(fields),
      });
      if (!inserted)
        throw new RequestError(409, `a measure with id "${id}" exists already; edit it with PATCH`);
      const measure = (await tx.measures.get(id))!;
      if (options.notify) {
        const expectation = await this.deps.effects.expectation(measure);
        await raiseMeasureChange(this.deps.alert, tx, measure, true, [], expectation);
      }
      return measure;
    });
  }

  /** Edits a measure by hand (admin): the result is its next version; unchanged fields make no version. */
  async update(
    id: string,
    patch: Partial<MeasureFields>,
    options: { notify: boolean },
  ): Promise<{ measure: Measure; changed: string[] }> {
    const current = await this.deps.repository.get(id);
    if (current === null) throw notFound(`no measure with id "${id}"`);
    const fields = this.checkFields({ ...pickFields(current), ...definedOnly(patch) });
    const expectation = options.notify
      ? await this.deps.effects.expectation({ ...current, ...fields })
      : null;
    return this.deps.unitOfWork.transaction(async (tx) => {
      const outcome = await upsertMeasure(tx.measures, id, fields, 'manual');
      if (outcome.status === 'updated' && options.notify) {
        await raiseMeasureChange(this.deps.alert, tx, outcome.measure, false, outcome.changed, expectation);
      }
      return { measure: outcome.measure, changed: outcome.changed };
    });
  }
}

function definedOnly<T extends object>(patch: Partial<T>): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as Partial<T>;
}
