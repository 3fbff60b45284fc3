import { describe, expect, it } from 'vitest';
import { SHARE_STATE_VERSION, ShareDetector, binomialDeviance } from './share.detector.js';
import { seededRandom } from '../random/seeded-random.js';
import { FIVE_MINUTES, START } from './synthetic.series.js';

/** A detector that has seen three days of buckets of `total` mentions, 30% of them negative. */
function trained(total: number, seed: number): ShareDetector {
  const random = seededRandom(seed);
  const detector = new ShareDetector();
  for (let i = 0; i < 3 * 288; i++) {
    let negatives = 0;
    for (let j = 0; j < total; j++) if (random() < 0.3) negatives++;
    const out = detector.update(START + i * FIVE_MINUTES, negatives, total);
    if (i > 24) expect(out.score).toBeLessThan(0.5);
  }
  return detector;
}

const NEXT = START + 3 * 288 * FIVE_MINUTES;

describe('share detector', () => {
  it('judges a share together with its volume: 5 of 6 is no spike, 500 of 600 is', () => {
    const small = trained(6, 1).update(NEXT, 5, 6);
    const large = trained(600, 2).update(NEXT, 500, 600);
    expect(small.observed).toBeCloseTo(5 / 6, 9);
    expect(large.observed).toBeCloseTo(5 / 6, 9);
    expect(small.expected).toBeGreaterThan(0.25);
    expect(small.expected).toBeLessThan(0.35);
    expect(small.spike).toBeLessThan(0.3);
    expect(large.spike).toBeGreaterThanOrEqual(0.6);
    expect(large.baseline.kind).toBe('recent-share');
    expect(large.baseline.spread).toBeLessThan(small.baseline.spread);
    expect(large.drop).toBe(0);
  });

  it('reports a falling share as a drop', () => {
    const out = trained(600, 3).update(NEXT, 30, 600);
    expect(out.drop).toBeGreaterThanOrEqual(0.6);
    expect(out.spike).toBe(0);
  });

  it('takes an empty bucket as no evidence', () => {
    const out = trained(60, 4).update(NEXT, 0, 0);
    expect(out.observed).toBeNaN();
    expect(out.score).toBe(0);
  });

  it('refuses impossible counts', () => {
    expect(() => new ShareDetector().update(START, 7, 6)).toThrow(/negatives/);
    expect(() => new ShareDetector().update(START, -1, 6)).toThrow(/negatives/);
  });

  it('survives a JSON round trip', () => {
    const a = trained(60, 5);
    const b = ShareDetector.fromState(JSON.parse(JSON.stringify(a.toState())));
    for (let i = 1; i < 50; i++) {
      const time = NEXT + i * FIVE_MINUTES;
      expect(b.update(time, i % 7, 20)).toEqual(a.update(time, i % 7, 20));
    }
    expect(() => ShareDetector.fromState({ ...a.toState(), version: SHARE_STATE_VERSION + 1 })).toThrow(
      /version/,
    );
  });

  it('computes the binomial deviance', () => {
    expect(binomialDeviance(3, 10, 0.3)).toBeCloseTo(0, 12);
    // 2 * (5 ln(5 / 1.8) + ln(1 / 4.2))
    expect(binomialDeviance(5, 6, 0.3)).toBeCloseTo(2 * (5 * Math.log(5 / 1.8) + Math.log(1 / 4.2)), 12);
    expect(binomialDeviance(0, 0, 0.3)).toBe(0);
  });
});
