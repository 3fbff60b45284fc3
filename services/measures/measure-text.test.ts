import { describe, expect, it } from 'vitest';
import { effectPattern, type Effect } from './effect.analysis.js';
import type { Measure } from './measure.js';
import {
  annotationTags,
  annotationText,
  expectationText,
  measureAlertHeadline,
  messageMeasure,
} from './measure-text.js';

const label = (id: string) => ({ mondkapjes: 'Mondkapjes', horeca: 'Horeca' })[id] ?? id;

const measure: Measure = {
  id: 'gv-2020-09-27-noodverordening',
  version: 2,
  level: 'regional',
  region: 'Gooi en Vechtstreek',
  municipality: null,
  title: 'Noodverordening 27 september 2020',
  summary: 'Inloop in de horeca stopt om middernacht.',
  announcedOn: null,
  effectiveFrom: '2020-09-27',
  effectiveUntil: null,
  topics: ['horeca', 'mondkapjes'],
  direction: 'tightening',
  sourceUrl: 'https://www.vrgooienvechtstreek.nl/2020/09/noodverordening-27-september-2020/',
  sources: [],
  verified: true,
  note: null,
  origin: 'watcher',
  sourceId: 'vr-gooi',
  externalId: 'x',
  publicationHash: null,
  contentHash: 'h',
  createdAt: new Date(),
  updatedAt: new Date(),
};

const effect = (ratio: number, shift: number): Effect => ({
  volume: {
    weeks: 4,
    before: 100,
    after: 100 * ratio,
    expectedBefore: 100,
    expectedAfter: 100,
    rawRatio: ratio,
    ratio,
    low: ratio * 0.9,
    high: ratio * 1.1,
    basis: 'earlier_weeks',
  },
  sentiment: {
    negativeShareBefore: 0.2,
    negativeShareAfter: 0.2 + shift,
    expectedBefore: 0.2,
    expectedAfter: 0.2,
    meanScoreBefore: 0,
    meanScoreAfter: 0,
    shift,
    low: shift - 0.01,
    high: shift + 0.01,
    basis: 'earlier_weeks',
  },
  topics: [],
  questions: null,
});

describe('Dutch texts about measures', () => {
  it('writes the annotation with level, direction, topics, version and summary, and its tags', () => {
    expect(annotationText(measure, label)).toBe(
      'Regionaal (Gooi en Vechtstreek), aanscherping. Onderwerpen: Horeca, Mondkapjes. (versie 2)\nInloop in de horeca stopt om middernacht.',
    );
    expect(annotationTags(measure)).toBe('maatregel,regionaal,aanscherping,horeca,mondkapjes');
    expect(messageMeasure(measure)).toEqual({
      title: 'Noodverordening 27 september 2020',
      level: 'regionaal (Gooi en Vechtstreek)',
      date: '27 september 2020',
      url: measure.sourceUrl,
    });
  });

  it('says what changed in a new version', () => {
    expect(measureAlertHeadline(measure, false, ['effective_until', 'topics'])).toBe(
      'Aanscherping, regionaal (Gooi en Vechtstreek), van kracht vanaf 27 september 2020. Versie 2; gewijzigd: einddatum, onderwerpen.',
    );
  });

  it('states the expectation from earlier measures, or that there is none yet', () => {
    const pattern = effectPattern([effect(1.5, 0.02), effect(2, 0.05), effect(3, 0.1)]);
    expect(
      expectationText(
        { pattern, basis: 'same_direction', direction: 'tightening', topics: ['horeca'], hours: 48 },
        label,
      ),
    ).toBe(
      'Na 3 eerdere aanscherpingen over horeca was het aantal berichten in de 48 uur erna 2,0× dat van de 48 uur ervoor (mediaan, ten opzichte van dezelfde uren in eerdere weken; middelste helft 1,8× tot 2,5×). Het aandeel negatieve berichten veranderde met +5 procentpunt (mediaan).',
    );
    expect(expectationText(null, label)).toMatch(/^Nog geen eerdere maatregelen/);
  });

  it('adds how the KCC questions moved where earlier measures had questions before them', () => {
    const withQuestions = (ratio: number, questionRatio: number | null): Effect => ({
      ...effect(ratio, 0.02),
      questions: { ...effect(questionRatio ?? 1, 0).volume, ratio: questionRatio },
    });
    const pattern = effectPattern([withQuestions(1.5, 3), withQuestions(2, null), withQuestions(3, 4)]);
    expect(
      expectationText(
        { pattern, basis: 'any_direction', direction: 'tightening', topics: [], hours: 48 },
        label,
      ),
    ).toMatch(
      / Het aantal vragen aan het KCC was erna 3,5× dat ervoor \(mediaan van 2 maatregelen met vragen\)\.$/,
    );
  });
});
