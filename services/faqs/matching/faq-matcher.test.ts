import { describe, expect, it } from 'vitest';
import { createFaqMatcher, matchStem, MAX_MATCH_LIMIT, type MatchableFaq } from './faq-matcher.js';

const faqs: MatchableFaq[] = [
  {
    id: 'afval',
    question: 'Wordt mijn huisvuil nog opgehaald?',
    answer: 'Ja, volgens de afvalkalender.',
    topics: ['afval'],
  },
  {
    id: 'kapper',
    question: 'Mogen kappers open blijven?',
    answer: 'Kapperszaken mogen open met een mondkapje voor klant en kapper.',
    topics: [],
  },
  {
    id: 'wijk',
    question: 'Is het wijkgebouw nog open?',
    answer: 'Nee, buurthuizen en dorpshuizen zijn gesloten voor publiek.',
    topics: [],
  },
  {
    id: 'tozo',
    question: 'Wie komt in aanmerking voor Tozo?',
    answer: 'Zelfstandige ondernemers die door corona in de knel komen.',
    topics: ['tozo'],
  },
];

describe('the FAQ matcher', () => {
  const matcher = createFaqMatcher(faqs);

  it('finds the FAQ of a question in other words: stems, compounds, the s/z alternation, the thesaurus', async () => {
    expect((await matcher.match('worden de vuilniszakken opgehaald', 3)).matches[0]?.faqId).toBe('afval');
    expect((await matcher.match('mag mijn kapperszaak open', 3)).matches[0]?.faqId).toBe('kapper');
    expect((await matcher.match('is het buurthuis dicht', 3)).matches[0]?.faqId).toBe('wijk');
    expect((await matcher.match('komt de vuilniswagen nog', 3)).matches[0]?.faqId).toBe('afval');
    expect(matchStem('huizen')).toBe(matchStem('huis'));
  });

  it('decides none below the threshold and for text without words', async () => {
    const strict = createFaqMatcher(faqs, { threshold: 2 });
    expect(await strict.match('wordt mijn huisvuil opgehaald', 3)).toMatchObject({ decision: 'none' });
    expect(await matcher.match('', 3)).toEqual({ matches: [], decision: 'none' });
    expect(await matcher.match('?!  ...', 3)).toEqual({ matches: [], decision: 'none' });
    const loose = createFaqMatcher(faqs, { threshold: 0 });
    expect((await loose.match('huisvuil', 3)).decision).toBe('match');
  });

  it('keeps the limit between 1 and the maximum, ranks best first and cuts very long text', async () => {
    const all = await matcher.match('open kapper huisvuil wijkgebouw tozo', 100);
    expect(all.matches.length).toBeLessThanOrEqual(MAX_MATCH_LIMIT);
    expect(all.matches.length).toBe(4);
    const scores = all.matches.map((m) => m.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect((await matcher.match('open kapper', 0)).matches).toHaveLength(1);
    const long = `huisvuil ${'blabla '.repeat(20000)}`;
    expect((await matcher.match(long, 1)).matches[0]?.faqId).toBe('afval');
  });

  it('ranks with each baseline too', async () => {
    const bm25 = createFaqMatcher(faqs, { scorer: 'word-bm25' });
    const chars = createFaqMatcher(faqs, { scorer: 'char-tfidf' });
    expect((await bm25.match('wie komt in aanmerking voor tozo', 1)).matches[0]?.faqId).toBe('tozo');
    expect((await chars.match('kapers open', 1)).matches[0]?.faqId).toBe('kapper');
  });
});
