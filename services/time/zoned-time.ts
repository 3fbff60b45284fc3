// Local time in a named IANA time zone, in one place for every module: the wall-clock fields of an instant, the
// instant of a local wall-clock time, the start of a local day. Europe/Amsterdam moves its clock twice a year (last
// Sunday of March 02:00 -> 03:00, last Sunday of October 03:00 -> 02:00); Intl knows the rules, and this module makes
// asking them cheap enough for a million rows: offsets are remembered per UTC hour and per local day.
//
// One rule for the local times that are not one instant (RFC 5545, and what Temporal calls 'compatible'):
// - a time that occurs twice (autumn, 02:00-02:59 in Amsterdam) is the first occurrence, still summer time;
// - a time that does not exist (spring, 02:00-02:59 in Amsterdam) is read with the offset from before the gap,
//   so it lands as far after the gap as it claimed to be into it: 02:30 becomes 03:30 summer time.
// So a local day starts at the first instant that reads as that date, also in zones that change at midnight.
import { dateFields } from './calendar-date.js';

const SECOND_MS = 1000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
// A catching-up series or a large import asks about many hours and days; the caches are cleared past this size.
const CACHE_LIMIT = 50_000;

/** The local calendar and clock fields of an instant (month 1-12, weekday 0 = Sunday as in Date#getUTCDay). */
export interface WallClockFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  weekday: number;
}

function remember<K, V>(cache: Map<K, V>, key: K, value: V): void {
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, value);
}

/** One IANA time zone; get it with `TimeZone.of(name)`, which shares one instance (and its caches) per name. */
export class TimeZone {
  private static readonly zones = new Map<string, TimeZone>();

  /** @throws RangeError for a name that is not an IANA time zone */
  static of(name: string): TimeZone {
    let zone = TimeZone.zones.get(name);
    if (zone === undefined) {
      zone = new TimeZone(name);
      remember(TimeZone.zones, name, zone);
    }
    return zone;
  }

  private readonly format: Intl.DateTimeFormat;
  /** Offset per UTC hour (epoch ms / 1 h), or null when it changes within that hour (then each instant is asked). */
  private readonly hourOffsets = new Map<number, number | null>();
  /** Offset per local day (y*10000+m*100+d), or null when it changes within a day of it. */
  private readonly dayOffsets = new Map<number, number | null>();
  /** The offset at the start of one UTC hour, kept from the last check: a forward walk asks Intl once an hour. */
  private nextHour = { hour: Number.NaN, offset: 0 };

