import { describe, expect, it } from 'vitest';
import { SeededRandom, seededRandom } from './seeded-random.js';

// The first draws of the generators this module replaced (importers' SeededRandom and the detector's synthetic
// series: mulberry32; nlp's bootstrap: xorshift32), recorded before they were merged: recorded figures depend on them.
const draws = (next: () => number, n: number): number[] => Array.from({ length: n }, next);

describe('seeded random sequences', () => {
  it('keeps the mulberry32 sequence of the synthetic export and series', () => {
    const expected = [
      0.6011037519201636, 0.44829055899754167, 0.8524657934904099, 0.6697340414393693, 0.17481389874592423,
    ];
    const random = new SeededRandom(42);
    expect(draws(() => random.next(), 5)).toEqual(expected);
    expect(draws(seededRandom(42), 5)).toEqual(expected);
  });

  it('keeps the xorshift32 sequences of the sentiment bootstraps', () => {
    expect(draws(seededRandom(0x9e3779b9, 'xorshift32'), 5)).toEqual([
      0.31659353361465037, 0.8757069851271808, 0.4833001629449427, 0.005915207089856267, 0.899222202366218,
    ]);
    expect(draws(seededRandom(0x2545f491, 'xorshift32'), 5)).toEqual([
      0.8794664279557765, 0.545325557468459, 0.394068936817348, 0.0003551333211362362, 0.9479634573217481,
    ]);
    // A 0 seed would stay 0 for ever; it starts at 1.
    expect(draws(seededRandom(0, 'xorshift32'), 3)).toEqual([
      0.00006295018829405308, 0.015747428173199296, 0.6164041024167091,
    ]);
  });

  it('draws integers, choices and weights within their ranges', () => {
    const random = new SeededRandom(7);
    const ints = draws(() => random.between(3, 5), 200);
    expect(new Set(ints)).toEqual(new Set([3, 4, 5]));
    expect(draws(() => random.weighted([0, 1, 0]), 50).every((i) => i === 1)).toBe(true);
    expect(() => random.pick([])).toThrow(RangeError);
    expect(['a', 'b']).toContain(random.pick(['a', 'b']));
  });
});
