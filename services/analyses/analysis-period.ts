// The period of an analysis and the one it is compared with, from `from`, `to` and `compare`: each bound parsed like
// every other route's (range.ts), and every way a period can be wrong a 400 that names the parameter.
import { badRequest } from '../request-error.js';
import { shiftDays } from '../measures/measure-moments.js';
import { parseTime, type Range } from '../series/range.js';
import { localDate, startOfLocalDay } from '../time/zoned-time.js';

/** At most a year (366 days, so a leap year fits): longer asks for an annual report, not an analysis. */
export const MAX_PERIOD_DAYS = 366;
const DAY_MS = 86_400_000;

export interface AnalysisPeriods {
  period: Range;
  comparison: Range;
  /** `previous`: the same length of time just before the period; `custom`: the range given in `compare`. */
  comparisonKind: 'previous' | 'custom';
}

function bound(name: string, value: string, timeZone: string): number {
  const ms = parseTime(value, timeZone);
  if (ms === null)
    throw badRequest(
      `${name}: expected epoch milliseconds, an ISO 8601 time or a date (YYYY-MM-DD, a day in ${timeZone}), got "${value}"`,
    );
  return ms;
}

/** A checked [from, to): not empty, not reversed, not longer than a year; `name` is the parameter that is wrong. */
function checkedRange(name: string, fromMs: number, toMs: number, what: string): Range {
  const iso = (ms: number) => new Date(ms).toISOString();
  if (toMs === fromMs) throw badRequest(`${name}: ${what} is empty (from and to are both ${iso(fromMs)})`);
  if (toMs < fromMs)
    throw badRequest(`${name}: ${what} ends (${iso(toMs)}) before it starts (${iso(fromMs)})`);
  const days = (toMs - fromMs) / DAY_MS;
  if (days > MAX_PERIOD_DAYS)
    throw badRequest(
      `${name}: ${what} is ${Math.ceil(days)} days long; at most ${MAX_PERIOD_DAYS} days (a year) can be analysed at once`,
    );
  return { fromMs, toMs };
}

/**
 * The same length just before: as many local days when both bounds are local midnights (a week across a clock
 * change is then still the week before, midnight to midnight), otherwise the same number of milliseconds.
 */
export function previous(period: Range, timeZone: string): Range {
  const fromDate = localDate(period.fromMs, timeZone);
  const toDate = localDate(period.toMs, timeZone);
  const midnights =
    startOfLocalDay(fromDate, timeZone) === period.fromMs &&
    startOfLocalDay(toDate, timeZone) === period.toMs;
  if (!midnights) return { fromMs: period.fromMs - (period.toMs - period.fromMs), toMs: period.fromMs };
  const days = Math.round((Date.parse(toDate) - Date.parse(fromDate)) / DAY_MS);
  return { fromMs: startOfLocalDay(shiftDays(fromDate, -days), timeZone), toMs: period.fromMs };
}

export function analysisPeriods(
  query: { from: string; to: string; compare: string },
  timeZone: string,
): AnalysisPeriods {
  const period = checkedRange(
    'to',
    bound('from', query.from, timeZone),
    bound('to', query.to, timeZone),
    'the period',
  );
  const compare = query.compare.trim();
  if (compare === 'previous') {
    return { period, comparison: previous(period, timeZone), comparisonKind: 'previous' };
  }
  const parts = compare.split(',');
  if (parts.length !== 2)
    throw badRequest(
      `compare: expected "previous" or "<from>,<to>" (for example 2021-01-11,2021-01-18), got "${compare}"`,
    );
  const comparison = checkedRange(
    'compare',
    bound('compare', parts[0]!, timeZone),
    bound('compare', parts[1]!, timeZone),
    'the comparison period',
  );
  if (comparison.fromMs < period.toMs && period.fromMs < comparison.toMs)
    throw badRequest(
      'compare: the comparison period overlaps the period; a change needs two separate periods',
    );
  return { period, comparison, comparisonKind: 'custom' };
}
