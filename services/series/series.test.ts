import { describe, expect, it } from 'vitest';
import { autoInterval } from './series.js';

describe('intervals', () => {
  it('picks an interval with a readable number of points', () => {
    expect(autoInterval(0, 86_400_000)).toBe('5m');
    expect(autoInterval(0, 30 * 86_400_000)).toBe('1h');
    expect(autoInterval(0, 365 * 86_400_000)).toBe('1d');
  });
});
