import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultTaxonomy, resolveTopicId } from '../nlp/taxonomy.js';
import { parseTimeline } from './timeline.file.js';

const taxonomy = defaultTaxonomy();
const resolve = (id: string) => resolveTopicId(taxonomy, id);
const SEED = path.join(import.meta.dirname, 'seed/nl-corona-measures-2020-2022.yaml');
const SHARED = path.resolve(
  import.meta.dirname,
  '../../../shared/data/measures/nl-corona-measures-2020-2022.json',
);

describe('the timeline file', () => {
  it('reads the shipped seed: 56 measures, 43 national and 13 regional, 4 unverified', () => {
    const parsed = parseTimeline(fs.readFileSync(SEED, 'utf8'), SEED, resolve);
    expect(parsed.problems).toEqual([]);
    expect(parsed.entries).toHaveLength(56);
    expect(parsed.entries.filter((e) => e.fields.level === 'national')).toHaveLength(43);
    expect(parsed.entries.filter((e) => e.fields.level === 'regional')).toHaveLength(13);
    expect(parsed.entries.filter((e) => !e.fields.verified)).toHaveLength(4);
    const lockdown = parsed.entries.find((e) => e.id === 'nl-2020-03-12-eerste-landelijke-maatregelen')!;
    expect(lockdown.fields.topics).toContain('zorg');
    expect(lockdown.fields.sourceUrl).toMatch(/^https:\/\/www\.parool\.nl\//);
    expect(lockdown.fields.sources).toHaveLength(3);
  });

  it.skipIf(!fs.existsSync(SHARED))('reads the researched data as it is, mapping ouderenzorg to zorg', () => {
    const parsed = parseTimeline(fs.readFileSync(SHARED, 'utf8'), SHARED, resolve);
    expect(parsed.problems).toEqual([]);
    const seed = parseTimeline(fs.readFileSync(SEED, 'utf8'), SEED, resolve);
    // The seed is the same facts in the project's own format.
    const byId = new Map(seed.entries.map((e) => [e.id, e.fields]));
    for (const entry of parsed.entries) expect(byId.get(entry.id), entry.id).toEqual(entry.fields);
  });

  it('lists every problem with the entry it is in', () => {
    const yaml = `
format: onderstroom.measures/1
measures:
  - id: a
    level: national
    title: Een
    effective_from: 2021-01-01
    topics: [mondkapjes]
    direction: tightening
  - id: a
    level: national
    title: Dubbel
    effective_from: 2021-01-02
    direction: tightening
  - id: B
    level: provincial
    title: ''
    effective_from: 2021-02-30
    effective_until: 2020-01-01
    topics: [weer]
    direction: harder
    colour: red
`;
    const parsed = parseTimeline(yaml, 'x.yaml', resolve);
    expect(parsed.entries.map((e) => e.id)).toEqual(['a']);
    expect(parsed.problems).toEqual([
      'measures[1] (a): the id is already used by measures[0]',
      'measures[2] (B): unknown key "colour" (known: id, level, region, municipality, title, summary, announced_on, effective_from, effective_until, topics, direction, source_url, sources, verified, note)',
      'measures[2] (B): id "B" may hold lowercase letters, digits and . _ : - (at most 128)',
      'measures[2] (B): level must be one of national, regional, municipal, got "provincial"',
      'measures[2] (B): direction must be one of tightening, relaxation, mixed, got "harder"',
      'measures[2] (B): title is required',
      'measures[2] (B): effective_from must be a date written YYYY-MM-DD, got "2021-02-30"',
      'measures[2] (B): unknown topic "weer" (not in the topic taxonomy)',
    ]);
  });

  it('reads JSON by its extension and refuses another format version', () => {
    const json = JSON.stringify({
      measures: [
        {
          id: 'x',
          level: 'municipal',
          municipality: 'Huizen',
          title: 'T',
          effective_from: '2020-05-01',
          direction: 'mixed',
        },
      ],
    });
    const parsed = parseTimeline(json, 'file.json', resolve);
    expect(parsed.problems).toEqual([]);
    expect(parsed.entries[0]!.fields).toMatchObject({
      municipality: 'Huizen',
      topics: [],
      verified: true,
      sourceUrl: null,
    });
    expect(parseTimeline('format: other/2\nmeasures: []\n', 'f.yaml', resolve).problems[0]).toMatch(
      /format is "other\/2"/,
    );
    expect(parseTimeline('{', 'f.json', resolve).problems[0]).toMatch(/not valid JSON/);
  });
});
