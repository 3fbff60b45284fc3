// Judges a 5-minute bucket before it closes, from the part of it seen so far: a surge that is clear within a minute
// alerts within the minute, not after the bucket closed. Pure: it reads the spike detector's state (what it expects
// of the bucket and how much buckets at this hour vary) and never changes it; the state learns from closed buckets only.
import { expectationAt, hourOfDay } from './seasonal.baseline.js';
import { SPIKE_SETTINGS, type SpikeDetectorState, type SpikeSettings } from './spike.detector.js';
import { logGamma } from '../math/log-gamma.js';

/** When an open bucket fires: an upper-tail probability this small, with at least this many posts seen. */
export const OPEN_BUCKET_RULE = { maxP: 1e-6, minCount: 10 } as const;

/** What the detector expects of one whole bucket. */
export interface BucketExpectation {
  /** Expected count of the whole bucket (never below 0). */
  expected: number;
  /** Standard deviation of a whole bucket's count around that expectation, at this hour of the day. */
  spread: number;
}

export interface OpenBucketJudgement {
  fires: boolean;
  /** P(count >= observed) under the expected count of the elapsed part. */
  p: number;
  /** Expected count of the elapsed part. */
  mean: number;
  /** Negative-binomial size r of the elapsed part, or null for Poisson (no overdispersion). */
  size: number | null;
}

/**
 * The detector's expectation of the bucket that starts at `time` (local wall-clock epoch ms, as the detector is fed),
 * from its state: the seasonal baseline's value, and the noise scale of the point window at that hour (a mean absolute
 * deviation, times 1.25 for about one standard deviation), with the detector's own floor.
 */
export function bucketExpectation(
  state: SpikeDetectorState,
  time: number,
  settings: SpikeSettings = SPIKE_SETTINGS,
): BucketExpectation {
  const at = expectationAt(state.baseline, time);
  const windows = settings.windows.length;
  const hour = hourOfDay(time);
  const seen = state.slotSeen[hour]! > 0;
  const scale = seen ? state.slotScale[hour * windows]! : state.scale[0]!;
  const floor = Math.max(settings.scaleFloor * state.baseline.spread, 0.5 * (state.resolution ?? 0));
  return { expected: Math.max(0, at.expected), spread: 1.25 * Math.max(scale, floor) };
}

// An expected count below this per bucket is taken as this: a baseline that expects nothing at night (an additive
// weekday offset can go below zero) must not make one chatty night bucket impossible.
const MIN_EXPECTED = 1;

/**
 * Judges the open bucket: `elapsed` is the share of the bucket that has passed (0..1], `count` the posts stored for
 * it so far. The count of the elapsed part is negative binomial with the bucket's mean times `elapsed` and the
 * bucket's overdispersion (the same gamma-mixed rate over the whole bucket), or Poisson when the bucket's variance
 * is no more than its mean. It fires when P(X >= count) <= 1e-6 and at least 10 posts were seen.
 */
export function judgeOpenBucket(
  expectation: BucketExpectation,
  elapsed: number,
  count: number,
  rule: { maxP: number; minCount: number } = OPEN_BUCKET_RULE,
): OpenBucketJudgement {
  if (!(elapsed > 0 && elapsed <= 1))
    throw new Error(`open bucket: elapsed share ${elapsed} is not in (0, 1]`);
  if (!Number.isInteger(count) || count < 0) throw new Error(`open bucket: count ${count} is not a count`);
  const bucketMean = Math.max(MIN_EXPECTED, expectation.expected);
  const variance = expectation.spread * expectation.spread;
  // Overdispersion of the whole bucket: variance = mean + mean^2 / r.
  const size = variance > bucketMean * 1.000001 ? (bucketMean * bucketMean) / (variance - bucketMean) : null;
  const mean = bucketMean * elapsed;
  const p = size === null ? poissonUpperTail(count, mean) : negBinomialUpperTail(count, mean, size);
  return { fires: p <= rule.maxP && count >= rule.minCount, p, mean, size };
}

/** P(X >= k) for X ~ Poisson(mean). */
export function poissonUpperTail(k: number, mean: number): number {
  if (k <= 0) return 1;
  if (mean <= 0) return 0;
  return tailSum(
    k,
    mean,
    (j) => j * Math.log(mean) - mean - logGamma(j + 1),
    (j) => mean / (j + 1),
  );
}

/** P(X >= k) for X ~ NegBin with this mean and size r (variance mean + mean^2 / r). */
export function negBinomialUpperTail(k: number, mean: number, size: number): number {
  if (k <= 0) return 1;
  if (mean <= 0) return 0;
  const q = mean / (mean + size);
  const logPmf = (j: number) =>
    logGamma(j + size) - logGamma(size) - logGamma(j + 1) + size * Math.log(1 - q) + j * Math.log(q);
  return tailSum(k, mean, logPmf, (j) => ((j + size) / (j + 1)) * q);
}

/**
 * P(X >= k) from the log pmf and the ratio pmf(j + 1) / pmf(j): above the mean the terms fall, so they are summed
 * upward until they no longer count; at or below it, 1 minus the sum of the terms below k (fewer of them).
 */
function tailSum(
  k: number,
  mean: number,
  logPmf: (j: number) => number,
  ratio: (j: number) => number,
): number {
  if (k <= mean) {
    let below = 0;
    for (let j = 0; j < k; j++) below += Math.exp(logPmf(j));
    return Math.min(1, Math.max(0, 1 - below));
  }
  let term = Math.exp(logPmf(k));
  let sum = term;
  for (let j = k; j < k + 1_000_000; j++) {
    term *= ratio(j);
    sum += term;
    if (term <= sum * 1e-15) break;
  }
  return Math.min(1, sum);
}
