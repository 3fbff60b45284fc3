// Deterministic synthetic mention counts for tests and benchmarks: a daily rhythm, quieter weekend days, Poisson noise.

export const FIVE_MINUTES = 300_000;
export const START = Date.UTC(2024, 0, 1);

export function poissonSampler(random: () => number): (rate: number) => number {
  return (rate) => {
    if (rate > 60) {
      // Normal approximation for large rates keeps sampling cheap.
      const u = Math.max(random(), 1e-12);
      const g = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
      return Math.max(0, Math.round(rate + Math.sqrt(rate) * g));
    }
    const limit = Math.exp(-rate);
    let k = 0;
    let p = random();
    while (p > limit) {
      k++;
      p *= random();
    }
    return k;
  };
}

/** Mentions per 5 minutes at `time`: `night` at 3 a.m., rising to `day` in the afternoon, 40% lower on two days. */
export function dailyRate(time: number, night: number, day: number): number {
  const hour = (time % 86_400_000) / 3_600_000;
  const weekday = Math.floor(time / 86_400_000) % 7;
  const quiet = weekday === 2 || weekday === 3 ? 0.6 : 1;
  return night + (day - night) * quiet * Math.max(0, Math.sin((Math.PI * (hour - 6)) / 18)) ** 2;
}

const HOUR = 3_600_000;
const DAY = 86_400_000;
const HISTORY_START = Date.UTC(2026, 0, 5);
const REPLAY_START = HISTORY_START + 28 * DAY;

/**
 * The month that users see alerts over (test/integration/alerts.month.test.ts, tools/eval-month-seeds.ts): four weeks
 * of history, then thirty days with one surge and one drop. A fixed stretch of winter time (CET, UTC+1, no DST
 * change) from Monday 5 January 2026, so the rhythm's phase against the detector's local hours never moves.
 */
export const MONTH_SCENARIO = {
  historyStart: HISTORY_START,
  replayStart: REPLAY_START,
  replayEnd: REPLAY_START + 30 * DAY,
  localOffsetMs: HOUR,
  // Wednesday 11 February, 14:00-17:00 local: four times the usual talk (an incident everyone posts about).
  surge: { from: REPLAY_START + 9 * DAY + 13 * HOUR, to: REPLAY_START + 9 * DAY + 16 * HOUR, factor: 4 },
  // Monday 23 February, 10:00-12:00 local: a tenth of the usual talk (a platform outage).
  drop: { from: REPLAY_START + 21 * DAY + 9 * HOUR, to: REPLAY_START + 21 * DAY + 11 * HOUR, factor: 0.1 },
} as const;

/** Mentions per 5 minutes of the month scenario: 1 at night, up to 10 in the afternoon, 40% lower at weekends. */
export function monthScenarioRate(utcMs: number): number {
  const local = utcMs + MONTH_SCENARIO.localOffsetMs;
  const hour = (local % DAY) / HOUR;
  const weekday = new Date(local).getUTCDay();
  const weekend = weekday === 0 || weekday === 6 ? 0.6 : 1;
  const usual = 1 + 9 * weekend * Math.max(0, Math.sin((Math.PI * (hour - 6)) / 18)) ** 2;
  for (const event of [MONTH_SCENARIO.surge, MONTH_SCENARIO.drop]) {
    if (utcMs >= event.from && utcMs < event.to) return usual * event.factor;
  }
  return usual;
}
