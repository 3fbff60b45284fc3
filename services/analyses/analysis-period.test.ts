// The period and its comparison: the week before across a clock change, and each wrong period a 400 naming it.
import { describe, expect, it } from 'vitest';
import { analysisPeriods, previous } from './analysis-period.js';

const TZ = 'Europe/Amsterdam';

describe('the comparison period', () => {
  it('is the local week before, midnight to midnight, across the spring clock change', () => {
    // 29 March to 5 April 2021 is 168 hours; the week before holds the change (28 March) and is 167.
    const { period, comparison } = analysisPeriods(
      { from: '2021-03-29', to: '2021-04-05', compare: 'previous' },
      TZ,
    );
    expect(comparison).toEqual({ fromMs: Date.parse('2021-03-21T23:00:00Z'), toMs: period.fromMs });
    expect((comparison.toMs - comparison.fromMs) / 3_600_000).toBe(167);
  });
  it('is the same number of milliseconds when a bound is not a local midnight', () => {
    const period = { fromMs: Date.parse('2021-01-25T12:00:00Z'), toMs: Date.parse('2021-01-25T18:00:00Z') };
    expect(previous(period, TZ)).toEqual({ fromMs: Date.parse('2021-01-25T06:00:00Z'), toMs: period.fromMs });
  });
  it('is the range in compare when one is given', () => {
    const periods = analysisPeriods(
      { from: '2021-01-25', to: '2021-02-01', compare: '2021-01-04,2021-01-11' },
      TZ,
    );
    expect(periods.comparisonKind).toBe('custom');
    expect(periods.comparison.fromMs).toBe(Date.parse('2021-01-03T23:00:00Z'));
  });
});

describe('a wrong period', () => {
  it.each([
    [{ from: '2021-01-25', to: '2021-01-25', compare: 'previous' }, /^to: the period is empty/],
    [{ from: '2021-01-25', to: '2021-01-24', compare: 'previous' }, /^to: the period ends/],
    [
      { from: '2020-01-01', to: '2021-01-02', compare: 'previous' },
      /^to: the period is 367 days long; at most 366/,
    ],
    [{ from: 'gisteren', to: '2021-01-24', compare: 'previous' }, /^from: expected/],
    [{ from: '2021-01-25', to: '2021-02-01', compare: '2021-01-04' }, /^compare: expected "previous"/],
    [
      { from: '2021-01-25', to: '2021-02-01', compare: '2021-01-11,2021-01-04' },
      /^compare: the comparison period ends/,
    ],
    [{ from: '2021-01-25', to: '2021-02-01', compare: '2021-01-04,2021-01-31' }, /^compare: .* overlaps/],
  ])('%o is refused', (query, message) => {
    expect(() => analysisPeriods(query, TZ)).toThrow(message);
  });
  it('accepts a leap year', () => {
    expect(() =>
      analysisPeriods({ from: '2020-01-01', to: '2021-01-01', compare: 'previous' }, TZ),
    ).not.toThrow();
  });
});
