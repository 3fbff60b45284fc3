// Fitting the FAQ matcher on labelled queries (the dev split only): a grid over the component weights, and for each
// the `none` rule with the best end-to-end accuracy; and k-fold cross-validation of that whole procedure, so a
// change is judged on queries its weights and threshold never saw. Pure: the fit tool reads the files.
import { seededRandom } from '../../random/seeded-random.js';
import { endToEndRight, type QueryOutcome } from './faq-evaluation.js';
import { combinedScore, type FaqComponentScores, type FaqWeights } from './faq-matcher.js';

/** One labelled query: the component scores of the FAQs it shares anything with, and the FAQ ids that answer it. */
export interface FitRow {
  scores: ReadonlyMap<number, FaqComponentScores>;
  expected: ReadonlySet<string> | null;
}

/**
 * The `none` rule: `match` when best + marginWeight * (best - second) reaches the threshold. A clear lead over the
 * runner-up says the question is about that FAQ even when its score is modest; marginWeight 0 is the best score
 * alone.
 */
export interface NoneRule {
  threshold: number;
  marginWeight: number;
}

export interface FittedMatcher extends NoneRule {
  weights: FaqWeights;
  /** On the rows it was fitted on. */
  endToEnd: number;
  pAt1: number;
}

export type WeightGrid = { [K in keyof FaqWeights]: readonly number[] };

export interface FitOptions {
  grid: WeightGrid;
  /** The margin weights tried; [0] fits the best score alone. */
  marginWeights: readonly number[];
  /**
   * Instead of the grid: weights by a pairwise logistic model (each answered query's right FAQ against the other
   * FAQs it shares words with), non-negative, with an L2 penalty; the grid then only names the components used.
   */
  pairwise?: { l2: number; steps: number };
}

interface Top {
  index: number;
  score: number;
  second: number;
}

const WEIGHT_KEYS = [
  'questionWords',
  'answerWords',
  'questionChars',
  'answerChars',
  'coverage',
] as const satisfies readonly (keyof FaqWeights)[];

/** A row's component scores as flat arrays (the grid reads them thousands of times). */
interface DenseRow {
  docs: Int32Array;
  values: Float64Array;
}
const dense = new WeakMap<FitRow, DenseRow>();
function denseOf(row: FitRow): DenseRow {
  let found = dense.get(row);
  if (found === undefined) {
    const entries = [...row.scores];
    const values = new Float64Array(entries.length * WEIGHT_KEYS.length);
    entries.forEach(([, s], j) => WEIGHT_KEYS.forEach((k, c) => (values[j * WEIGHT_KEYS.length + c] = s[k])));
    found = { docs: Int32Array.from(entries.map(([doc]) => doc)), values };
    dense.set(row, found);
  }
  return found;
}

/** Each row's best FAQ (ties by id, as the matcher ranks), its score and the runner-up's. */
export function topTwo(rows: readonly FitRow[], ids: readonly string[], weights: FaqWeights): Top[] {
  const w = WEIGHT_KEYS.map((k) => weights[k]);
  const width = w.length;
  return rows.map((row) => {
    const { docs, values } = denseOf(row);
    let index = -1;
    let score = 0;
    let second = 0;
    for (let j = 0; j < docs.length; j++) {
      const doc = docs[j]!;
      let value = 0;
      for (let c = 0; c < width; c++) value += w[c]! * values[j * width + c]!;
      if (value > score || (value === score && value > 0 && index >= 0 && ids[doc]! < ids[index]!)) {
        if (index >= 0) second = Math.max(second, score);
        index = doc;
        score = value;
      } else if (value > second) second = value;
    }
    return { index, score, second };
  });
}

const decisionScore = (top: Top, marginWeight: number): number =>
  top.score + marginWeight * (top.score - top.second);

