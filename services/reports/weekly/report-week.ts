// The ISO week of a weekly report as a ReportPeriod: Monday 00:00 to the next Monday 00:00 local time (a week with a
// clock change is then 167 or 169 hours long), its key `2021-W03` and its Dutch label. Pure: no clock, no I/O.
import { badRequest } from '../../request-error.js';
import { localDate, startOfLocalDay } from '../../time/zoned-time.js';
import type { ReportPeriod } from '../report-types.js';

const DAY_MS = 86_400_000;
const WEEK_PATTERN = /^(\d{4})-W(\d{2})$/;

const MONTHS = [
  'januari',
  'februari',
  'maart',
  'april',
  'mei',
  'juni',
  'juli',
  'augustus',
  'september',
  'oktober',
  'november',
  'december',
];

export interface IsoWeek {
  year: number;
  week: number;
}

/** The Monday (YYYY-MM-DD) of ISO week 1 of a year: the week that holds 4 January. */
function mondayOfWeekOne(year: number): number {
  const jan4 = Date.UTC(year, 0, 4);
  const weekday = (new Date(jan4).getUTCDay() + 6) % 7; // Monday 0 .. Sunday 6
  return jan4 - weekday * DAY_MS;
}

/** 52 or 53: a year has week 53 when 28 December falls in it. */
export function weeksInIsoYear(year: number): number {
  return isoWeekOfDate(new Date(Date.UTC(year, 11, 28)).toISOString().slice(0, 10)).week;
}

/** The ISO week of a calendar date (YYYY-MM-DD): 2021-01-03 is in 2020-W53. */
export function isoWeekOfDate(date: string): IsoWeek {
  const day = Date.parse(`${date}T00:00:00Z`);
  const weekday = (new Date(day).getUTCDay() + 6) % 7;
  const thursday = day + (3 - weekday) * DAY_MS; // the week's Thursday decides its year
  const year = new Date(thursday).getUTCFullYear();
  return { year, week: Math.floor((thursday - mondayOfWeekOne(year)) / (7 * DAY_MS)) + 1 };
}

export function weekKey(week: IsoWeek): string {
  return `${week.year}-W${String(week.week).padStart(2, '0')}`;
}

/** `2021-W03` checked: the form, and a week number the year has (1..52, or 53 in a long year); else a 400 on `week`. */
export function parseIsoWeek(value: string): IsoWeek {
  const match = WEEK_PATTERN.exec(value.trim());
  if (match === null)
    throw badRequest(`week: expected an ISO week written as YYYY-Www (for example 2021-W03), got "${value}"`);
  const year = Number(match[1]);
  const week = Number(match[2]);
  if (year < 2000 || year > 2100)
    throw badRequest(`week: the year ${year} is outside 2000..2100, got "${value}"`);
  const weeks = weeksInIsoYear(year);
  if (week < 1 || week > weeks)
    throw badRequest(
      `week: ${year} has ISO weeks 1 to ${weeks}; week ${week} does not exist (got "${value}")`,
    );
  return { year, week };
}

function dutchDay(date: string, withMonth: boolean, withYear: boolean): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return [String(day), withMonth ? MONTHS[month - 1] : null, withYear ? String(year) : null]
    .filter((part) => part !== null)
    .join(' ');
}

/** "18 t/m 24 januari 2021", "29 januari t/m 4 februari 2021", "28 december 2020 t/m 3 januari 2021". */
export function dutchDateSpan(first: string, last: string): string {
  const sameYear = first.slice(0, 4) === last.slice(0, 4);
  const sameMonth = sameYear && first.slice(5, 7) === last.slice(5, 7);
  return `${dutchDay(first, !sameMonth, !sameYear)} t/m ${dutchDay(last, true, true)}`;
}

/** A long Dutch date: "18 januari 2021". */
export function dutchDate(date: string): string {
  return dutchDay(date, true, true);
}

/** The period of an ISO week in the time zone, with key and Dutch label ("week 3 (18 t/m 24 januari 2021)"). */
export function weekPeriod(week: IsoWeek, timeZone: string): ReportPeriod & { days: string[] } {
  const monday = mondayOfWeekOne(week.year) + (week.week - 1) * 7 * DAY_MS;
  const days = Array.from({ length: 7 }, (_, i) => new Date(monday + i * DAY_MS).toISOString().slice(0, 10));
  const nextMonday = new Date(monday + 7 * DAY_MS).toISOString().slice(0, 10);
  return {
    fromMs: startOfLocalDay(days[0]!, timeZone),
    toMs: startOfLocalDay(nextMonday, timeZone),
    key: weekKey(week),
    label: `week ${week.week} (${dutchDateSpan(days[0]!, days[6]!)})`,
    days,
  };
}

/** The period of `2021-W03` (checked: see parseIsoWeek). */
export function reportWeek(value: string, timeZone: string): ReportPeriod & { days: string[] } {
  return weekPeriod(parseIsoWeek(value), timeZone);
}

/** The week before: 2021-W01 -> 2020-W53. */
export function previousWeek(week: IsoWeek): IsoWeek {
  if (week.week > 1) return { year: week.year, week: week.week - 1 };
  return { year: week.year - 1, week: weeksInIsoYear(week.year - 1) };
}

/** The last complete week before an instant (the one a Monday's report is about). */
export function lastCompleteWeek(nowMs: number, timeZone: string): IsoWeek {
  return previousWeek(isoWeekOfDate(localDate(nowMs, timeZone)));
}
