import { describe, expect, it } from 'vitest';
import { stemDutch } from './dutch-stemmer.js';

describe('the Snowball Dutch stemmer', () => {
  // Pairs from the algorithm's published sample vocabulary (snowballstem.org, Dutch).
  it.each([
    ['lichamelijk', 'licham'],
    ['lichamelijke', 'licham'],
    ['lichamelijkheden', 'licham'],
    ['lichamen', 'licham'],
    ['opheffen', 'opheff'],
    ['opheffende', 'opheff'],
    ['opheffing', 'opheff'],
    ['ophouden', 'ophoud'],
    ['ophouding', 'ophoud'],
    ['opgraven', 'opgrav'],
    ['opgravingen', 'opgrav'],
  ])('stems %s to %s', (word, stem) => {
    expect(stemDutch(word)).toBe(stem);
  });

  it('brings plural and singular, verb and noun of this domain together', () => {
    expect(stemDutch('kappers')).toBe(stemDutch('kapper'));
    expect(stemDutch('aanvragen')).toBe(stemDutch('aanvraag'));
    expect(stemDutch('ondernemers')).toBe(stemDutch('ondernemer'));
    expect(stemDutch('gemeenten')).toBe(stemDutch('gemeente'));
    expect(stemDutch('sporten')).toBe(stemDutch('sport'));
  });

  it('undoubles a final kk/dd/tt and a double vowel before a final consonant', () => {
    expect(stemDutch('maan')).toBe('man');
    expect(stemDutch('brood')).toBe('brod');
    expect(stemDutch('hebben')).toBe('hebb');
    expect(stemDutch('bedden')).toBe('bed');
  });

  it('keeps consonant y and i (between vowels) as they are and leaves short words alone', () => {
    expect(stemDutch('ja')).toBe('ja');
    expect(stemDutch('yoga')).toBe('yoga');
    expect(stemDutch('kraaien')).toBe('kraai');
  });
});
