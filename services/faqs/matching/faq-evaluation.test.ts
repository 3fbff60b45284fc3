import { describe, expect, it } from 'vitest';
import {
  checkLabels,
  endToEndRight,
  faqMetricIntervals,
  faqMetrics,
  parseEvaluationFaqs,
  FaqEvaluationInputError,
  parseFaqQueries,
  wilsonInterval,
  type QueryOutcome,
} from './faq-evaluation.js';

// Six outcomes worked out by hand (see each line); the expected figures below follow from them.
const outcomes: QueryOutcome[] = [
  { expected: ['a'], ranked: ['a', 'b'], decision: 'match' }, // right first: P@1, 1/1, end-to-end right
  { expected: ['a'], ranked: ['b', 'a'], decision: 'match' }, // second: 1/2, end-to-end wrong
  { expected: ['c', 'd'], ranked: ['x', 'y', 'd'], decision: 'none' }, // any of c, d counts: 1/3; wrongly none
  { expected: null, ranked: ['a'], decision: 'none' }, // rightly none
  { expected: null, ranked: ['b'], decision: 'match' }, // a none missed
  { expected: ['e'], ranked: [], decision: 'none' }, // not found: 0; wrongly none
];

describe('FAQ matching metrics', () => {
  it('computes P@1 and MRR over labelled queries, none precision/recall and end-to-end over all', () => {
    expect(faqMetrics(outcomes)).toEqual({
      n: 6,
      p_at_1: 0.25, // 1 of 4 labelled
      mrr: 0.4583, // (1 + 1/2 + 1/3 + 0) / 4
      none_precision: 0.3333, // 1 right of 3 decided none
      none_recall: 0.5, // 1 of 2 without FAQ
      end_to_end_accuracy: 0.3333, // outcomes 1 and 4 of 6
    });
  });

  it('counts a query right end to end only for none without FAQ, or a match with the right FAQ first', () => {
    expect(outcomes.map(endToEndRight)).toEqual([true, false, false, true, false, false]);
    expect(endToEndRight({ expected: ['a'], ranked: ['a'], decision: 'none' })).toBe(false);
  });

  it('gives Wilson intervals for shares and a bootstrap interval around MRR', () => {
    expect(wilsonInterval(8, 10)).toEqual([0.4902, 0.9433]);
    expect(wilsonInterval(0, 0)).toEqual([0, 0]);
    const intervals = faqMetricIntervals(outcomes);
    expect(intervals.p_at_1).toEqual(wilsonInterval(1, 4));
    expect(intervals.end_to_end_accuracy).toEqual(wilsonInterval(2, 6));
    expect(intervals.mrr[0]).toBeLessThanOrEqual(0.4583);
    expect(intervals.mrr[1]).toBeGreaterThanOrEqual(0.4583);
    expect(faqMetricIntervals(outcomes)).toEqual(intervals);
  });
});

describe('reading the evaluation files', () => {
  it('reads queries with one id, several or null, and names the line of a bad one', () => {
    const text =
      '{"q":"a?","faq":"x","split":"dev"}\n\n{"q":"b?","faq":["x","y"]}\n{"q":"c?","faq":null,"split":"test"}\n';
    expect(parseFaqQueries(text, 'q.jsonl')).toEqual([
      { q: 'a?', faq: ['x'], split: 'dev' },
      { q: 'b?', faq: ['x', 'y'], split: null },
      { q: 'c?', faq: null, split: 'test' },
    ]);
    expect(() => parseFaqQueries('{"q":"a","faq":"x"}\n{"q":"","faq":null}', 'q.jsonl')).toThrow('q.jsonl:2');
    expect(() => parseFaqQueries('{"q":"a","faq":3}', 'q.jsonl')).toThrow(/"faq" must be/);
    expect(() => parseFaqQueries('{"q":"a","faq":null,"split":"train"}', 'q.jsonl')).toThrow(/"split"/);
  });

  it("reads the register's import format, CSV or JSON, and refuses duplicate ids and empty answers", () => {
    const bytes = (text: string) => new TextEncoder().encode(text);
    const faqs = parseEvaluationFaqs(
      bytes('[{"id":"x","vraag":"Wat?","antwoord":"Dit.","onderwerp":"tozo"}]'),
      'f.json',
    );
    expect(faqs).toEqual([{ id: 'x', question: 'Wat?', answer: 'Dit.', topics: ['tozo'] }]);
    expect(parseEvaluationFaqs(bytes('id;vraag;antwoord\ny;Mag dat?;Ja.'), 'f.csv')).toEqual([
      { id: 'y', question: 'Mag dat?', answer: 'Ja.', topics: [] },
    ]);
    expect(() =>
      parseEvaluationFaqs(
        bytes('[{"id":"x","vraag":"a","antwoord":"b"},{"id":"x","vraag":"c","antwoord":"d"}]'),
        'f.json',
      ),
    ).toThrow(FaqEvaluationInputError);
    expect(() => parseEvaluationFaqs(bytes('[{"id":"x","vraag":"a","antwoord":" "}]'), 'f.json')).toThrow(
      /f\.json: 1 problem.*\n.*row 1/,
    );
    expect(() => checkLabels([{ q: 'a', faq: ['nope'], split: null }], faqs, 'q.jsonl')).toThrow(/"nope"/);
  });
});
