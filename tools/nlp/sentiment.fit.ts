// Fits the Dutch scorer on the tuning part of the development sets (never the held-out quarter):
// 1. a grid over the rule parameters (negation, punctuation, capitals, length normalisation) with listed weights;
// 2. per-word weights by logistic regression, pulled towards the listed polarity (L2), so rare words stay put,
//    and never across zero (a word listed negative stays negative or becomes neutral);
// 3. the decision thresholds and the scale of the score. Writes assets/lexicons/sentiment-nl.fitted.json.
// Run after `npm run build:tools`: node dist-tools/tools/nlp/sentiment.fit.js [data-dir] [out.json] [three-class posts files...]
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  DEFAULT_DUTCH_PARAMETERS,
  scoreDutch,
  type DutchSentimentParameters,
} from '../../services/nlp/dutch.sentiment.js';
import {
  readLabelledJsonl,
  isHeldOut,
  macroF1,
  TRAINING_POSTS_FILES,
  type LabelledText,
} from '../../services/nlp/sentiment.evaluation.js';
import { buildSentimentLexicon, type SentimentLexicon } from '../../services/nlp/sentiment.lexicon.js';
import { tokenize, type Token } from '../../services/nlp/text.tokenizer.js';

export interface FitSet {
  name: string;
  /** Binary sets decide positive vs. not positive; three-class sets also need the negative threshold. */
  classes: 2 | 3;
  rows: { tokens: Token[]; label: LabelledText['label'] }[];
}

interface Featurised {
  keys: number[];
  multipliers: number[];
  count: number;
  label: LabelledText['label'];
}

function featurise(
  set: FitSet,
  lexicon: SentimentLexicon,
  params: DutchSentimentParameters,
  keyIndex: Map<string, number>,
  listed: number[],
): Featurised[] {
  return set.rows.map((row) => {
    const scored = scoreDutch(lexicon, params, row.tokens);
    const keys: number[] = [];
    const multipliers: number[] = [];
    for (const c of scored.carriers) {
      let k = keyIndex.get(c.key);
      if (k === undefined) {
        k = listed.length;
        keyIndex.set(c.key, k);
        // The listed polarity is what the carrier contributed at multiplier 1.
        listed.push(c.multiplier !== 0 ? c.contribution / c.multiplier : 0);
      }
      keys.push(k);
      multipliers.push(c.multiplier);
    }
    return { keys, multipliers, count: scored.carriers.length, label: row.label };
  });
}

function rawScore(f: Featurised, weights: readonly number[], lengthExponent: number): number {
  if (f.count === 0) return 0;
  let sum = 0;
  for (let k = 0; k < f.keys.length; k++) sum += (f.multipliers[k] ?? 0) * (weights[f.keys[k] ?? 0] ?? 0);
  return sum / Math.pow(f.count, lengthExponent);
}

/**
 * The 2-class rule (binaryDecision in sentiment.evaluation.ts): positive when the score leans positive, i.e. raw
 * above the midpoint of the two thresholds, which the score's bias puts at zero; no evidence counts as negative.
 */
function binaryAccuracy(raws: readonly number[], data: readonly Featurised[], midpoint: number): number {
  let right = 0;
  for (let i = 0; i < raws.length; i++) {
    const positive = (data[i]?.count ?? 0) > 0 && (raws[i] ?? 0) > midpoint;
    if (positive === (data[i]?.label === 'positive')) right++;
  }
  return raws.length > 0 ? right / raws.length : 0;
}

const THREE_CLASSES = ['positive', 'neutral', 'negative'] as const;

/** Three-class macro-F1 when raw >= tPos is positive, raw <= tNeg negative, and the rest (or no evidence) neutral. */
function thresholdMacroF1(
  raws: readonly number[],
  data: readonly Featurised[],
  tNeg: number,
  tPos: number,
): number {
  const predicted = raws.map((r, i): LabelledText['label'] =>
    (data[i]?.count ?? 0) === 0 ? 'neutral' : r >= tPos ? 'positive' : r <= tNeg ? 'negative' : 'neutral',
  );
  return macroF1(
    data.map((d) => d.label),
    predicted,
    THREE_CLASSES,
  );
}

const THRESHOLDS = Array.from({ length: 41 }, (_, k) => Math.round((-0.4 + k * 0.02) * 100) / 100);
// Weak evidence must stay neutral on both sides: the review sets would otherwise push the negative threshold
// above zero (their lexicon words lean positive), which would call mildly positive social posts negative.
const MIN_MARGIN = 0.02;