/** The threshold (a midpoint between consecutive decision scores) with the best end-to-end accuracy. */
function fitRule(
  tops: readonly Top[],
  right: readonly boolean[],
  rows: readonly FitRow[],
  marginWeight: number,
): { threshold: number; endToEnd: number } {
  const values = tops.map((t) => decisionScore(t, marginWeight));
  const sorted = [...new Set(values)].sort((a, b) => a - b);
  const candidates = [0, ...sorted.slice(1).map((s, i) => (s + sorted[i]!) / 2), (sorted.at(-1) ?? 0) + 1e-6];
  let best = { threshold: 0, endToEnd: -1 };
  for (const threshold of candidates) {
    let ok = 0;
    tops.forEach((t, i) => {
      const match = t.index >= 0 && values[i]! >= threshold;
      if (rows[i]!.expected === null ? !match : match && right[i]) ok++;
    });
    const endToEnd = ok / Math.max(1, tops.length);
    if (endToEnd > best.endToEnd) best = { threshold, endToEnd };
  }
  return best;
}

function* gridWeights(grid: WeightGrid): Generator<FaqWeights> {
  const keys = Object.keys(grid) as (keyof FaqWeights)[];
  const at = keys.map(() => 0);
  for (;;) {
    const weights = Object.fromEntries(keys.map((k, i) => [k, grid[k][at[i]!]!])) as FaqWeights;
    yield weights;
    let i = 0;
    while (i < keys.length && ++at[i]! >= grid[keys[i]!].length) at[i++] = 0;
    if (i === keys.length) return;
  }
}

/**
 * Pairwise logistic weights: minimise the mean of log(1 + exp(-w.(x_right - x_other))) + l2 |w|^2 over every
 * answered query's right FAQ (its best-scoring one) and each other FAQ it shares words with, by projected gradient
 * descent (w >= 0, so a component never counts against an FAQ). Components whose grid is [0] stay 0.
 */
function pairwiseWeights(
  rows: readonly FitRow[],
  ids: readonly string[],
  grid: WeightGrid,
  pairwise: { l2: number; steps: number },
): FaqWeights {
  const used = WEIGHT_KEYS.map((k) => grid[k].some((v) => v > 0));
  const width = WEIGHT_KEYS.length;
  const differences: Float64Array[] = [];
  for (const row of rows) {
    if (row.expected === null) continue;
    const { docs, values } = denseOf(row);
    let right = -1;
    let rightSum = -1;
    for (let j = 0; j < docs.length; j++) {
      if (!row.expected.has(ids[docs[j]!]!)) continue;
      let sum = 0;
      for (let c = 0; c < width; c++) sum += values[j * width + c]!;
      if (sum > rightSum) [right, rightSum] = [j, sum];
    }
    if (right < 0) continue;
    for (let j = 0; j < docs.length; j++) {
      if (row.expected.has(ids[docs[j]!]!)) continue;
      const d = new Float64Array(width);
      for (let c = 0; c < width; c++)
        d[c] = used[c] ? values[right * width + c]! - values[j * width + c]! : 0;
      differences.push(d);
    }
  }
  const w = new Float64Array(width).map((_, c) => (used[c] ? 0.2 : 0));
  const rate = 0.5;
  for (let step = 0; step < pairwise.steps; step++) {
    const gradient = new Float64Array(width);
    for (const d of differences) {
      let margin = 0;
      for (let c = 0; c < width; c++) margin += w[c]! * d[c]!;
      const pull = 1 / (1 + Math.exp(margin));
      for (let c = 0; c < width; c++)
        gradient[c] = gradient[c]! - (pull * d[c]!) / Math.max(1, differences.length);
    }
    for (let c = 0; c < width; c++)
      if (used[c]) w[c] = Math.max(0, w[c]! - rate * (gradient[c]! + 2 * pairwise.l2 * w[c]!));
  }
  return Object.fromEntries(WEIGHT_KEYS.map((k, c) => [k, Math.round(w[c]! * 1e4) / 1e4])) as FaqWeights;
}

