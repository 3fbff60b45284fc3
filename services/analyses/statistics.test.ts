// Known answers (reference values from scipy 1.17: stats.norm, stats.fisher_exact, binomtest(...).proportion_ci
// exact) and series with a known shift: one the tests must find, one they must not.
import { describe, expect, it } from 'vitest';
import {
  clopperPearson,
  fisherExact,
  holm,
  normalTwoSided,
  rateRatio,
  twoProportionTest,
  wilson,
} from './statistics.js';

describe('wilson', () => {
  it('matches the textbook interval', () => {
    expect(wilson(5, 10).low).toBeCloseTo(0.236593090512564, 10);
    expect(wilson(5, 10).high).toBeCloseTo(0.7634069094874361, 10);
    expect(wilson(81, 263).low).toBeCloseTo(0.2552885198782742, 10);
    expect(wilson(81, 263).high).toBeCloseTo(0.36620957698280004, 10);
  });
  it('stays inside [0, 1] at the edges and has no share of nothing', () => {
    expect(wilson(0, 20)).toMatchObject({ share: 0, low: 0 });
    expect(wilson(0, 20).high).toBeCloseTo(0.16112515805281938, 10);
    expect(wilson(0, 0)).toEqual({ count: 0, n: 0, share: null, low: null, high: null });
  });
});

describe('tests of two proportions', () => {
  it('uses the z-test when the counts are large, with its exact p far into the tail', () => {
    const moderate = twoProportionTest(60, 100, 40, 100)!;
    expect(moderate.test).toBe('two_proportion_z');
    expect(moderate.statistic).toBeCloseTo(2.8284271247461894, 10);
    expect(moderate.p).toBeCloseTo(0.004677734981047275, 12);
    const strong = twoProportionTest(450, 1000, 300, 1000)!;
    expect(strong.p / 4.262191597843584e-12).toBeCloseTo(1, 6);
    expect(normalTwoSided(1.959963984540054)).toBeCloseTo(0.05, 12);
  });
  it("uses Fisher's exact test when an expected count is below 5", () => {
    expect(fisherExact(3, 1, 1, 3)).toBeCloseTo(0.48571428571428565, 12);
    expect(fisherExact(1, 9, 11, 3)).toBeCloseTo(0.0027594561852200836, 12);
    const small = twoProportionTest(2, 5, 0, 6)!;
    expect(small.test).toBe('fisher_exact');
    expect(small.p).toBeCloseTo(0.18181818181818185, 12);
  });
  it('has nothing to test when a period has no posts', () => {
    expect(twoProportionTest(0, 0, 3, 10)).toBeNull();
  });
});

describe('holm', () => {
  it('steps down and keeps the adjusted p-values monotone, in the order given', () => {
    const adjusted = holm([0.01, 0.04, 0.03, 0.005]);
    [0.03, 0.06, 0.06, 0.02].forEach((p, i) => expect(adjusted[i]).toBeCloseTo(p, 12));
    expect(holm([0.5, 0.9])).toEqual([1, 1]);
  });
});

describe('rate ratio', () => {
  it('has the exact conditional interval', () => {
    const cp = clopperPearson(20, 30);
    expect(cp.low).toBeCloseTo(0.4718799552101195, 8);
    expect(cp.high).toBeCloseTo(0.8271257784739607, 8);
    const equal = rateRatio(20, 1, 10, 1);
    expect(equal.ratio).toBe(2);
    expect(equal.low).toBeCloseTo(0.8935088903846911, 6);
    expect(equal.high).toBeCloseTo(4.784552440338102, 6);
    // Different exposures: 15 in one week against 30 in two is no change.
    const exposures = rateRatio(15, 1, 30, 2);
    expect(exposures.ratio).toBe(1);
    expect(exposures.low).toBeCloseTo(0.5000177751598032, 6);
    expect(exposures.high).toBeCloseTo(1.917755636121642, 6);
  });
  it('has no upper bound after a comparison of nothing, and nothing at all without counts', () => {
    expect(rateRatio(4, 1, 0, 1)).toMatchObject({ ratio: null, high: null });
    expect(rateRatio(4, 1, 0, 1).low).toBeGreaterThan(0);
    expect(rateRatio(0, 1, 0, 1)).toEqual({ ratio: null, low: null, high: null });
  });
});

/** Daily counts of negative posts for a topic: `days` days of `perDay` posts at a given negative share. */
function week(perDay: number, share: number, days = 7) {
  const daily = Array.from({ length: days }, () => ({ n: perDay, neg: Math.round(perDay * share) }));
  return {
    n: daily.reduce((s, d) => s + d.n, 0),
    neg: daily.reduce((s, d) => s + d.neg, 0),
  };
}

describe('series with a known answer', () => {
  it('finds a shift in negative share from 30% to 40% after correction over ten topics', () => {
    const shifted = { now: week(100, 0.4), before: week(100, 0.3) };
    const steady = Array.from({ length: 9 }, () => ({ now: week(100, 0.31), before: week(100, 0.3) }));
    const tests = [shifted, ...steady].map((t) =>
      twoProportionTest(t.now.neg, t.now.n, t.before.neg, t.before.n)!,
    );
    const adjusted = holm(tests.map((t) => t.p));
    expect(adjusted[0]).toBeLessThan(0.05);
    for (const p of adjusted.slice(1)) expect(p).toBeGreaterThan(0.05);
  });
  it('does not call a chance result significant once every topic tested is counted', () => {
    // 20 topics; one with p near 0.03 on its own, which Holm's correction over 20 does not keep.
    const lucky = twoProportionTest(60, 200, 42, 200)!;
    expect(lucky.p).toBeLessThan(0.05);
    const rest = Array.from({ length: 19 }, () => twoProportionTest(41, 200, 40, 200)!.p);
    expect(holm([lucky.p, ...rest])[0]).toBeGreaterThan(0.05);
  });
  it('finds a doubling of volume and not a 5% wobble', () => {
    const doubled = rateRatio(week(40, 0).n, 7, week(20, 0).n, 7);
    expect(doubled.low).toBeGreaterThan(1);
    const wobble = rateRatio(week(21, 0).n, 7, week(20, 0).n, 7);
    expect(wobble.low).toBeLessThan(1);
    expect(wobble.high).toBeGreaterThan(1);
  });
});
