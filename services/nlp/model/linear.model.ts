// The learned Dutch sentiment model at run time: weights over hashed n-grams and the lexicon's outputs, a
// neutral rule, and a version that is a digest of all of it. Scoring is one pass over the text's features with
// no allocation, so it runs inside enrich() at ingest speed.
import crypto from 'node:crypto';
import type { DutchScore } from '../dutch.sentiment.js';
import type { SentimentLexicon } from '../sentiment.lexicon.js';
import type { Token } from '../text.tokenizer.js';
import type { LinearWeights } from './multinomial.train.js';
import { CLASS_COUNT, NEGATIVE, NEUTRAL, POSITIVE, SENTIMENT_CLASSES } from './sentiment.classes.js';
import {
  createFeatureBuffer,
  extractHashed,
  LEXICON_FEATURES,
  lexiconFeatures,
  type FeatureBuffer,
  type FeatureSpec,
} from './sentiment.features.js';

/**
 * How probabilities become a label: log-offsets added to the neutral class, larger when the lexicon found no
 * sentiment word at all, so weak evidence stays neutral (the training data are mostly polar reviews).
 */
export interface NeutralRule {
  neutralOffset: number;
  neutralOffsetWithoutEvidence: number;
}

export interface LinearSentimentModel {
  spec: FeatureSpec;
  /** The Dutch lexicon scorer whose outputs are the dense features; the model refuses any other. */
  lexiconVersion: string;
  /** rows * 3, class order SENTIMENT_CLASSES. */
  hashed: Float32Array;
  dense: Float64Array;
  bias: Float64Array;
  rule: NeutralRule;
  /** Where the weights came from, in words (data sets, sizes, date). */
  trainedOn: string;
  /** linear-nl@1+<digest of the encoded model>. */
  version: string;
}

export interface ModelPrediction {
  label: (typeof SENTIMENT_CLASSES)[number];
  /** P(positive) - P(negative) after the neutral rule: -1..1. */
  score: number;
  /** The label's probability after the neutral rule. */
  confidence: number;
  probabilities: [number, number, number];
}

const MODEL_KIND = 'linear-nl@1';
const MAGIC = 0x4d4c534f; // "OSLM", little-endian

/** Reusable scratch space for one scorer (enrich() is synchronous, so one per enricher is enough). */
export interface ModelScratch {
  buffer: FeatureBuffer;
  dense: Float64Array;
}

export function createModelScratch(): ModelScratch {
  return { buffer: createFeatureBuffer(), dense: new Float64Array(LEXICON_FEATURES) };
}

/** Scores one tokenised text whose lexicon score is already known. */
export function predictWithModel(
  model: LinearSentimentModel,
  lexicon: SentimentLexicon,
  tokens: readonly Token[],
  lexiconScore: DutchScore,
  scratch: ModelScratch,
): ModelPrediction {
  const { buffer, dense } = scratch;
  // The weights are summed while the features are hashed (the same additions in the same order).
  extractHashed(tokens, model.spec, lexicon, buffer, model.hashed);
  lexiconFeatures(lexiconScore, dense);
  const sums = buffer.sums;
  const chars = buffer.count - buffer.words;
  const ws = buffer.words > 0 ? 1 / Math.sqrt(buffer.words) : 0;
  const cs = chars > 0 ? 1 / Math.sqrt(chars) : 0;
  let z0 = model.bias[0]! + sums[0]! * ws + sums[3]! * cs;
  let z1 = model.bias[1]! + sums[1]! * ws + sums[4]! * cs;
  let z2 = model.bias[2]! + sums[2]! * ws + sums[5]! * cs;
  for (let j = 0; j < LEXICON_FEATURES; j++) {
    const v = dense[j]!;
    if (v === 0) continue;
    const r = j * CLASS_COUNT;
    z0 += v * model.dense[r]!;
    z1 += v * model.dense[r + 1]!;
    z2 += v * model.dense[r + 2]!;
  }
  const evidence = lexiconScore.carriers.length > 0;
  return decide(z0, z1, z2, model.rule, evidence);
}

/** Applies the neutral rule to class scores: softmax with the neutral offset, then the largest wins. */
export function decide(
  z0: number,
  z1: number,
  z2: number,
  rule: NeutralRule,
  evidence: boolean,
): ModelPrediction {
  const shifted = z1 + (evidence ? rule.neutralOffset : rule.neutralOffsetWithoutEvidence);
  const max = Math.max(z0, shifted, z2);
  const e0 = Math.exp(z0 - max);
  const e1 = Math.exp(shifted - max);
  const e2 = Math.exp(z2 - max);
  const sum = e0 + e1 + e2;
  const p: [number, number, number] = [e0 / sum, e1 / sum, e2 / sum];
  const best =
    p[NEGATIVE] > p[NEUTRAL] && p[NEGATIVE] >= p[POSITIVE]
      ? NEGATIVE
      : p[POSITIVE] > p[NEUTRAL]
        ? POSITIVE
        : NEUTRAL;
  return {
    label: SENTIMENT_CLASSES[best]!,
    score: p[POSITIVE] - p[NEGATIVE],
    confidence: p[best],
    probabilities: p,
  };
}

