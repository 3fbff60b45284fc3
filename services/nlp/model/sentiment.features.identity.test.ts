// The fast extractor must give exactly the feature indices of the first, plain one (kept below as the
// reference), in the same order: then every dot product, score and label is unchanged, and the shipped model
// keeps its held-out figures. Checked on every labelled text we have.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { shippedDutchScorer } from '../enricher.js';
import type { SentimentLexicon } from '../sentiment.lexicon.js';
import { TOKEN_BOUNDARY, TOKEN_WORD, tokenize, type Token } from '../text.tokenizer.js';
import {
  createFeatureBuffer,
  DEFAULT_FEATURE_SPEC,
  extractHashed,
  type FeatureSpec,
} from './sentiment.features.js';
import { shippedDutchModel } from './shipped-model.js';

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
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h;
}

/** The extractor as first written (two passes, charCodeAt, one push per feature). */
function referenceExtract(
  tokens: readonly Token[],
  spec: FeatureSpec,
  lexicon: Pick<SentimentLexicon, 'negators' | 'clauseBreaks'>,
): { words: number[]; chars: number[] } {
  const mask = (1 << spec.hashBits) - 1;
  const words: number[] = [];
  const chars: number[] = [];
  let previous = 0;
  let negated = false;
  for (const token of tokens) {
    if (token.kind === TOKEN_BOUNDARY) {
      previous = 0;
      negated = false;
      if (token.exclamations > 0) words.push(mix(0x1b873593 ^ 33) & mask);
      if (token.questions > 0) words.push(mix(0x1b873593 ^ 63) & mask);
      continue;
    }
    const word = token.kind === TOKEN_WORD;
    const isNegator = word && lexicon.negators.has(token.text);
    if (word && negated && lexicon.clauseBreaks.has(token.text)) negated = false;
    const h = hashString(token.text, spec.negationMarks && negated && !isNegator ? 0x2f1a5b37 : 0x811c9dc5);
    words.push(mix(h) & mask);
    if (spec.wordBigrams && previous !== 0) words.push(mix(Math.imul(previous, 31) ^ h) & mask);
    previous = h | 1;
    if (isNegator) negated = true;
  }
  if (spec.charMax < spec.charMin || spec.charMax === 0) return { words, chars };
  for (const token of tokens) {
    if (token.kind !== TOKEN_WORD) continue;
    const text = token.text;
    const padded = text.length + 2;
    for (let start = 0; start + spec.charMin <= padded; start++) {
      let h = 0x6c8e9cf5;
      for (let k = 0; k < spec.charMax && start + k < padded; k++) {
        const p = start + k;
        const c = p === 0 ? 60 : p === padded - 1 ? 62 : text.charCodeAt(p - 1);
        h = Math.imul(h ^ c, 0x01000193);
        if (k + 1 >= spec.charMin) chars.push(mix(h) & mask);
      }
    }
  }
  return { words, chars };
}

const here = fileURLToPath(new URL('.', import.meta.url));
const ASSETS = join(here, '../../../assets/evaluation');
const SHARED = join(here, '../../../../shared/data/sentiment');

function textsOf(file: string): string[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => (JSON.parse(line) as { text?: unknown }).text)
    .filter((text): text is string => typeof text === 'string');
}

const jsonl = (dir: string) =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.jsonl'))
        .map((f) => join(dir, f))
    : [];

const { lexicon } = shippedDutchScorer();
const shipped = shippedDutchModel()!;

/** The plain dot product of one block of features with three-class weight rows, added in the block's order. */
function referenceSums(rows: readonly number[], weights: Float32Array): number[] {
  let a0 = 0;
  let a1 = 0;
  let a2 = 0;
  for (const row of rows) {
    a0 += weights[row * 3]!;
    a1 += weights[row * 3 + 1]!;
    a2 += weights[row * 3 + 2]!;
  }
  return [a0, a1, a2];
}

function compare(texts: readonly string[], spec: FeatureSpec, weights: Float32Array | null = null): number {
  // A small buffer, so growing it is exercised too.
  const buffer = createFeatureBuffer(8);
  let compared = 0;
  for (const text of texts) {
    const tokens = tokenize(text);
    extractHashed(tokens, spec, lexicon, buffer, weights);
    const expected = referenceExtract(tokens, spec, lexicon);
    if (weights !== null) {
      // The sums made while hashing are bit for bit those of the plain loop over the indices.
      const sums = [...referenceSums(expected.words, weights), ...referenceSums(expected.chars, weights)];
      if (Array.from(buffer.sums).join() !== sums.join())
        expect({ text, sums: buffer.sums }).toEqual({ text, sums });
    }
    const words = Array.from(buffer.indices.subarray(0, buffer.words));
    const chars = Array.from(buffer.indices.subarray(buffer.words, buffer.count));
    if (words.join() !== expected.words.join() || chars.join() !== expected.chars.join()) {
      expect({ text, words, chars }).toEqual({ text, ...expected });
    }
    compared++;
  }
  return compared;
}

describe('extractHashed against the reference extractor', () => {
  it('gives the same indices in the same order for every labelled post in assets/evaluation', () => {
    const texts = jsonl(ASSETS).flatMap(textsOf);
    expect(texts.length).toBeGreaterThan(2000);
    expect(compare(texts, DEFAULT_FEATURE_SPEC)).toBe(texts.length);
    expect(compare(texts, DEFAULT_FEATURE_SPEC, shipped.hashed)).toBe(texts.length);
  });

  it.skipIf(jsonl(SHARED).length === 0)(
    'and for the development sets in ../shared/data/sentiment (bol, absa, xed)',
    () => {
      const texts = jsonl(SHARED).flatMap(textsOf);
      expect(texts.length).toBeGreaterThan(5000);
      expect(compare(texts, DEFAULT_FEATURE_SPEC, shipped.hashed)).toBe(texts.length);
    },
  );

  it('for other specs and for awkward texts: long words, emoji, marks, nothing at all', () => {
    const texts = [
      '',
      '!!!???',
      'Niet goed, maar wel mooi!! 😀 :-) #geweldig',
      `${'a'.repeat(300)} superlangewoordzonderspatiesdatnooitophoudt ${'é'.repeat(80)}`,
      'ok',
      'a b c d e',
      ...textsOf(join(ASSETS, 'sentiment-posts.labelled.jsonl')).slice(0, 100),
    ];
    for (const spec of [
      DEFAULT_FEATURE_SPEC,
      { ...DEFAULT_FEATURE_SPEC, charMin: 2, charMax: 6, hashBits: 12 },
      { ...DEFAULT_FEATURE_SPEC, charMax: 0, wordBigrams: false, negationMarks: false },
      { ...DEFAULT_FEATURE_SPEC, charMin: 4, charMax: 3 },
    ]) {
      expect(compare(texts, spec)).toBe(texts.length);
    }
  });
});
