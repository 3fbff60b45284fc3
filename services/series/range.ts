// Time ranges from query parameters, parsed in one place for every route: epoch milliseconds (as Grafana sends
// them), an ISO 8601 instant, or a date without a time, which is the start of that day in the audience's time zone.
// `to` is exclusive, so `from=2021-01-23&to=2021-01-24` is exactly the local day of 23 January.
import { isRealDate } from '../time/calendar-date.js';
import { TimeZone } from '../time/zoned-time.js';
import { badRequest } from '../request-error.js';

export interface Range {
  fromMs: number;
  toMs: number;
}

const DEFAULT_SPAN_MS = 7 * 86_400_000;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The instant local midnight starts on a calendar date in `timeZone`; null for a date that does not exist. */
export function localMidnight(year: number, month: number, day: number, timeZone: string): number | null {
  return isRealDate(year, month, day) ? TimeZone.of(timeZone).startOfDay(year, month, day) : null;
}

/**
 * Parses epoch milliseconds (digits), an ISO 8601 instant, or a date alone (`YYYY-MM-DD`, local midnight in
 * `timeZone`); null when it is none of these.
 */
export function parseTime(value: string, timeZone: string): number | null {
  const trimmed = value.trim();
  if (/^-?\d+$/.test(trimmed)) {
    const ms = Number(trimmed);
    return Number.isSafeInteger(ms) ? ms : null;
  }
  const date = DATE_ONLY.exec(trimmed);
  if (date) return localMidnight(Number(date[1]), Number(date[2]), Number(date[3]), timeZone);
  if (!/^\d{4}-\d{2}-\d{2}/.test(trimmed)) return null;
  const ms = Date.parse(trimmed);
  return Number.isNaN(ms) ? null : ms;
}

/** [from, to) from query parameters; `to` defaults to now and `from` to a week before `to`. */
export function resolveRange(
  from: string | undefined,
  to: string | undefined,
  timeZone: string,
  now = Date.now(),
): Range {
  const parse = (name: string, value: string | undefined): number | null => {
    if (value === undefined || value === '') return null;
    const ms = parseTime(value, timeZone);
    if (ms === null)
      throw badRequest(
        `${name}: expected epoch milliseconds, an ISO 8601 time or a date (YYYY-MM-DD, a day in ${timeZone}), got "${value}"`,
      );
    return ms;
  };
  const toMs = parse('to', to) ?? now;
  const fromMs = parse('from', from) ?? toMs - DEFAULT_SPAN_MS;
  if (fromMs >= toMs)
    throw badRequest(
      `from (${new Date(fromMs).toISOString()}) must be before to (${new Date(toMs).toISOString()})`,
    );
  return { fromMs, toMs };
}
