import { describe, expect, it } from 'vitest';
import { FaqFileError, parseFaqFile, questionId } from './faq-file.js';

const bytes = (text: string) => new TextEncoder().encode(text);

function problemsOf(name: string, text: string): string[] {
  try {
    parseFaqFile(name, bytes(text));
  } catch (error) {
    if (error instanceof FaqFileError)
      return error.problems.map((p) => `${p.row ?? '-'}|${p.column ?? '-'}|${p.message}`);
    throw error;
  }
  throw new Error('expected problems');
}

describe('parseFaqFile', () => {
  it('reads a semicolon CSV with optional columns and lists in a cell', () => {
    const entries = parseFaqFile(
      'faqs.csv',
      bytes(
        'ID;Vraag;Antwoord;Onderwerp;Doelgroep;URL\r\n' +
          'a1;Mag de kapper open?;Ja, met een afspraak.;horeca, contactberoepen;ondernemers|Inwoners;https://example.nl/kapper\r\n' +
          'a2;"Waar kan ik testen;\nen wanneer?";Bel 0800-1202.;;;\r\n',
      ),
    );
    expect(entries).toEqual([
      {
        row: 2,
        id: 'a1',
        question: 'Mag de kapper open?',
        answer: 'Ja, met een afspraak.',
        topics: ['horeca', 'contactberoepen'],
        audience: ['ondernemers', 'inwoners'],
        url: 'https://example.nl/kapper',
      },
      {
        row: 3,
        id: 'a2',
        question: 'Waar kan ik testen;\nen wanneer?',
        answer: 'Bel 0800-1202.',
        topics: [],
        audience: [],
        url: null,
      },
    ]);
  });

  it('reads a comma CSV without an id column, giving each question a stable id', () => {
    const entries = parseFaqFile(
      'f.csv',
      bytes('vraag,antwoord\n"Moet ik een mondkapje dragen?","Ja, in de winkel."\n'),
    );
    expect(entries).toHaveLength(1);
    expect(entries[0]!.id).toBe(questionId('moet ik  een mondkapje dragen?'));
  });

  it('reads the JSON form', () => {
    const entries = parseFaqFile(
      'f.json',
      bytes(
        JSON.stringify([
          { id: 7, vraag: 'V?', antwoord: 'A.', onderwerp: ['zorg'], doelgroep: 'instellingen' },
        ]),
      ),
    );
    expect(entries).toEqual([
      {
        row: 1,
        id: '7',
        question: 'V?',
        answer: 'A.',
        topics: ['zorg'],
        audience: ['instellingen'],
        url: null,
      },
    ]);
  });

  it('names the row and column of every problem and returns nothing', () => {
    expect(
      problemsOf(
        'f.csv',
        'id;vraag;antwoord;doelgroep\n1;Eerste?;Ja.;inwoners\n1;Tweede?;Nee.;inwoners\n2;Derde?;  ;bewoners\n',
      ),
    ).toEqual([
      '4|antwoord|is empty; every FAQ needs its answer',
      '4|doelgroep|unknown audience "bewoners"; use inwoners, ondernemers or instellingen',
      '3|id|duplicate id "1" (also in row 2); without an id column, the same question twice',
    ]);
  });

  it('refuses unknown and missing columns in the header', () => {
    expect(problemsOf('f.csv', 'vraag;toelichting\nV?;x\n')).toEqual([
      '1|toelichting|unknown column; known: id, vraag, antwoord, onderwerp, doelgroep, url',
      '1|antwoord|the header needs the column "antwoord"',
    ]);
    expect(problemsOf('f.json', '[{"vraag":"V?","antwoord":"A","extra":1},{"vraag":"W?"}]')).toEqual([
      '1|extra|unknown field; known: id, vraag, antwoord, onderwerp, doelgroep, url',
      '2|antwoord|is missing',
    ]);
  });

  it('refuses files that hold no FAQs or no JSON list', () => {
    expect(problemsOf('f.csv', '')).toEqual(['-|-|the file is empty; it needs a header row vraag;antwoord']);
    expect(problemsOf('f.csv', 'vraag;antwoord\n')).toEqual(['-|-|the file holds no FAQs']);
    expect(problemsOf('f.json', '{"vraag":"x"}')).toEqual([
      '-|-|a JSON FAQ file is a list: [{"vraag", "antwoord", ...}]',
    ]);
  });
});
