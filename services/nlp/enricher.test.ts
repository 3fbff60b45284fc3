import { describe, expect, it } from 'vitest';
import { createEnricher } from './enricher.js';
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
