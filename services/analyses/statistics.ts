// The statistics of the environment analysis, named so the document can state them: Wilson intervals for shares,
// a test of two proportions (z when every expected cell count is at least 5, Fisher's exact test otherwise), Holm's
// correction over the topics tested, and a rate ratio with an exact conditional (Poisson) interval. Pure functions.
import { logGamma } from '../math/log-gamma.js';
import { shareCounts, type MetricFields, type ShareMetric } from '../series/metric-definitions.js';
import type { Sums } from '../series/series.js';

/** z of a two-sided 95% interval. */
export const Z95 = 1.959963984540054;

export interface ShareInterval {
  count: number;
  n: number;
  /** null when n is 0: a share of nothing is not 0. */
  share: number | null;
  low: number | null;
  high: number | null;
}

/** Wilson's score interval for k of n (95% by default): stays inside [0, 1] and behaves at 0 and n. */
export function wilson(k: number, n: number, z = Z95): ShareInterval {
  if (n === 0) return { count: k, n, share: null, low: null, high: null };
  const p = k / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
  return { count: k, n, share: p, low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/** Wilson's interval of a share metric over pooled sums: its two counts come from the metric's definition. */
export function shareWilson<M extends ShareMetric>(
  metric: M,
  sums: Pick<Sums, MetricFields<M>>,
): ShareInterval {
  const { k, n } = shareCounts(metric, sums);
  return wilson(k, n);
}

const EPS = 1e-15;
const TINY = 1e-300;

/** The upper regularized incomplete gamma Q(a, x), by its series below a + 1 and its continued fraction above. */
export function upperGamma(a: number, x: number): number {
  if (x <= 0) return 1;
  const front = -x + a * Math.log(x) - logGamma(a);
  if (x < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < 10_000; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * EPS) break;
    }
    return 1 - sum * Math.exp(front);
  }
  // Modified Lentz on the continued fraction of Q.
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) break;
  }
  return Math.exp(front) * h;
}

/** Two-sided p of a standard normal statistic: P(|Z| >= |z|) = Q(1/2, z^2/2), accurate far into the tail. */
export function normalTwoSided(z: number): number {
  return upperGamma(0.5, (z * z) / 2);
}

function betaFraction(a: number, b: number, x: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m < 10_000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) break;
  }
  return h;
}

/** The regularized incomplete beta I_x(a, b). */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  // The fraction converges fast on the side of the mean; the other side by symmetry.
  if (x < (a + 1) / (a + b + 2)) return (front * betaFraction(a, b, x)) / a;
  return 1 - (front * betaFraction(b, a, 1 - x)) / b;
}

/** The p at which f (monotone increasing in p) reaches target, by bisection on [0, 1]. */
function solve(f: (p: number) => number, target: number): number {
  let low = 0;
  let high = 1;
  for (let i = 0; i < 200 && high - low > 1e-14; i++) {
    const mid = (low + high) / 2;
    if (f(mid) < target) low = mid;
    else high = mid;
  }
  return (low + high) / 2;
}

/** Clopper-Pearson (exact) interval of a binomial proportion k of n. */
export function clopperPearson(k: number, n: number, alpha = 0.05): { low: number; high: number } {
  // P(X >= k | p) = I_p(k, n - k + 1) rises with p; P(X <= k | p) = 1 - I_p(k + 1, n - k) falls with p.
  const low = k === 0 ? 0 : solve((p) => incompleteBeta(p, k, n - k + 1), alpha / 2);
  const high = k === n ? 1 : solve((p) => incompleteBeta(p, k + 1, n - k), 1 - alpha / 2);
  return { low, high };
}

export type ProportionTestName = 'two_proportion_z' | 'fisher_exact';

export interface ProportionTest {
  test: ProportionTestName;
  /** z for the z-test (positive when the first share is higher); the odds ratio for Fisher's test. */
  statistic: number | null;
  p: number;
}

/** Fisher's exact test of the 2x2 table [[a, b], [c, d]], two-sided: tables no more likely than the one seen. */
export function fisherExact(a: number, b: number, c: number, d: number): number {
  const row1 = a + b;
  const col1 = a + c;
  const n = a + b + c + d;
  const logChoose = (m: number, k: number) => logGamma(m + 1) - logGamma(k + 1) - logGamma(m - k + 1);
  const logP = (x: number) => logChoose(row1, x) + logChoose(n - row1, col1 - x) - logChoose(n, col1);
  const observed = logP(a);
  let p = 0;
  for (let x = Math.max(0, col1 - (n - row1)); x <= Math.min(row1, col1); x++) {
    const lp = logP(x);
    // Relative tolerance as R's fisher.test uses, so tables equally likely up to rounding count as as extreme.
    if (lp <= observed + 1e-7 * Math.abs(observed) + 1e-12) p += Math.exp(lp);
  }
  return Math.min(1, p);
}

/**
 * Whether k1 of n1 differs from k2 of n2. The pooled two-proportion z-test where every expected cell is at least 5
 * (its normal approximation holds there); Fisher's exact test where a count is small.
 */
export function twoProportionTest(k1: number, n1: number, k2: number, n2: number): ProportionTest | null {
  if (n1 === 0 || n2 === 0) return null;
  const pooled = (k1 + k2) / (n1 + n2);
  const expected = [n1 * pooled, n1 * (1 - pooled), n2 * pooled, n2 * (1 - pooled)];
  if (expected.every((e) => e >= 5)) {
    const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
    const z = (k1 / n1 - k2 / n2) / se;
    return { test: 'two_proportion_z', statistic: z, p: normalTwoSided(z) };
  }
  const a = k1;
  const b = n1 - k1;
  const c = k2;
  const d = n2 - k2;
  const odds = b * c === 0 ? null : (a * d) / (b * c);
  return { test: 'fisher_exact', statistic: odds, p: fisherExact(a, b, c, d) };
}

/** Holm's step-down adjusted p-values, in the order given: control the family-wise error over every test made. */
export function holm(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((p, i) => ({ p, i })).sort((x, y) => x.p - y.p);
  const adjusted = new Array<number>(m);
  let running = 0;
  order.forEach(({ p, i }, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * p));
    adjusted[i] = running;
  });
  return adjusted;
}

export interface RateRatio {
  /** (count / exposure) against (comparison count / comparison exposure); null when it has no value. */
  ratio: number | null;
  low: number | null;
  /** null when the comparison counted nothing: no finite upper bound. */
  high: number | null;
}

/**
 * The ratio of two Poisson rates with its exact conditional interval: given the total, the first count is binomial
 * with p = e1 r / (e1 r + e0), so a Clopper-Pearson interval on p maps onto the ratio r.
 */
export function rateRatio(c1: number, e1: number, c0: number, e0: number, alpha = 0.05): RateRatio {
  const total = c1 + c0;
  if (total === 0 || e1 <= 0 || e0 <= 0) return { ratio: null, low: null, high: null };
  const { low, high } = clopperPearson(c1, total, alpha);
  const toRatio = (p: number) => ((p / (1 - p)) * e0) / e1;
  return {
    ratio: c0 === 0 ? null : c1 / e1 / (c0 / e0),
    low: c1 === 0 ? 0 : toRatio(low),
    high: c0 === 0 ? null : toRatio(high),
  };
}
