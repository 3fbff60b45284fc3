// The measures module: the timeline (load a file, add and edit by hand, list), before/after effects and their
// pattern, the measure nearest an alert, annotations, and the sink the watchers' polls store publications through:
// one transaction stores the measure version, raises its measure_change alert and advances the source's cursor.
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely, Transaction } from 'kysely';
import type { MeasureChange, MessageMeasure } from '../alerts/alert-message.js';
import type { Database } from '../db/database.js';
import { bindRepositories, type TxRepositories } from '../repositories/unit-of-work.js';
import type { MeasuresRepository, WindowSums } from '../repositories/measures.repository.js';
import { badRequest, notFound, RequestError } from '../request-error.js';
import { EMPTY_SUMS, type Sums } from '../series/series.js';
import { isCalendarDate } from '../time/calendar-date.js';
import { endOfLocalDay, localDate, startOfLocalDay } from '../time/zoned-time.js';
import {
  effectPattern,
  measureEffect,
  topicGrowth,
  type Effect,
  type EffectPattern,
} from './effect.analysis.js';
import type { MeasureClassifier } from './measure.classifier.js';
import {
  changedFields,
  contentHash,
  isMeasureId,
  normaliseTopics,
  pickFields,
  slugId,
  type Measure,
  type MeasureDirection,
  type MeasureFields,
  type MeasureLevel,
  type MeasureOrigin,
  type MeasureVersion,
} from './measure.js';
import {
  annotationTags,
  annotationText,
  expectationText,
  measureAlertHeadline,
  measureAlertTitle,
  measureFacts,
  messageMeasure,
  type Expectation,
} from './measure-text.js';
import {
  decidePublication,
  hashRevision,
  todayIn,
  type Publication,
  type WatcherSource,
} from './publication.js';
import { parseTimeline } from './timeline.file.js';

const HOUR = 3_600_000;

/** Where measure changes become alerts; AlertsService.measureChanged fits it. */
export interface MeasureAlerts {
  measureChanged(input: MeasureChange, tx?: TxRepositories): Promise<unknown>;
}

export interface MeasuresServiceDeps {
  db: Kysely<Database>;
  repository: MeasuresRepository;
  classifier: MeasureClassifier;
  /** Maps a topic id or alias (ouderenzorg) to the taxonomy's id; null when unknown. */
  resolveTopic: (id: string) => string | null;
  topicLabel: (id: string) => string;
  /** The taxonomy's topic ids: the topics whose share of mentions an effect reports. */
  topicIds: readonly string[];
  timezone: string;
  alerts: MeasureAlerts;
  /** A dashboard link for the alert; null when no public URL is configured. */
  link: (fromMs: number, toMs: number) => string | null;
  now?: () => Date;
}

