import { describe, expect, it } from 'vitest';
import { asksResidentQuestion, isQuestionPost } from './question-post.js';

describe('isQuestionPost', () => {
  it.each([
    'Is de milieustraat in Huizen open?',
    'weet iemand of de markt morgen doorgaat',
    'Mag je nog met z’n tweeën sporten in het park',
    'hoe zit het met de tozo als je net begonnen bent',
    'Wanneer gaat de kapper weer open',
    'mag ik nog naar mijn moeder in het verpleeghuis',
    'gaat de braderie dit jaar door. iemand enig idee',
    'Hoe moet ik die verklaring invullen',
    'wat moet ik doen als ik positief test',
    'Kan iemand mij vertellen waar de teststraat is',
    'vraagje: moet ik een mondkapje op bij de kapper',
    'Klopt het dat de bieb dicht is',
  ])('sees a question in %j', (text) => {
    expect(isQuestionPost(text)).toBe(true);
  });

  it.each([
    'Eindelijk weer naar de kapper geweest, heerlijk',
    'Wat een onzin weer van het kabinet',
    'Hoe mooi was het vandaag op de hei',
    'De markt gaat gewoon door, fijn!',
    'Kan niet wachten tot de terrassen open zijn',
    'Lees hier alles over de nieuwe maatregelen https://example.nl/vragen?id=3',
    '@gemeentehuizen bedankt voor de snelle hulp',
    'Is wel heel stil op straat vanavond',
    '',
  ])('sees no question in %j', (text) => {
    expect(isQuestionPost(text)).toBe(false);
  });
});

describe('asksResidentQuestion', () => {
  const post = {
    language: 'nl',
    authorKind: 'person',
    title: null,
    text: 'Weet iemand of de markt doorgaat',
  };

  it('reads Dutch posts of people, title and text together', () => {
    expect(asksResidentQuestion(post)).toBe(true);
    expect(asksResidentQuestion({ ...post, authorKind: 'unknown' })).toBe(true);
    expect(
      asksResidentQuestion({
        ...post,
        title: 'Mag de braderie door?',
        text: 'Vorig jaar ging hij niet door.',
      }),
    ).toBe(true);
  });

  it('leaves out headlines of media and institutions, other languages, and posts that ask nothing', () => {
    expect(asksResidentQuestion({ ...post, authorKind: 'media' })).toBe(false);
    expect(asksResidentQuestion({ ...post, authorKind: 'institution' })).toBe(false);
    expect(
      asksResidentQuestion({ ...post, language: 'en', text: 'Does anyone know if the market is on?' }),
    ).toBe(false);
    expect(asksResidentQuestion({ ...post, text: 'De markt gaat gewoon door, fijn!' })).toBe(false);
    expect(asksResidentQuestion({ ...post, text: null })).toBe(false);
  });
});
