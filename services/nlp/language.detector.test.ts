import { describe, expect, it } from 'vitest';
import { detectLanguageFromTokens, normaliseStatedLanguage } from './language.detector.js';
import { tokenize } from './text.tokenizer.js';

const detect = (text: string) => detectLanguageFromTokens(tokenize(text)).language;

describe('detectLanguageFromTokens', () => {
  it('recognises short Dutch posts', () => {
    expect(detect('Ik snap niet waarom de scholen dicht moeten')).toBe('nl');
    expect(detect('Mondkapjesplicht in de winkel is gewoon onzin')).toBe('nl');
  });

  it('recognises short English posts', () => {
    expect(detect('The curfew is a terrible idea and nobody wants it')).toBe('en');
    expect(detect('Why are the schools still open?')).toBe('en');
  });

  it('says und when there is too little evidence', () => {
    expect(detect('👍👍')).toBe('und');
    expect(detect('#avondklok')).toBe('und');
    expect(detect('Rutte')).toBe('und');
  });

  it('uses spelling when there are no function words', () => {
    expect(detect('Mondkapjesplicht verlengd, horecasluiting blijft')).toBe('nl');
  });
});

describe('normaliseStatedLanguage', () => {
  it('maps codes with regions and rejects junk', () => {
    expect(normaliseStatedLanguage('nl-BE')).toBe('nl');
    expect(normaliseStatedLanguage('EN_gb')).toBe('en');
    expect(normaliseStatedLanguage('de')).toBe('und');
    expect(normaliseStatedLanguage('')).toBeNull();
    expect(normaliseStatedLanguage(null)).toBeNull();
    expect(normaliseStatedLanguage('und')).toBeNull();
  });
});