/** The objective: mean binary accuracy over 2-class sets and mean macro-F1 over 3-class sets, averaged. */
function objective(
  sets: readonly FitSet[],
  data: readonly Featurised[][],
  weights: readonly number[],
  lengthExponent: number,
): { value: number; tNeg: number; tPos: number } {
  const raws = data.map((d) => d.map((f) => rawScore(f, weights, lengthExponent)));
  let best = { value: -1, tNeg: 0, tPos: 0 };
  for (const tPos of THRESHOLDS) {
    if (tPos < MIN_MARGIN) continue;
    for (const tNeg of THRESHOLDS) {
      if (tNeg > -MIN_MARGIN) break;
      let binary = 0;
      let nBinary = 0;
      let three = 0;
      let nThree = 0;
      sets.forEach((set, k) => {
        if (set.classes === 2) {
          binary += binaryAccuracy(raws[k] ?? [], data[k] ?? [], (tPos + tNeg) / 2);
          nBinary++;
        } else {
          three += thresholdMacroF1(raws[k] ?? [], data[k] ?? [], tNeg, tPos);
          nThree++;
        }
      });
      const value = (nBinary > 0 ? binary / nBinary : 0) * 0.5 + (nThree > 0 ? three / nThree : 0) * 0.5;
      if (value > best.value) best = { value, tNeg, tPos };
    }
  }
  return best;
}

/** Logistic regression on the binary sets: weights start at and are pulled towards their listed polarity. */
function fitWeights(
  data: readonly Featurised[][],
  sets: readonly FitSet[],
  listed: readonly number[],
  lengthExponent: number,
  lambda: number,
  iterations: number,
): { weights: number[]; scale: number; bias: number } {
  const weights = listed.slice();
  let scale = 3;
  let bias = 0;
  const m = new Float64Array(weights.length);
  const v = new Float64Array(weights.length);
  let mS = 0;
  let vS = 0;
  let mB = 0;
  let vB = 0;
  const rate = 0.02;
  // Every binary set weighs the same, however many texts it has.
  const examples: { f: Featurised; w: number }[] = [];
  sets.forEach((set, k) => {
    if (set.classes !== 2) return;
    const rows = (data[k] ?? []).filter((f) => f.count > 0);
    for (const f of rows) examples.push({ f, w: 1 / rows.length });
  });
  for (let it = 1; it <= iterations; it++) {
    const grad = new Float64Array(weights.length);
    let gS = 0;
    let gB = 0;
    for (const { f, w } of examples) {
      const raw = rawScore(f, weights, lengthExponent);
      const y = f.label === 'positive' ? 1 : 0;
      const p = 1 / (1 + Math.exp(-(scale * raw + bias)));
      const g = (p - y) * w;
      gS += g * raw;
      gB += g;
      const norm = Math.pow(f.count, lengthExponent);
      for (let k = 0; k < f.keys.length; k++) {
        const key = f.keys[k] ?? 0;
        grad[key] = (grad[key] ?? 0) + (g * scale * (f.multipliers[k] ?? 0)) / norm;
      }
    }
    for (let k = 0; k < weights.length; k++) {
      const g = (grad[k] ?? 0) + 2 * lambda * ((weights[k] ?? 0) - (listed[k] ?? 0));
      m[k] = 0.9 * (m[k] ?? 0) + 0.1 * g;
      v[k] = 0.999 * (v[k] ?? 0) + 0.001 * g * g;
      const mh = (m[k] ?? 0) / (1 - Math.pow(0.9, it));
      const vh = (v[k] ?? 0) / (1 - Math.pow(0.999, it));
      // A word keeps the side it is listed on: the data may weaken "tuig" to nothing, never make it praise.
      const low = (listed[k] ?? 0) > 0 ? 0 : -1;
      const high = (listed[k] ?? 0) < 0 ? 0 : 1;
      weights[k] = Math.max(low, Math.min(high, (weights[k] ?? 0) - (rate * mh) / (Math.sqrt(vh) + 1e-8)));
    }
    mS = 0.9 * mS + 0.1 * gS;
    vS = 0.999 * vS + 0.001 * gS * gS;
    scale -= (rate * (mS / (1 - Math.pow(0.9, it)))) / (Math.sqrt(vS / (1 - Math.pow(0.999, it))) + 1e-8);
    mB = 0.9 * mB + 0.1 * gB;
    vB = 0.999 * vB + 0.001 * gB * gB;
    bias -= (rate * (mB / (1 - Math.pow(0.9, it)))) / (Math.sqrt(vB / (1 - Math.pow(0.999, it))) + 1e-8);
  }
  return { weights, scale, bias };
}