export class TimelineFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: ${problems.length} problem(s), nothing was loaded:\n  ${problems.join('\n  ')}`);
    this.name = 'TimelineFileError';
  }
}

export interface LoadSummary {
  file: string;
  measures: number;
  inserted: number;
  updated: number;
  unchanged: number;
}

export interface EffectOptions {
  beforeMs: number;
  afterMs: number;
  /** Earlier weeks to compare with. */
  weeks: number;
  source: string;
  /** The series the effect is measured on: a topic id or all. */
  topic: string;
  anchor: 'effective_from' | 'announced_on';
}

export const DEFAULT_EFFECT: EffectOptions = {
  beforeMs: 48 * HOUR,
  afterMs: 48 * HOUR,
  weeks: 4,
  source: 'all',
  topic: 'all',
  anchor: 'effective_from',
};

export interface EffectReport {
  measure: Measure;
  /** The moment compared around (epoch ms): local midnight of the anchor date. */
  at: number;
  options: EffectOptions;
  windows: { before: { fromMs: number; toMs: number }; after: { fromMs: number; toMs: number } };
  /** False while the after window has not ended yet. */
  complete: boolean;
  effect: Effect;
}

export interface ListFilter {
  fromMs: number | null;
  toMs: number | null;
  level: MeasureLevel | null;
  direction: MeasureDirection | null;
  topic: string | null;
  limit: number;
}

export interface PublicationsResult {
  stored: number;
  unchanged: number;
  ignored: number;
  alerts: number;
}

/** A hand-made measure: the fields, with an id when the caller picks one. */
export interface ManualMeasure extends MeasureFields {
  id?: string;
}

export class MeasuresService {
  private readonly now: () => Date;

  constructor(private readonly deps: MeasuresServiceDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  // ---- timeline ----

  async loadFile(file: string): Promise<LoadSummary> {
    const text = fs.readFileSync(file, 'utf8');
    const name = path.basename(file);
    const parsed = parseTimeline(text, name, this.deps.resolveTopic);
    if (parsed.problems.length > 0) throw new TimelineFileError(file, parsed.problems);
    const summary: LoadSummary = {
      file,
      measures: parsed.entries.length,
      inserted: 0,
      updated: 0,
      unchanged: 0,
    };
    await this.deps.db.transaction().execute(async (trx) => {
      for (const entry of parsed.entries) {
        const outcome = await this.upsert(trx, entry.id, entry.fields, 'file');
        summary[outcome.status] += 1;
      }
    });
    return summary;
  }

  /** Stores the fields as the measure's next version unless they equal the current one. */
  private async upsert(
    trx: Kysely<Database>,
    id: string,
    fields: MeasureFields,
    origin: MeasureOrigin,
  ): Promise<{ status: 'inserted' | 'updated' | 'unchanged'; measure: Measure; changed: string[] }> {
    const hash = contentHash(fields);
    const current = await this.deps.repository.getForUpdate(trx, id);
    if (current === null) {
      await this.deps.repository.insert(trx, {
        id,
        fields,
        origin,
        sourceId: null,
        externalId: null,
        publicationHash: null,
        contentHash: hash,
      });
      return { status: 'inserted', measure: (await this.deps.repository.get(trx, id))!, changed: [] };
    }
    if (current.contentHash === hash) return { status: 'unchanged', measure: current, changed: [] };
    const changed = changedFields(current, fields);
    await this.deps.repository.update(trx, id, current.version, fields, changed, origin, hash);
    return { status: 'updated', measure: (await this.deps.repository.get(trx, id))!, changed };
  }

  async list(filter: ListFilter): Promise<Measure[]> {
    const topic = filter.topic === null ? null : this.checkTopic(filter.topic);
    return this.deps.repository.list(this.deps.db, {
      fromMs: filter.fromMs,
      toMs: filter.toMs,
      timezone: this.deps.timezone,
      level: filter.level,
      direction: filter.direction,
      topics: topic === null ? null : [topic],
      limit: filter.limit,
    });
  }

  async get(id: string): Promise<{ measure: Measure; versions: MeasureVersion[] }> {
    const measure = await this.deps.repository.get(this.deps.db, id);
    if (measure === null) throw notFound(`no measure with id "${id}"`);
    return { measure, versions: await this.deps.repository.versions(this.deps.db, id) };
  }

  private checkTopic(topic: string): string {
    const resolved = this.deps.resolveTopic(topic);
    if (resolved === null) throw badRequest(`topic: unknown topic "${topic}" (not in the topic taxonomy)`);
    return resolved;
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
    return this.deps.db.transaction().execute(async (trx) => {
      const id = requested ?? (await this.freeId(trx, slugId('', fields.effectiveFrom, fields.title)));
      const inserted = await this.deps.repository.insert(trx, {
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
      const measure = (await this.deps.repository.get(trx, id))!;
      if (options.notify) await this.raise(trx, measure, true, [], await this.expectation(measure));
      return measure;
    });
  }

  /** Edits a measure by hand (admin): the result is its next version; unchanged fields make no version. */
  async update(
    id: string,
    patch: Partial<MeasureFields>,
    options: { notify: boolean },
  ): Promise<{ measure: Measure; changed: string[] }> {
    const current = await this.deps.repository.get(this.deps.db, id);
    if (current === null) throw notFound(`no measure with id "${id}"`);
    const fields = this.checkFields({ ...pickFields(current), ...definedOnly(patch) });
    const expectation = options.notify ? await this.expectation({ ...current, ...fields }) : null;
    return this.deps.db.transaction().execute(async (trx) => {
      const outcome = await this.upsert(trx, id, fields, 'manual');
      if (outcome.status === 'updated' && options.notify) {
        await this.raise(trx, outcome.measure, false, outcome.changed, expectation);
      }
      return { measure: outcome.measure, changed: outcome.changed };
    });
  }

  private async freeId(trx: Kysely<Database>, base: string): Promise<string> {
    const taken = await this.deps.repository.idsStartingWith(trx, base);
    if (!taken.has(base)) return base;
    for (let k = 2; ; k++) if (!taken.has(`${base}-${k}`)) return `${base}-${k}`;
  }

  // ---- moments, annotations and the nearest measure ----

  anchorMs(measure: Measure, anchor: EffectOptions['anchor'] = 'effective_from'): number {
    const date =
      anchor === 'announced_on' ? (measure.announcedOn ?? measure.effectiveFrom) : measure.effectiveFrom;
    return startOfLocalDay(date, this.deps.timezone);
  }

  untilMs(measure: Measure): number | null {
    return measure.effectiveUntil === null ? null : endOfLocalDay(measure.effectiveUntil, this.deps.timezone);
  }

  async annotations(
    range: { fromMs: number; toMs: number },
    topic: string,
  ): Promise<{ time: number; timeEnd: number | null; title: string; text: string; tags: string }[]> {
    const measures = await this.list({
      ...range,
      level: null,
      direction: null,
      topic: topic === 'all' ? null : topic,
      limit: 5_000,
    });
    return measures.map((measure) => ({
      time: this.anchorMs(measure),
      timeEnd: this.untilMs(measure),
      title: measure.title,
      text: annotationText(measure, this.deps.topicLabel),
      tags: annotationTags(measure),
    }));
  }

  /**
   * The measure an alert at `at` should mention: the nearest that took effect in the two weeks before (or the day
   * after), sharing a topic when topics are given.
   */
  async nearest(at: Date, topics: readonly string[]): Promise<MessageMeasure | null> {
    const ms = at.getTime();
    const candidates = await this.list({
      fromMs: ms - 14 * 24 * HOUR,
      toMs: ms + 24 * HOUR,
      level: null,
      direction: null,
      topic: null,
      limit: 500,
    });
    const wanted = new Set(topics);
    const relevant =
      wanted.size === 0 ? candidates : candidates.filter((m) => m.topics.some((t) => wanted.has(t)));
    const pool = relevant.length > 0 ? relevant : candidates;
    let best: Measure | null = null;
    let bestDistance = Infinity;
    for (const measure of pool) {
      const start = this.anchorMs(measure);
      // A measure that already took effect explains more than one about to; a future one counts double the distance.
      const distance = start <= ms ? ms - start : 2 * (start - ms);
      if (distance < bestDistance) {
        best = measure;
        bestDistance = distance;
      }
    }
    return best === null ? null : messageMeasure(best);
  }

  // ---- effects ----

  /**
   * The before and after windows around local midnight of the anchor date, then the same windows around local
   * midnight of the same weekday 1..K weeks earlier: the same local hours, also across a clock change.
   */
  private windows(date: string, options: EffectOptions) {
    const around = (day: string) => {
      const at = startOfLocalDay(day, this.deps.timezone);
      return [
        { fromMs: at - options.beforeMs, toMs: at },
        { fromMs: at, toMs: at + options.afterMs },
      ] as const;
    };
    const [before, after] = around(date);
    const list = [before, after];
    for (let k = 1; k <= options.weeks; k++) list.push(...around(shiftDays(date, -7 * k)));
    return { before, after, list };
  }

  private anchorDate(measure: Measure, anchor: EffectOptions['anchor']): string {
    return anchor === 'announced_on' ? (measure.announcedOn ?? measure.effectiveFrom) : measure.effectiveFrom;
  }

  async effectOf(measure: Measure, options: EffectOptions): Promise<EffectReport> {
    const at = this.anchorMs(measure, options.anchor);
    const { before, after, list } = this.windows(this.anchorDate(measure, options.anchor), options);
    const topics = [...new Set(['all', options.topic, ...this.deps.topicIds])];
    const [sums, questionCounts] = await Promise.all([
      this.deps.repository.windowSums(this.deps.db, options.source, topics, list),
      this.deps.repository.questionWindowCounts(this.deps.db, options.topic, list),
    ]);
    // Questions are counted per channel, not per source: their volume is all channels of the effect's topic.
    const counted = (i: number): Sums => ({ ...EMPTY_SUMS, n: questionCounts[i] ?? 0 });
    const earlierQuestions = (offset: number) =>
      Array.from({ length: options.weeks }, (_, k) => counted(2 + 2 * k + offset));
    const series = (window: WindowSums | undefined, topic: string): Sums =>
      window?.byTopic.get(topic) ?? EMPTY_SUMS;
    const earlier = (offset: number) =>
      Array.from({ length: options.weeks }, (_, k) => series(sums[2 + 2 * k + offset], options.topic));
    const topicCounts = (window: WindowSums | undefined) =>
      new Map(
        [...(window?.byTopic.entries() ?? [])]
          .filter(([topic]) => topic !== 'all')
          .map(([topic, s]) => [topic, s.n]),
      );
    const effect = measureEffect({
      before: { observed: series(sums[0], options.topic), earlierWeeks: earlier(0) },
      after: { observed: series(sums[1], options.topic), earlierWeeks: earlier(1) },
      topicsBefore: topicCounts(sums[0]),
      topicsAfter: topicCounts(sums[1]),
      questions: {
        before: { observed: counted(0), earlierWeeks: earlierQuestions(0) },
        after: { observed: counted(1), earlierWeeks: earlierQuestions(1) },
      },
    });
    // Topic shares are shares of all mentions, whatever series the volume was measured on.
    if (options.topic !== 'all') {
      effect.topics = topicGrowth(
        series(sums[0], 'all'),
        series(sums[1], 'all'),
        topicCounts(sums[0]),
        topicCounts(sums[1]),
      );
    }
    return {
      measure,
      at,
      options,
      windows: { before, after },
      complete: after.toMs <= this.now().getTime(),
      effect,
    };
  }

  async effect(id: string, options: EffectOptions): Promise<EffectReport> {
    const measure = await this.deps.repository.get(this.deps.db, id);
    if (measure === null) throw notFound(`no measure with id "${id}"`);
    this.checkEffectOptions(options);
    return this.effectOf(measure, options);
  }

  private checkEffectOptions(options: EffectOptions): void {
    if (options.topic !== 'all') options.topic = this.checkTopic(options.topic);
    for (const [name, ms] of [
      ['before', options.beforeMs],
      ['after', options.afterMs],
    ] as const) {
      if (ms < HOUR || ms > 14 * 24 * HOUR)
        throw badRequest(`${name}: between 1h and 14d, got ${ms / HOUR}h`);
    }
  }

  /** Each selected measure's effect, and the pattern over them; with a topic, measured on that topic's series. */
  async effects(
    filter: Omit<ListFilter, 'limit'>,
    options: EffectOptions,
  ): Promise<{ reports: EffectReport[]; pattern: EffectPattern }> {
    const topic = filter.topic === null ? null : this.checkTopic(filter.topic);
    const measures = await this.list({ ...filter, topic, limit: 1_000 });
    const effectOptions = { ...options, topic: topic ?? options.topic };
    this.checkEffectOptions(effectOptions);
    const reports: EffectReport[] = [];
    for (const measure of measures) reports.push(await this.effectOf(measure, effectOptions));
    return { reports, pattern: effectPattern(reports.filter((r) => r.complete).map((r) => r.effect)) };
  }

  /** How earlier measures on the same topics moved the conversation, for a new measure's alert. */
  async expectation(measure: Measure | (MeasureFields & { id: string })): Promise<Expectation | null> {
    if (measure.topics.length === 0) return null;
    const at = startOfLocalDay(measure.effectiveFrom, this.deps.timezone);
    const earlier = (
      await this.list({ fromMs: null, toMs: at, level: null, direction: null, topic: null, limit: 5_000 })
    ).filter((m) => m.id !== measure.id && m.topics.some((t) => measure.topics.includes(t)));
    const pick = async (list: Measure[]) => {
      const recent = list.slice(-30);
      const effects: Effect[] = [];
      for (const m of recent) {
        const report = await this.effectOf(m, DEFAULT_EFFECT);
        if (report.complete) effects.push(report.effect);
      }
      return effectPattern(effects);
    };
    const sameDirection = await pick(earlier.filter((m) => m.direction === measure.direction));
    const hours = DEFAULT_EFFECT.afterMs / HOUR;
    if (sameDirection.withVolume >= 2) {
      return {
        pattern: sameDirection,
        basis: 'same_direction',
        direction: measure.direction,
        topics: measure.topics,
        hours,
      };
    }
    const any = await pick(earlier);
    if (any.withVolume === 0) return null;
    return {
      pattern: any,
      basis: 'any_direction',
      direction: measure.direction,
      topics: measure.topics,
      hours,
    };
  }

  private async raise(
    trx: Kysely<Database>,
    measure: Measure,
    isNew: boolean,
    changed: readonly string[],
    expectation: Expectation | null,
  ): Promise<void> {
    const at = this.anchorMs(measure);
    await this.deps.alerts.measureChanged(
      {
        measureId: measure.id,
        version: measure.version,
        title: measureAlertTitle(measure, isNew),
        headline: measureAlertHeadline(measure, isNew, changed),
        facts: measureFacts(
          measure,
          this.deps.topicLabel,
          expectationText(expectation, this.deps.topicLabel),
        ),
        measure: messageMeasure(measure),
        link: this.deps.link(at - 3 * 24 * HOUR, at + 4 * 24 * HOUR),
        at: this.now(),
      },
      bindRepositories(trx),
    );
  }

  // ---- the watchers' sink ----

  /**
   * Stores a page of publications from a watcher: each that is a measure becomes one, or the next version of the
   * one it was before, with its measure_change alert (none in the first pass over a source); `afterStore` runs in
   * the same transaction (the poll service advances the source's cursor there).
   */
  async storePublications(
    source: WatcherSource,
    publications: readonly Publication[],
    afterStore: (trx: Transaction<Database>) => Promise<void>,
  ): Promise<PublicationsResult> {
    const result: PublicationsResult = { stored: 0, unchanged: 0, ignored: 0, alerts: 0 };
    const today = todayIn(this.deps.timezone, this.now);
    const planned: {
      publication: Publication;
      fields: MeasureFields;
      hash: string;
      current: Measure | null;
      expectation: Expectation | null;
    }[] = [];
    for (const publication of latestRevisions(publications)) {
      const decision = decidePublication(
        publication,
        source,
        this.deps.classifier,
        (ms) => localDate(ms, this.deps.timezone),
        today,
      );
      if (!decision.measure) {
        result.ignored++;
        continue;
      }
      const current = await this.deps.repository.findByPublication(
        this.deps.db,
        source.id,
        publication.externalId,
      );
      if (current !== null && this.notNewer(current.publicationHash, decision.hash)) {
        result.unchanged++;
        continue;
      }
      // Reads for the expectation happen before the transaction, which then only writes.
      const expectation = publication.backfill
        ? null
        : await this.expectation({ ...decision.fields, id: current?.id ?? '' });
      planned.push({ publication, fields: decision.fields, hash: decision.hash, current, expectation });
    }
    await this.deps.db.transaction().execute(async (trx) => {
      let newest: number | null = null;
      for (const plan of planned) {
        const stored = await this.storePublication(trx, source, plan);
        if (stored === null) {
          result.unchanged++;
          continue;
        }
        result.stored++;
        const at = publishedMs(plan.publication, this.deps.timezone);
        if (at !== null && (newest === null || at > newest)) newest = at;
        if (!plan.publication.backfill) {
          await this.raise(trx, stored.measure, stored.isNew, stored.changed, plan.expectation);
          result.alerts++;
        }
      }
      await this.deps.repository.countStored(
        trx,
        source.id,
        result.stored,
        newest === null ? null : new Date(newest),
      );
      await afterStore(trx);
    });
    return result;
  }

  private async storePublication(
    trx: Transaction<Database>,
    source: WatcherSource,
    plan: { publication: Publication; fields: MeasureFields; hash: string; current: Measure | null },
  ): Promise<{ measure: Measure; isNew: boolean; changed: string[] } | null> {
    const repository = this.deps.repository;
    const current = await repository.findByPublication(trx, source.id, plan.publication.externalId);
    if (current === null) {
      const base = slugId(source.id, plan.fields.effectiveFrom, plan.fields.title);
      for (let attempt = 0; attempt < 5; attempt++) {
        const id = await this.freeId(trx, base);
        const inserted = await repository.insert(trx, {
          id,
          fields: plan.fields,
          origin: 'watcher',
          sourceId: source.id,
          externalId: plan.publication.externalId,
          publicationHash: plan.hash,
          contentHash: contentHash(plan.fields),
        });
        if (inserted) return { measure: (await repository.get(trx, id))!, isNew: true, changed: [] };
        // The id was taken in between, or the publication stored by another writer: look again.
        if (await repository.findByPublication(trx, source.id, plan.publication.externalId)) return null;
      }
      throw new Error(`could not find a free measure id for "${base}"`);
    }
    if (this.notNewer(current.publicationHash, plan.hash)) return null;
    const locked = (await repository.getForUpdate(trx, current.id))!;
    const changed = changedFields(locked, plan.fields);
    const version = await repository.update(
      trx,
      locked.id,
      locked.version,
      plan.fields,
      changed,
      'watcher',
      contentHash(plan.fields),
      plan.hash,
    );
    if (version === null) return null;
    return { measure: (await repository.get(trx, locked.id))!, isNew: false, changed };
  }

  /** The same publication, or an older revision of a work whose newer revision is stored. */
  private notNewer(stored: string | null, incoming: string): boolean {
    if (stored === incoming) return true;
    const storedRevision = hashRevision(stored);
    const incomingRevision = hashRevision(incoming);
    return storedRevision !== null && incomingRevision !== null && incomingRevision < storedRevision;
  }

  /** The calendar date of an instant in the service's time zone. */
  localDate(ms: number): string {
    return localDate(ms, this.deps.timezone);
  }
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

/** The calendar date `days` later (earlier when negative). */
function shiftDays(date: string, days: number): string {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + days);
  return next.toISOString().slice(0, 10);
}

function definedOnly<T extends object>(patch: Partial<T>): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as Partial<T>;
}
