import { describe, expect, it } from 'vitest';
import {
  annotatorAgreement,
  evaluateSentiment,
  isHeldOut,
  parseLabelledJsonl,
  readLabelledJsonl,
  splitHeldOut,
  TRAINING_POSTS_FILES,
  UNSEEN_POSTS_FILE,
  type LabelledText,
} from './sentiment.evaluation.js';
import { evaluateTopics, parseTopicsJsonl } from './topics.evaluation.js';
import { parseTaxonomy } from './taxonomy.js';

const rows: LabelledText[] = [
  { id: '1', text: 'good', label: 'positive' },
  { id: '2', text: 'bad', label: 'negative' },
  { id: '3', text: 'nothing', label: 'negative' },
  { id: '4', text: 'meh', label: 'neutral' },
  { id: '5', text: 'rather good', label: 'positive' },
];
const scorer = (text: string) =>
  text === 'good'
    ? { label: 'positive' as const, score: 0.8, carriers: [1] }
    : text === 'bad'
      ? { label: 'negative' as const, score: -0.8, carriers: [1] }
      : text === 'rather good'
        ? { label: 'neutral' as const, score: 0.2, carriers: [1] }
        : { label: 'neutral' as const, score: 0, carriers: [] };

describe('parseLabelledJsonl', () => {
  it('keeps polar labels, neutral only with three classes, and names bad lines', () => {
    const content = [
      '{"id":"a","text":"x","label":"positive"}',
      '{"id":"b","text":"y","label":"neutral"}',
      '{"id":"c","text":"z","label":"mixed"}',
    ].join('\n');
    expect(parseLabelledJsonl(content, 'f', 2).map((r) => r.id)).toEqual(['a']);
    expect(parseLabelledJsonl(content, 'f', 3).map((r) => r.id)).toEqual(['a', 'b']);
    expect(() => parseLabelledJsonl('{"text":1}', 'f.jsonl', 3)).toThrow(
      'f.jsonl:1: "text" must be a string',
    );
  });
});

describe('evaluateSentiment', () => {
  it('computes three-class accuracy, per-class figures and coverage', () => {
    const result = evaluateSentiment(rows, scorer, 3);
    expect(result.accuracy).toBe(0.6);
    expect(result.coverage).toBe(0.6);
    expect(result.per_class['negative']).toMatchObject({ precision: 1, recall: 0.5, support: 2 });
    expect(result.per_class['neutral']).toMatchObject({ precision: 1 / 3, recall: 1 });
    expect(result.per_class['positive']).toMatchObject({ precision: 1, recall: 0.5 });
  });

  it('decides two classes by the sign of the score: leaning positive is positive, no evidence is negative', () => {
    const binary = rows.filter((r) => r.label !== 'neutral');
    const result = evaluateSentiment(binary, scorer, 2);
    expect(result.accuracy).toBe(1);
    expect(result.neutral_predictions).toBe(2);
    expect(Object.keys(result.per_class)).toEqual(['positive', 'negative']);
    // Every resample is right everywhere, so the interval is a point.
    expect(result.interval_95.accuracy).toEqual([1, 1]);
  });

  it('gives a bootstrap interval that contains the figure and widens on fewer texts', () => {
    const many: LabelledText[] = Array.from({ length: 400 }, (_, i) => ({
      id: `${i}`,
      text: i % 4 === 0 ? 'bad' : 'good',
      label: i % 5 === 0 ? 'negative' : 'positive',
    }));
    const wide = evaluateSentiment(many.slice(0, 40), scorer, 2);
    const narrow = evaluateSentiment(many, scorer, 2);
    const [low, high] = narrow.interval_95.accuracy;
    expect(low).toBeLessThan(narrow.accuracy);
    expect(high).toBeGreaterThan(narrow.accuracy);
    const width = (e: typeof wide) => e.interval_95.accuracy[1] - e.interval_95.accuracy[0];
    expect(width(wide)).toBeGreaterThan(width(narrow) * 2);
  });
});

