// Before/after figures of one measure, and the pattern over many, as plain functions of summed rollup counts.
//
// Each window (the hours before and the hours after the moment a measure took effect) is compared with the same
// hours of the K weeks before, so a weekend or an evening does not look like an effect:
// - volume ratio = (after / mean of after's earlier weeks) / (before / mean of before's earlier weeks), with a 95%
//   interval from the delta method on the log ratio of Poisson counts (var = 1/A + 1/ΣA_k + 1/B + 1/ΣB_k);
// - sentiment shift = change in the negative share: (after - its earlier weeks) - (before - its earlier weeks), a
//   difference in differences of four independent proportions with a 95% Wald (normal approximation) interval,
//   var = Σ p(1-p)/n. Without earlier weeks both fall back to the plain after/before comparison and say so.
// KCC question volume around a measure is a ratio by the same method as mention volume, on question counts.
import { metricValue } from '../series/metric-definitions.js';
import { addSums, EMPTY_SUMS, type Sums } from '../series/series.js';

export const Z_95 = 1.959964;

export interface WindowCounts {
  /** The window itself. */
  observed: Sums;
  /** The same hours 1..K weeks earlier, nearest first. */
  earlierWeeks: Sums[];
}

export interface EffectInput {
  before: WindowCounts;
  after: WindowCounts;
  /** Mentions per topic in each window (the `all` series is the denominator of shares). */
  topicsBefore: ReadonlyMap<string, number>;
  topicsAfter: ReadonlyMap<string, number>;
  /** KCC questions in the same windows and earlier weeks (only `n` is read); absent when not counted. */
  questions?: { before: WindowCounts; after: WindowCounts };
}

export type Basis = 'earlier_weeks' | 'unadjusted' | 'none';

export interface VolumeEffect {
  /** Earlier weeks that held mentions and were used as the expectation. */
  weeks: number;
  before: number;
  after: number;
  /** Mean of the same hours in the earlier weeks; null without earlier weeks. */
  expectedBefore: number | null;
  expectedAfter: number | null;
  /** after / before, as counted. */
  rawRatio: number | null;
  /** The ratio on `basis`: adjusted by earlier weeks when they hold mentions. */
  ratio: number | null;
  low: number | null;
  high: number | null;
  basis: Basis;
}

export interface SentimentEffect {
  negativeShareBefore: number | null;
  negativeShareAfter: number | null;
  expectedBefore: number | null;
  expectedAfter: number | null;
  meanScoreBefore: number | null;
  meanScoreAfter: number | null;
  /** Change in negative share (fraction, -1..1) on `basis`. */
  shift: number | null;
  low: number | null;
  high: number | null;
  basis: Basis;
}

export interface TopicGrowth {
  topic: string;
  shareBefore: number;
  shareAfter: number;
  /** shareAfter - shareBefore, in fractions. */
  growth: number;
  before: number;
  after: number;
}

export interface Effect {
  volume: VolumeEffect;
  sentiment: SentimentEffect;
  topics: TopicGrowth[];
  /** Question volume, by the same method as mention volume; null when questions were not counted. */
  questions: VolumeEffect | null;
}

function total(list: readonly Sums[], pick: (sums: Sums) => number): number {
  return list.reduce((sum, sums) => sum + pick(sums), 0);
}

/**
 * The earlier weeks that count: those with mentions in either window. A week before the service collected
 * anything holds nothing in both, and averaging it in would make every later window look like a rise.
 */
export function usableWeeks(before: WindowCounts, after: WindowCounts): { before: Sums[]; after: Sums[] } {
  const weeks = Math.min(before.earlierWeeks.length, after.earlierWeeks.length);
  const kept = { before: [] as Sums[], after: [] as Sums[] };
  for (let k = 0; k < weeks; k++) {
    const b = before.earlierWeeks[k]!;
    const a = after.earlierWeeks[k]!;
    if (a.n + b.n === 0) continue;
    kept.before.push(b);
    kept.after.push(a);
  }
  return kept;
}

