import { describe, expect, it } from 'vitest';
import { buildSentimentLexicon } from '../sentiment.lexicon.js';
import { scoreDutch, DEFAULT_DUTCH_PARAMETERS } from '../dutch.sentiment.js';
import { tokenize } from '../text.tokenizer.js';
import {
  createFeatureBuffer,
  DEFAULT_FEATURE_SPEC,
  extractHashed,
  LEXICON_FEATURES,
  lexiconFeatures,
  type FeatureSpec,
} from './sentiment.features.js';

const lexicon = buildSentimentLexicon();

function features(text: string, spec: FeatureSpec = DEFAULT_FEATURE_SPEC) {
  const buffer = createFeatureBuffer(4);
  extractHashed(tokenize(text), spec, lexicon, buffer);
  return {
    words: Array.from(buffer.indices.slice(0, buffer.words)),
    chars: Array.from(buffer.indices.slice(buffer.words, buffer.count)),
  };
}

describe('extractHashed', () => {
  it('makes character 3-4-grams of "<word>" inside word boundaries', () => {
    // "<goed>" has 6 characters: four 3-grams and three 4-grams (two 5-grams more up to 5).
    expect(features('goed').chars).toHaveLength(7);
    expect(features('goed goed').chars).toHaveLength(14);
    expect(features('goed', { ...DEFAULT_FEATURE_SPEC, charMax: 5 }).chars).toHaveLength(9);
    expect(features('goed', { ...DEFAULT_FEATURE_SPEC, charMax: 0 }).chars).toHaveLength(0);
  });

  it('adds a bigram for neighbouring words but not across a clause boundary', () => {
    expect(features('heel goed').words).toHaveLength(3);
    expect(features('heel. goed').words).toHaveLength(2);
    expect(features('heel goed', { ...DEFAULT_FEATURE_SPEC, wordBigrams: false }).words).toHaveLength(2);
  });

  it('hashes a negated word differently, until the clause ends', () => {
    const plain = features('goed').words[0];
    const negated = features('niet goed').words;
    expect(negated).not.toContain(plain);
    expect(features('niet slecht, goed').words).toContain(plain);
    expect(features('niet slecht maar goed').words).toContain(plain);
    expect(features('niet goed', { ...DEFAULT_FEATURE_SPEC, negationMarks: false }).words).toContain(plain);
  });

  it('counts exclamation and question marks and keeps emoji as words', () => {
    expect(features('goed!').words.length).toBe(features('goed').words.length + 1);
    expect(features('goed?!').words.length).toBe(features('goed').words.length + 2);
    expect(features('😍').words).toHaveLength(1);
  });

  it('is deterministic and stays inside the table', () => {
    const spec = { ...DEFAULT_FEATURE_SPEC, hashBits: 10 };
    const a = features('De mondkapjesplicht is echt belachelijk!! 🙄', spec);
    const b = features('De mondkapjesplicht is echt belachelijk!! 🙄', spec);
    expect(a).toEqual(b);
    for (const i of [...a.words, ...a.chars]) {
      expect(i).toBeGreaterThanOrEqual(0);
      expect(i).toBeLessThan(1024);
    }
  });

  it('grows its buffer for long texts', () => {
    // "<woord>" has 7 characters: five 3-grams and four 4-grams; 500 of them outgrow the 4,096 slots.
    const text = 'woord '.repeat(500);
    expect(features(text).chars.length).toBe(500 * 9);
  });
});

describe('lexiconFeatures', () => {
  it('describes the lexicon score', () => {
    const out = new Float64Array(LEXICON_FEATURES);
    lexiconFeatures(scoreDutch(lexicon, DEFAULT_DUTCH_PARAMETERS, tokenize('Wat een onzin')), out);
    expect(out[0]).toBeLessThan(0);
    expect(out[3]).toBeGreaterThan(0);
    expect(out[4]).toBe(1);
    lexiconFeatures(scoreDutch(lexicon, DEFAULT_DUTCH_PARAMETERS, tokenize('De bus rijdt om tien uur')), out);
    expect(Array.from(out)).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
  });
});
