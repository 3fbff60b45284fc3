import { describe, expect, it } from 'vitest';
import { type BaselineRates, expectationAt, learnBaseline, newBaseline } from './seasonal.baseline.js';

const RATES: BaselineRates = {
  hourOfDayPerDay: 0.2,
  dayOfWeekPerWeek: 0.3,
  levelPerPoint: 0.02,
  spreadPerPoint: 0.01,
  clip: 5,
  anomalousLevelShare: 0.1,
};
const HOUR = 3_600_000;
const START = Date.UTC(2024, 0, 1);

/** 10 at night, 100 from 9:00 to 17:00, and 50% more on one weekday. */
const value = (time: number): number => {
  const hour = Math.floor((time % 86_400_000) / HOUR);
  const busyDay = Math.floor(time / 86_400_000) % 7 === 4 ? 1.5 : 1;
  return (hour >= 9 && hour < 17 ? 100 : 10) * busyDay;
};

describe('seasonal baseline', () => {
  it('goes from recent level to hour of day to hour of week as it learns', () => {
    const b = newBaseline();
    expect(expectationAt(b, START).kind).toBe('recent-level');
    const kinds = new Set<string>();
    for (let i = 0; i < 21 * 24; i++) {
      const time = START + i * HOUR;
      const at = expectationAt(b, time);
      kinds.add(at.kind);
      learnBaseline(b, time, value(time), at, HOUR, RATES);
    }
    expect([...kinds]).toEqual(['recent-level', 'hour-of-day', 'hour-of-week']);
    const noon = START + 21 * 24 * HOUR + 12.5 * HOUR;
    const night = START + 21 * 24 * HOUR + 3.5 * HOUR;
    expect(expectationAt(b, noon).expected).toBeGreaterThan(80);
    expect(expectationAt(b, night).expected).toBeLessThan(30);
  });

  it('is not dragged far by a single outlier', () => {
    const b = newBaseline();
    for (let i = 0; i < 14 * 24; i++) {
      const time = START + i * HOUR;
      learnBaseline(b, time, value(time), expectationAt(b, time), HOUR, RATES);
    }
    const time = START + 14 * 24 * HOUR + 12 * HOUR;
    const before = expectationAt(b, time).expected;
    learnBaseline(b, time, 100_000, expectationAt(b, time), HOUR, RATES);
    expect(Math.abs(expectationAt(b, time).expected - before)).toBeLessThan(0.3 * before);
  });
});
