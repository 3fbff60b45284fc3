import { describe, expect, it } from 'vitest';

import { DuplicateRows, hash52 } from './duplicate-rows.js';

describe('DuplicateRows', () => {
  it('returns the first row of a repeated id and 0 for new ones', () => {
    const seen = new DuplicateRows();
    expect(seen.firstRowOf('https://x.example/1', 1)).toBe(0);
    expect(seen.firstRowOf('https://x.example/2', 2)).toBe(0);
    expect(seen.firstRowOf('https://x.example/1', 3)).toBe(1);
    expect(seen.firstRowOf('https://x.example/1', 4)).toBe(1);
  });

  it('keeps every id through growth, without false duplicates among 200,000 similar ids', () => {
    const seen = new DuplicateRows();
    let duplicates = 0;
    for (let row = 1; row <= 200_000; row++) {
      if (seen.firstRowOf(`https://twitter.example/a/status/${1_350_000_000_000 + row}`, row) !== 0)
        duplicates++;
    }
    expect(duplicates).toBe(0);
    expect(seen.firstRowOf('https://twitter.example/a/status/1350000000777', 1)).toBe(777);
  });

  it('hashes to 52-bit integers that differ for one changed character', () => {
    const a = hash52('https://x.example/abc');
    expect(Number.isSafeInteger(a)).toBe(true);
    expect(a).toBeLessThan(2 ** 52);
    expect(hash52('https://x.example/abd')).not.toBe(a);
    expect(hash52('')).not.toBe(hash52(' '));
  });
});
