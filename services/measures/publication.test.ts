import { describe, expect, it } from 'vitest';
import { defaultTaxonomy } from '../nlp/taxonomy.js';
import { localDate } from '../time/zoned-time.js';
import { createMeasureClassifier } from './measure.classifier.js';
import { decidePublication, hashRevision, publicationHash, type Publication } from './publication.js';

const classifier = createMeasureClassifier(defaultTaxonomy());
const localDay = (ms: number) => localDate(ms, 'Europe/Amsterdam');
const today = () => '2026-11-28';

const base: Publication = {
  externalId: 'x',
  title: 'Noodverordening 27 september 2020',
  text: 'Er komt een verbod om je op te houden in gezelschappen van meer dan 50 personen.',
  url: 'https://vr.example/nv',
  publishedOn: null,
  publishedAt: new Date('2020-09-27T22:30:00Z'),
  revision: null,
  effectiveFrom: null,
  effectiveUntil: null,
  creator: null,
  level: null,
  backfill: false,
};

describe('whether a publication is a measure', () => {
  it('needs a topic when the source has no match words, and a match word when it has', () => {
    const asbestos = { ...base, title: 'Ingekomen melding, verwijderen van asbest van het dak', text: '' };
    expect(decidePublication(asbestos, { id: 's', kind: 'sru' }, classifier, localDay, today)).toEqual({
      measure: false,
      reason: 'about none of the topics of the taxonomy',
    });
    const news = { ...base, title: 'Minister bezoekt testlocatie', text: 'Een werkbezoek aan de horeca.' };
    expect(
      decidePublication(
        news,
        { id: 'r', kind: 'rijksoverheid', match: ['maatregel'] },
        classifier,
        localDay,
        today,
      ),
    ).toMatchObject({
      measure: false,
    });
  });

  it('takes the day in the time zone, the source’s level and region, and the classifier’s topics and direction', () => {
    const decision = decidePublication(
      base,
      { id: 'vr', kind: 'rss', level: 'regional', region: 'Gooi en Vechtstreek' },
      classifier,
      localDay,
      today,
    );
    if (!decision.measure) throw new Error(decision.reason);
    // 22:30 UTC on the 27th is already the 28th in Amsterdam.
    expect(decision.fields).toMatchObject({
      level: 'regional',
      region: 'Gooi en Vechtstreek',
      municipality: null,
      announcedOn: '2020-09-28',
      effectiveFrom: '2020-09-28',
      direction: 'tightening',
      sourceUrl: 'https://vr.example/nv',
    });
    expect(decision.fields.topics).toEqual(['noodverordening']);
    expect(decision.fields.note).toMatch(/^Gevonden door bron vr; .*signaalwoorden: verbod/);
  });

  it('hashes what the publication says, with its revision in front', () => {
    expect(publicationHash({ ...base, backfill: true })).toBe(publicationHash(base));
    expect(publicationHash({ ...base, title: 'Anders' })).not.toBe(publicationHash(base));
    expect(hashRevision(publicationHash({ ...base, revision: 3 }))).toBe(3);
    expect(hashRevision(publicationHash(base))).toBeNull();
  });
});
