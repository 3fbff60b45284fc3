import { describe, expect, it } from 'vitest';
import { createEnricher } from './enricher.js';
import { isDutchScorer, rescoreWith, scoredText } from './rescore.service.js';

const lexiconOnly = createEnricher({ dutchModel: null });

const row = (over: Partial<Parameters<ReturnType<typeof rescoreWith>>[0]>) => ({
  id: '1',
  postedAt: new Date('2021-01-29T14:00:00Z'),
  language: 'nl',
  title: null,
  text: 'Wat een onzin, die avondklok',
  sentiment: { score: 0, label: 'neutral' as const, confidence: 0.5, model: 'lexicon-nl@1+00000000' },
  ...over,
});

describe('rescoring', () => {
  it('replaces the scores of Dutch scorers only', () => {
    expect(isDutchScorer('lexicon-nl@1+7f89d783')).toBe(true);
    expect(isDutchScorer('linear-nl@1+0123456789ab')).toBe(true);
    expect(isDutchScorer('wink-en@1')).toBe(false);
    expect(isDutchScorer('none@1')).toBe(false);
    expect(isDutchScorer('analyst')).toBe(false);
  });

  it('reads the title first, as ingest did, and never more than ingest read', () => {
    expect(scoredText({ title: null, text: 'tekst' })).toBe('tekst');
    expect(scoredText({ title: 'Kop', text: 'tekst' })).toBe('Kop\ntekst');
    expect(scoredText({ title: null, text: 'a'.repeat(20_000) })).toHaveLength(10_000);
  });

  it('scores with the enricher in use and leaves other languages alone', () => {
    const rescore = rescoreWith(lexiconOnly);
    const scored = rescore(row({}));
    expect(scored?.label).toBe('negative');
    expect(scored?.model).toBe(lexiconOnly.versions.sentiment_nl);
    expect(
      rescore(row({ sentiment: { score: 0, label: 'neutral', confidence: 0, model: 'wink-en@1' } })),
    ).toBeNull();
    expect(rescore(row({ text: null }))).toBeNull();
  });

  it('gives what ingest gave for the same text', () => {
    const text = 'Eindelijk weer naar de kapper, heerlijk!';
    const atIngest = lexiconOnly.enrich(text, { language: null, title: null }).sentiment;
    const again = rescoreWith(lexiconOnly)(row({ text }));
    expect(again).toEqual({
      score: atIngest.score,
      label: atIngest.label,
      confidence: atIngest.confidence,
      model: atIngest.model,
    });
  });
});
