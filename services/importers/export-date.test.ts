import { describe, expect, it } from 'vitest';

import { hasTimeOfDay, parseExportDate, parseTimeOfDay } from './export-date.js';
import { TimeZone } from '../time/zoned-time.js';

const amsterdam = TimeZone.of('Europe/Amsterdam');
const iso = (cell: Parameters<typeof parseExportDate>[0], zone = amsterdam): string | null => {
  const result = parseExportDate(cell, zone);
  return typeof result === 'number' ? new Date(result).toISOString() : result;
};

describe('TimeZone', () => {
  it('uses winter and summer time', () => {
    expect(new Date(amsterdam.toUtc(2021, 1, 29, 14, 5, 0)).toISOString()).toBe('2021-01-29T13:05:00.000Z');
    expect(new Date(amsterdam.toUtc(2021, 7, 1, 14, 5, 0)).toISOString()).toBe('2021-07-01T12:05:00.000Z');
  });

  it('takes the first of a repeated autumn hour and moves a spring gap time forward', () => {
    expect(new Date(amsterdam.toUtc(2021, 10, 31, 2, 30, 0)).toISOString()).toBe('2021-10-31T00:30:00.000Z');
    expect(new Date(amsterdam.toUtc(2021, 10, 31, 3, 0, 0)).toISOString()).toBe('2021-10-31T02:00:00.000Z');
    expect(new Date(amsterdam.toUtc(2021, 10, 31, 1, 59, 0)).toISOString()).toBe('2021-10-30T23:59:00.000Z');
    expect(new Date(amsterdam.toUtc(2021, 3, 28, 2, 30, 0)).toISOString()).toBe('2021-03-28T01:30:00.000Z');
    expect(new Date(amsterdam.toUtc(2021, 3, 28, 1, 59, 0)).toISOString()).toBe('2021-03-28T00:59:00.000Z');
    expect(new Date(amsterdam.toUtc(2021, 3, 28, 3, 0, 0)).toISOString()).toBe('2021-03-28T01:00:00.000Z');
  });

  it('works for other zones and rejects unknown ones', () => {
    const newYork = TimeZone.of('America/New_York');
    expect(new Date(newYork.toUtc(2021, 3, 14, 2, 30, 0)).toISOString()).toBe('2021-03-14T07:30:00.000Z');
    expect(() => TimeZone.of('Europe/Nowhere')).toThrow(RangeError);
  });
});

describe('parseExportDate', () => {
  it('reads day-first dates with and without a time, with -, / or . and two-digit years', () => {
    expect(iso('29-1-2021')).toBe('2021-01-28T23:00:00.000Z');
    expect(iso('29-1-2021 14:05')).toBe('2021-01-29T13:05:00.000Z');
    expect(iso('29-01-2021 14:05:33')).toBe('2021-01-29T13:05:33.000Z');
    expect(iso('29/1/2021 9:05')).toBe('2021-01-29T08:05:00.000Z');
    expect(iso('29.1.21 14.05')).toBe('2021-01-29T13:05:00.000Z');
    expect(iso(' 29-1-2021 14:05 ')).toBe('2021-01-29T13:05:00.000Z');
  });

  it('says which dates do not exist and which cannot be read', () => {
    expect(iso('31-02-2021')).toBe('nonexistent');
    expect(iso('29-2-2021')).toBe('nonexistent');
    expect(iso('29-2-2020')).toBe('2020-02-28T23:00:00.000Z');
    expect(iso('1-13-2021')).toBe('nonexistent');
    expect(iso('29-1-2021 24:00')).toBe('nonexistent');
    expect(iso('29-1-2021 12:60')).toBe('nonexistent');
    expect(iso('1-1-1850')).toBe('out-of-range');
    expect(iso('gisteren')).toBe('unreadable');
    expect(iso('2021-1-29T')).toBe('unreadable');
    expect(iso(null)).toBe('unreadable');
  });

  it('reads ISO dates, with an offset or in the import time zone', () => {
    expect(iso('2021-01-29 14:05')).toBe('2021-01-29T13:05:00.000Z');
    expect(iso('2021-01-29 14:05:00.0')).toBe('2021-01-29T13:05:00.000Z');
    expect(iso('2021-01-29T14:05:00.250Z')).toBe('2021-01-29T14:05:00.250Z');
    expect(iso('2021-01-29T14:05:00+0100')).toBe('2021-01-29T13:05:00.000Z');
    expect(iso('2021-01-29T14:05:00-05:00')).toBe('2021-01-29T19:05:00.000Z');
    expect(iso('2021-02-30 10:00')).toBe('nonexistent');
    expect(iso('2021-01-29 14:05', TimeZone.of('UTC'))).toBe('2021-01-29T14:05:00.000Z');
  });

  it('reads month names in English and Dutch, with 12-hour times', () => {
    expect(iso('29-Jan-2021 02:05PM')).toBe('2021-01-29T13:05:00.000Z');
    expect(iso('29-Jan-2021 12:05 AM')).toBe('2021-01-28T23:05:00.000Z');
    expect(iso('29 januari 2021 14:05')).toBe('2021-01-29T13:05:00.000Z');
    expect(iso('3 mrt 2021')).toBe('2021-03-02T23:00:00.000Z');
    expect(iso('Jan 29, 2021')).toBe('2021-01-28T23:00:00.000Z');
    expect(iso('Jan 29, 2021 2:05 PM')).toBe('2021-01-29T13:05:00.000Z');
    expect(iso('29-Foo-2021')).toBe('unreadable');
    expect(iso('29-Jan-2021 13:05PM')).toBe('nonexistent');
  });

  it('reads epoch milliseconds and seconds, Excel serial numbers and date cells', () => {
    expect(iso('1611925500000')).toBe('2021-01-29T13:05:00.000Z');
    expect(iso(1611925500000)).toBe('2021-01-29T13:05:00.000Z');
    expect(iso(1611925500)).toBe('2021-01-29T13:05:00.000Z');
    // 44225 is 29-1-2021 in Excel's day count; .5 is noon, wall-clock time in the import zone.
    expect(iso(44225.5)).toBe('2021-01-29T11:00:00.000Z');
    expect(iso(new Date(Date.UTC(2021, 0, 29, 14, 5)))).toBe('2021-01-29T13:05:00.000Z');
    expect(iso(new Date(Number.NaN))).toBe('unreadable');
    expect(iso(-1)).toBe('unreadable');
  });
});

describe('time-of-day helpers', () => {
  it('reads a separate time cell and tells whether a date has a time', () => {
    expect(parseTimeOfDay('02:05 PM')).toBe((14 * 60 + 5) * 60_000);
    expect(parseTimeOfDay('14:05:30')).toBe((14 * 60 + 5) * 60_000 + 30_000);
    expect(parseTimeOfDay(0.5)).toBe(12 * 3_600_000);
    expect(parseTimeOfDay('later')).toBeNull();
    expect(hasTimeOfDay('29-Jan-2021 02:05PM')).toBe(true);
    expect(hasTimeOfDay('29-Jan-2021')).toBe(false);
    expect(hasTimeOfDay(new Date(Date.UTC(2021, 0, 29)))).toBe(false);
  });
});
