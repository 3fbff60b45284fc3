// Measures a sentiment scorer on labelled lines {"id","text","label"}: accuracy, macro-F1, per-class precision
// and recall, coverage and speed. Also the fixed hash split that keeps a held-out part of every data set.
import { readFileSync } from 'node:fs';
import { seededRandom } from '../random/seeded-random.js';
import { fnv1a } from './sentiment.lexicon.js';

export type Polarity = 'positive' | 'neutral' | 'negative';

export interface LabelledText {
  id: string;
  text: string;
  label: Polarity;
}

export interface ScoredText {
  label: Polarity;
  score: number;
  carriers: readonly unknown[];
}

export interface ClassFigures {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface SentimentEvaluation {
  n: number;
  accuracy: number;
  macro_f1: number;
  per_class: Record<string, ClassFigures>;
  coverage: number;
  texts_per_second: number;
  /** 2 classes: texts the scorer labelled neutral (decided by the sign of their score). */
  neutral_predictions: number;
  /** 95% bootstrap intervals (2,000 resamples of the texts, fixed seed), so small sets are read with care. */
  interval_95: { accuracy: [number, number]; macro_f1: [number, number] };
}

/** Reads JSONL; keeps lines whose label is positive/negative/neutral (neutral only with 3 classes). */
export function parseLabelledJsonl(content: string, origin: string, classes: 2 | 3): LabelledText[] {
  const rows: LabelledText[] = [];
  const lines = content.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]?.trim() ?? '';
    if (line.length === 0) continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new Error(`${origin}:${i + 1}: not valid JSON`);
    }
    if (typeof value !== 'object' || value === null) throw new Error(`${origin}:${i + 1}: not an object`);
    const record = value as Record<string, unknown>;
    const text = record['text'];
    const label = record['label'];
    if (typeof text !== 'string') throw new Error(`${origin}:${i + 1}: "text" must be a string`);
    const id =
      typeof record['id'] === 'string' || typeof record['id'] === 'number'
        ? String(record['id'])
        : `${i + 1}`;
    if (label === 'positive' || label === 'negative' || (label === 'neutral' && classes === 3)) {
      rows.push({ id, text, label });
    }
  }
  return rows;
}

export function readLabelledJsonl(path: string, classes: 2 | 3): LabelledText[] {
  return parseLabelledJsonl(readFileSync(path, 'utf8'), path, classes);
}

/** Our labelled posts sets (`assets/evaluation/`) whose tuning parts the lexicon fit and the shipped model use. */
export const TRAINING_POSTS_FILES: readonly string[] = [
  'sentiment-posts',
  'posts-politics',
  'posts-local',
  'posts-questions',
  'posts-reactions',
].map((name) => `assets/evaluation/${name}.labelled.jsonl`);

/** Posts by other writers that nothing is ever fitted or trained on: the test of text the scorer has not seen. */
export const UNSEEN_POSTS_FILE = 'assets/evaluation/posts-unseen.labelled.jsonl';

/** The fixed split: a quarter of every data set, chosen by a hash of the id, is never used for tuning. */
export function isHeldOut(id: string): boolean {
  return parseInt(fnv1a(id).slice(-2), 16) % 4 === 0;
}

export function splitHeldOut<T extends { id: string }>(rows: readonly T[]): { tuning: T[]; heldOut: T[] } {
  const tuning: T[] = [];
  const heldOut: T[] = [];
  for (const row of rows) (isHeldOut(row.id) ? heldOut : tuning).push(row);
  return { tuning, heldOut };
}

/**
 * The two-class decision: which way the score leans. A three-class scorer asked "positive or negative?" answers
 * with the sign of its score (the model's P(positive) - P(negative), the lexicon's signed sum), whatever its
 * neutral label says; a text with no evidence at all (score 0) counts as negative, since complaints are often
 * written without an evaluative word ("Lange wachttijd.", "Geen geld terug.") while praise nearly always has one.
 */
export function binaryDecision(score: number): 'positive' | 'negative' {
  return score > 0 ? 'positive' : 'negative';
}

/** Scores every text and compares (2 classes: by binaryDecision). */
export function evaluateSentiment(
  rows: readonly LabelledText[],
  scorer: (text: string) => ScoredText,
  classes: 2 | 3,
  now: () => number = () => performance.now(),
): SentimentEvaluation {
  const labels: Polarity[] = classes === 2 ? ['positive', 'negative'] : ['positive', 'neutral', 'negative'];
  const predictions: (Polarity | null)[] = new Array<Polarity | null>(rows.length);
  let covered = 0;
  let neutralPredictions = 0;
  const started = now();
  for (let i = 0; i < rows.length; i++) {
    const result = scorer(rows[i]?.text ?? '');
    if (result.carriers.length > 0) covered++;
    if (classes === 2 && result.label === 'neutral') neutralPredictions++;
    predictions[i] = classes === 2 ? binaryDecision(result.score) : result.label;
  }
  const elapsed = (now() - started) / 1000;
  return {
    ...summariseEvaluation(rows, predictions, labels, {
      coverage: rows.length > 0 ? covered / rows.length : 0,
      texts_per_second: elapsed > 0 ? rows.length / elapsed : 0,
      neutral_predictions: neutralPredictions,
    }),
    interval_95: bootstrapIntervals(rows, predictions, labels),
  };
}

