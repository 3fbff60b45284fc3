import { describe, expect, it } from 'vitest';
import { lastDueDigest, lastDueWeek, parseTimeOfDay, parseWeeklySchedule } from './report-schedule.js';

const TZ = 'Europe/Amsterdam';
const MONDAY_8 = { weekday: 1, minutes: 8 * 60 };
const at = (iso: string) => Date.parse(iso);

describe('parsing the schedule', () => {
  it('reads a weekday and a time, in English or Dutch', () => {
    expect(parseWeeklySchedule('monday 08:00')).toEqual(MONDAY_8);
    expect(parseWeeklySchedule(' Vrijdag  16:45 ')).toEqual({ weekday: 5, minutes: 16 * 60 + 45 });
    expect(parseTimeOfDay('08:30')).toBe(510);
  });

  it('refuses what is not a weekday and a time', () => {
    for (const bad of ['monday', 'mon 08:00', 'monday 8:00', 'monday 24:00', 'monday 08:00 extra', ''])
      expect(parseWeeklySchedule(bad)).toMatch(/expected a weekday and a local time/);
    for (const bad of ['8:30', '24:00', '12:60', 'noon']) expect(parseTimeOfDay(bad)).toBeNull();
  });
});

describe('the weekly report due last', () => {
  it('on Monday at 08:00 local time (07:00 UTC in winter) is the ISO week that just ended', () => {
    const due = lastDueWeek(at('2021-01-25T07:00:00Z'), MONDAY_8, TZ);
    expect(due.period.key).toBe('2021-W03');
    expect(due.dueAt).toBe(at('2021-01-25T07:00:00Z'));
    expect(due.period.fromMs).toBe(at('2021-01-17T23:00:00Z'));
    expect(due.period.toMs).toBe(at('2021-01-24T23:00:00Z'));
  });

  it('before 08:00 on Monday is still the week before, already sent last Monday', () => {
    const due = lastDueWeek(at('2021-01-25T06:59:59Z'), MONDAY_8, TZ);
    expect(due.period.key).toBe('2021-W02');
    expect(due.dueAt).toBe(at('2021-01-18T07:00:00Z'));
  });

  it('after a missed Monday (down from Sunday to Thursday) is that Monday`s week once, not the weeks before', () => {
    const thursday = lastDueWeek(at('2021-01-28T12:00:00Z'), MONDAY_8, TZ);
    const friday = lastDueWeek(at('2021-01-29T12:00:00Z'), MONDAY_8, TZ);
    expect(thursday.period.key).toBe('2021-W03');
    expect(friday.period.key).toBe('2021-W03');
    // Three weeks down: only the last due week.
    expect(lastDueWeek(at('2021-02-17T12:00:00Z'), MONDAY_8, TZ).period.key).toBe('2021-W06');
  });

  it('across the spring clock change: the Monday after is 08:00 summer time (06:00 UTC), the week 167 hours', () => {
    // Clocks went forward on Sunday 28 March 2021.
    const due = lastDueWeek(at('2021-03-29T06:00:00Z'), MONDAY_8, TZ);
    expect(due.period.key).toBe('2021-W12');
    expect(due.dueAt).toBe(at('2021-03-29T06:00:00Z'));
    expect((due.period.toMs - due.period.fromMs) / 3_600_000).toBe(167);
    expect(lastDueWeek(at('2021-03-29T05:59:00Z'), MONDAY_8, TZ).period.key).toBe('2021-W11');
  });

  it('across the autumn clock change: 08:00 winter time (07:00 UTC), the week 169 hours', () => {
    // Clocks went back on Sunday 31 October 2021.
    const due = lastDueWeek(at('2021-11-01T07:00:00Z'), MONDAY_8, TZ);
    expect(due.period.key).toBe('2021-W43');
    expect((due.period.toMs - due.period.fromMs) / 3_600_000).toBe(169);
    expect(lastDueWeek(at('2021-11-01T06:30:00Z'), MONDAY_8, TZ).period.key).toBe('2021-W42');
  });

  it('a Sunday 02:30 schedule on the spring-forward night is 03:30 summer time', () => {
    const due = lastDueWeek(at('2021-03-28T02:00:00Z'), { weekday: 7, minutes: 150 }, TZ);
    expect(due.dueAt).toBe(at('2021-03-28T01:30:00Z'));
    expect(due.period.key).toBe('2021-W11');
  });

  it('over a new year: the week 2020-W53 is reported on Monday 4 January 2021', () => {
    expect(lastDueWeek(at('2021-01-04T07:00:00Z'), MONDAY_8, TZ).period.key).toBe('2020-W53');
  });
});

describe('the daily digest due last', () => {
  it('at the configured time is the 24 hours before it, keyed by its date', () => {
    const due = lastDueDigest(at('2021-01-18T07:30:00Z'), 8 * 60 + 30, TZ);
    expect(due.period.key).toBe('2021-01-18');
    expect(due.period.fromMs).toBe(at('2021-01-17T07:30:00Z'));
    expect(due.period.toMs).toBe(at('2021-01-18T07:30:00Z'));
    expect(due.comparison.fromMs).toBe(at('2021-01-16T07:30:00Z'));
    expect(due.period.label).toBe('18 januari 2021 (de 24 uur tot 08:30)');
  });

  it('before the time is yesterday`s (already sent); after downtime only the last due day', () => {
    expect(lastDueDigest(at('2021-01-18T07:29:59Z'), 510, TZ).period.key).toBe('2021-01-17');
    expect(lastDueDigest(at('2021-01-21T23:00:00Z'), 510, TZ).period.key).toBe('2021-01-21');
  });

  it('on the day of a clock change (Sunday) covers 23 or 25 hours, the Monday after 24', () => {
    const spring = lastDueDigest(at('2021-03-28T06:30:00Z'), 510, TZ);
    expect((spring.period.toMs - spring.period.fromMs) / 3_600_000).toBe(23);
    const autumn = lastDueDigest(at('2021-10-31T07:30:00Z'), 510, TZ);
    expect((autumn.period.toMs - autumn.period.fromMs) / 3_600_000).toBe(25);
    const monday = lastDueDigest(at('2021-03-29T06:30:00Z'), 510, TZ);
    expect(monday.period.key).toBe('2021-03-29');
    expect((monday.period.toMs - monday.period.fromMs) / 3_600_000).toBe(24);
  });
});