export interface FitResult {
  parameters: DutchSentimentParameters;
  weights: Map<string, number>;
  objective: number;
  lambda: number;
}

const GRID: Partial<Record<keyof DutchSentimentParameters, readonly (number | string | boolean)[]>> = {
  negatedPositive: [0.6, 1],
  negatedNegative: [0.3, 0.7],
  negationScope: ['clause', 'first'],
  exclamationBoost: [0, 0.2],
  questionFactor: [0.6, 1],
  capsBoost: [1, 1.4],
  lengthExponent: [0.5, 1],
  subordinateBreaks: [false, true],
};

function* combinations(): Generator<DutchSentimentParameters> {
  const keys = Object.keys(GRID) as (keyof DutchSentimentParameters)[];
  const walk = function* (k: number, acc: DutchSentimentParameters): Generator<DutchSentimentParameters> {
    const key = keys[k];
    if (key === undefined) {
      yield acc;
      return;
    }
    for (const value of GRID[key] ?? []) yield* walk(k + 1, { ...acc, [key]: value });
  };
  yield* walk(0, { ...DEFAULT_DUTCH_PARAMETERS });
}

/** Keeps a second, fixed split inside the tuning data to choose the regularisation strength. */
function innerSplit(set: FitSet, validation: boolean): FitSet {
  return { ...set, rows: set.rows.filter((_, i) => (i % 5 === 0) === validation) };
}

export function fitDutchScorer(sets: readonly FitSet[], log: (line: string) => void = () => {}): FitResult {
  const lexicon = buildSentimentLexicon();
  let bestParams = DEFAULT_DUTCH_PARAMETERS;
  let bestValue = -1;
  for (const params of combinations()) {
    const keyIndex = new Map<string, number>();
    const listed: number[] = [];
    const data = sets.map((set) => featurise(set, lexicon, params, keyIndex, listed));
    const { value } = objective(sets, data, listed, params.lengthExponent);
    if (value > bestValue) {
      bestValue = value;
      bestParams = params;
    }
  }
  log(`rules: objective ${bestValue.toFixed(4)} with ${JSON.stringify(bestParams)}`);

  // Choose lambda on a fixed fifth of the tuning data, then refit on all of it.
  const fitOn = (train: readonly FitSet[], lambda: number) => {
    const keyIndex = new Map<string, number>();
    const listed: number[] = [];
    const data = train.map((set) => featurise(set, lexicon, bestParams, keyIndex, listed));
    const fitted = fitWeights(data, train, listed, bestParams.lengthExponent, lambda, 300);
    return { keyIndex, listed, fitted };
  };
  let bestLambda = 0.05;
  let bestInner = -1;
  for (const lambda of [0.002, 0.01, 0.05, 0.2]) {
    const { keyIndex, listed, fitted } = fitOn(
      sets.map((s) => innerSplit(s, false)),
      lambda,
    );
    const validation = sets.map((s) => innerSplit(s, true));
    const data = validation.map((set) => featurise(set, lexicon, bestParams, keyIndex, listed));
    const weights = listed.map((p, k) => fitted.weights[k] ?? p);
    for (let k = fitted.weights.length; k < listed.length; k++) weights[k] = listed[k] ?? 0;
    const { value } = objective(validation, data, weights, bestParams.lengthExponent);
    log(`lambda ${lambda}: inner validation objective ${value.toFixed(4)}`);
    if (value > bestInner) {
      bestInner = value;
      bestLambda = lambda;
    }
  }
  const { keyIndex, listed, fitted } = fitOn(sets, bestLambda);
  const data = sets.map((set) => featurise(set, lexicon, bestParams, keyIndex, listed));
  const best = objective(sets, data, fitted.weights, bestParams.lengthExponent);
  log(
    `weights (lambda ${bestLambda}): objective ${best.value.toFixed(4)}, thresholds ${best.tNeg} / ${best.tPos}`,
  );

  // Thresholds on raw become bias and neutral band of tanh((scale * raw + bias) / 2).
  const scale = Math.max(0.5, fitted.scale);
  const bias = (-scale * (best.tPos + best.tNeg)) / 2;
  const neutralBand = Math.tanh((scale * (best.tPos - best.tNeg)) / 4);
  const weights = new Map<string, number>();
  for (const [key, k] of keyIndex) {
    const w = fitted.weights[k] ?? 0;
    if (Math.abs(w - (listed[k] ?? 0)) >= 0.005) weights.set(key, Math.round(w * 1000) / 1000);
  }
  return {
    parameters: { ...bestParams, scale, bias, neutralBand },
    weights,
    objective: best.value,
    lambda: bestLambda,
  };
}

