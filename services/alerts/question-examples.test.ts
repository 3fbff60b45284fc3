import { describe, expect, it } from 'vitest';
import type { EmergingTerm } from '../terms/emerging-terms.js';
import { topQuestions, withoutContactDetails } from './question-examples.js';

const term = (text: string, g2: number): EmergingTerm => ({
  term: text,
  windowCount: 5,
  baselineCount: 0,
  ratio: 5,
  g2,
});

describe('topQuestions', () => {
  it('puts the questions that carry the rising terms first, one of each wording', () => {
    const questions = [
      { text: 'Hoe laat gaat het zwembad open?' },
      { text: 'Mag mijn terras na tien uur nog open blijven?' },
      { text: 'Mag mijn terras na tien uur nog open blijven?' },
      { text: 'Moet het terras om tien uur dicht van de avondklok?' },
      { text: 'Waar haal ik een nieuw paspoort?' },
    ];
    const top = topQuestions(questions, [term('terras', 40), term('tien uur', 20)], 3);
    expect(top.map((q) => q.text)).toEqual([
      'Mag mijn terras na tien uur nog open blijven?',
      'Moet het terras om tien uur dicht van de avondklok?',
      // Nothing else rose: what the window shares most (open) comes next, before the unrelated passport question.
      'Hoe laat gaat het zwembad open?',
    ]);
  });

  it('falls back to what the window shares, newest first on ties, when nothing rose', () => {
    const questions = [
      { text: 'Waar haal ik een nieuw paspoort?' },
      { text: 'Wanneer gaat de sporthal weer open?' },
      { text: 'Gaat de sporthal volgende week open?' },
    ];
    expect(topQuestions(questions, [], 2).map((q) => q.text)).toEqual([
      'Wanneer gaat de sporthal weer open?',
      'Gaat de sporthal volgende week open?',
    ]);
    expect(topQuestions([], [], 3)).toEqual([]);
  });
});

describe('withoutContactDetails', () => {
  it('masks phone numbers and e-mail addresses, and leaves dates, times and amounts', () => {
    expect(
      withoutContactDetails('Bel me op 06-12345678 of +31 20 123 4567, of mail j.devries@example.nl graag.'),
    ).toBe('Bel me op [telefoonnummer] of [telefoonnummer], of mail [e-mailadres] graag.');
    expect(withoutContactDetails('Mag ik op 23-01-2021 om 21.00 uur nog 1500 euro pinnen?')).toBe(
      'Mag ik op 23-01-2021 om 21.00 uur nog 1500 euro pinnen?',
    );
    expect(withoutContactDetails('Mijn nummer is 0612345678.')).toBe('Mijn nummer is [telefoonnummer].');
  });
});