describe('annotatorAgreement', () => {
  it("gives Cohen's kappa: agreement beyond chance", () => {
    // 10 texts: both say positive 4 times, both negative 4 times, they differ twice.
    const pairs: [LabelledText['label'], LabelledText['label']][] = [
      ...Array.from(
        { length: 4 },
        () => ['positive', 'positive'] as [LabelledText['label'], LabelledText['label']],
      ),
      ...Array.from(
        { length: 4 },
        () => ['negative', 'negative'] as [LabelledText['label'], LabelledText['label']],
      ),
      ['positive', 'negative'],
      ['negative', 'positive'],
    ];
    const result = annotatorAgreement(pairs);
    expect(result.observed).toBe(0.8);
    // Chance: 0.5 * 0.5 + 0.5 * 0.5 = 0.5, so kappa = (0.8 - 0.5) / 0.5.
    expect(result.kappa).toBeCloseTo(0.6, 10);
    expect(annotatorAgreement([['neutral', 'neutral']]).kappa).toBe(1);
  });
});

describe('held-out split', () => {
  it('is fixed by id and keeps about a quarter aside', () => {
    const ids = Array.from({ length: 2000 }, (_, i) => `x-${i}`);
    const held = ids.filter(isHeldOut).length;
    expect(held).toBeGreaterThan(400);
    expect(held).toBeLessThan(600);
    expect(isHeldOut('x-1')).toBe(isHeldOut('x-1'));
    const { tuning, heldOut } = splitHeldOut(ids.map((id) => ({ id })));
    expect(tuning.length + heldOut.length).toBe(2000);
  });
});

describe('evaluateTopics', () => {
  const taxonomy = parseTaxonomy(
    'version: t\ntopics:\n  - id: a\n    label: A\n    aliases: [aa]\n    terms: [x1]\n  - id: b\n    label: B\n    terms: [y1]',
    't',
  );

  it('maps aliases and rejects unknown topics', () => {
    expect(parseTopicsJsonl('{"id":"1","text":"t","topics":["aa"]}', 'f', taxonomy)[0]?.topics).toEqual([
      'a',
    ]);
    expect(() => parseTopicsJsonl('{"id":"1","text":"t","topics":["zz"]}', 'f', taxonomy)).toThrow(
      "unknown topic 'zz'",
    );
  });

  it('computes micro and macro figures', () => {
    const labelled = [
      { id: '1', text: 'p', topics: ['a'] },
      { id: '2', text: 'q', topics: ['a', 'b'] },
      { id: '3', text: 'r', topics: [] },
    ];
    const predicted: Record<string, string[]> = { p: ['a'], q: ['a'], r: ['b'] };
    const result = evaluateTopics(labelled, taxonomy, (text) => predicted[text] ?? []);
    expect(result.micro.precision).toBeCloseTo(2 / 3);
    expect(result.micro.recall).toBeCloseTo(2 / 3);
    expect(result.per_topic['a']).toMatchObject({ precision: 1, recall: 1, support: 2 });
    expect(result.per_topic['b']).toMatchObject({ precision: 0, recall: 0, support: 1 });
    expect(result.macro.f1).toBeCloseTo(0.5);
    expect(result.exact_match).toBeCloseTo(1 / 3);
    expect(result.no_topic_accuracy).toBe(0);
  });
});

describe('our posts sets', () => {
  it('never train on the unseen test set, and share no text with it', () => {
    expect(TRAINING_POSTS_FILES).not.toContain(UNSEEN_POSTS_FILE);
    const start = (text: string) => text.toLowerCase().replace(/\s+/g, ' ').slice(0, 30);
    const seen = new Set(
      TRAINING_POSTS_FILES.flatMap((f) => readLabelledJsonl(f, 3)).map((r) => start(r.text)),
    );
    const unseen = readLabelledJsonl(UNSEEN_POSTS_FILE, 3);
    expect(unseen.length).toBeGreaterThanOrEqual(300);
    expect(unseen.filter((r) => seen.has(start(r.text))).map((r) => r.id)).toEqual([]);
  });
});
