import { describe, expect, it } from 'vitest';
import { createEnricher } from './enricher.js';
import { createLinearModel } from './model/linear.model.js';
import { DEFAULT_FEATURE_SPEC, LEXICON_FEATURES } from './model/sentiment.features.js';
import { parseTaxonomy } from './taxonomy.js';

const enricher = createEnricher();

describe('createEnricher', () => {
  it('enriches a Dutch post with language, sentiment, carriers and topics', () => {
    const result = enricher.enrich('Wat een onzin, die mondkapjesplicht in de supermarkt!!');
    expect(result.language).toBe('nl');
    expect(result.sentiment.label).toBe('negative');
    expect(result.sentiment.model).toBe(enricher.versions.sentiment_nl);
    expect(result.sentiment.carriers[0]?.word).toBe('onzin');
    expect(result.topics).toEqual(['mondkapjes', 'winkels']);
  });

  it('keeps scores within -1..1 with three decimals', () => {
    const { score, confidence } = enricher.enrich('SUPER SUPER blij!!! 😍😍😍 Heerlijk!!').sentiment;
    expect(score).toBeLessThanOrEqual(1);
    expect(Math.round(score * 1000) / 1000).toBe(score);
    expect(confidence).toBeGreaterThanOrEqual(0);
    expect(confidence).toBeLessThanOrEqual(1);
  });

  it('scores English through wink', () => {
    const result = enricher.enrich('This curfew is a terrible and stupid idea');
    expect(result.language).toBe('en');
    expect(result.sentiment.model).toBe('wink-en@1');
    expect(result.sentiment.label).toBe('negative');
  });

  it('lets a stated language win', () => {
    expect(enricher.enrich('Dit is echt geweldig', { language: 'en' }).language).toBe('en');
    const german = enricher.enrich('Das ist wirklich gut', { language: 'de' });
    expect(german.language).toBe('und');
    expect(german.sentiment.label).toBe('neutral');
  });

  it('ignores an invalid stated language', () => {
    expect(enricher.enrich('Ik vind de avondklok echt niet nodig', { language: '??' }).language).toBe('nl');
  });

  it('reads the title for topics', () => {
    expect(enricher.enrich('Lees het hele bericht', { title: 'Avondklok verlengd' }).topics).toEqual([
      'avondklok',
    ]);
  });

  it('accepts a custom taxonomy', () => {
    const custom = createEnricher({
      taxonomy: parseTaxonomy(
        'version: x\ntopics:\n  - id: afval\n    label: Afval\n    terms: ["*afval*"]',
        'x',
      ),
    });
    expect(custom.enrich('Het grofvuil en de afvalinzameling').topics).toEqual(['afval']);
    expect(custom.versions.topics).not.toBe(enricher.versions.topics);
  });
});

describe('the Dutch model in use', () => {
  const spec = { ...DEFAULT_FEATURE_SPEC, hashBits: 8 };
  // A model that only reads the lexicon's label: positive stays positive, everything else becomes negative.
  const dense = new Float64Array(LEXICON_FEATURES * 3);
  dense[6 * 3 + 2] = 10; // label_positive -> positive
  const modelFor = (lexiconVersion: string) =>
    createLinearModel(
      { hashed: new Float64Array(256 * 3), dense, bias: Float64Array.from([1, 0, 0]) },
      spec,
      lexiconVersion,
      { neutralOffset: 0, neutralOffsetWithoutEvidence: 0 },
      'unit test',
    );

  it('scores with the lexicon alone when asked, and names it', () => {
    const lexicon = createEnricher({ dutchModel: null });
    expect(lexicon.versions.sentiment_nl).toBe(lexicon.lexiconVersion);
    expect(lexicon.enrich('De bus rijdt om tien uur').sentiment.model).toBe(lexicon.lexiconVersion);
  });

  it('switches to a model and back, and every score names what made it', () => {
    const e = createEnricher({ dutchModel: null });
    const model = modelFor(e.lexiconVersion);
    e.useDutchModel(model);
    const scored = e.enrich('De bus rijdt om tien uur', { language: 'nl' }).sentiment;
    expect(scored.model).toBe(model.version);
    expect(scored.label).toBe('negative');
    expect(e.enrich('Heerlijk weer vandaag', { language: 'nl' }).sentiment.label).toBe('positive');
    // English is still wink's.
    expect(e.enrich('This curfew is a terrible idea').sentiment.model).toBe('wink-en@1');
    e.useDutchModel(null);
    expect(e.enrich('De bus rijdt om tien uur', { language: 'nl' }).sentiment.label).toBe('neutral');
  });

  it('refuses a model made over another lexicon', () => {
    const e = createEnricher({ dutchModel: null });
    expect(() => e.useDutchModel(modelFor('lexicon-nl@1+00000000'))).toThrow(/trained over lexicon/);
    expect(e.versions.sentiment_nl).toBe(e.lexiconVersion);
  });
});
