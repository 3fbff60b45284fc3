// The detector's hours and weekdays must follow the audience's day (Europe/Amsterdam shifts by an hour twice a year),
// so callers pass wall-clock time: the UTC instant moved by the zone's offset at that instant.

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

// Zone offsets change only on whole hours, so the offset of each hour is worked out once: a catching-up series
// converts thousands of buckets, and formatToParts costs microseconds each time.
const hourOffsets = new Map<string, number>();

/** Epoch ms whose UTC fields read as the wall-clock time in `timeZone` at instant `utcMs` (e.g. 'Europe/Amsterdam'). */
export function toWallClock(utcMs: number, timeZone: string): number {
  const hourStart = Math.floor(utcMs / 3_600_000) * 3_600_000;
  const key = `${timeZone}|${hourStart}`;
  let offset = hourOffsets.get(key);
  if (offset === undefined) {
    offset = wallClockOf(hourStart, timeZone) - hourStart;
    if (hourOffsets.size > 50_000) hourOffsets.clear();
    hourOffsets.set(key, offset);
  }
  return utcMs + offset;
}

function wallClockOf(utcMs: number, timeZone: string): number {
  const parts = new Map<string, number>();
  for (const p of formatter(timeZone).formatToParts(new Date(utcMs))) {
    if (p.type !== 'literal') parts.set(p.type, Number(p.value));
  }
  const field = (type: string): number => {
    const v = parts.get(type);
    if (v === undefined || Number.isNaN(v)) throw new Error(`wall clock: no ${type} for ${timeZone}`);
    return v;
  };
  const wall = Date.UTC(
    field('year'),
    field('month') - 1,
    field('day'),
    field('hour'),
    field('minute'),
    field('second'),
  );
  // formatToParts drops milliseconds; keep them so buckets stay on their exact boundaries.
  return wall + (((utcMs % 1000) + 1000) % 1000);
}