/** Grid over the weights, the best `none` rule for each; end-to-end first, then P@1; the first tried wins a tie. */
export function fitMatcher(
  rows: readonly FitRow[],
  ids: readonly string[],
  options: FitOptions,
): FittedMatcher {
  let best: FittedMatcher | null = null;
  const labelled = rows.filter((r) => r.expected !== null).length;
  const candidates =
    options.pairwise === undefined
      ? gridWeights(options.grid)
      : [pairwiseWeights(rows, ids, options.grid, options.pairwise)];
  for (const weights of candidates) {
    if (weights.questionWords + weights.answerWords + weights.questionChars + weights.answerChars === 0)
      continue;
    const tops = topTwo(rows, ids, weights);
    const right = tops.map((t, i) => t.index >= 0 && (rows[i]!.expected?.has(ids[t.index]!) ?? false));
    const pAt1 = right.filter((r, i) => r && rows[i]!.expected !== null).length / Math.max(1, labelled);
    for (const marginWeight of options.marginWeights) {
      const rule = fitRule(tops, right, rows, marginWeight);
      if (
        best === null ||
        rule.endToEnd > best.endToEnd ||
        (rule.endToEnd === best.endToEnd && pAt1 > best.pAt1)
      )
        best = { weights, threshold: rule.threshold, marginWeight, endToEnd: rule.endToEnd, pAt1 };
    }
  }
  if (best === null) throw new Error('no weights were tried');
  return best;
}

/** What the fitted matcher does on each row: its ranking (up to 10, as the evaluation reads) and decision. */
export function fitOutcomes(
  rows: readonly FitRow[],
  ids: readonly string[],
  fitted: NoneRule & { weights: FaqWeights },
): QueryOutcome[] {
  return rows.map((row) => {
    const ranked = [...row.scores]
      .map(([doc, s]) => ({ doc, score: combinedScore(s, 'combined', fitted.weights) }))
      .filter((r) => r.score > 0)
      .sort((a, b) => b.score - a.score || (ids[a.doc]! < ids[b.doc]! ? -1 : 1));
    const top: Top = {
      index: ranked[0]?.doc ?? -1,
      score: ranked[0]?.score ?? 0,
      second: ranked[1]?.score ?? 0,
    };
    const match = top.index >= 0 && decisionScore(top, fitted.marginWeight) >= fitted.threshold;
    return {
      expected: row.expected === null ? null : [...row.expected],
      ranked: ranked.slice(0, 10).map((r) => ids[r.doc]!),
      decision: match ? 'match' : 'none',
    };
  });
}

/**
 * Fold of each row for k-fold cross-validation: seeded shuffle, queries with and without an FAQ dealt out apart
 * (stratified), so every fold holds about the same share of `none` queries.
 */
export function foldsOf(rows: readonly FitRow[], k: number, seed: number): number[] {
  if (!Number.isInteger(k) || k < 2 || k > rows.length)
    throw new Error(`--cv: a whole number from 2 to ${rows.length}`);
  const random = seededRandom(seed);
  const folds = new Array<number>(rows.length).fill(0);
  for (const none of [false, true]) {
    const members = rows.map((r, i) => ({ i, none: r.expected === null })).filter((r) => r.none === none);
    for (let j = members.length - 1; j > 0; j--) {
      const swap = Math.floor(random() * (j + 1));
      [members[j], members[swap]] = [members[swap]!, members[j]!];
    }
    members.forEach((m, position) => (folds[m.i] = position % k));
  }
  return folds;
}

export interface CrossValidation {
  /** Every row's outcome when its fold was held out, in row order. */
  outcomes: QueryOutcome[];
  /** The fit of each fold (on the other k-1). */
  fits: FittedMatcher[];
}

/** Fits on k-1 folds, scores the fold left out, k times: each row is judged by a fit that never saw it. */
export function crossValidate(
  rows: readonly FitRow[],
  ids: readonly string[],
  options: FitOptions,
  k: number,
  seed: number,
): CrossValidation {
  const folds = foldsOf(rows, k, seed);
  const outcomes = new Array<QueryOutcome>(rows.length);
  const fits: FittedMatcher[] = [];
  for (let fold = 0; fold < k; fold++) {
    const train = rows.filter((_, i) => folds[i] !== fold);
    const held = rows.map((row, i) => ({ row, i })).filter(({ i }) => folds[i] === fold);
    const fitted = fitMatcher(train, ids, options);
    fits.push(fitted);
    const scored = fitOutcomes(
      held.map((h) => h.row),
      ids,
      fitted,
    );
    held.forEach((h, j) => (outcomes[h.i] = scored[j]!));
  }
  return { outcomes, fits };
}

/** End-to-end right per row: what two procedures' cross-validations are compared on, row by row. */
export const rightPerRow = (outcomes: readonly QueryOutcome[]): boolean[] => outcomes.map(endToEndRight);
