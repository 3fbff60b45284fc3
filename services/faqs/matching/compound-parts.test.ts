import { describe, expect, it } from 'vitest';
import { compoundParts } from './compound-parts.js';

const vocabulary = new Set([
  'kapper',
  'zaak',
  'mondkapje',
  'plicht',
  'huis',
  'vuil',
  'afval',
  'ophaal',
  'dag',
]);

describe('compound splitting against the index vocabulary', () => {
  it('finds the head and the first part, over a linking s', () => {
    expect(compoundParts('kapperszaak', vocabulary)).toEqual(['kapper', 'zaak']);
    expect(compoundParts('mondkapjesplicht', vocabulary)).toEqual(['mondkapje', 'plicht']);
  });

  it('splits a first part that is itself a compound', () => {
    expect(compoundParts('afvalophaaldag', vocabulary)).toEqual(['afval', 'ophaal', 'dag']);
  });

  it('keeps a known head when the first part is unknown, and leaves short or unknown words alone', () => {
    expect(compoundParts('grofvuil', vocabulary)).toEqual(['vuil']);
    expect(compoundParts('huisje', vocabulary)).toEqual([]);
    expect(compoundParts('onbekendwoord', vocabulary)).toEqual([]);
  });
});
