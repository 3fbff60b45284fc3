// Series arithmetic: which buckets a range has at an interval, and the pooled sums a metric is computed from
// (metric-definitions.ts), and what a series query asks the rollups repository. Shares and means are computed from
// pooled sums, never by averaging finer buckets' shares.
import { ROLLUP_FIELDS } from '../ingest/rollup-increments.js';

/** The count of KCC questions per bucket: read from the question rollups, beside the mention metrics. */
export const QUESTIONS_METRIC = 'questions';

export const INTERVALS = { '5m': 300_000, '1h': 3_600_000, '1d': 86_400_000 } as const;
export type Interval = keyof typeof INTERVALS;

export const MAX_BUCKETS = 20_000;
const AUTO_TARGET = 1_500;

export interface Sums {
  n: number;
  nPos: number;
  nNeu: number;
  nNeg: number;
  /** Thousandths of a sentiment point. */
  scoreSum: number;
  reachSum: number;
  engagementSum: number;
}

export const EMPTY_SUMS: Sums = {
  n: 0,
  nPos: 0,
  nNeu: 0,
  nNeg: 0,
  scoreSum: 0,
  reachSum: 0,
  engagementSum: 0,
};

/** The seven sums of a and b (only those: other properties of a or b are not carried over). */
export function addSums(a: Sums, b: Sums): Sums {
  const sum: Sums = { ...EMPTY_SUMS };
  for (const field of ROLLUP_FIELDS) sum[field] = a[field] + b[field];
  return sum;
}

/** The finest interval that keeps the range within a readable number of points. */
export function autoInterval(fromMs: number, toMs: number): Interval {
  const span = Math.max(0, toMs - fromMs);
  if (span / INTERVALS['5m'] <= AUTO_TARGET) return '5m';
  if (span / INTERVALS['1h'] <= AUTO_TARGET) return '1h';
  return '1d';
}

export interface SeriesQuery {
  sourceKind: string;
  topic: string;
  fromMs: number;
  toMs: number;
  interval: Interval;
  timezone: string;
}

export interface BucketSums extends Sums {
  time: number;
}

/**
 * Several series on one grid, by column: `values[k][i]` is key `keys[k]` at `times[i]`. Dashboards get it as long
 * rows (`longRows`); a breakdown of 90 days per hour is thousands of them, cheaper to write out from columns.
 */
export interface KeyedSeries {
  times: number[];
  keys: string[];
  values: (number | null)[][];
}

/** The long format: a row per bucket and key, by time then key (the order of `keys`). */
export function longRows(series: KeyedSeries): { time: number; key: string; value: number | null }[] {
  const out: { time: number; key: string; value: number | null }[] = [];
  series.times.forEach((time, i) => {
    series.keys.forEach((key, k) => out.push({ time, key, value: series.values[k]![i]! }));
  });
  return out;
}

/** Long rows (by time, every key at every time) as columns: times and keys in the order they first come. */
export function keyedOfRows(
  rows: readonly { time: number; key: string; value: number | null }[],
): KeyedSeries {
  const times: number[] = [];
  const keys: string[] = [];
  const timeIndex = new Map<number, number>();
  const keyIndex = new Map<string, number>();
  const values: (number | null)[][] = [];
  for (const row of rows) {
    let i = timeIndex.get(row.time);
    if (i === undefined) timeIndex.set(row.time, (i = times.push(row.time) - 1));
    let k = keyIndex.get(row.key);
    if (k === undefined) {
      keyIndex.set(row.key, (k = keys.push(row.key) - 1));
      values.push([]);
    }
    values[k]![i] = row.value;
  }
  for (const column of values) for (let i = 0; i < times.length; i++) column[i] ??= null;
  return { times, keys, values };
}
