import { describe, expect, it } from 'vitest';
import { keyedOfRows, longRows, type KeyedSeries } from '../../../series/series.js';
import { longRowsJson } from './long-rows.json.js';

const SERIES: KeyedSeries = {
  times: [1_611_900_000_000, 1_611_903_600_000, 1_611_907_200_000],
  keys: ['bluesky', 'mastodon', 'naam "met" \\ tekens'],
  values: [
    [3, 0, 12],
    [null, 0.1 + 0.2, -0.000001],
    [1e21, Number.NaN, 7],
  ],
};

describe('longRowsJson', () => {
  it('writes what JSON.stringify writes of the long rows, by time then key', () => {
    const text = longRowsJson(SERIES);
    expect(text).toBe(JSON.stringify(longRows(SERIES)));
    expect((JSON.parse(text) as unknown[]).slice(0, 2)).toEqual([
      { time: 1_611_900_000_000, key: 'bluesky', value: 3 },
      { time: 1_611_900_000_000, key: 'mastodon', value: null },
    ]);
  });

  it('writes an empty breakdown as an empty array', () => {
    expect(longRowsJson({ times: [], keys: [], values: [] })).toBe('[]');
    expect(longRowsJson({ times: [1, 2], keys: [], values: [] })).toBe('[]');
    expect(longRowsJson({ times: [], keys: ['x'], values: [[]] })).toBe('[]');
  });

  it('turns long rows into columns and back unchanged', () => {
    const rows = longRows(SERIES);
    expect(longRows(keyedOfRows(rows))).toEqual(rows);
  });
});
