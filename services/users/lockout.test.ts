import { describe, expect, it } from 'vitest';
import { lockedUntil } from './lockout.js';

const rule = { perUser: 3, perAddress: 10, windowMs: 15 * 60_000 };
const at = (minutes: number) => new Date(Date.UTC(2026, 11, 2, 9, minutes));

describe('lockedUntil', () => {
  it('is open below the limit and locks at it, until the oldest counted failure leaves the window', () => {
    expect(lockedUntil(rule, { byName: [at(0), at(1)], byAddress: 2 }, at(2))).toBeNull();
    expect(lockedUntil(rule, { byName: [at(0), at(1), at(2)], byAddress: 3 }, at(3))).toEqual({
      until: at(15),
      by: 'user',
    });
  });

  it('counts only the last failures that reach the limit', () => {
    const locked = lockedUntil(rule, { byName: [at(0), at(5), at(6), at(7)], byAddress: 4 }, at(8));
    expect(locked).toEqual({ until: at(20), by: 'user' });
  });

  it('locks an address that tried many names', () => {
    expect(lockedUntil(rule, { byName: [], byAddress: 10 }, at(0))?.by).toBe('address');
  });
});
