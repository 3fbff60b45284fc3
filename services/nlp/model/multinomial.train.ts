// Multinomial logistic regression over hashed sparse features plus a few dense ones, trained by L-BFGS with an
// L2 penalty that pulls the weights towards a prior (zero, or a model trained before), so rare n-grams stay
// small and a deployment's few corrections move a shipped model only where they agree.
import { CLASS_COUNT } from './sentiment.classes.js';

export interface TrainingExample {
  /** Hashed feature indices: [0, words) word features, [words, length) character n-grams. */
  indices: Int32Array;
  words: number;
  /** Dense features (the lexicon's outputs). */
  dense: Float64Array;
  /** Index into SENTIMENT_CLASSES. */
  label: number;
  /** How much this example counts (an analyst's correction counts more than a tool's label). */
  weight: number;
}

export interface LinearWeights {
  /** rows * CLASS_COUNT: weight of row r for class c at r * CLASS_COUNT + c. */
  hashed: Float64Array;
  /** denseCount * CLASS_COUNT. */
  dense: Float64Array;
  bias: Float64Array;
}

export interface TrainOptions {
  rows: number;
  denseCount: number;
  /** L2 strength on hashed weights (per unit of total example weight). */
  lambda: number;
  /** L2 strength on the dense (lexicon) weights: small, they are few and well supported. */
  lambdaDense: number;
  maxIterations: number;
  /** Stop when the objective improves by less than this, relatively. */
  tolerance: number;
  /** Pull weights towards these instead of zero. */
  prior?: LinearWeights | null;
  /** Called after each iteration (progress). */
  onIteration?: (iteration: number, loss: number) => void;
}

export const DEFAULT_TRAIN_OPTIONS = {
  lambda: 1e-4,
  lambdaDense: 1e-5,
  maxIterations: 200,
  tolerance: 1e-7,
} as const;

/** The two feature-block scales: each block is L2-normalised as if every feature had value 1. */
export function blockScales(words: number, total: number): { word: number; char: number } {
  const chars = total - words;
  return { word: words > 0 ? 1 / Math.sqrt(words) : 0, char: chars > 0 ? 1 / Math.sqrt(chars) : 0 };
}

/**
 * Class scores z (before softmax) of one example. The hashed weights start at 0 of `x`, the dense ones at
 * denseOffset of `d` and the biases at biasOffset of `b` (one packed array while training, three when predicting).
 */
function scores(
  x: Float64Array,
  d: Float64Array,
  denseOffset: number,
  b: Float64Array,
  biasOffset: number,
  example: TrainingExample,
  z: Float64Array,
): void {
  const { indices, words, dense } = example;
  const { word, char } = blockScales(words, indices.length);
  let a0 = 0;
  let a1 = 0;
  let a2 = 0;
  for (let i = 0; i < words; i++) {
    const r = indices[i]! * CLASS_COUNT;
    a0 += x[r]!;
    a1 += x[r + 1]!;
    a2 += x[r + 2]!;
  }
  let b0 = 0;
  let b1 = 0;
  let b2 = 0;
  for (let i = words; i < indices.length; i++) {
    const r = indices[i]! * CLASS_COUNT;
    b0 += x[r]!;
    b1 += x[r + 1]!;
    b2 += x[r + 2]!;
  }
  let z0 = b[biasOffset]! + a0 * word + b0 * char;
  let z1 = b[biasOffset + 1]! + a1 * word + b1 * char;
  let z2 = b[biasOffset + 2]! + a2 * word + b2 * char;
  for (let j = 0; j < dense.length; j++) {
    const v = dense[j]!;
    if (v === 0) continue;
    const r = denseOffset + j * CLASS_COUNT;
    z0 += v * d[r]!;
    z1 += v * d[r + 1]!;
    z2 += v * d[r + 2]!;
  }
  z[0] = z0;
  z[1] = z1;
  z[2] = z2;
}