export function volumeEffect(before: WindowCounts, after: WindowCounts): VolumeEffect {
  const a = after.observed.n;
  const b = before.observed.n;
  const usable = usableWeeks(before, after);
  const weeks = usable.after.length;
  const sumA = total(usable.after, (s) => s.n);
  const sumB = total(usable.before, (s) => s.n);
  const expectedAfter = weeks > 0 ? sumA / weeks : null;
  const expectedBefore = weeks > 0 ? sumB / weeks : null;
  const rawRatio = b > 0 ? a / b : null;
  const interval = (ratio: number, variance: number) =>
    a > 0
      ? {
          low: Math.exp(Math.log(ratio) - Z_95 * Math.sqrt(variance)),
          high: Math.exp(Math.log(ratio) + Z_95 * Math.sqrt(variance)),
        }
      : { low: null, high: null };
  if (b > 0 && sumA > 0 && sumB > 0) {
    const ratio = a / (sumA / weeks) / (b / (sumB / weeks));
    const variance = (a > 0 ? 1 / a : 0) + 1 / sumA + 1 / b + 1 / sumB;
    return {
      weeks,
      before: b,
      after: a,
      expectedBefore,
      expectedAfter,
      rawRatio,
      ratio,
      ...interval(ratio, variance),
      basis: 'earlier_weeks',
    };
  }
  if (b > 0) {
    const variance = (a > 0 ? 1 / a : 0) + 1 / b;
    return {
      weeks,
      before: b,
      after: a,
      expectedBefore,
      expectedAfter,
      rawRatio,
      ratio: rawRatio,
      ...interval(rawRatio!, variance),
      basis: 'unadjusted',
    };
  }
  return {
    weeks,
    before: b,
    after: a,
    expectedBefore,
    expectedAfter,
    rawRatio,
    ratio: null,
    low: null,
    high: null,
    basis: 'none',
  };
}

const share = (sums: Sums): number | null => metricValue('negative_share', sums);
const pooled = (list: readonly Sums[]): Sums => list.reduce(addSums, EMPTY_SUMS);
const binomialVariance = (p: number, n: number) => (p * (1 - p)) / n;

export function sentimentEffect(before: WindowCounts, after: WindowCounts): SentimentEffect {
  const usable = usableWeeks(before, after);
  const baseBefore = pooled(usable.before);
  const baseAfter = pooled(usable.after);
  const pB = share(before.observed);
  const pA = share(after.observed);
  const eB = share(baseBefore);
  const eA = share(baseAfter);
  const meanScore = (sums: Sums) => metricValue('mean_score', sums);
  const common = {
    negativeShareBefore: pB,
    negativeShareAfter: pA,
    expectedBefore: eB,
    expectedAfter: eA,
    meanScoreBefore: meanScore(before.observed),
    meanScoreAfter: meanScore(after.observed),
  };
  if (pA === null || pB === null) return { ...common, shift: null, low: null, high: null, basis: 'none' };
  const nA = after.observed.n;
  const nB = before.observed.n;
  if (eA !== null && eB !== null) {
    const shift = pA - eA - (pB - eB);
    const se = Math.sqrt(
      binomialVariance(pA, nA) +
        binomialVariance(eA, baseAfter.n) +
        binomialVariance(pB, nB) +
        binomialVariance(eB, baseBefore.n),
    );
    return { ...common, shift, low: shift - Z_95 * se, high: shift + Z_95 * se, basis: 'earlier_weeks' };
  }
  const shift = pA - pB;
  const se = Math.sqrt(binomialVariance(pA, nA) + binomialVariance(pB, nB));
  return { ...common, shift, low: shift - Z_95 * se, high: shift + Z_95 * se, basis: 'unadjusted' };
}