/** assets/lexicons/sentiment-nl.fitted.json. Parameters in this order: the scorer's version digests their JSON. */
export function renderFittedData(result: FitResult, fittedOn: string): string {
  const weights = [...result.weights.entries()]
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .map(([k, w]) => `${k} ${w}`);
  const p = result.parameters;
  const round = (x: number): number => Math.round(x * 10000) / 10000;
  const parameters: DutchSentimentParameters = {
    negatedPositive: p.negatedPositive,
    negatedNegative: p.negatedNegative,
    negationScope: p.negationScope,
    exclamationBoost: p.exclamationBoost,
    questionFactor: p.questionFactor,
    capsBoost: p.capsBoost,
    lengthExponent: p.lengthExponent,
    scale: round(p.scale),
    bias: round(p.bias),
    neutralBand: round(p.neutralBand),
    ironyFactor: p.ironyFactor,
    subordinateBreaks: p.subordinateBreaks,
  };
  return JSON.stringify({ fittedOn, parameters, weights }, null, 2) + '\n';
}

/** The development sets, tuning part only. Absa's 'none' (no opinion) counts as neutral for three classes. */
export function loadTuningSets(dataDir: string, extra: string[] = []): FitSet[] {
  const tuning = (rows: LabelledText[]) =>
    rows.filter((r) => !isHeldOut(r.id)).map((r) => ({ tokens: tokenize(r.text), label: r.label }));
  const sets: FitSet[] = [
    { name: 'bol-nl', classes: 2, rows: tuning(readLabelledJsonl(`${dataDir}/bol-nl.jsonl`, 2)) },
    {
      name: 'absa16',
      classes: 2,
      rows: tuning(readLabelledJsonl(`${dataDir}/absa16-nl-sentences.jsonl`, 2)),
    },
    { name: 'xed', classes: 2, rows: tuning(readLabelledJsonl(`${dataDir}/xed-nl-sentiment.jsonl`, 2)) },
  ];
  const absa3 = readLabelledJsonl(`${dataDir}/absa16-nl-sentences.jsonl`, 3);
  const none = readNone(`${dataDir}/absa16-nl-sentences.jsonl`);
  sets.push({ name: 'absa16-3', classes: 3, rows: tuning([...absa3, ...none]) });
  for (const file of extra) {
    if (!existsSync(file)) throw new Error(`${file}: no such labelled posts file`);
    sets.push({ name: basename(file), classes: 3, rows: tuning(readLabelledJsonl(file, 3)) });
  }
  return sets;
}

/** Absa lines labelled 'none' (no opinion), as neutral. */
function readNone(path: string): LabelledText[] {
  const out: LabelledText[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.trim().length === 0) continue;
    const r = JSON.parse(line) as { id: string; text: string; label: string };
    if (r.label === 'none') out.push({ id: r.id, text: r.text, label: 'neutral' });
  }
  return out;
}

const isMain = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const dataDir = process.argv[2] ?? '../shared/data/sentiment';
  const out = process.argv[3] ?? 'assets/lexicons/sentiment-nl.fitted.json';
  // Our labelled posts (three classes) weigh in on the thresholds, tuning parts only, like every set.
  const extra = process.argv.length > 4 ? process.argv.slice(4) : [...TRAINING_POSTS_FILES];
  const sets = loadTuningSets(dataDir, extra);
  const started = Date.now();
  const result = fitDutchScorer(sets, (line) => console.error(line));
  const fittedOn = `tuning parts (id hash, 3 of 4) of ${sets.map((s) => `${s.name} (${s.rows.length})`).join(', ')}`;
  writeFileSync(out, renderFittedData(result, fittedOn));
  console.log(
    JSON.stringify({
      out,
      objective: result.objective,
      lambda: result.lambda,
      weights: result.weights.size,
      parameters: result.parameters,
      seconds: (Date.now() - started) / 1000,
    }),
  );
}
