// Due times in working hours: a question received at some instant is due after N opening hours of the municipality,
// counted in its own time zone, skipping closed days (weekends) and holidays. Plain functions, no clock.
import { wallClockInstant } from '../importers/export-date.js';
import { WallClockZone } from '../importers/wall-clock.js';
import { toWallClock } from '../detector/wall.clock.js';

export const WEEKDAYS = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface WorkingCalendar {
  timeZone: string;
  /** Opening window per weekday in minutes after local midnight; a missing day is closed. */
  opening: Partial<Record<Weekday, { from: number; to: number }>>;
  /** Local dates (YYYY-MM-DD) on which the municipality is closed. */
  holidays: ReadonlySet<string>;
}

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

// Building a zone (an Intl.DateTimeFormat) costs far more than a due time itself; one per time zone, kept.
const zones = new Map<string, WallClockZone>();

function zoneOf(timeZone: string): WallClockZone {
  let zone = zones.get(timeZone);
  if (!zone) {
    zone = new WallClockZone(timeZone);
    zones.set(timeZone, zone);
  }
  return zone;
}

/** "08:30-17:00" as minutes after midnight; throws with the text when it is not a window. */
export function parseOpeningWindow(text: string): { from: number; to: number } {
  const match = /^(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!match) throw new Error(`"${text}" is not an opening window like 08:30-17:00`);
  const [h1, m1, h2, m2] = match.slice(1).map(Number) as [number, number, number, number];
  const from = h1 * 60 + m1;
  const to = h2 * 60 + m2;
  if (h1 > 24 || h2 > 24 || m1 > 59 || m2 > 59 || to > 24 * 60 || from >= to)
    throw new Error(`"${text}" is not an opening window: the end must come after the start, within one day`);
  return { from, to };
}

function localDate(wallMs: number): string {
  return new Date(wallMs).toISOString().slice(0, 10);
}

function weekdayOf(wallMs: number): Weekday {
  // getUTCDay: 0 is Sunday.
  return WEEKDAYS[(new Date(wallMs).getUTCDay() + 6) % 7]!;
}

/** The UTC instant of a local wall-clock time (encoded as UTC milliseconds); a skipped hour moves forward. */
function toInstant(zone: WallClockZone, wallMs: number): number {
  const d = new Date(wallMs);
  for (let shift = 0; shift <= 120; shift += 30) {
    const at = new Date(wallMs + shift * MINUTE_MS);
    const result = wallClockInstant(
      zone,
      at.getUTCFullYear(),
      at.getUTCMonth() + 1,
      at.getUTCDate(),
      at.getUTCHours(),
      at.getUTCMinutes(),
      at.getUTCSeconds(),
      at.getUTCMilliseconds(),
    );
    if (typeof result === 'number') return result;
  }
  throw new Error(`no instant for local time ${d.toISOString()} in ${zone.timeZone}`);
}

/** Whether the municipality is open at this instant. */
export function isOpen(calendar: WorkingCalendar, atMs: number): boolean {
  const wall = toWallClock(atMs, calendar.timeZone);
  const window = calendar.opening[weekdayOf(wall)];
  if (!window || calendar.holidays.has(localDate(wall))) return false;
  const minute = (wall - Math.floor(wall / DAY_MS) * DAY_MS) / MINUTE_MS;
  return minute >= window.from && minute < window.to;
}

/**
 * The instant at which `workingMinutes` of opening time have passed since `receivedMs`. Time outside the opening
 * windows, on closed weekdays and on holidays does not count; a question received after closing starts the next
 * opening. Throws when the calendar has no opening at all in the coming two years.
 */
export function dueAt(calendar: WorkingCalendar, receivedMs: number, workingMinutes: number): number {
  const zone = zoneOf(calendar.timeZone);
  let wall = toWallClock(receivedMs, calendar.timeZone);
  let remaining = workingMinutes * MINUTE_MS;
  for (let day = 0; day < 731; day++) {
    const midnight = Math.floor(wall / DAY_MS) * DAY_MS;
    const window = calendar.opening[weekdayOf(midnight)];
    if (window && !calendar.holidays.has(localDate(midnight))) {
      const start = Math.max(wall, midnight + window.from * MINUTE_MS);
      const end = midnight + window.to * MINUTE_MS;
      if (start < end) {
        if (end - start >= remaining) return toInstant(zone, start + remaining);
        remaining -= end - start;
      }
    }
    wall = midnight + DAY_MS;
  }
  throw new Error('the working calendar has no opening hours in the coming two years');
}
