import { describe, expect, it } from 'vitest';
import { createEnricher, shippedDutchScorer } from '../enricher.js';
import { macroF1, type Polarity } from '../sentiment.evaluation.js';
import {
  applyRule,
  chooseRule,
  crossValidate,
  DEFAULT_MODEL_SETTINGS,
  foldOf,
  prepareRows,
  threeClassObjective,
  trainFinalModel,
  type LabelledRow,
  type RowScores,
} from './sentiment-model.training.js';

const dutch = shippedDutchScorer();
const settings = {
  ...DEFAULT_MODEL_SETTINGS,
  // 2^10 rows: L-BFGS's cost grows with the table, and these few phrasings need no more.
  spec: { ...DEFAULT_MODEL_SETTINGS.spec, hashBits: 10 },
  maxIterations: 100,
};

// A deployment's own vocabulary the lexicon does not know: "wappies" and "prikpaspoort" are said in anger,
// "zorghelden" and "vaccinatiebus" with warmth, and plain announcements are neutral.
// Four places on three days (72 rows, 18 per fold) are enough to learn the six phrasings and fast enough that
// cross-validation stays far from any time limit on a loaded machine.
const places = ['Hilversum', 'Huizen', 'Laren', 'Weesp'];
const days = ['maandag', 'woensdag', 'zaterdag'];
function corpus(): LabelledRow[] {
  const rows: LabelledRow[] = [];
  let n = 0;
  const add = (text: string, label: Polarity) => rows.push({ id: `r${n++}`, text, label, weight: 1 });
  for (const place of places) {
    for (const day of days) {
      add(`Weer die wappies in ${place} op ${day}`, 'negative');
      add(`Het prikpaspoort in ${place} vanaf ${day}, nee dank je`, 'negative');
      add(`De zorghelden van ${place} waren er ${day} weer`, 'positive');
      add(`De vaccinatiebus stond ${day} in ${place}, top`, 'positive');
      add(`De gemeente ${place} vergadert op ${day} over de begroting`, 'neutral');
      add(`Het gemeentehuis in ${place} is ${day} open van negen tot vijf`, 'neutral');
    }
  }
  return rows;
}

describe('foldOf', () => {
  it('spreads ids over the folds, the same way every time', () => {
    const counts = [0, 0, 0, 0, 0];
    for (let i = 0; i < 1000; i++) counts[foldOf(`m${i}`, 5)]!++;
    for (const c of counts) expect(c).toBeGreaterThan(150);
    expect(foldOf('12345', 5)).toBe(foldOf('12345', 5));
  });
});

describe('macroF1', () => {
  it('averages the F1 of every class, absent predictions counting zero', () => {
    expect(macroF1(['positive', 'negative'], ['positive', 'negative'], ['positive', 'negative'])).toBe(1);
    expect(macroF1(['positive', 'negative'], ['positive', 'positive'], ['positive', 'negative'])).toBeCloseTo(
      (2 / 3 + 0) / 2,
      10,
    );
  });
});

describe('chooseRule', () => {
  it('raises the neutral offset when the data have many neutral texts the model calls polar', () => {
    // The model leans polar (log-probabilities), but the truth is neutral for texts without evidence.
    const row = (logp: [number, number, number], evidence: boolean, label: Polarity): RowScores => ({
      logp,
      evidence,
      label,
    });
    const scores = [
      ...Array.from({ length: 20 }, () => row([-0.5, -1.5, -2], false, 'neutral')),
      ...Array.from({ length: 10 }, () => row([-0.2, -2.5, -3], true, 'negative')),
      ...Array.from({ length: 10 }, () => row([-3, -2.5, -0.2], true, 'positive')),
    ];
    const { rule, value } = chooseRule(threeClassObjective(scores));
    expect(value).toBe(1);
    // At an offset of 1 neutral ties with negative, and a tie goes to neutral.
    expect(rule.neutralOffsetWithoutEvidence).toBeGreaterThanOrEqual(1);
    expect(applyRule(scores, rule).slice(0, 3)).toEqual(['neutral', 'neutral', 'neutral']);
  });
});

describe('crossValidate', () => {
  const rows = prepareRows(corpus(), dutch, settings.spec);

  it('learns words the lexicon does not know, and says so against the lexicon on the same folds', () => {
    const cv = crossValidate(rows, settings, { lexicon: (row) => row.lexicon.label }, { folds: 4 });
    expect(cv.rows).toBe(rows.length);
    expect(cv.model.macro_f1).toBeGreaterThan(0.95);
    expect(cv.baselines['lexicon']!.macro_f1).toBeLessThan(cv.model.macro_f1 - 0.2);
    expect(cv.model.per_class['neutral']!.support).toBe(2 * places.length * days.length);
    expect(cv.scores).toHaveLength(rows.length);
  });

  it('makes a model the enricher can use, named by its version', () => {
    const cv = crossValidate(rows, settings, {}, { folds: 4 });
    const model = trainFinalModel(rows, settings, cv.scores, dutch.version, 'unit test');
    const enricher = createEnricher({ dutchModel: model });
    const negative = enricher.enrich('Weer die wappies in Amersfoort', { language: 'nl' }).sentiment;
    expect(negative.label).toBe('negative');
    expect(negative.model).toBe(model.version);
    expect(enricher.versions.sentiment_nl).toBe(model.version);
    expect(enricher.enrich('De zorghelden van Amersfoort', { language: 'nl' }).sentiment.label).toBe(
      'positive',
    );
  });
});
