// Training the Dutch sentiment model from labelled texts, k-fold cross-validation against other scorers on the
// same folds, and the choice of the neutral rule. Shared by `onderstroom model train` and the shipped default.
import { scoreDutch, type DutchScore } from '../dutch.sentiment.js';
import type { DutchScorerSetup } from '../enricher.js';
import { macroF1, summariseEvaluation, type ClassFigures, type Polarity } from '../sentiment.evaluation.js';
import { fnv1a } from '../sentiment.lexicon.js';
import { tokenize, type Token } from '../text.tokenizer.js';
import { createLinearModel, decide, type LinearSentimentModel, type NeutralRule } from './linear.model.js';
import {
  DEFAULT_TRAIN_OPTIONS,
  predictExample,
  trainMultinomial,
  type LinearWeights,
  type TrainingExample,
} from './multinomial.train.js';
import { classIndex, SENTIMENT_CLASSES } from './sentiment.classes.js';
import {
  createFeatureBuffer,
  DEFAULT_FEATURE_SPEC,
  extractHashed,
  LEXICON_FEATURES,
  lexiconFeatures,
  type FeatureSpec,
} from './sentiment.features.js';

export interface LabelledRow {
  id: string;
  text: string;
  label: Polarity;
  /** How much the row counts (corrections more than tool labels). */
  weight: number;
}

/** A row ready for training: its features, and what the lexicon made of it. */
export interface PreparedRow {
  id: string;
  label: Polarity;
  example: TrainingExample;
  tokens: Token[];
  lexicon: DutchScore;
}

export interface ModelSettings {
  spec: FeatureSpec;
  lambda: number;
  lambdaDense: number;
  maxIterations: number;
  tolerance: number;
  /** Each class weighs the same in total (macro-F1 is the measure, and labels are skewed). */
  balanceClasses: boolean;
}

export const DEFAULT_MODEL_SETTINGS: ModelSettings = {
  spec: DEFAULT_FEATURE_SPEC,
  lambda: DEFAULT_TRAIN_OPTIONS.lambda,
  lambdaDense: DEFAULT_TRAIN_OPTIONS.lambdaDense,
  maxIterations: DEFAULT_TRAIN_OPTIONS.maxIterations,
  tolerance: DEFAULT_TRAIN_OPTIONS.tolerance,
  balanceClasses: true,
};

export function prepareRows(
  rows: readonly LabelledRow[],
  dutch: DutchScorerSetup,
  spec: FeatureSpec,
): PreparedRow[] {
  const buffer = createFeatureBuffer();
  return rows.map((row) => {
    const tokens = tokenize(row.text);
    const lexicon = scoreDutch(dutch.lexicon, dutch.parameters, tokens);
    const dense = new Float64Array(LEXICON_FEATURES);
    lexiconFeatures(lexicon, dense);
    extractHashed(tokens, spec, dutch.lexicon, buffer);
    return {
      id: row.id,
      label: row.label,
      tokens,
      lexicon,
      example: {
        indices: buffer.indices.slice(0, buffer.count),
        words: buffer.words,
        dense,
        label: classIndex(row.label),
        weight: row.weight,
      },
    };
  });
}

/** Weights as given, or scaled so that every class present weighs the same in total. */
export function balancedExamples(rows: readonly PreparedRow[], balance: boolean): TrainingExample[] {
  if (!balance) return rows.map((r) => r.example);
  const totals = [0, 0, 0];
  for (const r of rows) totals[r.example.label] = totals[r.example.label]! + r.example.weight;
  const present = totals.filter((t) => t > 0).length;
  return rows.map((r) => ({
    ...r.example,
    weight: r.example.weight / (present * totals[r.example.label]!),
  }));
}

export function trainWeights(
  examples: readonly TrainingExample[],
  settings: ModelSettings,
  prior: LinearWeights | null = null,
  onIteration?: (iteration: number, loss: number) => void,
): LinearWeights {
  return trainMultinomial(examples, {
    rows: 1 << settings.spec.hashBits,
    denseCount: LEXICON_FEATURES,
    lambda: settings.lambda,
    lambdaDense: settings.lambdaDense,
    maxIterations: settings.maxIterations,
    tolerance: settings.tolerance,
    prior,
    onIteration,
  });
}

/** Fold of a row: a hash of its id, so the folds do not depend on the order rows come in. */
export function foldOf(id: string, folds: number): number {
  return parseInt(fnv1a(`${id}#fold`).slice(-4), 16) % folds;
}

/** Log-probabilities per row (for choosing the neutral rule without refitting). */
export interface RowScores {
  logp: [number, number, number];
  evidence: boolean;
  label: Polarity;
}

export function rowScores(weights: LinearWeights, rows: readonly PreparedRow[]): RowScores[] {
  return rows.map((row) => {
    const p = predictExample(weights, row.example);
    return {
      logp: [Math.log(p[0]!), Math.log(p[1]!), Math.log(p[2]!)],
      evidence: row.lexicon.carriers.length > 0,
      label: row.label,
    };
  });
}

