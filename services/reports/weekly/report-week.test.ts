// The report's ISO week: week 53, the weeks of the clock changes, the label across months and years, bad input.
import { describe, expect, it } from 'vitest';
import { RequestError } from '../../request-error.js';
import {
  isoWeekOfDate,
  lastCompleteWeek,
  parseIsoWeek,
  previousWeek,
  reportWeek,
  weeksInIsoYear,
} from './report-week.js';

const TZ = 'Europe/Amsterdam';
const HOUR = 3_600_000;

function refused(value: string): string {
  try {
    parseIsoWeek(value);
  } catch (error) {
    expect(error).toBeInstanceOf(RequestError);
    expect((error as RequestError).statusCode).toBe(400);
    return (error as Error).message;
  }
  throw new Error(`"${value}" was accepted`);
}

describe('the report week', () => {
  it('is Monday to Monday local time, with its key and Dutch label', () => {
    const week = reportWeek('2021-W03', TZ);
    expect(week.fromMs).toBe(Date.parse('2021-01-17T23:00:00Z'));
    expect(week.toMs).toBe(Date.parse('2021-01-24T23:00:00Z'));
    expect(week.key).toBe('2021-W03');
    expect(week.label).toBe('week 3 (18 t/m 24 januari 2021)');
    expect(week.days).toEqual([
      '2021-01-18',
      '2021-01-19',
      '2021-01-20',
      '2021-01-21',
      '2021-01-22',
      '2021-01-23',
      '2021-01-24',
    ]);
  });

  it('has week 53 in a long year, across the turn of the year', () => {
    expect(weeksInIsoYear(2020)).toBe(53);
    expect(weeksInIsoYear(2021)).toBe(52);
    expect(weeksInIsoYear(2026)).toBe(53);
    const week = reportWeek('2020-W53', TZ);
    expect(week.label).toBe('week 53 (28 december 2020 t/m 3 januari 2021)');
    expect(week.fromMs).toBe(Date.parse('2020-12-27T23:00:00Z'));
    expect(isoWeekOfDate('2021-01-03')).toEqual({ year: 2020, week: 53 });
    expect(isoWeekOfDate('2021-01-04')).toEqual({ year: 2021, week: 1 });
    expect(previousWeek({ year: 2021, week: 1 })).toEqual({ year: 2020, week: 53 });
    expect(previousWeek({ year: 2022, week: 1 })).toEqual({ year: 2021, week: 52 });
    expect(refused('2021-W53')).toBe(
      'week: 2021 has ISO weeks 1 to 52; week 53 does not exist (got "2021-W53")',
    );
  });

  it('is 167 hours in the week of the spring clock change and 169 in the autumn one', () => {
    const spring = reportWeek('2021-W12', TZ); // 22 to 28 March 2021, clocks forward on the 28th
    expect((spring.toMs - spring.fromMs) / HOUR).toBe(167);
    expect(spring.toMs).toBe(Date.parse('2021-03-28T22:00:00Z'));
    const autumn = reportWeek('2021-W43', TZ); // 25 to 31 October 2021, clocks back on the 31st
    expect((autumn.toMs - autumn.fromMs) / HOUR).toBe(169);
    expect(autumn.label).toBe('week 43 (25 t/m 31 oktober 2021)');
    expect(reportWeek('2021-W05', TZ).label).toBe('week 5 (1 t/m 7 februari 2021)');
    expect(reportWeek('2021-W04', TZ).label).toBe('week 4 (25 t/m 31 januari 2021)');
    expect(reportWeek('2021-W13', TZ).label).toBe('week 13 (29 maart t/m 4 april 2021)');
  });

  it('refuses what is not a week, naming the parameter', () => {
    expect(refused('2021-3')).toBe(
      'week: expected an ISO week written as YYYY-Www (for example 2021-W03), got "2021-3"',
    );
    expect(refused('2021-W3')).toContain('YYYY-Www');
    expect(refused('')).toContain('week: expected');
    expect(refused('2021-W00')).toContain('week 0 does not exist');
    expect(refused('2020-W54')).toContain('2020 has ISO weeks 1 to 53');
    expect(refused('1999-W10')).toContain('outside 2000..2100');
  });

  it('knows the last complete week of a moment', () => {
    // Monday 25 January 2021 08:00 local: the report is about week 3.
    expect(lastCompleteWeek(Date.parse('2021-01-25T07:00:00Z'), TZ)).toEqual({ year: 2021, week: 3 });
    // Sunday 24 January 23:30 local is still in week 3, so the last complete one is week 2.
    expect(lastCompleteWeek(Date.parse('2021-01-24T22:30:00Z'), TZ)).toEqual({ year: 2021, week: 2 });
  });
});
