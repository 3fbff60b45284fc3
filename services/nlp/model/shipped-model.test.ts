import { describe, expect, it } from 'vitest';
import { createEnricher, shippedDutchScorer } from '../enricher.js';
import { defaultDutchModel, shippedDutchModel } from './shipped-model.js';

describe('the shipped model', () => {
  it('was made over this build’s lexicon (refit it after every lexicon change: see README.md)', () => {
    const shipped = shippedDutchModel();
    expect(shipped).not.toBeNull();
    expect(shipped?.lexiconVersion).toBe(shippedDutchScorer().version);
    expect(defaultDutchModel(shippedDutchScorer().version)).toBe(shipped);
    expect(defaultDutchModel('lexicon-nl@1+00000000')).toBeNull();
  });

  it('scores Dutch by default, and the lexicon alone only when asked', () => {
    const byDefault = createEnricher();
    const lexiconOnly = createEnricher({ dutchModel: null });
    const text = 'Wat een puinhoop weer bij de GGD, niemand neemt op';
    expect(byDefault.enrich(text, { language: 'nl' }).sentiment.model).toBe(shippedDutchModel()?.version);
    expect(lexiconOnly.enrich(text, { language: 'nl' }).sentiment.model).toBe(lexiconOnly.lexiconVersion);
    // Either way the lexicon explains the score with the words that carried it.
    expect(byDefault.enrich(text, { language: 'nl' }).sentiment.carriers.map((c) => c.word)).toContain(
      'puinhoop',
    );
  });
});
