import { describe, expect, it } from 'vitest';
import { adjectiveEForms, adjectiveForms, nounForms } from './dutch.inflection.js';

describe('adjectiveEForms', () => {
  it.each([
    ['snel', 'snelle'],
    ['groot', 'grote'],
    ['raar', 'rare'],
    ['lief', 'lieve'],
    ['vies', 'vieze'],
    ['goed', 'goede'],
    ['echt', 'echte'],
    ['aardig', 'aardige'],
    ['mooi', 'mooie'],
    ['blij', 'blije'],
    ['simpel', 'simpele'],
    ['bizar', 'bizarre'],
  ])('%s -> %s', (base, form) => {
    expect(adjectiveEForms(base)).toContain(form);
  });

  it('leaves words ending in -e or a single vowel alone', () => {
    expect(adjectiveEForms('oranje')).toEqual([]);
    expect(adjectiveEForms('prima')).toEqual([]);
  });
});

describe('adjectiveForms', () => {
  it('adds comparative and superlative', () => {
    expect(adjectiveForms('leuk')).toEqual(expect.arrayContaining(['leuke', 'leuker', 'leukst', 'leukste']));
    expect(adjectiveForms('duur')).toContain('duurder');
  });
});

describe('nounForms', () => {
  it('adds plurals', () => {
    expect(nounForms('leugen')).toContain('leugens');
    expect(nounForms('ramp')).toContain('rampen');
  });
});
