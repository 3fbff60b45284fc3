// When a scheduled report is due, in local time: pure, no clock and no I/O (the tick passes `now`).
//
// The rule (issue 17, point 3): a tick asks for the LAST period whose send time has passed, and the outbox sends
// each (kind, period) once. So a worker that was down over a Monday sends that Monday's report once when it comes
// back (late), and never the weeks it missed before that; a fresh install sends the last due week at its first
// tick. The send time is a local wall-clock time in the configured zone; the clock changes of Europe/Amsterdam
// fall on a Sunday at 02:00/03:00, and a configured time inside a gap or overlap is read by the rule of
// services/time/zoned-time.ts (a time that does not exist moves on by the gap; one that occurs twice is the first).
import { TimeZone } from '../../time/zoned-time.js';
import type { ReportPeriod } from '../report-types.js';
import { dutchDate, isoWeekOfDate, previousWeek, weekPeriod } from '../weekly/report-week.js';

const DAY_MS = 86_400_000;
const TIME_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** ISO weekday numbers (Monday 1 .. Sunday 7) by English and Dutch name. */
const WEEKDAYS: Record<string, number> = {
  monday: 1,
  tuesday: 2,
  wednesday: 3,
  thursday: 4,
  friday: 5,
  saturday: 6,
  sunday: 7,
  maandag: 1,
  dinsdag: 2,
  woensdag: 3,
  donderdag: 4,
  vrijdag: 5,
  zaterdag: 6,
  zondag: 7,
};

export interface WeeklySchedule {
  /** ISO weekday: Monday 1 .. Sunday 7. */
  weekday: number;
  /** Minutes after local midnight. */
  minutes: number;
}

/** "08:30" as minutes after midnight, or null when it is not HH:MM within a day. */
export function parseTimeOfDay(text: string): number | null {
  const match = TIME_PATTERN.exec(text.trim());
  return match === null ? null : Number(match[1]) * 60 + Number(match[2]);
}

/** "monday 08:00" (or "maandag 08:00"), or a sentence that says what is wrong. */
export function parseWeeklySchedule(text: string): WeeklySchedule | string {
  const [day, time, ...rest] = text.trim().toLowerCase().split(/\s+/);
  const weekday = day === undefined ? undefined : WEEKDAYS[day];
  const minutes = time === undefined ? null : parseTimeOfDay(time);
  if (weekday === undefined || minutes === null || rest.length > 0)
    return `expected a weekday and a local time such as "monday 08:00", got "${text}"`;
  return { weekday, minutes };
}

const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** The instant of a local date (YYYY-MM-DD) at a local time (minutes after midnight). */
export function localInstant(date: string, minutes: number, timeZone: string): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return TimeZone.of(timeZone).toUtc(year, month, day, Math.floor(minutes / 60), minutes % 60, 0);
}

export interface DuePeriod {
  period: ReportPeriod;
  /** When it was (or is) due to be sent. */
  dueAt: number;
}

/**
 * The weekly report due last at `nowMs`: the last send time at or before now, and the last complete ISO week
 * before that send time (for "monday 08:00": the week that ended at the Monday's midnight).
 */
export function lastDueWeek(nowMs: number, schedule: WeeklySchedule, timeZone: string): DuePeriod {
  const zone = TimeZone.of(timeZone);
  let week = isoWeekOfDate(zone.localDate(nowMs));
  for (;;) {
    const days = weekPeriod(week, timeZone).days;
    const dueAt = localInstant(days[schedule.weekday - 1]!, schedule.minutes, timeZone);
    if (dueAt <= nowMs) {
      const reported = weekPeriod(previousWeek(week), timeZone);
      return {
        period: { fromMs: reported.fromMs, toMs: reported.toMs, key: reported.key, label: reported.label },
        dueAt,
      };
    }
    week = previousWeek(week);
  }
}

/**
 * The daily digest due last at `nowMs`: the last send time at or before now, about the local day before it (from
 * the send time a day earlier; 23 or 25 hours when the clock changed in between). Its key is the send date.
 */
export function lastDueDigest(
  nowMs: number,
  minutes: number,
  timeZone: string,
): DuePeriod & { comparison: ReportPeriod } {
  const today = TimeZone.of(timeZone).localDate(nowMs);
  const sendDate = localInstant(today, minutes, timeZone) <= nowMs ? today : addDays(today, -1);
  const dueAt = localInstant(sendDate, minutes, timeZone);
  const fromMs = localInstant(addDays(sendDate, -1), minutes, timeZone);
  const before = localInstant(addDays(sendDate, -2), minutes, timeZone);
  const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  return {
    period: {
      fromMs,
      toMs: dueAt,
      key: sendDate,
      label: `${dutchDate(sendDate)} (de 24 uur tot ${time})`,
    },
    comparison: {
      fromMs: before,
      toMs: fromMs,
      key: addDays(sendDate, -1),
      label: dutchDate(addDays(sendDate, -1)),
    },
    dueAt,
  };
}
