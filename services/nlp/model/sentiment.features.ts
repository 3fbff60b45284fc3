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
}

export function createFeatureBuffer(capacity = 4096): FeatureBuffer {
  return { indices: new Int32Array(capacity), words: 0, count: 0 };
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

function hashString(text: string, seed: number): number {
  let h = seed;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return h;
}

function push(buffer: FeatureBuffer, index: number): void {
  if (buffer.count === buffer.indices.length) {
    const bigger = new Int32Array(buffer.indices.length * 2);
    bigger.set(buffer.indices);
    buffer.indices = bigger;
  }
  buffer.indices[buffer.count++] = index;
}

/** Fills the buffer with the text's hashed feature indices (with repeats: a repeated word counts twice). */
export function extractHashed(
  tokens: readonly Token[],
  spec: FeatureSpec,
  lexicon: Pick<SentimentLexicon, 'negators' | 'clauseBreaks'>,
  buffer: FeatureBuffer,
): void {
  const mask = (1 << spec.hashBits) - 1;
  buffer.count = 0;
  let previous = 0;
  let negated = false;
  // Word features first, so the character block can be scaled on its own.
  for (let t = 0; t < tokens.length; t++) {
    const token = tokens[t]!;
    if (token.kind === TOKEN_BOUNDARY) {
      previous = 0;
      negated = false;
      if (token.exclamations > 0) push(buffer, mix(SEED_MARK ^ 33) & mask);
      if (token.questions > 0) push(buffer, mix(SEED_MARK ^ 63) & mask);
      continue;
    }
    const text = token.text;
    const word = token.kind === TOKEN_WORD;
    const isNegator = word && lexicon.negators.has(text);
    // A conjunction (maar, want, omdat) ends a negation's scope, as in the lexicon scorer.
    if (word && negated && lexicon.clauseBreaks.has(text)) negated = false;
    const h = hashString(text, spec.negationMarks && negated && !isNegator ? SEED_NEGATED : SEED_WORD);
    push(buffer, mix(h) & mask);
    if (spec.wordBigrams && previous !== 0) push(buffer, mix(Math.imul(previous, 31) ^ h) & mask);
    previous = h | 1;
    if (isNegator) negated = true;
  }
  buffer.words = buffer.count;
  if (spec.charMax < spec.charMin || spec.charMax === 0) return;
  for (let t = 0; t < tokens.length; t++) {
    const token = tokens[t]!;
    if (token.kind !== TOKEN_WORD) continue;
    const text = token.text;
    const padded = text.length + 2;
    for (let start = 0; start + spec.charMin <= padded; start++) {
      let h = SEED_CHAR;
      for (let k = 0; k < spec.charMax && start + k < padded; k++) {
        const p = start + k;
        const c = p === 0 ? LT : p === padded - 1 ? GT : text.charCodeAt(p - 1);
        h = Math.imul(h ^ c, FNV_PRIME);
        if (k + 1 >= spec.charMin) push(buffer, mix(h) & mask);
      }
    }
  }
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
