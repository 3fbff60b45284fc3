import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  levelOf,
  parseSruResponse,
  recordPublication,
  splitRevision,
  SruFormatError,
} from './sru.response.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../../test/fixtures/feeds/overheid');
const fixture = (file: string) => fs.readFileSync(path.join(FIXTURES, file), 'utf8');

describe('SRU answers', () => {
  it('reads the real Gemeenteblad record in its SRU 2.0 envelope', () => {
    const page = parseSruResponse(
      fixture('sru_searchRetrieveResponse_officielepublicaties.reconstructed.xml'),
    );
    expect(page).toMatchObject({ numberOfRecords: 1, nextRecordPosition: null, diagnostics: [] });
    expect(page.records).toEqual([
      {
        identifier: 'gmb-2023-174296',
        title:
          'Ingekomen melding, Frater Romboutsstraat 42 5571KZ Bergeijk, verwijderen van asbest van het dak',
        type: 'omgevingsvergunning',
        creator: 'Bergeijk',
        modified: '2023-04-20',
        available: '2023-04-20',
        issued: null,
        abstract: 'verwijderen van asbest van het dak',
        subjects: ['Ruimte en infrastructuur | Organisatie en beleid'],
        organisationType: 'gemeente',
        publicationName: 'Gemeenteblad',
        inForce: null,
        outOfForce: null,
        url: 'https://zoek.officielebekendmakingen.nl/gmb-2023-174296.html',
      },
    ]);
  });

  it('reads the same record without namespaces, and the next record position', () => {
    const record = fixture('sru_record_gmb-2023-174296.ns-stripped.xml');
    const xml = `<searchRetrieveResponse><numberOfRecords>900</numberOfRecords><records>${record}</records><nextRecordPosition>641421</nextRecordPosition></searchRetrieveResponse>`;
    const page = parseSruResponse(xml);
    expect(page.numberOfRecords).toBe(900);
    expect(page.nextRecordPosition).toBe(641421);
    expect(page.records[0]).toMatchObject({
      identifier: 'gmb-2023-174296',
      creator: 'Bergeijk',
      organisationType: 'gemeente',
    });
  });

  it('reads the dates of force of a CVDR regulation, and its expression number', () => {
    const document = fixture('cvdr_document_112779_1.xml');
    const meta = document.slice(document.indexOf('<meta>'), document.indexOf('</meta>') + '</meta>'.length);
    const xml = `<srw:searchRetrieveResponse xmlns:srw="http://www.loc.gov/zing/srw/"><srw:numberOfRecords>1</srw:numberOfRecords><srw:records><srw:record><srw:recordData>${meta}</srw:recordData></srw:record></srw:records></srw:searchRetrieveResponse>`;
    const [record] = parseSruResponse(xml).records;
    expect(record).toMatchObject({
      identifier: '112779_1',
      creator: 'Spijkenisse',
      modified: '2011-09-15',
      issued: '2011-09-06',
      inForce: '2011-09-14',
      outOfForce: '2012-04-25',
    });
    const publication = recordPublication(record!, { versioned: true, backfill: false });
    expect(publication).toMatchObject({
      externalId: '112779',
      revision: 1,
      effectiveFrom: '2011-09-14',
      effectiveUntil: '2012-04-25',
    });
    expect(splitRevision('CVDR645343_12')).toEqual({ work: 'CVDR645343', revision: 12 });
    expect(splitRevision('gmb-2023-174296')).toEqual({ work: 'gmb-2023-174296', revision: null });
  });

  it('reads diagnostics, and refuses what is not an SRU answer', () => {
    const page = parseSruResponse(fixture('sru_diagnostics.SYNTHETIC.xml'));
    expect(page.records).toEqual([]);
    expect(page.diagnostics).toEqual([
      {
        uri: 'info:srw/diagnostic/1/10',
        message: 'Query syntax error',
        details: "unexpected token 'AND' at position 1",
      },
    ]);
    expect(() => parseSruResponse('<html><body>502</body></html>')).toThrow(SruFormatError);
    expect(() => parseSruResponse('<searchRetrieveResponse>')).toThrow(/not well-formed/);
  });

  it('tells the level from the organisation type or the publication', () => {
    expect(levelOf('gemeente', null)).toBe('municipal');
    expect(levelOf('ministerie', 'Staatscourant')).toBe('national');
    expect(levelOf(null, 'Waterschapsblad')).toBe('regional');
    expect(levelOf(null, null)).toBeNull();
  });
});
