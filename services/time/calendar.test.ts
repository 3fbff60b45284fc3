import { describe, expect, it } from 'vitest';
import { isCalendarDate } from './calendar-date.js';
import { endOfLocalDay, localDate, startOfLocalDay } from './zoned-time.js';

describe('calendar dates in a time zone', () => {
  it('starts a winter day at 23:00 UTC and a summer day at 22:00 UTC in Amsterdam', () => {
    expect(new Date(startOfLocalDay('2020-12-15', 'Europe/Amsterdam')).toISOString()).toBe(
      '2020-12-14T23:00:00.000Z',
    );
    expect(new Date(startOfLocalDay('2020-07-01', 'Europe/Amsterdam')).toISOString()).toBe(
      '2020-06-30T22:00:00.000Z',
    );
  });

  it('handles the days the clock changes', () => {
    // 29 March 2020 starts in winter time; 30 March in summer time.
    expect(new Date(startOfLocalDay('2020-03-29', 'Europe/Amsterdam')).toISOString()).toBe(
      '2020-03-28T23:00:00.000Z',
    );
    expect(new Date(startOfLocalDay('2020-03-30', 'Europe/Amsterdam')).toISOString()).toBe(
      '2020-03-29T22:00:00.000Z',
    );
    expect(new Date(startOfLocalDay('2020-10-25', 'Europe/Amsterdam')).toISOString()).toBe(
      '2020-10-24T22:00:00.000Z',
    );
    expect(
      endOfLocalDay('2020-10-25', 'Europe/Amsterdam') - startOfLocalDay('2020-10-25', 'Europe/Amsterdam'),
    ).toBe(25 * 3_600_000);
  });

  it('gives the local date of an instant', () => {
    expect(localDate(Date.parse('2020-12-14T23:30:00Z'), 'Europe/Amsterdam')).toBe('2020-12-15');
    expect(localDate(Date.parse('2020-12-14T22:30:00Z'), 'Europe/Amsterdam')).toBe('2020-12-14');
    expect(localDate(Date.parse('2020-12-14T22:30:00Z'), 'UTC')).toBe('2020-12-14');
  });

  it('accepts only real dates', () => {
    expect(isCalendarDate('2020-02-29')).toBe(true);
    expect(isCalendarDate('2021-02-29')).toBe(false);
    expect(isCalendarDate('2021-2-1')).toBe(false);
    expect(() => startOfLocalDay('gisteren', 'UTC')).toThrow(/not a date/);
  });
});