/** Softmax in place; returns log-sum-exp. */
export function softmax(z: Float64Array): number {
  let max = -Infinity;
  for (let c = 0; c < z.length; c++) if (z[c]! > max) max = z[c]!;
  let sum = 0;
  for (let c = 0; c < z.length; c++) {
    z[c] = Math.exp(z[c]! - max);
    sum += z[c]!;
  }
  for (let c = 0; c < z.length; c++) z[c] = z[c]! / sum;
  return max + Math.log(sum);
}

interface Problem {
  examples: readonly TrainingExample[];
  totalWeight: number;
  denseOffset: number;
  biasOffset: number;
  size: number;
  lambda: number;
  lambdaDense: number;
  prior: Float64Array | null;
}

/** Objective and gradient (written into grad) at x. */
function evaluate(problem: Problem, x: Float64Array, grad: Float64Array): number {
  grad.fill(0);
  const z = new Float64Array(CLASS_COUNT);
  let loss = 0;
  for (const example of problem.examples) {
    scores(x, x, problem.denseOffset, x, problem.biasOffset, example, z);
    const logit = z[example.label]!;
    const lse = softmax(z);
    const w = example.weight / problem.totalWeight;
    loss += w * (lse - logit);
    // d loss / d z_c = w * (p_c - y_c)
    const g0 = w * (z[0]! - (example.label === 0 ? 1 : 0));
    const g1 = w * (z[1]! - (example.label === 1 ? 1 : 0));
    const g2 = w * (z[2]! - (example.label === 2 ? 1 : 0));
    const { indices, words, dense } = example;
    const { word, char } = blockScales(words, indices.length);
    for (let i = 0; i < indices.length; i++) {
      const s = i < words ? word : char;
      const r = indices[i]! * CLASS_COUNT;
      grad[r] = grad[r]! + g0 * s;
      grad[r + 1] = grad[r + 1]! + g1 * s;
      grad[r + 2] = grad[r + 2]! + g2 * s;
    }
    for (let j = 0; j < dense.length; j++) {
      const v = dense[j]!;
      if (v === 0) continue;
      const r = problem.denseOffset + j * CLASS_COUNT;
      grad[r] = grad[r]! + g0 * v;
      grad[r + 1] = grad[r + 1]! + g1 * v;
      grad[r + 2] = grad[r + 2]! + g2 * v;
    }
    const b = problem.biasOffset;
    grad[b] = grad[b]! + g0;
    grad[b + 1] = grad[b + 1]! + g1;
    grad[b + 2] = grad[b + 2]! + g2;
  }
  // L2 towards the prior; the biases are free.
  const prior = problem.prior;
  for (let k = 0; k < problem.biasOffset; k++) {
    const lambda = k < problem.denseOffset ? problem.lambda : problem.lambdaDense;
    const d = x[k]! - (prior === null ? 0 : prior[k]!);
    loss += 0.5 * lambda * d * d;
    grad[k] = grad[k]! + lambda * d;
  }
  return loss;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let k = 0; k < a.length; k++) s += a[k]! * b[k]!;
  return s;
}

function pack(weights: LinearWeights, size: number, denseOffset: number, biasOffset: number): Float64Array {
  const x = new Float64Array(size);
  x.set(weights.hashed, 0);
  x.set(weights.dense, denseOffset);
  x.set(weights.bias, biasOffset);
  return x;
}