export function applyRule(scores: readonly RowScores[], rule: NeutralRule): Polarity[] {
  return scores.map((s) => decide(s.logp[0], s.logp[1], s.logp[2], rule, s.evidence).label);
}

const OFFSETS = Array.from({ length: 21 }, (_, k) => -1 + k * 0.25);

/** The neutral rule with the best objective on these scores (a grid: offsets -1..4 in steps of 0.25). */
export function chooseRule(objective: (rule: NeutralRule) => number): { rule: NeutralRule; value: number } {
  let best = { rule: { neutralOffset: 0, neutralOffsetWithoutEvidence: 0 }, value: -Infinity };
  for (const neutralOffset of OFFSETS) {
    for (const neutralOffsetWithoutEvidence of OFFSETS) {
      // Without any sentiment word the text is at least as likely neutral as with one.
      if (neutralOffsetWithoutEvidence < neutralOffset) continue;
      const rule = { neutralOffset, neutralOffsetWithoutEvidence };
      const value = objective(rule);
      if (value > best.value + 1e-12) best = { rule, value };
    }
  }
  return best;
}

/** Three-class macro-F1 of a rule over scored rows. */
export function threeClassObjective(scores: readonly RowScores[]): (rule: NeutralRule) => number {
  const gold = scores.map((s) => s.label);
  return (rule) => macroF1(gold, applyRule(scores, rule), SENTIMENT_CLASSES);
}

export interface ScorerFigures {
  accuracy: number;
  macro_f1: number;
  per_class: Record<string, ClassFigures>;
}

export interface CrossValidation {
  folds: number;
  rows: number;
  /** Out-of-fold figures of the trained model, each fold's neutral rule chosen on the other folds only. */
  model: ScorerFigures;
  /** The other scorers on exactly the same rows. */
  baselines: Record<string, ScorerFigures>;
  /** Out-of-fold scores of every row, in input order (to choose the final rule). */
  scores: RowScores[];
}

function figures(rows: readonly PreparedRow[], predicted: readonly Polarity[]): ScorerFigures {
  const summary = summariseEvaluation(
    rows.map((r) => ({ id: r.id, text: '', label: r.label })),
    predicted,
    SENTIMENT_CLASSES,
    { coverage: 0, texts_per_second: 0, neutral_predictions: 0 },
  );
  return { accuracy: summary.accuracy, macro_f1: summary.macro_f1, per_class: summary.per_class };
}

/**
 * k-fold cross-validation. Every fold trains on the others; the neutral rule of fold k is chosen on the
 * out-of-fold scores of the other folds, so no label of fold k shapes its own prediction.
 */
export function crossValidate(
  rows: readonly PreparedRow[],
  settings: ModelSettings,
  baselines: Record<string, (row: PreparedRow) => Polarity>,
  options: { folds: number; prior?: LinearWeights | null; onFold?: (fold: number) => void },
): CrossValidation {
  const k = options.folds;
  const fold = rows.map((r) => foldOf(r.id, k));
  const scores: RowScores[] = new Array<RowScores>(rows.length);
  for (let f = 0; f < k; f++) {
    const train = rows.filter((_, i) => fold[i] !== f);
    const test = rows.map((r, i) => ({ r, i })).filter(({ i }) => fold[i] === f);
    if (test.length === 0) continue;
    if (train.length === 0) throw new Error(`fold ${f} has nothing to train on`);
    const weights = trainWeights(
      balancedExamples(train, settings.balanceClasses),
      settings,
      options.prior ?? null,
    );
    const foldScores = rowScores(
      weights,
      test.map(({ r }) => r),
    );
    test.forEach(({ i }, j) => (scores[i] = foldScores[j]!));
    options.onFold?.(f);
  }
  const predicted: Polarity[] = new Array<Polarity>(rows.length);
  for (let f = 0; f < k; f++) {
    const others = scores.filter((_, i) => fold[i] !== f);
    const { rule } = chooseRule(threeClassObjective(others));
    rows.forEach((_, i) => {
      if (fold[i] !== f) return;
      const s = scores[i]!;
      predicted[i] = decide(s.logp[0], s.logp[1], s.logp[2], rule, s.evidence).label;
    });
  }
  const baselineFigures: Record<string, ScorerFigures> = {};
  for (const [name, predict] of Object.entries(baselines))
    baselineFigures[name] = figures(rows, rows.map(predict));
  return { folds: k, rows: rows.length, model: figures(rows, predicted), baselines: baselineFigures, scores };
}

/** Trains on every row and chooses the neutral rule on the cross-validated scores. */
export function trainFinalModel(
  rows: readonly PreparedRow[],
  settings: ModelSettings,
  cvScores: readonly RowScores[],
  lexiconVersion: string,
  trainedOn: string,
  prior: LinearWeights | null = null,
): LinearSentimentModel {
  const weights = trainWeights(balancedExamples(rows, settings.balanceClasses), settings, prior);
  const { rule } = chooseRule(threeClassObjective(cvScores));
  return createLinearModel(weights, settings.spec, lexiconVersion, rule, trainedOn);
}
