// What the learned sentiment model sees of a text: hashed word unigrams and bigrams, character 3-4-grams inside
// word boundaries, and the lexicon scorer's outputs as a few dense features. One extractor serves training and
// prediction, writing indices into a reusable buffer, so nothing is allocated per feature at ingest speed.
import type { DutchScore } from '../dutch.sentiment.js';
import type { SentimentLexicon } from '../sentiment.lexicon.js';
import { TOKEN_BOUNDARY, TOKEN_WORD, type Token } from '../text.tokenizer.js';

export interface FeatureSpec {
  /** The hashed table has 2^hashBits rows (one weight per class each). */
  hashBits: number;
  wordBigrams: boolean;
  /** Character n-grams of "<word>" from charMin to charMax letters; charMax 0 turns them off. */
  charMin: number;
  charMax: number;
  /** Words after a negator in the same clause are hashed as different words (niet goed != goed). */
  negationMarks: boolean;
}

export const DEFAULT_FEATURE_SPEC: FeatureSpec = {
  hashBits: 17,
  wordBigrams: true,
  charMin: 3,
  charMax: 4,
  negationMarks: true,
};

/** The dense features taken from the lexicon scorer, in this order. */
export const LEXICON_FEATURE_NAMES = [
  'score',
  'raw',
  'positive_sum',
  'negative_sum',
  'has_evidence',
  'log_carriers',
  'label_positive',
  'label_negative',
] as const;
export const LEXICON_FEATURES = LEXICON_FEATURE_NAMES.length;

/** Indices of one text's hashed features: words (and bigrams) first, then character n-grams. */
export interface FeatureBuffer {
  indices: Int32Array;
  /** indices[0, words) are word features, indices[words, count) character n-grams. */
  words: number;
  count: number;
  /** Scratch: the characters of the token being hashed, between '<' and '>'. */
  letters: Int32Array;
  /**
   * With weights given to extractHashed: the sums of the weights of the word features (three classes), then of
   * the character n-grams, each added in the order of indices.
   */
  sums: Float64Array;
}

export function createFeatureBuffer(capacity = 4096): FeatureBuffer {
  return {
    indices: new Int32Array(capacity),
    words: 0,
    count: 0,
    letters: new Int32Array(64),
    sums: new Float64Array(6),
  };
}

const FNV_PRIME = 0x01000193;
// Different seeds keep the families apart in the one table: the word "top" and the 3-gram "top" differ.
const SEED_WORD = 0x811c9dc5;
const SEED_NEGATED = 0x2f1a5b37;
const SEED_CHAR = 0x6c8e9cf5;
const SEED_MARK = 0x1b873593;
const LT = 60;
const GT = 62;

/** Final avalanche, so the low bits used as the index depend on every input bit. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function growLetters(buffer: FeatureBuffer, length: number): Int32Array {
  if (buffer.letters.length < length)
    buffer.letters = new Int32Array(Math.max(length, buffer.letters.length * 2));
  return buffer.letters;
}

/**
 * Fills the buffer with the text's hashed feature indices (with repeats: a repeated word counts twice).
 * One pass over the tokens: each token's characters are copied once into an integer array (reading a typed
 * array is several times faster than charCodeAt on the tokenizer's strings), word features are written from
 * the start of the buffer and character n-grams after room for every word feature, then moved down behind them.
 * Given the model's weights (rows of three), it also sums them into buffer.sums; the n-grams' weights are read
 * while the next ones are hashed, which hides most of the wait for a table row that is not in the cache.
 */
