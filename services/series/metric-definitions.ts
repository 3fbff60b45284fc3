// The one definition of every metric: which pooled sums it divides, by what, at what scale, and its value in an
// empty bucket. `metricValue` computes it in TypeScript and the rollups repository builds its SQL from the same table
// (repositories/rollup-columns.ts `metricSql`), so a new metric is one entry here.
import type { Sums } from './series.js';

/** A pooled sum a metric reads. */
export type SumField = keyof Sums;

/**
 * value = (sum of the numerator fields) / scale / denominator, in that order (the same IEEE arithmetic in
 * TypeScript and in Postgres). A total has no denominator and is 0 in an empty bucket; a ratio is `empty` where its
 * denominator is 0.
 */
export type MetricDefinition =
  | { numerator: readonly SumField[]; denominator: null; scale: number; empty: 0 }
  | { numerator: readonly SumField[]; denominator: SumField; scale: number; empty: number | null };

export const METRIC_DEFINITIONS = {
  volume: { numerator: ['n'], denominator: null, scale: 1, empty: 0 },
  negative_share: { numerator: ['nNeg'], denominator: 'n', scale: 1, empty: null },
  positive_share: { numerator: ['nPos'], denominator: 'n', scale: 1, empty: null },
  neutral_share: { numerator: ['nNeu'], denominator: 'n', scale: 1, empty: null },
  // Score sums are thousandths of a sentiment point.
  mean_score: { numerator: ['scoreSum'], denominator: 'n', scale: 1000, empty: null },
  reach: { numerator: ['reachSum'], denominator: null, scale: 1, empty: 0 },
} as const satisfies Record<string, MetricDefinition>;

type Definitions = typeof METRIC_DEFINITIONS;
export type Metric = keyof Definitions;

// The keys of a literal object keep their written order, which is the order the API documents.
export const METRICS = Object.keys(METRIC_DEFINITIONS) as readonly Metric[];

/** The sums metric M reads: a caller that holds only some sums (the question rollups) passes those. */
export type MetricFields<M extends Metric> =
  Definitions[M]['numerator'][number] | Exclude<Definitions[M]['denominator'], null>;

/** Metrics that are a plain share of two counts (no scale): these have an interval and a test. */
export type ShareMetric = {
  [M in Metric]: Definitions[M] extends { denominator: SumField; scale: 1 } ? M : never;
}[Metric];

function definition(metric: Metric): MetricDefinition {
  const found: MetricDefinition | undefined = METRIC_DEFINITIONS[metric];
  if (found === undefined) throw new Error(`Unknown metric "${String(metric)}"`);
  return found;
}

function numerator(def: MetricDefinition, sums: Readonly<Partial<Record<SumField, number>>>): number {
  let total = 0;
  for (const field of def.numerator) total += sums[field] ?? 0;
  return total;
}

/** Counts are 0 in an empty bucket; shares and means have no value there. */
export function metricValue<M extends Metric>(metric: M, sums: Pick<Sums, MetricFields<M>>): number | null {
  const def = definition(metric);
  const read: Readonly<Partial<Record<SumField, number>>> = sums;
  const scaled = numerator(def, read) / def.scale;
  if (def.denominator === null) return scaled;
  const denominator = read[def.denominator] ?? 0;
  return denominator === 0 ? def.empty : scaled / denominator;
}

/** The value of metric M in a bucket that holds nothing. */
export function emptyValue(metric: Metric): number | null {
  return definition(metric).empty;
}

/** A share's two counts (k of n), for its Wilson interval or a two-proportion test. */
export function shareCounts<M extends ShareMetric>(
  metric: M,
  sums: Pick<Sums, MetricFields<M>>,
): { k: number; n: number } {
  const def = definition(metric);
  const read: Readonly<Partial<Record<SumField, number>>> = sums;
  return { k: numerator(def, read), n: def.denominator === null ? 0 : (read[def.denominator] ?? 0) };
}
