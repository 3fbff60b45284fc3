import { describe, expect, it } from 'vitest';
import { defaultTaxonomy, parseTaxonomy } from './taxonomy.js';
import { createTopicMatcher } from './topic.matcher.js';
import { tokenize } from './text.tokenizer.js';

const matcher = createTopicMatcher(defaultTaxonomy());
const topics = (text: string) => matcher.match(tokenize(text));

describe('default taxonomy matching', () => {
  it.each([
    ['De mondkapjesplicht gaat eindelijk van tafel', ['mondkapjes']],
    ['Weer avondklokrellen in de binnenstad', ['avondklok', 'handhaving']],
    ['Mondmasker vergeten in de trein', ['mondkapjes', 'reizen']],
    ['Je QR-code laten zien bij het terras', ['horeca', 'coronatoegangsbewijs']],
    ['Zonder CTB kom je er niet in', ['coronatoegangsbewijs']],
    ['Coronapas is verplicht', ['coronatoegangsbewijs']],
    ["Twee boa's deelden een boete uit", ['handhaving']],
    ['Nog steeds geen TOZO ontvangen', ['steunmaatregelen']],
    ['De NOW-regeling moet terugbetaald worden', ['steunmaatregelen']],
    ['Houd 1,5 meter afstand', ['afstand']],
    ['Sneltest gedaan, negatief', ['testen']],
    ['Nieuwe noodverordening van de veiligheidsregio', ['noodverordening']],
  ])('%s', (text, expected) => {
    expect(topics(text)).toEqual(expected);
  });

  it('does not match unrelated words that contain a term', () => {
    expect(topics('Het testament van opa is voorgelezen')).toEqual([]);
    expect(topics('Groot protest op het Malieveld')).toEqual([]);
    expect(topics('De politiek is het oneens')).toEqual([]);
    expect(topics('I want it now')).toEqual([]);
    expect(topics('Eventueel kom ik later')).toEqual([]);
  });

  it('returns nothing for a text without topic words', () => {
    expect(topics('Wat een mooie dag vandaag')).toEqual([]);
  });

  it('reads the title hint as well', () => {
    expect(matcher.match(tokenize('Lees meer'), tokenize('Scholen gaan dicht'))).toEqual(['scholen']);
  });
});

describe('term syntax', () => {
  const taxonomy = parseTaxonomy(
    [
      'version: t',
      'topics:',
      '  - id: whole',
      '    label: W',
      '    terms: [kap]',
      '  - id: start',
      '    label: S',
      '    terms: ["mond*"]',
      '  - id: end',
      '    label: E',
      '    terms: ["*klok"]',
      '    exclude: [wekkerklok]',
    ].join('\n'),
    't.yaml',
  );
  const m = createTopicMatcher(taxonomy);
  const found = (text: string) => m.match(tokenize(text));

  it('honours word boundaries per term kind', () => {
    expect(found('kap')).toEqual(['whole']);
    expect(found('kapstok')).toEqual([]);
    expect(found('mondje')).toEqual(['start']);
    expect(found('zomond')).toEqual([]);
    expect(found('avondklok')).toEqual(['end']);
    expect(found('klokken')).toEqual([]);
    expect(found('wekkerklok')).toEqual([]);
  });
});
