import { describe, expect, it } from 'vitest';
import { EMPTY_SUMS, type Sums } from '../series/series.js';
import {
  effectPattern,
  measureEffect,
  quantile,
  sentimentEffect,
  topicGrowth,
  volumeEffect,
  Z_95,
  type WindowCounts,
} from './effect.analysis.js';

const sums = (n: number, nNeg = 0, scoreSum = 0): Sums => ({
  ...EMPTY_SUMS,
  n,
  nNeg,
  nNeu: n - nNeg,
  scoreSum,
});
const window = (observed: Sums, ...earlierWeeks: Sums[]): WindowCounts => ({ observed, earlierWeeks });

describe('volume ratio', () => {
  it('divides out the weekly rhythm: a weekend twice as busy as weekdays is no effect', () => {
    // Before: Thursday-Friday, 480 mentions, as in earlier weeks. After: the weekend, 960, as in earlier weeks.
    const before = window(sums(480), sums(480), sums(480), sums(480), sums(480));
    const after = window(sums(960), sums(960), sums(960), sums(960), sums(960));
    const effect = volumeEffect(before, after);
    expect(effect.rawRatio).toBe(2);
    expect(effect.ratio).toBeCloseTo(1, 12);
    expect(effect.basis).toBe('earlier_weeks');
    expect(effect.weeks).toBe(4);
  });

  it('gives the ratio against expectation with a delta-method interval', () => {
    const before = window(sums(100), sums(100), sums(100));
    const after = window(sums(400), sums(200), sums(200));
    const effect = volumeEffect(before, after);
    expect(effect.ratio).toBeCloseTo(2, 12);
    const se = Math.sqrt(1 / 400 + 1 / 400 + 1 / 100 + 1 / 200);
    expect(effect.low).toBeCloseTo(2 * Math.exp(-Z_95 * se), 12);
    expect(effect.high).toBeCloseTo(2 * Math.exp(Z_95 * se), 12);
  });

  it('ignores earlier weeks without any mentions, and falls back to after/before when none has any', () => {
    const partial = volumeEffect(window(sums(100), sums(50), sums(0)), window(sums(300), sums(100), sums(0)));
    expect(partial.weeks).toBe(1);
    expect(partial.ratio).toBeCloseTo(1.5, 12);
    const none = volumeEffect(window(sums(100), sums(0)), window(sums(300), sums(0)));
    expect(none.basis).toBe('unadjusted');
    expect(none.ratio).toBe(3);
    const empty = volumeEffect(window(sums(0)), window(sums(10)));
    expect(empty).toMatchObject({ ratio: null, basis: 'none' });
  });
});

describe('sentiment shift', () => {
  it('is the difference in differences of negative shares with a Wald interval', () => {
    // Negative share before 20% (as usual), after 35% where 25% is usual: a shift of +10 points.
    const before = window(sums(1000, 200), sums(1000, 200), sums(1000, 200));
    const after = window(sums(1000, 350), sums(1000, 250), sums(1000, 250));
    const effect = sentimentEffect(before, after);
    expect(effect.shift).toBeCloseTo(0.1, 12);
    const se = Math.sqrt(
      (0.35 * 0.65) / 1000 + (0.25 * 0.75) / 2000 + (0.2 * 0.8) / 1000 + (0.2 * 0.8) / 2000,
    );
    expect(effect.low).toBeCloseTo(0.1 - Z_95 * se, 12);
    expect(effect.high).toBeCloseTo(0.1 + Z_95 * se, 12);
    expect(effect.basis).toBe('earlier_weeks');
  });

  it('falls back to the plain two-proportion difference without earlier weeks', () => {
    const effect = sentimentEffect(window(sums(100, 10, -5000)), window(sums(200, 60, 20_000)));
    expect(effect.basis).toBe('unadjusted');
    expect(effect.shift).toBeCloseTo(0.2, 12);
    expect(effect.meanScoreBefore).toBeCloseTo(-0.05, 12);
    expect(effect.meanScoreAfter).toBeCloseTo(0.1, 12);
    expect(sentimentEffect(window(sums(0)), window(sums(5, 1))).shift).toBeNull();
  });
});

describe('topics and patterns', () => {
  it('ranks topics by growth of their share of all mentions', () => {
    const rows = topicGrowth(
      sums(100),
      sums(200),
      new Map([
        ['horeca', 10],
        ['mondkapjes', 40],
        ['scholen', 5],
      ]),
      new Map([
        ['horeca', 60],
        ['mondkapjes', 40],
        ['avondklok', 10],
      ]),
    );
    expect(rows.map((row) => row.topic)).toEqual(['horeca', 'avondklok']);
    expect(rows[0]!.growth).toBeCloseTo(0.2, 12);
  });

  it('summarises many measures by median and quartiles', () => {
    expect(quantile([4, 1, 3, 2], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3, 4, 5], 0.25)).toBe(2);
    expect(quantile([], 0.5)).toBeNull();
    const effects = [1.5, 2, 3].map((ratio) =>
      measureEffect({
        before: window(sums(100, 20), sums(100, 20)),
        after: window(sums(100 * ratio, 20 * ratio), sums(100, 20)),
        topicsBefore: new Map(),
        topicsAfter: new Map(),
      }),
    );
    const pattern = effectPattern(effects);
    expect(pattern.volumeRatio.median).toBeCloseTo(2, 12);
    expect(pattern.withVolume).toBe(3);
    // Even 1.5× (150 against 100) lies above 1 with 95% confidence: var = 1/150 + 3/100.
    expect(pattern.volumeUp).toBe(3);
    expect(pattern.sentimentShift.median).toBeCloseTo(0, 12);
  });
});
