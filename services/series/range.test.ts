import { describe, expect, it } from 'vitest';
import { localMidnight, parseTime, resolveRange } from './range.js';

const AMS = 'Europe/Amsterdam';

describe('parseTime', () => {
  it('keeps epoch milliseconds and ISO instants as they are', () => {
    expect(parseTime('1611928800000', AMS)).toBe(1611928800000);
    expect(parseTime('2021-01-29T14:00:00Z', AMS)).toBe(Date.parse('2021-01-29T14:00:00Z'));
    expect(parseTime('2021-01-29T14:00:00+01:00', AMS)).toBe(Date.parse('2021-01-29T13:00:00Z'));
  });
  it('reads a date alone as local midnight in the time zone, on both sides of a DST change', () => {
    expect(parseTime('2021-01-23', AMS)).toBe(Date.parse('2021-01-22T23:00:00Z'));
    expect(parseTime('2021-03-28', AMS)).toBe(Date.parse('2021-03-27T23:00:00Z'));
    expect(parseTime('2021-03-29', AMS)).toBe(Date.parse('2021-03-28T22:00:00Z'));
    expect(parseTime('2021-10-31', AMS)).toBe(Date.parse('2021-10-30T22:00:00Z'));
    expect(parseTime('2021-11-01', AMS)).toBe(Date.parse('2021-10-31T23:00:00Z'));
    expect(parseTime('2021-01-23', 'UTC')).toBe(Date.parse('2021-01-23T00:00:00Z'));
    expect(parseTime('2021-01-23', 'America/New_York')).toBe(Date.parse('2021-01-23T05:00:00Z'));
  });
  it('refuses what is not a time or not a date', () => {
    expect(parseTime('yesterday', AMS)).toBeNull();
    expect(parseTime('2021-13-45', AMS)).toBeNull();
    expect(parseTime('2021-02-30', AMS)).toBeNull();
    expect(localMidnight(2021, 2, 29, AMS)).toBeNull();
  });
});

describe('resolveRange', () => {
  it('makes a date-only range exactly the local days it names, to exclusive', () => {
    expect(resolveRange('2021-01-23', '2021-01-24', AMS)).toEqual({
      fromMs: Date.parse('2021-01-22T23:00:00Z'),
      toMs: Date.parse('2021-01-23T23:00:00Z'),
    });
    // 27 March to 30 March 2021 holds the 23-hour day of the change to summer time.
    const { fromMs, toMs } = resolveRange('2021-03-27', '2021-03-30', AMS);
    expect(toMs - fromMs).toBe(71 * 3_600_000);
  });
  it('names the bad parameter', () => {
    expect(() => resolveRange('soon', undefined, AMS)).toThrow(
      /^from: expected epoch milliseconds, an ISO 8601 time or a date \(YYYY-MM-DD, a day in Europe\/Amsterdam\), got "soon"$/,
    );
    expect(() => resolveRange('2021-02-01', '2021-01-01', AMS)).toThrow(/must be before/);
  });
  it('defaults to the last seven days', () => {
    expect(resolveRange(undefined, undefined, AMS, 1_000_000_000_000)).toEqual({
      fromMs: 1_000_000_000_000 - 7 * 86_400_000,
      toMs: 1_000_000_000_000,
    });
  });
});
