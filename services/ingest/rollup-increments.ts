// What storing a set of new mentions adds to the 5-minute rollups: per (source kind | all) x (topic | all) x bucket,
// counts and integer sums only. Sorted, so concurrent transactions lock rollup rows in the same order.
import type { SentimentLabel } from '../nlp/sentiment-label.js';

export const BUCKET_MS = 5 * 60_000;
export const ALL = 'all';

export interface CountedMention {
  postedAt: Date;
  topics: readonly string[];
  sentimentLabel: SentimentLabel;
  /** -1..1 with three decimals. */
  sentimentScore: number;
  reach: number | null;
  engagement: number | null;
}

export interface RollupIncrement {
  sourceKind: string;
  topic: string;
  bucket: number;
  n: number;
  nPos: number;
  nNeu: number;
  nNeg: number;
  /** Thousandths of a sentiment point, so sums are exact integers. */
  scoreSum: number;
  reachSum: number;
  engagementSum: number;
}

/** The sums every rollup row carries. */
export const ROLLUP_FIELDS = ['n', 'nPos', 'nNeu', 'nNeg', 'scoreSum', 'reachSum', 'engagementSum'] as const;

/** Lock order of rollup rows: (source kind, topic, bucket). Every writer sorts by it, so transactions never deadlock. */
export function compareIncrements(a: RollupIncrement, b: RollupIncrement): number {
  return (
    (a.sourceKind < b.sourceKind ? -1 : a.sourceKind > b.sourceKind ? 1 : 0) ||
    (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : 0) ||
    a.bucket - b.bucket
  );
}

/** A row that changes nothing (increments that cancel out). */
export function isEmptyIncrement(row: RollupIncrement): boolean {
  return ROLLUP_FIELDS.every((field) => row[field] === 0);
}

export function bucketOf(time: Date): number {
  return Math.floor(time.getTime() / BUCKET_MS) * BUCKET_MS;
}

export function rollupIncrements(sourceKind: string, mentions: readonly CountedMention[]): RollupIncrement[] {
  const byKey = new Map<string, RollupIncrement>();
  for (const mention of mentions) {
    const bucket = bucketOf(mention.postedAt);
    const score = Math.round(mention.sentimentScore * 1000);
    const topics = [ALL, ...new Set(mention.topics)];
    for (const kind of [sourceKind, ALL]) {
      for (const topic of topics) {
        const key = `${kind}\u0000${topic}\u0000${bucket}`;
        let row = byKey.get(key);
        if (!row) {
          row = {
            sourceKind: kind,
            topic,
            bucket,
            n: 0,
            nPos: 0,
            nNeu: 0,
            nNeg: 0,
            scoreSum: 0,
            reachSum: 0,
            engagementSum: 0,
          };
          byKey.set(key, row);
        }
        row.n += 1;
        if (mention.sentimentLabel === 'positive') row.nPos += 1;
        else if (mention.sentimentLabel === 'negative') row.nNeg += 1;
        else row.nNeu += 1;
        row.scoreSum += score;
        row.reachSum += mention.reach ?? 0;
        row.engagementSum += mention.engagement ?? 0;
      }
    }
  }
  return [...byKey.values()].sort(compareIncrements);
}

export const HOUR_MS = 3_600_000;

/** The same increments summed per hour (zero rows dropped), in the same lock order. */
export function hourlyIncrements(rows: readonly RollupIncrement[]): RollupIncrement[] {
  const byKey = new Map<string, RollupIncrement>();
  for (const row of rows) {
    const bucket = Math.floor(row.bucket / HOUR_MS) * HOUR_MS;
    const key = `${row.sourceKind}\u0000${row.topic}\u0000${bucket}`;
    const sum = byKey.get(key);
    if (!sum) {
      byKey.set(key, { ...row, bucket });
      continue;
    }
    for (const field of ROLLUP_FIELDS) sum[field] += row[field];
  }
  return [...byKey.values()].filter((row) => !isEmptyIncrement(row)).sort(compareIncrements);
}
