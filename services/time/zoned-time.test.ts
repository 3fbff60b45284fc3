import { describe, expect, it } from 'vitest';
import { TimeZone, endOfLocalDay, localDateTime, startOfLocalDay, toWallClock } from './zoned-time.js';

const amsterdam = TimeZone.of('Europe/Amsterdam');
const iso = (ms: number): string => new Date(ms).toISOString();
const HOUR = 3_600_000;

describe('Europe/Amsterdam in spring (last Sunday of March, 02:00 -> 03:00)', () => {
  it('moves the offset from +1 to +2 hours at 01:00 UTC', () => {
    expect(amsterdam.offsetAt(Date.parse('2021-03-28T00:59:59.999Z'))).toBe(HOUR);
    expect(amsterdam.offsetAt(Date.parse('2021-03-28T01:00:00Z'))).toBe(2 * HOUR);
    expect(iso(amsterdam.wallClock(Date.parse('2021-03-28T00:59:59.999Z')))).toBe('2021-03-28T01:59:59.999Z');
    expect(iso(amsterdam.wallClock(Date.parse('2021-03-28T01:00:00Z')))).toBe('2021-03-28T03:00:00.000Z');
  });

  it('reads a time in the gap with the offset from before it', () => {
    expect(iso(amsterdam.toUtc(2021, 3, 28, 1, 59, 0))).toBe('2021-03-28T00:59:00.000Z');
    expect(iso(amsterdam.toUtc(2021, 3, 28, 2, 0, 0))).toBe('2021-03-28T01:00:00.000Z');
    expect(iso(amsterdam.toUtc(2021, 3, 28, 2, 30, 0))).toBe('2021-03-28T01:30:00.000Z');
    expect(iso(amsterdam.toUtc(2021, 3, 28, 3, 0, 0))).toBe('2021-03-28T01:00:00.000Z');
  });

  it('has a day of 23 hours', () => {
    expect(iso(startOfLocalDay('2021-03-28', 'Europe/Amsterdam'))).toBe('2021-03-27T23:00:00.000Z');
    expect(
      endOfLocalDay('2021-03-28', 'Europe/Amsterdam') - startOfLocalDay('2021-03-28', 'Europe/Amsterdam'),
    ).toBe(23 * HOUR);
  });
});

describe('Europe/Amsterdam in autumn (last Sunday of October, 03:00 -> 02:00)', () => {
  it('reads the hour that occurs twice from both instants', () => {
    const first = Date.parse('2021-10-31T00:30:00Z');
    const second = Date.parse('2021-10-31T01:30:00Z');
    expect(amsterdam.offsetAt(first)).toBe(2 * HOUR);
    expect(amsterdam.offsetAt(second)).toBe(HOUR);
    expect(amsterdam.fieldsAt(first)).toEqual(amsterdam.fieldsAt(second));
    expect(amsterdam.fieldsAt(second)).toEqual({
      year: 2021,
      month: 10,
      day: 31,
      hour: 2,
      minute: 30,
      second: 0,
      millisecond: 0,
      weekday: 0,
    });
  });

  it('takes the first occurrence of a time that occurs twice', () => {
    expect(iso(amsterdam.toUtc(2021, 10, 31, 1, 59, 0))).toBe('2021-10-30T23:59:00.000Z');
    expect(iso(amsterdam.toUtc(2021, 10, 31, 2, 30, 0))).toBe('2021-10-31T00:30:00.000Z');
    expect(iso(amsterdam.toUtc(2021, 10, 31, 3, 0, 0))).toBe('2021-10-31T02:00:00.000Z');
  });

  it('has a day of 25 hours and names its dates and times locally', () => {
    expect(
      endOfLocalDay('2021-10-31', 'Europe/Amsterdam') - startOfLocalDay('2021-10-31', 'Europe/Amsterdam'),
    ).toBe(25 * HOUR);
    expect(amsterdam.localDate(Date.parse('2021-10-30T21:59:59Z'))).toBe('2021-10-30');
    expect(amsterdam.localDate(Date.parse('2021-10-30T22:00:00Z'))).toBe('2021-10-31');
    expect(localDateTime(Date.parse('2021-10-31T01:30:59Z'), 'Europe/Amsterdam')).toBe('2021-10-31 02:30');
  });
});

describe('other zones', () => {
  it('follows America/New_York, which changes at 02:00 local time on other Sundays', () => {
    const newYork = TimeZone.of('America/New_York');
    expect(iso(newYork.toUtc(2021, 3, 14, 2, 30, 0))).toBe('2021-03-14T07:30:00.000Z');
    expect(iso(newYork.toUtc(2021, 11, 7, 1, 30, 0))).toBe('2021-11-07T05:30:00.000Z');
    expect(newYork.offsetAt(Date.parse('2021-11-07T06:30:00Z'))).toBe(-5 * HOUR);
  });

  it('starts a day at its first instant where the clock jumps at midnight (America/Sao_Paulo, 2018)', () => {
    // 4 November 2018: 00:00 -03 became 01:00 -02, so the day began at 01:00.
    expect(iso(startOfLocalDay('2018-11-04', 'America/Sao_Paulo'))).toBe('2018-11-04T03:00:00.000Z');
    expect(TimeZone.of('America/Sao_Paulo').localDate(Date.parse('2018-11-04T02:59:59Z'))).toBe('2018-11-03');
  });

  it('follows a change in the middle of a UTC hour (Australia/Lord_Howe moves half an hour at 15:30 UTC)', () => {
    const lordHowe = TimeZone.of('Australia/Lord_Howe');
    expect(lordHowe.offsetAt(Date.parse('2021-10-02T15:29:59Z'))).toBe(10.5 * HOUR);
    expect(lordHowe.offsetAt(Date.parse('2021-10-02T15:30:00Z'))).toBe(11 * HOUR);
    expect(toWallClock(Date.parse('2021-10-02T15:45:00Z'), 'Australia/Lord_Howe')).toBe(
      Date.parse('2021-10-03T02:45:00Z'),
    );
  });

  it('shares one instance per name and refuses names that are not zones', () => {
    expect(TimeZone.of('Europe/Amsterdam')).toBe(amsterdam);
    expect(() => TimeZone.of('Europe/Nowhere')).toThrow(RangeError);
    expect(() => startOfLocalDay('28-03-2021', 'Europe/Amsterdam')).toThrow(/"28-03-2021" is not a date/);
  });
});
