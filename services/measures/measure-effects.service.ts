// Before/after effects of measures on the conversation and on KCC question volume, the pattern over many
// measures, and the expectation a new measure's alert quotes from earlier similar ones. The arithmetic is in
// effect.analysis.ts; this service picks the windows and reads their sums.
import type { MeasuresRepository } from '../repositories/measures.repository.js';
import { badRequest, notFound } from '../request-error.js';
import { EMPTY_SUMS, type Sums } from '../series/series.js';
import { startOfLocalDay } from '../time/zoned-time.js';
import {
  effectPattern,
  measureEffect,
  topicGrowth,
  type Effect,
  type EffectPattern,
} from './effect.analysis.js';
import type { Measure, MeasureFields, WindowSums } from './measure.js';
import { checkTopic, type ListFilter, type MeasureLister, type ResolveTopic } from './measure-list.js';
import { anchorDate, anchorMs, HOUR, shiftDays, type EffectAnchor } from './measure-moments.js';
import type { Expectation } from './measure-text.js';

export interface EffectOptions {
  beforeMs: number;
  afterMs: number;
  /** Earlier weeks to compare with. */
  weeks: number;
  source: string;
  /** The series the effect is measured on: a topic id or all. */
  topic: string;
  anchor: EffectAnchor;
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

/** What the effects read: a measure, and the sums of mentions and questions in windows. */
export type MeasureEffectsReads = Pick<MeasuresRepository, 'get' | 'windowSums' | 'questionWindowCounts'>;

export interface MeasureEffectsDeps {
  repository: MeasureEffectsReads;
  measures: MeasureLister;
  resolveTopic: ResolveTopic;
  /** The taxonomy's topic ids: the topics whose share of mentions an effect reports. */
  topicIds: readonly string[];
  timezone: string;
  now: () => Date;
}

export class MeasureEffectsService {
  constructor(private readonly deps: MeasureEffectsDeps) {}

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

  async effectOf(measure: Measure, options: EffectOptions): Promise<EffectReport> {
    const at = anchorMs(measure, this.deps.timezone, options.anchor);
    const { before, after, list } = this.windows(anchorDate(measure, options.anchor), options);
    const topics = [...new Set(['all', options.topic, ...this.deps.topicIds])];
    const [sums, questionCounts] = await Promise.all([
      this.deps.repository.windowSums(options.source, topics, list),
      this.deps.repository.questionWindowCounts(options.topic, list),
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
      complete: after.toMs <= this.deps.now().getTime(),
      effect,
    };
  }

  async effect(id: string, options: EffectOptions): Promise<EffectReport> {
    const measure = await this.deps.repository.get(id);
    if (measure === null) throw notFound(`no measure with id "${id}"`);
    this.checkEffectOptions(options);
    return this.effectOf(measure, options);
  }

  private checkEffectOptions(options: EffectOptions): void {
    if (options.topic !== 'all') options.topic = checkTopic(this.deps.resolveTopic, options.topic);
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
    const topic = filter.topic === null ? null : checkTopic(this.deps.resolveTopic, filter.topic);
    const measures = await this.deps.measures.list({ ...filter, topic, limit: 1_000 });
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
      await this.deps.measures.list({
        fromMs: null,
        toMs: at,
        level: null,
        direction: null,
        topic: null,
        limit: 5_000,
      })
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
}