export function extractHashed(
  tokens: readonly Token[],
  spec: FeatureSpec,
  lexicon: Pick<SentimentLexicon, 'negators' | 'clauseBreaks'>,
  buffer: FeatureBuffer,
  weights: Float32Array | null = null,
): void {
  const mask = (1 << spec.hashBits) - 1;
  const min = spec.charMin;
  const max = spec.charMax;
  const grams = max >= min && max !== 0 ? max - min + 1 : 0;
  const bigrams = spec.wordBigrams;
  const marks = spec.negationMarks;
  // At most two word features per token (a word and its bigram, or a boundary's two marks), and per word
  // `grams` n-grams for each position of "<word>".
  const wordRoom = 2 * tokens.length;
  let bound = wordRoom;
  for (let t = 0; t < tokens.length; t++) {
    const token = tokens[t]!;
    if (token.kind === TOKEN_WORD) bound += (token.text.length + 2) * grams;
  }
  if (buffer.indices.length < bound)
    buffer.indices = new Int32Array(Math.max(bound, buffer.indices.length * 2));
  const indices = buffer.indices;
  let count = 0;
  let chars = wordRoom;
  let previous = 0;
  let negated = false;
  let b0 = 0;
  let b1 = 0;
  let b2 = 0;
  for (let t = 0; t < tokens.length; t++) {
    const token = tokens[t]!;
    if (token.kind === TOKEN_BOUNDARY) {
      previous = 0;
      negated = false;
      if (token.exclamations > 0) indices[count++] = mix(SEED_MARK ^ 33) & mask;
      if (token.questions > 0) indices[count++] = mix(SEED_MARK ^ 63) & mask;
      continue;
    }
    const text = token.text;
    const n = text.length;
    const word = token.kind === TOKEN_WORD;
    const isNegator = word && lexicon.negators.has(text);
    // A conjunction (maar, want, omdat) ends a negation's scope, as in the lexicon scorer.
    if (word && negated && lexicon.clauseBreaks.has(text)) negated = false;
    // letters[0] is '<', letters[n + 1] is '>', the token's characters sit in between; the word is hashed
    // as they are copied.
    const letters = growLetters(buffer, n + 2);
    letters[0] = LT;
    let h = marks && negated && !isNegator ? SEED_NEGATED : SEED_WORD;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      letters[i + 1] = c;
      h = Math.imul(h ^ c, FNV_PRIME);
    }
    letters[n + 1] = GT;
    indices[count++] = mix(h) & mask;
    if (bigrams && previous !== 0) indices[count++] = mix(Math.imul(previous, 31) ^ h) & mask;
    previous = h | 1;
    if (isNegator) negated = true;
    if (!word || grams === 0) continue;
    const padded = n + 2;
    for (let start = 0; start + min <= padded; start++) {
      const end = start + max <= padded ? start + max : padded;
      let g = SEED_CHAR;
      for (let p = start; p < end; p++) {
        g = Math.imul(g ^ letters[p]!, FNV_PRIME);
        if (p - start + 1 < min) continue;
        const row = mix(g) & mask;
        indices[chars++] = row;
        if (weights !== null) {
          const r = row * 3;
          b0 += weights[r]!;
          b1 += weights[r + 1]!;
          b2 += weights[r + 2]!;
        }
      }
    }
  }
  // Word features first, so the character block can be scaled on its own.
  buffer.words = count;
  indices.copyWithin(count, wordRoom, chars);
  buffer.count = count + chars - wordRoom;
  if (weights === null) return;
  let a0 = 0;
  let a1 = 0;
  let a2 = 0;
  for (let i = 0; i < count; i++) {
    const r = indices[i]! * 3;
    a0 += weights[r]!;
    a1 += weights[r + 1]!;
    a2 += weights[r + 2]!;
  }
  const sums = buffer.sums;
  sums[0] = a0;
  sums[1] = a1;
  sums[2] = a2;
  sums[3] = b0;
  sums[4] = b1;
  sums[5] = b2;
}

/** The lexicon scorer's result as dense features (written into out, which has LEXICON_FEATURES slots). */
export function lexiconFeatures(score: DutchScore, out: Float64Array): void {
  let positive = 0;
  let negative = 0;
  for (const c of score.carriers) {
    if (c.contribution > 0) positive += c.contribution;
    else negative -= c.contribution;
  }
  const n = score.carriers.length;
  const norm = n > 0 ? 1 / Math.sqrt(n) : 0;
  out[0] = score.score;
  out[1] = score.raw;
  out[2] = positive * norm;
  out[3] = negative * norm;
  out[4] = n > 0 ? 1 : 0;
  out[5] = Math.log1p(n);
  out[6] = score.label === 'positive' ? 1 : 0;
  out[7] = score.label === 'negative' ? 1 : 0;
}
