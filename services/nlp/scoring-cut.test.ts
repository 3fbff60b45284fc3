import { describe, expect, it } from 'vitest';
import { MAX_SCORED_TEXT, cutForScoring } from './scoring-cut.js';

describe('cutForScoring', () => {
  it('keeps a short text whole', () => {
    expect(cutForScoring('kort')).toBe('kort');
    expect(cutForScoring('a'.repeat(MAX_SCORED_TEXT))).toHaveLength(MAX_SCORED_TEXT);
  });

  it('cuts a long text to the first 10,000 characters', () => {
    const text = 'b'.repeat(MAX_SCORED_TEXT) + 'c'.repeat(5);
    expect(MAX_SCORED_TEXT).toBe(10_000);
    expect(cutForScoring(text)).toBe('b'.repeat(MAX_SCORED_TEXT));
  });
});
