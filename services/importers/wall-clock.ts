// Exports write local wall-clock times without an offset. This turns them into instants in a named IANA time zone,
// fast enough for a million rows: the zone's offset is looked up once per calendar day, and only on the days with a
// daylight-saving change is each time resolved on its own.
//
// Rule for the two hours a year that are not one instant (RFC 5545, and what Temporal calls 'compatible'):
// - a time that occurs twice (autumn, 02:00-02:59 in Amsterdam) is the first occurrence, still summer time;
// - a time that does not exist (spring, 02:00-02:59 in Amsterdam) is read with the offset from before the gap,
//   so it lands as far after the gap as it claimed to be into it: 02:30 becomes 03:30 summer time.

const DAY_MS = 86_400_000;

export class WallClockZone {
  private readonly format: Intl.DateTimeFormat;
  /** Offset in ms per local day (y*10000+m*100+d), or null when the offset changes within a day of it. */
  private readonly dayOffsets = new Map<number, number | null>();

  /** @throws RangeError for an unknown time zone name */
  constructor(readonly timeZone: string) {
    this.format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  }

  /** UTC milliseconds of a valid wall-clock time (month 1-12); the caller checks that the fields exist. */
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
      this.dayOffsets.set(key, offset);
    }
    return offset === null ? this.resolve(local) : local - offset;
  }

  /** The zone's offset from UTC in ms at an instant. */
  offsetAt(utcMs: number): number {
    const whole = Math.floor(utcMs / 1000) * 1000;
    const fields: Partial<Record<Intl.DateTimeFormatPartTypes, number>> = {};
    for (const part of this.format.formatToParts(whole)) {
      if (part.type !== 'literal') fields[part.type] = Number(part.value);
    }
    const { year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = fields;
    return Date.UTC(year, month - 1, day, hour, minute, second) - whole;
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
}
