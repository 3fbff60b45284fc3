// A fake KOOP SRU service (repository.overheid.nl/sru, SRU 2.0) and CVDR service (SRU 1.2, x-connection=cvdr):
// records in the envelope of the fixtures in test/fixtures/feeds/overheid, paged by startRecord and
// maximumRecords with nextRecordPosition, a `dt.modified>=` / `modified>=` filter, diagnostics (HTTP 200) for a
// query it cannot parse, and 503 with Retry-After when asked again too soon.
// The real record of the fixture (a Bergeijk asbestos notice) is always there; the records a test publishes are
// invented: the fixture's record with the identifier, title, abstract, creator and dates replaced.
import { FakeApi, type FakeReply, type LoggedRequest } from './fake-api.js';
import { fixtureText } from './feed-fixtures.js';

export interface SruRecordInput {
  identifier: string;
  title: string;
  abstract?: string;
  creator?: string;
  /** YYYY-MM-DD */
  modified: string;
  organisationType?: string;
  publicationName?: string;
  /** CVDR only. */
  inForce?: string;
  outOfForce?: string;
}

interface Stored {
  identifier: string;
  modified: string;
  xml: string;
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function between(xml: string, open: string, close: string): string {
  const start = xml.indexOf(open);
  const end = xml.indexOf(close, start);
  if (start < 0 || end < 0) throw new Error(`fixture lacks ${open}`);
  return xml.slice(start, end + close.length);
}

function setElement(xml: string, tag: string, value: string): string {
  const pattern = new RegExp(`(<${tag}(?: [^>]*)?>)[^<]*(</${tag}>)`, 'g');
  return xml.replace(pattern, (_match, open: string, close: string) => `${open}${escape(value)}${close}`);
}

export class FakeSru extends FakeApi {
  private readonly records: Stored[] = [];
  private readonly template: string;
  private readonly envelope: { head: string; tail: string };
  private lastFeedAt = 0;
  /** Two search requests closer together than this get a 503 (the real service does so when queried too fast). */
  minIntervalMs = 0;
  tooFast = 0;

  constructor(readonly flavour: 'sru' | 'cvdr') {
    super();
    if (flavour === 'sru') {
      const xml = fixtureText('overheid/sru_searchRetrieveResponse_officielepublicaties.reconstructed.xml');
      this.template = between(xml, '<sru:record>', '</sru:record>');
      this.envelope = {
        head: xml.slice(xml.indexOf('<sru:searchRetrieveResponse'), xml.indexOf('<sru:numberOfRecords>')),
        tail: '</sru:searchRetrieveResponse>',
      };
      this.records.push({ identifier: 'gmb-2023-174296', modified: '2023-04-20', xml: this.template });
    } else {
      const xml = fixtureText('overheid/cvdr_document_112779_1.xml');
      const meta = between(xml, '<meta>', '</meta>');
      this.template = `<srw:record><srw:recordSchema>http://standaarden.overheid.nl/sru/</srw:recordSchema><srw:recordPacking>xml</srw:recordPacking><srw:recordData><gzd:gzd><gzd:originalData>${meta}</gzd:originalData></gzd:gzd></srw:recordData><srw:recordPosition>1</srw:recordPosition></srw:record>`;
      this.envelope = {
        head: `<srw:searchRetrieveResponse xmlns:srw="http://www.loc.gov/zing/srw/" xmlns:gzd="http://standaarden.overheid.nl/sru" xmlns="http://standaarden.overheid.nl/cvdr/terms/" xmlns:overheid="http://standaarden.overheid.nl/owms/terms/" xmlns:overheidrg="http://standaarden.overheid.nl/cvdr/meta/" xmlns:dcterms="http://purl.org/dc/terms/"><srw:version>1.2</srw:version>`,
        tail: '</srw:searchRetrieveResponse>',
      };
      this.records.push({ identifier: '112779_1', modified: '2011-09-15', xml: this.template });
    }
  }

