import { describe, expect, it } from 'vitest';
import { scoreDutch, DEFAULT_DUTCH_PARAMETERS } from '../dutch.sentiment.js';
import { buildSentimentLexicon } from '../sentiment.lexicon.js';
import { tokenize } from '../text.tokenizer.js';
import {
  createLinearModel,
  createModelScratch,
  decide,
  decodeLinearModel,
  encodeLinearModel,
  predictWithModel,
} from './linear.model.js';
import { DEFAULT_FEATURE_SPEC, LEXICON_FEATURES } from './sentiment.features.js';

const lexicon = buildSentimentLexicon();
const spec = { ...DEFAULT_FEATURE_SPEC, hashBits: 10 };
const rule = { neutralOffset: 0, neutralOffsetWithoutEvidence: 0 };

function model(seed: number, lexiconVersion = 'lexicon-nl@1+test') {
  const hashed = Float64Array.from({ length: 1024 * 3 }, (_, k) =>
    k % 11 === 0 ? ((k * seed) % 13) / 13 - 0.5 : 0,
  );
  const dense = Float64Array.from({ length: LEXICON_FEATURES * 3 }, (_, k) => (k % 3) - 1);
  return createLinearModel(
    { hashed, dense, bias: Float64Array.from([0.1, 0.2, -0.3]) },
    spec,
    lexiconVersion,
    rule,
    'test',
  );
}

function predict(m: ReturnType<typeof model>, text: string) {
  const tokens = tokenize(text);
  return predictWithModel(
    m,
    lexicon,
    tokens,
    scoreDutch(lexicon, DEFAULT_DUTCH_PARAMETERS, tokens),
    createModelScratch(),
  );
}

describe('decide', () => {
  it('takes the most probable class and scores P(positive) - P(negative)', () => {
    const p = decide(0, 0, Math.log(3), rule, true);
    expect(p.label).toBe('positive');
    expect(p.probabilities[2]).toBeCloseTo(0.6, 10);
    expect(p.score).toBeCloseTo(0.4, 10);
    expect(p.confidence).toBeCloseTo(0.6, 10);
  });

  it('keeps weak evidence neutral through the neutral offsets', () => {
    const offsets = { neutralOffset: 0.5, neutralOffsetWithoutEvidence: 2 };
    expect(decide(0, 0, 1, offsets, true).label).toBe('positive');
    expect(decide(0, 0, 1, offsets, false).label).toBe('neutral');
    expect(decide(0, 0, 3, offsets, false).label).toBe('positive');
    // The score shrinks with the neutral share, so a neutral label never carries a strong score.
    expect(Math.abs(decide(0, 0, 1, offsets, false).score)).toBeLessThan(
      Math.abs(decide(0, 0, 1, offsets, true).score),
    );
  });
});

describe('the binary form', () => {
  it('round-trips weights, rule and provenance, and predicts the same', () => {
    const m = model(7);
    const back = decodeLinearModel(encodeLinearModel(m));
    expect(back.version).toBe(m.version);
    expect(back.rule).toEqual(rule);
    expect(back.lexiconVersion).toBe('lexicon-nl@1+test');
    expect(Array.from(back.hashed)).toEqual(Array.from(m.hashed));
    const text = 'Wat een onzin, die mondkapjesplicht!';
    expect(predict(back, text)).toEqual(predict(m, text));
  });

  it('has a version that is a digest of the content', () => {
    expect(model(7).version).toMatch(/^linear-nl@1\+[0-9a-f]{12}$/);
    expect(model(7).version).toBe(model(7).version);
    expect(model(5).version).not.toBe(model(7).version);
    expect(model(7, 'lexicon-nl@1+other').version).not.toBe(model(7).version);
  });

  it('stores only rows with weights', () => {
    const sparse = encodeLinearModel(model(7)).length;
    expect(sparse).toBeLessThan(1024 * 3 * 4);
  });

  it('refuses what is not a model or is cut short', () => {
    expect(() => decodeLinearModel(Buffer.from('not a model at all'))).toThrow(/magic/);
    const encoded = encodeLinearModel(model(7));
    expect(() => decodeLinearModel(encoded.subarray(0, encoded.length - 4))).toThrow(/truncated/);
  });

  it('refuses weights that do not fit the spec', () => {
    expect(() =>
      createLinearModel(
        {
          hashed: new Float64Array(10),
          dense: new Float64Array(LEXICON_FEATURES * 3),
          bias: new Float64Array(3),
        },
        spec,
        'x',
        rule,
        'test',
      ),
    ).toThrow(/spec needs/);
  });
});

describe('predictWithModel', () => {
  it('returns probabilities that sum to one and a score inside -1..1', () => {
    const p = predict(model(7), 'Eindelijk weer naar de kapper, heerlijk!');
    expect(p.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
    expect(p.score).toBeGreaterThanOrEqual(-1);
    expect(p.score).toBeLessThanOrEqual(1);
  });
});
