import { describe, expect, it } from 'vitest';
import { toWallClock } from './zoned-time.js';

describe('wall clock', () => {
  it('follows Amsterdam winter and summer time', () => {
    const winter = Date.UTC(2024, 0, 15, 11, 0, 0);
    const summer = Date.UTC(2024, 6, 15, 11, 0, 0);
    expect(toWallClock(winter, 'Europe/Amsterdam') - winter).toBe(3_600_000);
    expect(toWallClock(summer, 'Europe/Amsterdam') - summer).toBe(7_200_000);
    expect(toWallClock(summer + 123, 'UTC')).toBe(summer + 123);
  });
});

describe('toWallClock across the spring change', () => {
  it('moves from UTC+1 to UTC+2 at 01:00 UTC on 28 March 2021', () => {
    expect(toWallClock(Date.parse('2021-03-28T00:30:00Z'), 'Europe/Amsterdam')).toBe(
      Date.parse('2021-03-28T01:30:00Z'),
    );
    expect(toWallClock(Date.parse('2021-03-28T01:30:00.250Z'), 'Europe/Amsterdam')).toBe(
      Date.parse('2021-03-28T03:30:00.250Z'),
    );
  });
});
