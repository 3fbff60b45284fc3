// Reads the date cells of listening-tool exports. Numeric dates are always day-first (Dutch users, Dutch tools);
// times without an offset are wall-clock times in the import's time zone (see ../time/zoned-time.ts for the DST rule).
import type { ExportCell } from './export-cell.js';
import type { TimeZone } from '../time/zoned-time.js';

/** Why a date cell gave no instant. */
export type DateProblem = 'unreadable' | 'nonexistent' | 'out-of-range';

/** Years outside this range are typing or conversion errors in a social-listening export. */
const MIN_YEAR = 1970;
const MAX_YEAR = 2100;

const DAY_FIRST = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})(?:[ T]+(\d{1,2})[:.](\d{2})(?::(\d{2}))?)?$/;
const ISO_LIKE =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
// 29-Jan-2021, 29 Jan 2021, 29 januari 2021, each optionally with 2:05PM / 14:05 / 14:05:33
const DAY_MONTH_NAME =
  /^(\d{1,2})[- ]([a-z]{3,9})\.?[- ](\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap]\.?m\.?)?)?$/i;
// Jan 29, 2021 (Meltwater's "Alternate Date Format"), optionally with a time
const MONTH_NAME_DAY =
  /^([a-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap]\.?m\.?)?)?$/i;
const DIGITS = /^\d{9,13}$/;
const TIME_OF_DAY = /^(\d{1,2})[:.](\d{2})(?::(\d{2}))?\s*([ap]\.?m\.?)?$/i;

const MONTHS = new Map<string, number>();
for (const [names, month] of [
  [['jan', 'january', 'januari'], 1],
  [['feb', 'february', 'februari'], 2],
  [['mar', 'mrt', 'march', 'maart'], 3],
  [['apr', 'april'], 4],
  [['may', 'mei'], 5],
  [['jun', 'june', 'juni'], 6],
  [['jul', 'july', 'juli'], 7],
  [['aug', 'august', 'augustus'], 8],
  [['sep', 'sept', 'september'], 9],
  [['oct', 'okt', 'october', 'oktober'], 10],
  [['nov', 'november'], 11],
  [['dec', 'december'], 12],
] as const) {
  for (const name of names) MONTHS.set(name, month);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  if (month !== 2) return DAYS_IN_MONTH[month - 1] ?? 0;
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
}

/** An instant from wall-clock fields, or the reason there is none. */
export function wallClockInstant(
  zone: TimeZone,
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  ms = 0,
): number | DateProblem {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return 'nonexistent';
  if (hour > 23 || minute > 59 || second > 59) return 'nonexistent';
  if (year < MIN_YEAR || year > MAX_YEAR) return 'out-of-range';
  return zone.toUtc(year, month, day, hour, minute, second, ms);
}

function num(text: string | undefined): number {
  return text === undefined ? 0 : Number(text);
}

function hour12(hour: number, meridiem: string | undefined): number {
  if (meridiem === undefined) return hour;
  if (hour < 1 || hour > 12) return 99; // makes the time nonexistent
  const pm = meridiem.charAt(0).toLowerCase() === 'p';
  return (hour % 12) + (pm ? 12 : 0);
}

function twoDigitYear(text: string): number {
  const year = Number(text);
  return text.length === 2 ? 2000 + year : year;
}

function inRange(ms: number): number | DateProblem {
  const year = new Date(ms).getUTCFullYear();
  return year < MIN_YEAR || year > MAX_YEAR ? 'out-of-range' : ms;
}

/**
 * Parses a date cell as written by listening tools: D-M-YYYY [H:MM[:SS]] (also with / or .), YYYY-MM-DD[ T]HH:MM[:SS[.fff]]
 * with an optional Z or offset, 29-Jan-2021 [2:05PM], Jan 29, 2021, epoch seconds or milliseconds, and from XLSX a
 * date cell or an Excel serial number. Returns UTC milliseconds or the problem.
 */
