import { describe, expect, it } from 'vitest';
import { documentFrequencies, documentTerms, emergingTerms } from './emerging-terms.js';

describe('documentTerms', () => {
  it('keeps content words and adjacent pairs, once per text, without stop words or links', () => {
    expect(
      [...documentTerms('De AVONDKLOK, de avondklok! Rellen in Huizen https://x.nl 2021')].sort(),
    ).toEqual(['avondklok', 'huizen', 'rellen', 'avondklok rellen'].sort());
  });
});

describe('emergingTerms', () => {
  const baseline = documentFrequencies(
    Array.from({ length: 500 }, (_, i) =>
      i % 2 ? 'De mondkapjes in de winkel blijven verplicht' : 'Scholen gaan weer open in Huizen',
    ),
  );

  it('finds what rises in the window and not what is always there', () => {
    const window = documentFrequencies([
      ...Array.from({ length: 30 }, () => 'Avondklok rellen in Hilversum, ME ingezet'),
      ...Array.from({ length: 20 }, () => 'De mondkapjes in de winkel blijven verplicht'),
    ]);
    const terms = emergingTerms(window, baseline).map((t) => t.term);
    expect(terms).toContain('avondklok rellen');
    expect(terms).not.toContain('mondkapjes');
    expect(terms).not.toContain('winkel');
    // The phrase stands for its words when they only rise inside it.
    expect(terms).not.toContain('avondklok');
  });

  it('needs a minimum count and significance', () => {
    const window = documentFrequencies(['Avondklok rellen', 'Scholen gaan weer open in Huizen']);
    expect(emergingTerms(window, baseline)).toEqual([]);
  });
});
