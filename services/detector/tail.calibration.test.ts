import { describe, expect, it } from 'vitest';
import {
  calibrate,
  debounce,
  learnTail,
  newDebounce,
  newTail,
  studentSurprise,
  surpriseToScore,
} from './tail.calibration.js';

const RATES = { quantile: 0.98, quantileStep: 0.03, excessRate: 0.01, clusterGap: 1 };

describe('surprise and score', () => {
  it('grows with the deviation and ignores the other direction', () => {
    expect(studentSurprise(-3, 5)).toBe(0);
    expect(studentSurprise(0, 5)).toBe(0);
    expect(studentSurprise(2, 5)).toBeLessThan(studentSurprise(4, 5));
    // Heavy tails: a 10-spread deviation is far less surprising than under a normal distribution (23 digits).
    expect(studentSurprise(10, 5)).toBeLessThan(5);
  });

  it('maps half-score digits to 0.5 and stays below 1', () => {
    expect(surpriseToScore(3.5, 3.5)).toBeCloseTo(0.5, 12);
    expect(surpriseToScore(7, 3.5)).toBeCloseTo(0.75, 12);
    expect(surpriseToScore(0, 3.5)).toBe(0);
    expect(surpriseToScore(1000, 3.5)).toBeLessThanOrEqual(1);
  });
});

describe('tail calibration', () => {
  it('starts as the identity above its threshold', () => {
    const tail = newTail(RATES);
    expect(calibrate(tail, 4, RATES)).toBeCloseTo(4, 9);
  });

  it('makes a spiky history demand more before the same surprise counts as rare', () => {
    const calm = newTail(RATES);
    const spiky = newTail(RATES);
    for (let i = 0; i < 5000; i++) {
      learnTail(calm, i % 100 === 0 ? 2 : 0.2, RATES);
      learnTail(spiky, i % 20 === 0 ? 6 : 0.2, RATES);
    }
    expect(calibrate(spiky, 6, RATES)).toBeLessThan(calibrate(calm, 6, RATES));
  });
});

describe('declustered tail learning', () => {
  it('stays alert after a long burst: a cluster of exceedances is learnt once, from its peak', () => {
    const rates = { ...RATES, clusterGap: 3 };
    const tail = newTail(rates);
    const ordinary = (i: number): number => (i % 50 === 0 ? 2 : 0.3);
    for (let i = 0; i < 3000; i++) learnTail(tail, ordinary(i), rates);
    // One burst of 300 points (a day of 5-minute buckets) far above anything seen.
    for (let i = 0; i < 300; i++) learnTail(tail, 8, rates);
    for (let i = 0; i < 600; i++) learnTail(tail, ordinary(i), rates);
    // A burst of the same size two days later is still an alert (3.5 digits is score 0.5).
    expect(calibrate(tail, 8, rates)).toBeGreaterThan(3.5);
  });
});

describe('debounce', () => {
  const STEP = 300_000;
  const rates = { fadeHalfLifeMs: 345 * 60_000, refractoryMs: 10 * STEP };
  const alertAt = 3.5;
  const floor = 1.7;
  /** A fresh debounce fed one surprise per 5-minute point. */
  function gate() {
    const state = newDebounce();
    let time = 0;
    return (surprise: number) => debounce(state, surprise, rates, alertAt, floor, (time += STEP));
  }

  it('lets every new peak of a rise through until it reaches the alert level, ordinary surprises never', () => {
    const next = gate();
    expect([1, 2, 3, 2.5, 3.4, 4, 5, 3].map(next)).toEqual([0, 2, 3, 0, 3.4, 4, 0, 0]);
  });

  it('does not drop a bigger rise after a smaller one that stayed below the alert level', () => {
    const next = gate();
    expect(next(3.4)).toBe(3.4);
    for (let i = 0; i < 5; i++) next(0.5);
    expect(next(4)).toBe(4);
  });

  it('is silent for the refractory period after an alert, then alerts again', () => {
    const next = gate();
    expect(next(5)).toBe(5);
    // Rising further, but by less than another alert level: aftershocks of the same event.
    const during = Array.from({ length: 9 }, (_, i) => next(5.5 + i * 0.3));
    expect(during.every((x) => x === 0)).toBe(true);
    for (let i = 0; i < 300; i++) next(0);
    expect(next(4)).toBe(4);
  });

  it('counts the refractory period and the fade in time, not in points', () => {
    const state = newDebounce();
    expect(debounce(state, 5, rates, alertAt, floor, 0)).toBe(5);
    // One point an hour: the second point is 12 steps later, past the 10-step silence, and the peak has faded.
    expect(debounce(state, 4.9, rates, alertAt, floor, 12 * STEP)).toBe(4.9);
    // Many points close together: still inside the silence of the alert at 12 steps.
    for (let i = 1; i <= 50; i++)
      expect(debounce(state, 0, rates, alertAt, floor, 12 * STEP + i * 1000)).toBe(0);
    expect(debounce(state, 5, rates, alertAt, floor, 12 * STEP + 60_000)).toBe(0);
  });

  it('lets a rise through the refractory period when it beats the alerting one by another alert level', () => {
    const next = gate();
    expect(next(4)).toBe(4);
    expect(next(7)).toBe(0);
    expect(next(7.6)).toBe(7.6);
    // The bigger wave starts its own refractory period, measured from its own size.
    expect(next(10)).toBe(0);
  });
});