/** Builds a model from trained weights; the version is computed from its encoding. */
export function createLinearModel(
  weights: LinearWeights,
  spec: FeatureSpec,
  lexiconVersion: string,
  rule: NeutralRule,
  trainedOn: string,
): LinearSentimentModel {
  const rows = 1 << spec.hashBits;
  if (weights.hashed.length !== rows * CLASS_COUNT)
    throw new Error(
      `hashed weights have ${weights.hashed.length} values, the spec needs ${rows * CLASS_COUNT}`,
    );
  const model: LinearSentimentModel = {
    spec: { ...spec },
    lexiconVersion,
    hashed: Float32Array.from(weights.hashed),
    dense: Float64Array.from(weights.dense),
    bias: Float64Array.from(weights.bias),
    rule: { ...rule },
    trainedOn,
    version: '',
  };
  // The version is the digest of what is stored, so a model read back has the version it was stored with.
  return decodeLinearModel(encodeLinearModel(model));
}

/** The weights as float64 (to train on from a prior). */
export function weightsOf(model: LinearSentimentModel): LinearWeights {
  return {
    hashed: Float64Array.from(model.hashed),
    dense: Float64Array.from(model.dense),
    bias: Float64Array.from(model.bias),
  };
}

interface Header {
  kind: string;
  spec: FeatureSpec;
  lexiconVersion: string;
  rule: NeutralRule;
  trainedOn: string;
  dense: number[];
  bias: number[];
  /** Hashed rows with a non-zero weight, stored sparsely after the header. */
  stored: number;
}

/**
 * Binary form: magic, header length, JSON header (padded to 4 bytes), then the indices of the stored rows
 * (uint32) and their three weights each (float32), little-endian. Rows whose weights are all zero are left out.
 */
export function encodeLinearModel(model: LinearSentimentModel): Buffer {
  const rows = model.hashed.length / CLASS_COUNT;
  const kept: number[] = [];
  for (let r = 0; r < rows; r++) {
    const k = r * CLASS_COUNT;
    if (model.hashed[k] !== 0 || model.hashed[k + 1] !== 0 || model.hashed[k + 2] !== 0) kept.push(r);
  }
  const header: Header = {
    kind: MODEL_KIND,
    spec: model.spec,
    lexiconVersion: model.lexiconVersion,
    rule: model.rule,
    trainedOn: model.trainedOn,
    dense: Array.from(model.dense),
    bias: Array.from(model.bias),
    stored: kept.length,
  };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const padded = Math.ceil(json.length / 4) * 4;
  const out = Buffer.alloc(8 + padded + kept.length * 4 * (1 + CLASS_COUNT), 0x20);
  out.writeUInt32LE(MAGIC, 0);
  out.writeUInt32LE(padded, 4);
  json.copy(out, 8);
  let offset = 8 + padded;
  for (const r of kept) {
    out.writeUInt32LE(r, offset);
    offset += 4;
  }
  for (const r of kept) {
    for (let c = 0; c < CLASS_COUNT; c++) {
      out.writeFloatLE(model.hashed[r * CLASS_COUNT + c]!, offset);
      offset += 4;
    }
  }
  return out;
}

export function modelVersionOf(encoded: Buffer): string {
  return `${MODEL_KIND}+${crypto.createHash('sha256').update(encoded).digest('hex').slice(0, 12)}`;
}

export function decodeLinearModel(encoded: Buffer): LinearSentimentModel {
  if (encoded.length < 8 || encoded.readUInt32LE(0) !== MAGIC)
    throw new Error('not an Onderstroom sentiment model (bad magic number)');
  const length = encoded.readUInt32LE(4);
  if (8 + length > encoded.length) throw new Error('sentiment model is truncated (header)');
  const header = JSON.parse(encoded.subarray(8, 8 + length).toString('utf8')) as Header;
  if (header.kind !== MODEL_KIND)
    throw new Error(`sentiment model kind ${String(header.kind)} is not supported (expected ${MODEL_KIND})`);
  const spec = header.spec;
  if (!(spec.hashBits >= 8 && spec.hashBits <= 24))
    throw new Error(`sentiment model hash size 2^${spec.hashBits} is out of range`);
  if (header.dense.length !== LEXICON_FEATURES * CLASS_COUNT || header.bias.length !== CLASS_COUNT)
    throw new Error('sentiment model has the wrong number of dense weights');
  const rows = 1 << spec.hashBits;
  const stored = header.stored;
  let offset = 8 + length;
  if (offset + stored * 4 * (1 + CLASS_COUNT) !== encoded.length)
    throw new Error('sentiment model is truncated (weights)');
  const hashed = new Float32Array(rows * CLASS_COUNT);
  const indices = new Uint32Array(stored);
  for (let i = 0; i < stored; i++) {
    const r = encoded.readUInt32LE(offset);
    if (r >= rows) throw new Error(`sentiment model row ${r} is outside its table`);
    indices[i] = r;
    offset += 4;
  }
  for (let i = 0; i < stored; i++) {
    const base = indices[i]! * CLASS_COUNT;
    for (let c = 0; c < CLASS_COUNT; c++) {
      hashed[base + c] = encoded.readFloatLE(offset);
      offset += 4;
    }
  }
  return {
    spec,
    lexiconVersion: header.lexiconVersion,
    hashed,
    dense: Float64Array.from(header.dense),
    bias: Float64Array.from(header.bias),
    rule: header.rule,
    trainedOn: header.trainedOn,
    version: modelVersionOf(encoded),
  };
}
