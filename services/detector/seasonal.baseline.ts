// The expected value of a series at a moment: an hour-of-day profile, a day-of-week offset and a recent-level offset,
// all additive in the series' own units so that zeros, negative values and "143 berichten (normaal 40)" stay meaningful.

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

/** Learning rates; the seasonal ones are per day (or week) of data, so they do not depend on the sampling step. */
export interface BaselineRates {
  /** Share of each hour-of-day slot renewed per day, once the slot has been seen a few times. */
  hourOfDayPerDay: number;
  /** Share of each day-of-week slot renewed per week. */
  dayOfWeekPerWeek: number;
  /** Per point: how fast the level offset follows a new normal. */
  levelPerPoint: number;
  /** Per point: how fast the spread used for clipping follows. */
  spreadPerPoint: number;
  /** Values further than this many spreads from the expectation are clipped before learning from them. */
  clip: number;
  /**
   * Share of the usual rates at which the level and the profiles follow a point judged anomalous: a surge of several
   * hours is not absorbed as the new normal within hours, while a lasting change still is, more slowly.
   */
  anomalousLevelShare: number;
}

export interface BaselineState {
  hourOfDay: number[];
  hourOfDaySeen: number[];
  dayOfWeek: number[];
  dayOfWeekSeen: number[];
  /** EWMA of the clipped value and of the seasonal profile's prediction: their difference is the level offset. */
  levelObserved: number;
  levelProfile: number;
  /** Mean absolute deviation from the expectation, in the series' units. */
  spread: number;
  /** Points learned from. */
  points: number;
}

export type BaselineKind = 'recent-level' | 'hour-of-day' | 'hour-of-week';

export interface Expectation {
  expected: number;
  /** The profile without the level offset: what the learned rhythm alone predicts. */
  profile: number;
  kind: BaselineKind;
}

export function newBaseline(): BaselineState {
  return {
    hourOfDay: new Array<number>(24).fill(0),
    hourOfDaySeen: new Array<number>(24).fill(0),
    dayOfWeek: new Array<number>(7).fill(0),
    dayOfWeekSeen: new Array<number>(7).fill(0),
    levelObserved: 0,
    levelProfile: 0,
    spread: 0,
    points: 0,
  };
}

export function hourOfDay(time: number): number {
  return Math.floor((((time % DAY_MS) + DAY_MS) % DAY_MS) / HOUR_MS);
}

export function dayOfWeek(time: number): number {
  return ((Math.floor(time / DAY_MS) % 7) + 7) % 7;
}

/** A slot counts as learned after this many points; before that the coarser baseline answers. */
const SLOT_READY = 1;

export function expectationAt(b: BaselineState, time: number): Expectation {
  // Interpolate between hour-slot centres so the expectation has no step at the top of each hour.
  const position = (((time % DAY_MS) + DAY_MS) % DAY_MS) / HOUR_MS - 0.5;
  const lower = Math.floor(position);
  const f = position - lower;
  const a = (lower + 24) % 24;
  const c = (lower + 1) % 24;
  const seenA = b.hourOfDaySeen[a]! >= SLOT_READY;
  const seenC = b.hourOfDaySeen[c]! >= SLOT_READY;
  if (!seenA && !seenC) {
    return { expected: b.levelObserved, profile: b.levelObserved, kind: 'recent-level' };
  }
  const va = seenA ? b.hourOfDay[a]! : b.hourOfDay[c]!;
  const vc = seenC ? b.hourOfDay[c]! : va;
  let profile = (1 - f) * va + f * vc;
  let kind: BaselineKind = 'hour-of-day';
  const day = dayOfWeek(time);
  if (b.dayOfWeekSeen[day]! >= SLOT_READY) {
    let sum = 0;
    let count = 0;
    for (let d = 0; d < 7; d++) {
      if (b.dayOfWeekSeen[d]! >= SLOT_READY) {
        sum += b.dayOfWeek[d]!;
        count++;
      }
    }
    // Only once more than one weekday is known does a weekday differ from the average.
    if (count > 1) {
      profile += b.dayOfWeek[day]! - sum / count;
      kind = 'hour-of-week';
    }
  }
  return { expected: profile + b.levelObserved - b.levelProfile, profile, kind };
}

/** Learns from one point; `stepMs` is the typical sampling interval, which turns per-day rates into per-point ones. */
export function learnBaseline(
  b: BaselineState,
  time: number,
  value: number,
  at: Expectation,
  stepMs: number,
  rates: BaselineRates,
  anomalous = false,
): void {
  b.points++;
  if (b.points === 1) {
    b.levelObserved = value;
    b.levelProfile = value;
  }
  const deviation = value - at.expected;
  const limit = rates.clip * b.spread;
  const clipped = b.points <= 2 ? deviation : Math.max(-limit, Math.min(limit, deviation));
  b.spread +=
    Math.max(1 / b.points, rates.spreadPerPoint) *
    (Math.min(Math.abs(deviation), limit || Infinity) - b.spread);
  const learnt = at.expected + clipped;

  const pointsPerDay = Math.max(1, DAY_MS / stepMs);
  const hour = hourOfDay(time);
  b.hourOfDaySeen[hour] = b.hourOfDaySeen[hour]! + 1;
  // Running mean while a slot is new, then an exponential average that renews hourOfDayPerDay per day.
  const share = anomalous ? rates.anomalousLevelShare : 1;
  const ah = Math.max(1 / b.hourOfDaySeen[hour], (rates.hourOfDayPerDay * 24) / pointsPerDay) * share;
  b.hourOfDay[hour] = b.hourOfDay[hour]! + ah * (learnt - b.hourOfDay[hour]!);
  const day = dayOfWeek(time);
  b.dayOfWeekSeen[day] = b.dayOfWeekSeen[day]! + 1;
  const ad = Math.max(1 / b.dayOfWeekSeen[day], rates.dayOfWeekPerWeek / pointsPerDay) * share;
  b.dayOfWeek[day] = b.dayOfWeek[day]! + ad * (learnt - b.dayOfWeek[day]!);
  const al = Math.max(1 / b.points, rates.levelPerPoint) * share;
  b.levelObserved += al * (learnt - b.levelObserved);
  b.levelProfile += al * (at.profile - b.levelProfile);
}

const isNumbers = (v: unknown, length: number): boolean =>
  Array.isArray(v) && v.length === length && v.every((x) => typeof x === 'number');

export function isBaselineState(value: unknown): value is BaselineState {
  const b = value as Partial<Record<keyof BaselineState, unknown>> | null;
  return (
    typeof b === 'object' &&
    b !== null &&
    isNumbers(b.hourOfDay, 24) &&
    isNumbers(b.hourOfDaySeen, 24) &&
    isNumbers(b.dayOfWeek, 7) &&
    isNumbers(b.dayOfWeekSeen, 7) &&
    typeof b.levelObserved === 'number' &&
    typeof b.levelProfile === 'number' &&
    typeof b.spread === 'number' &&
    typeof b.points === 'number'
  );
}