export function parseExportDate(cell: ExportCell, zone: TimeZone): number | DateProblem {
  if (cell instanceof Date) {
    // Spreadsheet readers give a date cell's wall-clock time as if it were UTC.
    if (Number.isNaN(cell.getTime())) return 'unreadable';
    return wallClockInstant(
      zone,
      cell.getUTCFullYear(),
      cell.getUTCMonth() + 1,
      cell.getUTCDate(),
      cell.getUTCHours(),
      cell.getUTCMinutes(),
      cell.getUTCSeconds(),
      cell.getUTCMilliseconds(),
    );
  }
  if (typeof cell === 'number') return numericDate(cell, zone);
  if (cell === null) return 'unreadable';
  const text = cell.trim();

  let m = DAY_FIRST.exec(text);
  if (m !== null) {
    return wallClockInstant(zone, twoDigitYear(m[3]!), num(m[2]), num(m[1]), num(m[4]), num(m[5]), num(m[6]));
  }
  m = ISO_LIKE.exec(text);
  if (m !== null) return isoInstant(m, zone);
  m = DAY_MONTH_NAME.exec(text);
  if (m !== null) return namedMonthInstant(zone, m[3]!, m[2]!, m[1]!, m[4], m[5], m[6], m[7]);
  m = MONTH_NAME_DAY.exec(text);
  if (m !== null) return namedMonthInstant(zone, m[3]!, m[1]!, m[2]!, m[4], m[5], m[6], m[7]);
  if (DIGITS.test(text)) return numericDate(Number(text), zone);
  return 'unreadable';
}

function isoInstant(m: RegExpExecArray, zone: TimeZone): number | DateProblem {
  const year = num(m[1]);
  const month = num(m[2]);
  const day = num(m[3]);
  const hour = num(m[4]);
  const minute = num(m[5]);
  const second = num(m[6]);
  const ms = m[7] === undefined ? 0 : Math.floor(Number(`0.${m[7]}`) * 1000);
  const offset = m[8];
  if (offset === undefined) return wallClockInstant(zone, year, month, day, hour, minute, second, ms);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return 'nonexistent';
  if (hour > 23 || minute > 59 || second > 59) return 'nonexistent';
  let offsetMs = 0;
  if (offset.toUpperCase() !== 'Z') {
    const digits = offset.slice(1).replace(':', '');
    const offsetMinutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0');
    offsetMs = (offset.startsWith('-') ? -1 : 1) * offsetMinutes * 60_000;
  }
  return inRange(Date.UTC(year, month - 1, day, hour, minute, second, ms) - offsetMs);
}

function namedMonthInstant(
  zone: TimeZone,
  yearText: string,
  monthName: string,
  dayText: string,
  hourText: string | undefined,
  minuteText: string | undefined,
  secondText: string | undefined,
  meridiem: string | undefined,
): number | DateProblem {
  const month = MONTHS.get(monthName.toLowerCase());
  if (month === undefined) return 'unreadable';
  const hour = hour12(num(hourText), hourText === undefined ? undefined : meridiem);
  return wallClockInstant(zone, num(yearText), month, num(dayText), hour, num(minuteText), num(secondText));
}

/** Epoch milliseconds (Talkwalker), epoch seconds, or an Excel serial day number (from XLSX cells). */
function numericDate(value: number, zone: TimeZone): number | DateProblem {
  if (!Number.isFinite(value) || value <= 0) return 'unreadable';
  if (value >= 1e11) return inRange(value);
  if (value >= 1e8) return inRange(value * 1000);
  if (value < 2_958_466) {
    // Days since 1899-12-30 in wall-clock time; the fraction is the time of day.
    const wall = new Date(Math.round((value - 25569) * DAY_MS));
    return parseExportDate(wall, zone);
  }
  return 'unreadable';
}

const DAY_MS = 86_400_000;

/** Parses a separate time-of-day cell (Meltwater's "Time": 02:05 PM, 14:05, 14:05:33) into ms after midnight. */
export function parseTimeOfDay(cell: ExportCell): number | null {
  if (cell instanceof Date) return cell.getUTCHours() * 3_600_000 + cell.getUTCMinutes() * 60_000;
  if (typeof cell === 'number') return cell >= 0 && cell < 1 ? Math.round(cell * DAY_MS) : null;
  if (cell === null) return null;
  const m = TIME_OF_DAY.exec(cell.trim());
  if (m === null) return null;
  const hour = hour12(num(m[1]), m[4]);
  const minute = num(m[2]);
  const second = num(m[3]);
  if (hour > 23 || minute > 59 || second > 59) return null;
  return hour * 3_600_000 + minute * 60_000 + second * 1000;
}

/** Whether a date cell carries a time of day, so a separate time column should not be added to it. */
export function hasTimeOfDay(cell: ExportCell): boolean {
  if (cell instanceof Date) return cell.getTime() % DAY_MS !== 0;
  if (typeof cell === 'number') return cell >= 1e8 || cell % 1 !== 0;
  if (cell === null) return false;
  return /\d:\d\d/.test(cell);
}
