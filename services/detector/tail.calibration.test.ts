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

const RATES = { quantile: 0.98, quantileStep: 0.03, excessRate: 0.01 };

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

describe('debounce', () => {
  it('lets a rise through in clear steps only, whatever the threshold', () => {
    const state = newDebounce();
    const rates = { fade: 0.99, margin: 1.2 };
    const passed = [1, 2, 3, 3.5, 4, 5, 3, 2].map((s) => debounce(state, s, rates));
    expect(passed).toEqual([0, 2, 0, 3.5, 0, 5, 0, 0]);
  });

  it('forgets, so a later event alerts again', () => {
    const state = newDebounce();
    const rates = { fade: 0.99, margin: 1.2 };
    expect(debounce(state, 5, rates)).toBe(5);
    for (let i = 0; i < 300; i++) debounce(state, 0, rates);
    expect(debounce(state, 4, rates)).toBe(4);
  });
});
