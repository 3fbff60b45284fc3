import { describe, expect, it } from 'vitest';
import {
  DEFAULT_DUTCH_PARAMETERS,
  resolveWord,
  scoreDutch,
  type DutchSentimentParameters,
} from './dutch.sentiment.js';
import { buildSentimentLexicon } from './sentiment.lexicon.js';
import { tokenize } from './text.tokenizer.js';

const lexicon = buildSentimentLexicon();
const params: DutchSentimentParameters = { ...DEFAULT_DUTCH_PARAMETERS, ironyFactor: 0.8 };
const score = (text: string) => scoreDutch(lexicon, params, tokenize(text));
const weightOf = (text: string, word: string) =>
  score(text).carriers.find((c) => c.word === word)?.contribution ?? Number.NaN;

describe('scoreDutch', () => {
  it('scores plain praise and complaints', () => {
    expect(score('Wat een heerlijke dag').label).toBe('positive');
    expect(score('Wat een belachelijke maatregel').label).toBe('negative');
  });

  it('is neutral without evidence', () => {
    const result = score('De gemeente publiceert morgen de nieuwe regels');
    expect(result.label).toBe('neutral');
    expect(result.carriers).toEqual([]);
  });

  it('flips words in the scope of a negation', () => {
    expect(score('Dit is niet goed').label).toBe('negative');
    expect(weightOf('Niemand is blij met de avondklok', 'blij')).toBeLessThan(0);
  });

  it('ends the negation scope at punctuation and clause breaks, not at the end of the text', () => {
    expect(weightOf('Niet leuk, maar wel heel verstandig', 'verstandig')).toBeGreaterThan(0);
    expect(weightOf('Ik kom niet want het is fijn', 'fijn')).toBeGreaterThan(0);
    expect(weightOf('Niet leuk. Wel verstandig', 'verstandig')).toBeGreaterThan(0);
  });

  it('softens a negated negative word', () => {
    const plain = weightOf('slecht', 'slecht');
    const negated = weightOf('niet slecht', 'slecht');
    expect(negated).toBeGreaterThan(0);
    expect(Math.abs(negated)).toBeLessThan(Math.abs(plain));
  });

  it('scales words after intensifiers and diminishers', () => {
    const plain = weightOf('leuk', 'leuk');
    expect(weightOf('heel leuk', 'leuk')).toBeGreaterThan(plain);
    expect(weightOf('een beetje leuk', 'leuk')).toBeLessThan(plain);
  });

  it('boosts with exclamation marks and capitals', () => {
    const plain = weightOf('schandalig', 'schandalig');
    expect(weightOf('schandalig!!!', 'schandalig')).toBeLessThan(plain);
    expect(weightOf('SCHANDALIG', 'schandalig')).toBeLessThan(plain);
  });

  it('reads compounds through known parts', () => {
    expect(weightOf('Weer een kutmaatregel', 'kutmaatregel')).toBeLessThan(0);
    expect(weightOf('superfijn', 'superfijn')).toBeGreaterThan(weightOf('fijn', 'fijn'));
    expect(weightOf('die mondkapjesonzin weer', 'mondkapjesonzin')).toBeLessThan(0);
    expect(weightOf('onzinmaatregelen', 'onzinmaatregelen')).toBeLessThan(0);
  });

  it('does not find sentiment in unrelated compounds', () => {
    expect(resolveWord(lexicon, 'vastgoed')).toBeNull();
    expect(resolveWord(lexicon, 'supermarkt')).toBeNull();
  });

  it('reads fixed expressions as one carrier and leaves test results neutral', () => {
    expect(score('Dit slaat nergens op').label).toBe('negative');
    expect(score('Mijn buurman is positief getest').carriers).toEqual([]);
  });

  it('uses emoji and emoticons', () => {
    expect(score('Terrassen open 😍').label).toBe('positive');
    expect(score('Avondklok verlengd :(').label).toBe('negative');
  });

  it('knows the verbs, nouns and chat words of short posts, and longer idioms over shorter ones', () => {
    expect(score('Ik walg van dit zwabberbeleid').label).toBe('negative');
    expect(score('Wat een verademing, jippie').label).toBe('positive');
    expect(score('Dat is te gek voor woorden').label).toBe('negative');
    expect(score('Ik vertrouw het niet').label).toBe('negative');
    expect(score('Regelneverij ten top').carriers.map((c) => c.word)).toEqual(['regelneverij']);
  });

  it('turns praise around when an irony marker is present', () => {
    expect(score('Goed geregeld weer 🙄').label).toBe('negative');
  });

  it('reports carriers with the contribution of each word', () => {
    const carriers = score('Heel fijn, bedankt!').carriers.map((c) => c.word);
    expect(carriers).toEqual(['fijn', 'bedankt']);
  });
});
