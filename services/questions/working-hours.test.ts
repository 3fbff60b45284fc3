import { describe, expect, it } from 'vitest';
import { dueAt, isOpen, parseOpeningWindow, type WorkingCalendar } from './working-hours.js';

const weekdays = { from: 8 * 60 + 30, to: 17 * 60 };
const calendar: WorkingCalendar = {
  timeZone: 'Europe/Amsterdam',
  opening: { monday: weekdays, tuesday: weekdays, wednesday: weekdays, thursday: weekdays, friday: weekdays },
  holidays: new Set(['2026-12-25', '2027-04-27']),
};
const at = (iso: string) => Date.parse(iso);
const due = (iso: string, minutes: number) => new Date(dueAt(calendar, at(iso), minutes)).toISOString();

describe('due times in working hours', () => {
  it('counts within one day', () => {
    // Tuesday 10:00 local (09:00Z) + 3h.
    expect(due('2026-12-01T09:00:00Z', 180)).toBe('2026-12-01T12:00:00.000Z');
  });
  it('starts at the next opening when received outside opening hours', () => {
    expect(due('2026-12-01T20:00:00Z', 60)).toBe('2026-12-02T08:30:00.000Z');
    expect(due('2026-12-01T05:00:00Z', 30)).toBe('2026-12-01T08:00:00.000Z');
  });
  it('skips the weekend', () => {
    // Saturday: nothing counts until Monday 08:30 local.
    expect(due('2026-12-05T11:00:00Z', 60)).toBe('2026-12-07T08:30:00.000Z');
    // Friday 16:00 local + 2h: one hour on Friday, one on Monday.
    expect(due('2026-12-04T15:00:00Z', 120)).toBe('2026-12-07T08:30:00.000Z');
  });
  it('skips a holiday', () => {
    // Thursday 24 December 16:30 local + 90 min: 30 on Thursday, Friday 25 is a holiday, then Monday.
    expect(due('2026-12-24T15:30:00Z', 90)).toBe('2026-12-28T08:30:00.000Z');
    // Koningsdag on a Tuesday in summer time (UTC+2).
    expect(due('2027-04-26T14:00:00Z', 120)).toBe('2027-04-28T07:30:00.000Z');
  });
  it('keeps local opening hours across the change to winter time', () => {
    // Friday 23 October 2026 16:00 CEST + 2h -> Monday 26 October 09:30 CET (08:30Z).
    expect(due('2026-10-23T14:00:00Z', 120)).toBe('2026-10-26T08:30:00.000Z');
  });
  it('answers whether the municipality is open', () => {
    expect(isOpen(calendar, at('2026-12-01T09:00:00Z'))).toBe(true);
    expect(isOpen(calendar, at('2026-12-25T09:00:00Z'))).toBe(false);
    expect(isOpen(calendar, at('2026-12-05T09:00:00Z'))).toBe(false);
  });
  it('refuses windows that are not windows and calendars without opening', () => {
    expect(() => parseOpeningWindow('17:00-08:30')).toThrow(/end must come after the start/);
    expect(() => parseOpeningWindow('negen tot vijf')).toThrow(/not an opening window/);
    expect(() => dueAt({ ...calendar, opening: {} }, at('2026-12-01T09:00:00Z'), 60)).toThrow(
      /no opening hours/,
    );
  });
});