  /** Adds a record, or replaces the one with the same identifier (a changed publication). */
  publish(input: SruRecordInput): void {
    let xml = this.template;
    if (this.flavour === 'sru') {
      xml = xml.replaceAll('gmb-2023-174296', input.identifier);
      xml = setElement(xml, 'dcterms:title', input.title);
      xml = setElement(xml, 'dcterms:abstract', input.abstract ?? '');
      for (const tag of ['dcterms:creator', 'overheid:authority', 'dcterms:publisher'])
        xml = setElement(xml, tag, input.creator ?? 'Huizen');
      for (const tag of ['dcterms:modified', 'dcterms:available', 'dcterms:date'])
        xml = setElement(xml, tag, input.modified);
      xml = setElement(xml, 'overheidwetgeving:organisatietype', input.organisationType ?? 'gemeente');
      xml = setElement(xml, 'overheidwetgeving:publicatienaam', input.publicationName ?? 'Gemeenteblad');
      xml = xml.replace(/<overheidwetgeving:activiteit[^>]*>[^<]*<\/overheidwetgeving:activiteit>/, '');
    } else {
      xml = xml.replaceAll('112779_1', input.identifier);
      xml = setElement(xml, 'dcterms:title', input.title);
      xml = setElement(xml, 'dcterms:alternative', input.title);
      xml = setElement(xml, 'dcterms:creator', input.creator ?? 'Huizen');
      xml = setElement(xml, 'dcterms:modified', input.modified);
      xml = setElement(xml, 'dcterms:subject', input.abstract ?? 'openbare orde en veiligheid');
      xml = setElement(xml, 'overheidrg:inwerkingtredingDatum', input.inForce ?? input.modified);
      xml = input.outOfForce
        ? setElement(xml, 'overheidrg:uitwerkingtredingDatum', input.outOfForce)
        : xml.replace(/<overheidrg:uitwerkingtredingDatum>[^<]*<\/overheidrg:uitwerkingtredingDatum>/, '');
    }
    const stored = { identifier: input.identifier, modified: input.modified, xml };
    const index = this.records.findIndex((r) => r.identifier === input.identifier);
    if (index >= 0) this.records[index] = stored;
    else this.records.push(stored);
    this.published(input.identifier);
  }

  protected isFeed(method: string, path: string): boolean {
    return method === 'GET' && (path === '/sru' || path === '/sru/Search');
  }

  protected errorBody(status: number): string {
    return `<html><body><h1>${status}</h1>Service Unavailable</body></html>`;
  }

  protected handle(request: LoggedRequest): FakeReply {
    if (!this.isFeed(request.method, request.path)) return { status: 404, body: 'Not Found' };
    const now = Date.now();
    const soon = now - this.lastFeedAt < this.minIntervalMs;
    this.lastFeedAt = now;
    if (soon) {
      this.tooFast++;
      return {
        status: 503,
        headers: { 'retry-after': '1', 'content-type': 'text/html' },
        body: this.errorBody(503),
      };
    }
    const query = request.query.get('query') ?? '';
    if (!balanced(query) || /(^|\()\s*and\b|\band\s+and\b/i.test(query)) {
      return {
        status: 200,
        headers: { 'content-type': 'text/xml' },
        body: fixtureText('overheid/sru_diagnostics.SYNTHETIC.xml'),
      };
    }
    const since = /(?:dt\.)?modified>=(\d{4}-\d{2}-\d{2})/.exec(query)?.[1] ?? null;
    const matching = this.records
      .filter((record) => since === null || record.modified >= since)
      .sort((a, b) => a.modified.localeCompare(b.modified) || a.identifier.localeCompare(b.identifier));
    const start = Math.max(1, Number(request.query.get('startRecord') ?? '1'));
    const size = Math.max(1, Number(request.query.get('maximumRecords') ?? '10'));
    const page = matching.slice(start - 1, start - 1 + size);
    this.served(page.map((record) => record.identifier));
    const prefix = this.flavour === 'sru' ? 'sru' : 'srw';
    const records = page
      .map((record, k) =>
        record.xml.replace(
          /<(\w+):recordPosition>\d+<\/\1:recordPosition>/,
          `<${prefix}:recordPosition>${start + k}</${prefix}:recordPosition>`,
        ),
      )
      .join('\n');
    const next =
      start - 1 + size < matching.length
        ? `<${prefix}:nextRecordPosition>${start + size}</${prefix}:nextRecordPosition>`
        : '';
    const body = `<?xml version="1.0" encoding="UTF-8"?>
${this.envelope.head}<${prefix}:numberOfRecords>${matching.length}</${prefix}:numberOfRecords><${prefix}:records>${records}</${prefix}:records>${next}${this.envelope.tail}`;
    return { status: 200, headers: { 'content-type': 'text/xml; charset=utf-8' }, body };
  }
}

function balanced(query: string): boolean {
  let depth = 0;
  for (const ch of query) {
    if (ch === '(') depth++;
    if (ch === ')' && --depth < 0) return false;
  }
  return depth === 0;
}