/** Topics whose share of all mentions grew most from the before to the after window (growing ones only). */
export function topicGrowth(
  before: Sums,
  after: Sums,
  topicsBefore: ReadonlyMap<string, number>,
  topicsAfter: ReadonlyMap<string, number>,
  limit = 5,
): TopicGrowth[] {
  if (before.n === 0 || after.n === 0) return [];
  const topics = new Set([...topicsBefore.keys(), ...topicsAfter.keys()]);
  const rows: TopicGrowth[] = [];
  for (const topic of topics) {
    const nBefore = topicsBefore.get(topic) ?? 0;
    const nAfter = topicsAfter.get(topic) ?? 0;
    const shareBefore = nBefore / before.n;
    const shareAfter = nAfter / after.n;
    rows.push({
      topic,
      shareBefore,
      shareAfter,
      growth: shareAfter - shareBefore,
      before: nBefore,
      after: nAfter,
    });
  }
  return rows
    .filter((row) => row.growth > 0)
    .sort((x, y) => y.growth - x.growth || x.topic.localeCompare(y.topic))
    .slice(0, limit);
}

export function measureEffect(input: EffectInput): Effect {
  return {
    volume: volumeEffect(input.before, input.after),
    sentiment: sentimentEffect(input.before, input.after),
    topics: topicGrowth(input.before.observed, input.after.observed, input.topicsBefore, input.topicsAfter),
    questions: input.questions ? volumeEffect(input.questions.before, input.questions.after) : null,
  };
}

/** Quantile with linear interpolation between order statistics (R's type 7); null for an empty list. */
export function quantile(values: readonly number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((x, y) => x - y);
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.ceil(position);
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (position - below);
}

export interface EffectPattern {
  /** Measures in the selection. */
  measures: number;
  /** Of those, how many had a volume ratio (mentions in the before window). */
  withVolume: number;
  withSentiment: number;
  volumeRatio: { median: number | null; p25: number | null; p75: number | null };
  /** Of the measures, how many had a question ratio (KCC questions in the before window). */
  withQuestions: number;
  questionRatio: { median: number | null; p25: number | null; p75: number | null };
  sentimentShift: { median: number | null; p25: number | null; p75: number | null };
  /** Measures whose volume interval lies wholly above 1 (below 1). */
  volumeUp: number;
  volumeDown: number;
  /** Measures whose sentiment interval lies wholly above 0: more negative (below 0: less negative). */
  moreNegative: number;
  lessNegative: number;
}

export function effectPattern(effects: readonly Effect[]): EffectPattern {
  const ratios = effects.map((e) => e.volume.ratio).filter((x): x is number => x !== null);
  const shifts = effects.map((e) => e.sentiment.shift).filter((x): x is number => x !== null);
  const questionRatios = effects
    .map((e) => e.questions?.ratio ?? null)
    .filter((x): x is number => x !== null);
  return {
    measures: effects.length,
    withVolume: ratios.length,
    withSentiment: shifts.length,
    volumeRatio: { median: quantile(ratios, 0.5), p25: quantile(ratios, 0.25), p75: quantile(ratios, 0.75) },
    withQuestions: questionRatios.length,
    questionRatio: {
      median: quantile(questionRatios, 0.5),
      p25: quantile(questionRatios, 0.25),
      p75: quantile(questionRatios, 0.75),
    },
    sentimentShift: {
      median: quantile(shifts, 0.5),
      p25: quantile(shifts, 0.25),
      p75: quantile(shifts, 0.75),
    },
    volumeUp: effects.filter((e) => e.volume.low !== null && e.volume.low > 1).length,
    volumeDown: effects.filter((e) => e.volume.high !== null && e.volume.high < 1).length,
    moreNegative: effects.filter((e) => e.sentiment.low !== null && e.sentiment.low > 0).length,
    lessNegative: effects.filter((e) => e.sentiment.high !== null && e.sentiment.high < 0).length,
  };
}
