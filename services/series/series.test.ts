import { describe, expect, it } from 'vitest';
import { autoInterval, EMPTY_SUMS, metricValue, parseTime } from './series.js';
import { resolveRange } from './range.js';

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

describe('times', () => {
  it('parses epoch milliseconds and ISO times, and nothing else', () => {
    expect(parseTime('1611928800000')).toBe(1611928800000);
    expect(parseTime('2021-01-29T14:00:00Z')).toBe(Date.parse('2021-01-29T14:00:00Z'));
    expect(parseTime('2021-01-29T14:00:00+01:00')).toBe(Date.parse('2021-01-29T13:00:00Z'));
    expect(parseTime('yesterday')).toBeNull();
    expect(parseTime('2021-13-45')).toBeNull();
  });
  it('names the bad parameter', () => {
    expect(() => resolveRange('soon', undefined)).toThrow(
      /^from: expected epoch milliseconds or an ISO 8601 time, got "soon"$/,
    );
    expect(() => resolveRange('2021-02-01', '2021-01-01')).toThrow(/must be before/);
  });
  it('defaults to the last seven days', () => {
    expect(resolveRange(undefined, undefined, 1_000_000_000_000)).toEqual({
      fromMs: 1_000_000_000_000 - 7 * 86_400_000,
      toMs: 1_000_000_000_000,
    });
  });
  it('picks an interval with a readable number of points', () => {
    expect(autoInterval(0, 86_400_000)).toBe('5m');
    expect(autoInterval(0, 30 * 86_400_000)).toBe('1h');
    expect(autoInterval(0, 365 * 86_400_000)).toBe('1d');
  });
});
