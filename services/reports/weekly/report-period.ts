// A report of any run of whole local days (`--from 2021-01-18 --to 2021-02-01`, `to` exclusive as everywhere in the
// API) beside the ISO weeks of report-week.ts, and the period each report is compared with: the week before for a
// week, otherwise as many days just before. Every wrong period is a 400 naming `from` or `to`. Pure: no clock, no I/O.
import { MAX_PERIOD_DAYS } from '../../analyses/analysis-period.js';
import { shiftDays } from '../../measures/measure-moments.js';
import { badRequest } from '../../request-error.js';
import { localDate, startOfLocalDay } from '../../time/zoned-time.js';
import type { ReportPeriod } from '../report-types.js';
import {
  dutchDate,
  dutchDateSpan,
  isoWeekOfDate,
  previousWeek,
  reportWeek,
  weekKey,
  weekPeriod,
} from './report-week.js';
import { PERIOD_WORDS, WEEK_WORDS, type Wording } from './weekly-report-model.js';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

export type DayPeriod = ReportPeriod & { days: string[] };

/** A calendar date YYYY-MM-DD that exists (2021-02-29 does not); else a 400 naming `name`. */
function checkedDate(name: string, value: string): string {
  const trimmed = value.trim();
  const match = DATE.exec(trimmed);
  const ms = Date.parse(`${trimmed}T00:00:00Z`);
  if (match === null || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== trimmed)
    throw badRequest(
      `${name}: expected a date written as YYYY-MM-DD (for example 2021-01-18), got "${value}"`,
    );
  const year = Number(match[1]);
  if (year < 2000 || year > 2100) throw badRequest(`${name}: the year ${year} is outside 2000..2100`);
  return trimmed;
}

const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);

/** The local days [from, to) as a report period: key `2021-01-18_2021-02-01`, label "18 t/m 31 januari 2021". */
export function dayPeriod(from: string, to: string, timeZone: string): DayPeriod {
  const count = daysBetween(from, to);
  const days = Array.from({ length: count }, (_, i) => shiftDays(from, i));
  const last = days[days.length - 1]!;
  return {
    fromMs: startOfLocalDay(from, timeZone),
    toMs: startOfLocalDay(to, timeZone),
    key: `${from}_${to}`,
    label: count === 1 ? dutchDate(from) : dutchDateSpan(from, last),
    days,
  };
}

/**
 * `from` and `to` (exclusive) checked as a report period: dates that exist, at least one day, `to` after `from`,
 * at most a year (366 days, as the analysis allows). The 400 names the bound that is wrong (`to` for the length).
 */
export function reportRange(from: string, to: string, timeZone: string): DayPeriod {
  const first = checkedDate('from', from);
  const end = checkedDate('to', to);
  const count = daysBetween(first, end);
  if (count === 0)
    throw badRequest(
      `to: the period is empty (from and to are both ${first}); to is exclusive, so one day is --from ${first} --to ${shiftDays(first, 1)}`,
    );
  if (count < 0) throw badRequest(`to: the period ends (${end}) before it starts (${first})`);
  if (count > MAX_PERIOD_DAYS)
    throw badRequest(
      `to: the period is ${count} days long; a report covers at most ${MAX_PERIOD_DAYS} days (a year)`,
    );
  return dayPeriod(first, end, timeZone);
}

/**
 * The period a reader asked for: `week`, or `from` and `to`; neither is null (the caller picks its default). Both,
 * or one bound alone, is a 400 naming the parameter.
 */
export function askedReportPeriod(
  asked: { week?: string; from?: string; to?: string },
  timeZone: string,
): DayPeriod | null {
  if (asked.week !== undefined && (asked.from !== undefined || asked.to !== undefined))
    throw badRequest('week: give either week or from and to, not both');
  if (asked.from === undefined && asked.to !== undefined)
    throw badRequest('from: to needs from (the first day of the period, YYYY-MM-DD)');
  if (asked.from !== undefined && asked.to === undefined)
    throw badRequest('to: from needs to (the day after the period, YYYY-MM-DD; to is exclusive)');
  if (asked.week !== undefined) return reportWeek(asked.week, timeZone);
  if (asked.from !== undefined) return reportRange(asked.from, asked.to!, timeZone);
  return null;
}

/** A report period with the one it is compared with and how the report names them. */
export interface ReportSpan {
  current: DayPeriod;
  comparison: DayPeriod;
  wording: Wording;
}

/**
 * The span of a stored or asked period: an ISO week (key `2021-W03`) is compared with the week before, Monday to
 * Monday; any other run of days with as many local days just before it.
 */
export function reportSpan(period: ReportPeriod, timeZone: string): ReportSpan {
  const from = localDate(period.fromMs, timeZone);
  const to = localDate(period.toMs, timeZone);
  const week = isoWeekOfDate(from);
  if (period.key === weekKey(week))
    return {
      current: weekPeriod(week, timeZone),
      comparison: weekPeriod(previousWeek(week), timeZone),
      wording: WEEK_WORDS,
    };
  const count = daysBetween(from, to);
  return {
    current: dayPeriod(from, to, timeZone),
    comparison: dayPeriod(shiftDays(from, -count), from, timeZone),
    wording: PERIOD_WORDS,
  };
}