/** Percentile intervals of accuracy and macro-F1 over resamples of the texts (fixed seed). */
export function bootstrapIntervals(
  rows: readonly LabelledText[],
  predictions: readonly (Polarity | null)[],
  labels: readonly Polarity[],
  resamples = 2000,
): SentimentEvaluation['interval_95'] {
  if (rows.length === 0) return { accuracy: [0, 0], macro_f1: [0, 0] };
  // xorshift32: the intervals quoted in the READMEs were drawn with it.
  const random = seededRandom(0x9e3779b9, 'xorshift32');
  const accuracy: number[] = [];
  const macro: number[] = [];
  const sampleRows = new Array<LabelledText>(rows.length);
  const samplePredictions = new Array<Polarity | null>(rows.length);
  const none = { coverage: 0, texts_per_second: 0, neutral_predictions: 0 };
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < rows.length; i++) {
      const k = Math.floor(random() * rows.length);
      sampleRows[i] = rows[k]!;
      samplePredictions[i] = predictions[k] ?? null;
    }
    const figures = summariseEvaluation(sampleRows, samplePredictions, labels, none);
    accuracy.push(figures.accuracy);
    macro.push(figures.macro_f1);
  }
  const bounds = (values: number[]): [number, number] => {
    values.sort((a, b) => a - b);
    return [values[Math.floor(resamples * 0.025)]!, values[Math.ceil(resamples * 0.975) - 1]!];
  };
  return { accuracy: bounds(accuracy), macro_f1: bounds(macro) };
}

/** Precision, recall and F1 of one class over paired gold and predicted labels. */
export function classFigures(
  gold: readonly Polarity[],
  predicted: readonly (Polarity | null)[],
  label: Polarity,
): ClassFigures {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let i = 0; i < gold.length; i++) {
    if (predicted[i] === label && gold[i] === label) tp++;
    else if (predicted[i] === label) fp++;
    else if (gold[i] === label) fn++;
  }
  const precision = tp + fp > 0 ? tp / (tp + fp) : 0;
  const recall = tp + fn > 0 ? tp / (tp + fn) : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1, support: tp + fn };
}

/** The unweighted mean of the labels' F1. */
export function macroF1(
  gold: readonly Polarity[],
  predicted: readonly (Polarity | null)[],
  labels: readonly Polarity[],
): number {
  let total = 0;
  for (const label of labels) total += classFigures(gold, predicted, label).f1;
  return total / labels.length;
}

export function summariseEvaluation(
  rows: readonly LabelledText[],
  predictions: readonly (Polarity | null)[],
  labels: readonly Polarity[],
  extra: { coverage: number; texts_per_second: number; neutral_predictions: number },
): Omit<SentimentEvaluation, 'interval_95'> {
  let correct = 0;
  const gold = rows.map((row) => row.label);
  const perClass: Record<string, ClassFigures> = {};
  for (const label of labels) perClass[label] = classFigures(gold, predictions, label);
  for (let i = 0; i < rows.length; i++) if (predictions[i] === gold[i]) correct++;
  const macro = labels.reduce((s, l) => s + (perClass[l]?.f1 ?? 0), 0) / labels.length;
  return {
    n: rows.length,
    accuracy: rows.length > 0 ? correct / rows.length : 0,
    macro_f1: macro,
    per_class: perClass,
    ...extra,
  };
}

export interface Agreement {
  n: number;
  /** Share of texts both annotators labelled the same. */
  observed: number;
  /** Cohen's kappa: agreement beyond what the two label distributions give by chance. */
  kappa: number;
}

/** How far two annotators agree on the same texts (pairs of labels). */
export function annotatorAgreement(pairs: readonly (readonly [Polarity, Polarity])[]): Agreement {
  const n = pairs.length;
  if (n === 0) return { n, observed: 0, kappa: 0 };
  const first = new Map<Polarity, number>();
  const second = new Map<Polarity, number>();
  let same = 0;
  for (const [a, b] of pairs) {
    if (a === b) same++;
    first.set(a, (first.get(a) ?? 0) + 1);
    second.set(b, (second.get(b) ?? 0) + 1);
  }
  const observed = same / n;
  let chance = 0;
  for (const [label, count] of first) chance += (count / n) * ((second.get(label) ?? 0) / n);
  return { n, observed, kappa: chance < 1 ? (observed - chance) / (1 - chance) : 1 };
}
