// The shipped lexicon files are what the generators write: a fresh fit or build changes only what it computes,
// never the format the service reads.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assetPath } from '../../services/assets.js';
import { parseFittedWeights } from '../../services/nlp/enricher.js';
import { fittedSentiment, patternLexicon } from '../../services/nlp/lexicon-data.js';
import { renderPatternData } from './pattern-lexicon.build.js';
import { renderFittedData } from './sentiment.fit.js';

describe('the generated lexicon files', () => {
  it('pattern-nl.json is byte for byte what the pattern build writes', () => {
    const shipped = readFileSync(assetPath('lexicons/pattern-nl.json'), 'utf8');
    expect(renderPatternData(patternLexicon().table)).toBe(shipped);
  });

  it('sentiment-nl.fitted.json is byte for byte what the fit writes', () => {
    const shipped = readFileSync(assetPath('lexicons/sentiment-nl.fitted.json'), 'utf8');
    const fitted = fittedSentiment();
    if (fitted.parameters === null) throw new Error('the shipped fit has parameters');
    const weights = parseFittedWeights(fitted.weights);
    const result = { parameters: fitted.parameters, weights, objective: 0, lambda: 0 };
    expect(renderFittedData(result, fitted.fittedOn)).toBe(shipped);
  });
});
