import { describe, expect, it } from 'vitest';
import {
  crossValidate,
  fitMatcher,
  fitOutcomes,
  foldsOf,
  type FitOptions,
  type FitRow,
} from './faq-matcher-fit.js';
import type { FaqComponentScores } from './faq-matcher.js';

const ids = ['a', 'b'];
const scores = (questionWords: number): FaqComponentScores => ({
  questionWords,
  answerWords: 0,
  questionChars: 0,
  answerChars: 0,
  coverage: 0,
  baselineWordBm25: 0,
  baselineCharTfidf: 0,
});
/** A query whose best FAQ scores `best` (FAQ a) and whose answer is a, or none. */
const row = (best: number, answer: 'a' | null): FitRow => ({
  scores: new Map([
    [0, scores(best)],
    [1, scores(best / 2)],
  ]),
  expected: answer === null ? null : new Set([answer]),
});
const options: FitOptions = {
  grid: {
    questionWords: [1],
    answerWords: [0],
    questionChars: [0],
    answerChars: [0],
    coverage: [0],
  },
  marginWeights: [0],
};
// Answered queries score 0.6..0.9, those without an FAQ 0.1..0.4: a threshold between them is right on all.
const rows = [
  ...[0.6, 0.7, 0.8, 0.9, 0.65, 0.75, 0.85, 0.95].map((s) => row(s, 'a')),
  ...[0.1, 0.2, 0.3, 0.4].map((s) => row(s, null)),
];

describe('fitting the FAQ matcher', () => {
  it('fits the none threshold between the scores of answered and unanswered queries', () => {
    const fitted = fitMatcher(rows, ids, options);
    expect(fitted.endToEnd).toBe(1);
    expect(fitted.threshold).toBeGreaterThan(0.4);
    expect(fitted.threshold).toBeLessThanOrEqual(0.6);
    const outcomes = fitOutcomes([row(0.62, 'a'), row(0.35, null)], ids, fitted);
    expect(outcomes.map((o) => o.decision)).toEqual(['match', 'none']);
    expect(outcomes[0]!.ranked).toEqual(['a', 'b']);
  });

  it('deals every query into one of k folds, the none queries spread over them, the same for a seed', () => {
    const folds = foldsOf(rows, 4, 7);
    expect(folds).toEqual(foldsOf(rows, 4, 7));
    for (let fold = 0; fold < 4; fold++) {
      expect(folds.filter((f, i) => f === fold && rows[i]!.expected === null)).toHaveLength(1);
      expect(folds.filter((f, i) => f === fold && rows[i]!.expected !== null)).toHaveLength(2);
    }
    expect(() => foldsOf(rows, 1, 7)).toThrow(/--cv/);
  });

  it('scores each query by a fit made without it', () => {
    // The answered query at 0.45 moves the threshold below itself only when the fit sees it.
    const few = [0.45, 0.9, 0.9, 0.9]
      .map((v) => row(v, 'a'))
      .concat([0.1, 0.1, 0.1].map((v) => row(v, null)));
    expect(fitOutcomes([few[0]!], ids, fitMatcher(few, ids, options))[0]!.decision).toBe('match');
    const run = crossValidate(few, ids, options, 3, 1);
    expect(run.fits).toHaveLength(3);
    expect(run.outcomes).toHaveLength(few.length);
    expect(run.outcomes[0]!.decision).toBe('none');
    expect(run.outcomes.slice(1).map((o) => o.decision)).toEqual([
      'match',
      'match',
      'match',
      'none',
      'none',
      'none',
    ]);
  });
});
