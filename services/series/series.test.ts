import { describe, expect, it } from 'vitest';
import { autoInterval, EMPTY_SUMS, metricValue } from './series.js';

describe('metricValue', () => {
  const sums = { ...EMPTY_SUMS, n: 4, nNeg: 3, nPos: 1, scoreSum: -1500, reachSum: 900 };
  it('computes shares and means from pooled sums', () => {
    expect(metricValue('volume', sums)).toBe(4);
    expect(metricValue('negative_share', sums)).toBe(0.75);
    expect(metricValue('positive_share', sums)).toBe(0.25);
    expect(metricValue('neutral_share', sums)).toBe(0);
    expect(metricValue('mean_score', sums)).toBe(-0.375);
    expect(metricValue('reach', sums)).toBe(900);
  });
  it('gives 0 for counts and null for shares in an empty bucket', () => {
    expect(metricValue('volume', EMPTY_SUMS)).toBe(0);
    expect(metricValue('reach', EMPTY_SUMS)).toBe(0);
    expect(metricValue('negative_share', EMPTY_SUMS)).toBeNull();
    expect(metricValue('mean_score', EMPTY_SUMS)).toBeNull();
  });
});

describe('intervals', () => {
  it('picks an interval with a readable number of points', () => {
    expect(autoInterval(0, 86_400_000)).toBe('5m');
    expect(autoInterval(0, 30 * 86_400_000)).toBe('1h');
    expect(autoInterval(0, 365 * 86_400_000)).toBe('1d');
  });
});
