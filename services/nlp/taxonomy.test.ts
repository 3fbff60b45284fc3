import { describe, expect, it } from 'vitest';
import { defaultTaxonomy, parseTaxonomy, parseTerm, resolveTopicId } from './taxonomy.js';

const REQUIRED = [
  'mondkapjes',
  'horeca',
  'scholen',
  'evenementen',
  'samenkomsten',
  'reizen',
  'avondklok',
  'testen',
  'vaccinatie',
  'coronatoegangsbewijs',
  'thuiswerken',
  'winkels',
  'sport',
  'cultuur',
  'zorg',
  'handhaving',
  'steunmaatregelen',
  'quarantaine',
  'afstand',
  'noodverordening',
];

describe('defaultTaxonomy', () => {
  it('ships every corona-measure topic with a Dutch label', () => {
    const taxonomy = defaultTaxonomy();
    expect(taxonomy.topics.map((t) => t.id).sort()).toEqual([...REQUIRED].sort());
    for (const topic of taxonomy.topics) expect(topic.label.length).toBeGreaterThan(2);
  });

  it('maps the measures data set id ouderenzorg to zorg', () => {
    expect(resolveTopicId(defaultTaxonomy(), 'ouderenzorg')).toBe('zorg');
    expect(resolveTopicId(defaultTaxonomy(), 'horeca')).toBe('horeca');
    expect(resolveTopicId(defaultTaxonomy(), 'onbekend')).toBeNull();
  });
});

describe('parseTaxonomy', () => {
  const valid = 'version: t1\ntopics:\n  - id: a\n    label: A\n    terms: [mondkap*]\n';

  it('parses a minimal taxonomy', () => {
    const taxonomy = parseTaxonomy(valid, 'x.yaml');
    expect(taxonomy.version).toBe('t1');
    expect(taxonomy.topics[0]).toMatchObject({ id: 'a', label: 'A', aliases: [], exclude: [] });
  });

  it.each([
    ['version: 1\ntopics: []', "x.yaml: field 'topics' must be a non-empty list"],
    ['topics:\n  - id: a\n    label: A\n    terms: [a1]', "x.yaml: field 'version' is required"],
    ['version: 1\ntopics:\n  - id: A\n    label: A\n    terms: [ab]', "x.yaml: topics[0]: field 'id'"],
    ['version: 1\ntopics:\n  - id: a\n    terms: [ab]', "x.yaml: topic 'a': field 'label' is required"],
    ['version: 1\ntopics:\n  - id: a\n    label: A', "x.yaml: topic 'a': field 'terms' is required"],
    [
      'version: 1\ntopics:\n  - id: a\n    label: A\n    terms: [ab]\n    term: [x]',
      "topic 'a': unknown field 'term'",
    ],
    [
      'version: 1\ntopics:\n  - id: a\n    label: A\n    terms: ["tes*"]',
      "topic 'a': field 'terms'[0] \"tes*\"",
    ],
    [
      'version: 1\ntopics:\n  - id: a\n    label: A\n    terms: [ab]\n  - id: b\n    label: B\n    aliases: [a]\n    terms: [cd]',
      "topic 'b': id or alias 'a' is already used by topic 'a'",
    ],
    ['version: 1\ntopics: [', 'x.yaml: not valid YAML'],
  ])('rejects %j', (yamlText, message) => {
    expect(() => parseTaxonomy(yamlText, 'x.yaml')).toThrow(message);
  });
});

describe('parseTerm', () => {
  it('reads wildcards, phrases and capitals', () => {
    expect(parseTerm('*mondkap*')).toEqual({
      words: ['mondkap'],
      leading: true,
      trailing: true,
      capsOnly: false,
    });
    expect(parseTerm('1,5 meter*')).toEqual({
      words: ['1,5', 'meter'],
      leading: false,
      trailing: true,
      capsOnly: false,
    });
    expect(parseTerm('NOW')).toMatchObject({ words: ['now'], capsOnly: true });
    expect(parseTerm('QR-code')).toMatchObject({ words: ['qrcode'] });
  });

  it('refuses stems too short to match inside compounds', () => {
    expect(typeof parseTerm('*test*')).toBe('string');
    expect(typeof parseTerm('tes*')).toBe('string');
    expect(typeof parseTerm('*a b')).toBe('string');
  });
});