  private constructor(readonly name: string) {
    this.format = new Intl.DateTimeFormat('en-US', {
      timeZone: name,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  }

  /** How far the zone's clock is ahead of UTC at an instant, in ms. */
  offsetAt(utcMs: number): number {
    const hour = Math.floor(utcMs / HOUR_MS);
    let offset = this.hourOffsets.get(hour);
    if (offset === undefined) {
      // Equal offsets at the starts of this hour and the next: no change in between (zones never change twice an
      // hour). A change exactly at the next hour's start marks this hour too; it is then asked per instant.
      const first = this.nextHour.hour === hour ? this.nextHour.offset : this.exactOffset(hour * HOUR_MS);
      const next = this.exactOffset((hour + 1) * HOUR_MS);
      this.nextHour = { hour: hour + 1, offset: next };
      offset = first === next ? first : null;
      remember(this.hourOffsets, hour, offset);
    }
    return offset ?? this.exactOffset(utcMs);
  }

  /** Epoch ms whose UTC fields read as the wall-clock time in this zone at `utcMs` (milliseconds kept). */
  wallClock(utcMs: number): number {
    return utcMs + this.offsetAt(utcMs);
  }

  /** The local date and time fields at an instant. */
  fieldsAt(utcMs: number): WallClockFields {
    const wall = new Date(this.wallClock(utcMs));
    return {
      year: wall.getUTCFullYear(),
      month: wall.getUTCMonth() + 1,
      day: wall.getUTCDate(),
      hour: wall.getUTCHours(),
      minute: wall.getUTCMinutes(),
      second: wall.getUTCSeconds(),
      millisecond: wall.getUTCMilliseconds(),
      weekday: wall.getUTCDay(),
    };
  }

  /** The local calendar date (YYYY-MM-DD) of an instant. */
  localDate(utcMs: number): string {
    return new Date(this.wallClock(utcMs)).toISOString().slice(0, 10);
  }

  /**
   * The instant of a local wall-clock time (month 1-12), gaps and overlaps resolved by the rule at the top of this
   * file. The caller checks that the fields exist (no 30 February, no hour 24).
   */
  toUtc(
    year: number,
    month: number,
    day: number,
    hour: number,
    minute: number,
    second: number,
    ms = 0,
  ): number {
    const local = Date.UTC(year, month - 1, day, hour, minute, second, ms);
    const key = year * 10000 + month * 100 + day;
    let offset = this.dayOffsets.get(key);
    if (offset === undefined) {
      const dayStart = Date.UTC(year, month - 1, day);
      const before = this.offsetAt(dayStart - DAY_MS);
      offset = before === this.offsetAt(dayStart + 2 * DAY_MS) ? before : null;
      remember(this.dayOffsets, key, offset);
    }
    return offset === null ? this.resolve(local) : local - offset;
  }

  /** The first instant of a local day (month 1-12). */
  startOfDay(year: number, month: number, day: number): number {
    return this.toUtc(year, month, day, 0, 0, 0);
  }

  private resolve(local: number): number {
    const before = this.offsetAt(local - DAY_MS);
    const after = this.offsetAt(local + DAY_MS);
    const fitsBefore = this.offsetAt(local - before) === before;
    const fitsAfter = after !== before && this.offsetAt(local - after) === after;
    if (fitsBefore && fitsAfter) return local - Math.max(before, after); // twice: the earlier instant
    if (fitsBefore) return local - before;
    if (fitsAfter) return local - after;
    return local - before; // in the gap: the offset from before it
  }

  /** The offset asked of Intl, which reads whole seconds. */
  private exactOffset(utcMs: number): number {
    const whole = Math.floor(utcMs / SECOND_MS) * SECOND_MS;
    const fields = new Map<Intl.DateTimeFormatPartTypes, number>();
    for (const part of this.format.formatToParts(whole)) {
      if (part.type !== 'literal') fields.set(part.type, Number(part.value));
    }
    const field = (type: Intl.DateTimeFormatPartTypes): number => {
      const value = fields.get(type);
      if (value === undefined || Number.isNaN(value))
        throw new Error(`time zone ${this.name}: no ${type} field`);
      return value;
    };
    const wall = Date.UTC(
      field('year'),
      field('month') - 1,
      field('day'),
      field('hour'),
      field('minute'),
      field('second'),
    );
    return wall - whole;
  }
}

/** Epoch ms whose UTC fields read as the wall-clock time in `timeZone` at instant `utcMs` (e.g. 'Europe/Amsterdam'). */
export function toWallClock(utcMs: number, timeZone: string): number {
  return TimeZone.of(timeZone).wallClock(utcMs);
}

/** The calendar date (YYYY-MM-DD) of an instant in the time zone. */
export function localDate(utcMs: number, timeZone: string): string {
  return TimeZone.of(timeZone).localDate(utcMs);
}

/**
 * The instant at which a day (YYYY-MM-DD) starts in the time zone; throws for text not written so. A day past the
 * month's end counts on into the next month (2021-02-30 is 2 March): callers check dates with isCalendarDate.
 */
export function startOfLocalDay(date: string, timeZone: string): number {
  const parsed = dateFields(date);
  if (parsed === null) throw new Error(`"${date}" is not a date (YYYY-MM-DD)`);
  return TimeZone.of(timeZone).startOfDay(parsed.year, parsed.month, parsed.day);
}

/** The instant a day (YYYY-MM-DD) ends in the time zone: the start of the next one. */
export function endOfLocalDay(date: string, timeZone: string): number {
  const parsed = dateFields(date);
  if (parsed === null) throw new Error(`"${date}" is not a date (YYYY-MM-DD)`);
  return TimeZone.of(timeZone).startOfDay(parsed.year, parsed.month, parsed.day + 1);
}

/** A time as a local date and minute: "2026-12-02 08:15". */
export function localDateTime(utcMs: number, timeZone: string): string {
  return new Date(TimeZone.of(timeZone).wallClock(utcMs)).toISOString().slice(0, 16).replace('T', ' ');
}
