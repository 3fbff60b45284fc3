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
