import { describe, expect, it } from 'vitest';
import { createBm25Index } from './bm25.js';
import { createCosineIndex } from './tfidf-cosine.js';

describe('BM25', () => {
  const index = createBm25Index([
    ['kapper', 'open'],
    ['huisvuil', 'opgehaald', 'kalender'],
    ['kapper', 'kapper', 'mondkapje'],
  ]);

  it('weighs rare terms more, and normalises by the query ceiling', () => {
    expect(index.idf('huisvuil')).toBeGreaterThan(index.idf('kapper'));
    const scores = index.score(['huisvuil']);
    expect([...scores.keys()]).toEqual([1]);
    expect(scores.get(1)!.normalised).toBeGreaterThan(0);
    expect(scores.get(1)!.normalised).toBeLessThanOrEqual(1);
    // A term no FAQ holds lowers the normalised score: the question asks for more than the FAQ says.
    expect(index.score(['huisvuil', 'avondklok']).get(1)!.normalised).toBeLessThan(scores.get(1)!.normalised);
  });

  it('scores a repeated term higher, with saturation', () => {
    const s = index.score(['kapper']);
    expect(s.get(2)!.raw).toBeGreaterThan(s.get(0)!.raw);
    expect(s.get(2)!.raw).toBeLessThan(2 * s.get(0)!.raw);
  });
});

describe('TF-IDF cosine', () => {
  it('is 1 for the same features and 0 for none shared', () => {
    const index = createCosineIndex([['abc', 'bcd'], ['xyz']]);
    expect(index.score(['abc', 'bcd']).get(0)).toBeCloseTo(1, 10);
    expect(index.score(['abc', 'bcd']).has(1)).toBe(false);
  });
});