/** Trains by L-BFGS (memory 7) with a backtracking line search; deterministic for the same input. */
export function trainMultinomial(examples: readonly TrainingExample[], options: TrainOptions): LinearWeights {
  const denseOffset = options.rows * CLASS_COUNT;
  const biasOffset = denseOffset + options.denseCount * CLASS_COUNT;
  const size = biasOffset + CLASS_COUNT;
  for (const example of examples) {
    if (example.dense.length !== options.denseCount)
      throw new Error(
        `an example has ${example.dense.length} dense features, expected ${options.denseCount}`,
      );
    if (example.label < 0 || example.label >= CLASS_COUNT)
      throw new Error(`label ${example.label} is not a class`);
  }
  const totalWeight = examples.reduce((s, e) => s + e.weight, 0);
  if (!(totalWeight > 0)) throw new Error('nothing to train on: no example has a positive weight');
  const prior = options.prior ? pack(options.prior, size, denseOffset, biasOffset) : null;
  const problem: Problem = {
    examples,
    totalWeight,
    denseOffset,
    biasOffset,
    size,
    lambda: options.lambda,
    lambdaDense: options.lambdaDense,
    prior,
  };

  const memory = 7;
  const sList: Float64Array[] = [];
  const yList: Float64Array[] = [];
  const rhoList: number[] = [];
  let x = prior ? prior.slice() : new Float64Array(size);
  let grad = new Float64Array(size);
  let loss = evaluate(problem, x, grad);
  const direction = new Float64Array(size);
  let xNext = new Float64Array(size);
  let gradNext = new Float64Array(size);
  const alpha = new Float64Array(memory);

  for (let iteration = 1; iteration <= options.maxIterations; iteration++) {
    // Two-loop recursion: direction = -H * grad.
    for (let k = 0; k < size; k++) direction[k] = -grad[k]!;
    for (let m = sList.length - 1; m >= 0; m--) {
      const a = rhoList[m]! * dot(sList[m]!, direction);
      alpha[m] = a;
      const y = yList[m]!;
      for (let k = 0; k < size; k++) direction[k] = direction[k]! - a * y[k]!;
    }
    if (sList.length > 0) {
      const last = sList.length - 1;
      const gamma = dot(sList[last]!, yList[last]!) / dot(yList[last]!, yList[last]!);
      for (let k = 0; k < size; k++) direction[k] = direction[k]! * gamma;
    }
    for (let m = 0; m < sList.length; m++) {
      const b = rhoList[m]! * dot(yList[m]!, direction);
      const s = sList[m]!;
      const a = alpha[m]!;
      for (let k = 0; k < size; k++) direction[k] = direction[k]! + s[k]! * (a - b);
    }
    let slope = dot(grad, direction);
    if (!(slope < 0)) {
      // Not a descent direction (numerical trouble): restart from steepest descent.
      sList.length = 0;
      yList.length = 0;
      rhoList.length = 0;
      for (let k = 0; k < size; k++) direction[k] = -grad[k]!;
      slope = dot(grad, direction);
    }
    let step = sList.length === 0 ? Math.min(1, 1 / Math.sqrt(-slope)) : 1;
    let nextLoss = Infinity;
    for (let tries = 0; tries < 30; tries++) {
      for (let k = 0; k < size; k++) xNext[k] = x[k]! + step * direction[k]!;
      nextLoss = evaluate(problem, xNext, gradNext);
      if (nextLoss <= loss + 1e-4 * step * slope) break;
      step *= 0.5;
    }
    if (!(nextLoss < loss)) break;
    const s = new Float64Array(size);
    const y = new Float64Array(size);
    for (let k = 0; k < size; k++) {
      s[k] = xNext[k]! - x[k]!;
      y[k] = gradNext[k]! - grad[k]!;
    }
    const sy = dot(s, y);
    if (sy > 1e-12) {
      if (sList.length === memory) {
        sList.shift();
        yList.shift();
        rhoList.shift();
      }
      sList.push(s);
      yList.push(y);
      rhoList.push(1 / sy);
    }
    const improvement = (loss - nextLoss) / Math.max(1, Math.abs(loss));
    [x, xNext] = [xNext, x];
    [grad, gradNext] = [gradNext, grad];
    loss = nextLoss;
    options.onIteration?.(iteration, loss);
    if (improvement < options.tolerance) break;
  }
  return {
    hashed: x.slice(0, denseOffset),
    dense: x.slice(denseOffset, biasOffset),
    bias: x.slice(biasOffset, size),
  };
}

/** Class probabilities of one example under trained weights (for tests and cross-validation). */
export function predictExample(weights: LinearWeights, example: TrainingExample): Float64Array {
  const z = new Float64Array(CLASS_COUNT);
  scores(weights.hashed, weights.dense, 0, weights.bias, 0, example, z);
  softmax(z);
  return z;
}
