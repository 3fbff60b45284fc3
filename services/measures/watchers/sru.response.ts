// KOOP's SRU answers (repository.overheid.nl/sru for official publications, the CVDR service for local
// regulations): the record count, the next record position, diagnostics, and each record's metadata as a
// publication. Namespace prefixes are dropped, so SRU 1.2 and 2.0 envelopes and the prefix-free form read alike.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { MeasureLevel } from '../measure.js';
import type { Publication } from '../publication.js';

const LISTS = new Set(['record', 'diagnostic', 'itemUrl', 'subject', 'hasVersion']);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  textNodeName: '#text',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  htmlEntities: true,
  isArray: (name) => LISTS.has(name),
});

type Node = Record<string, unknown>;

function node(value: unknown): Node | null {
  if (Array.isArray(value)) return node(value[0]);
  return typeof value === 'object' && value !== null ? (value as Node) : null;
}

function text(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (Array.isArray(value)) return text(value[0]);
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  if (typeof value === 'number') return String(value);
  return text(node(value)?.['#text']);
}

function texts(value: unknown): string[] {
  return (Array.isArray(value) ? value : [value]).map(text).filter((t): t is string => t !== null);
}

function day(value: string | null): string | null {
  const match = /^(\d{4}-\d{2}-\d{2})/.exec(value ?? '');
  return match ? match[1]! : null;
}

export interface SruDiagnostic {
  uri: string | null;
  message: string | null;
  details: string | null;
}

/** One record's metadata, as the OWMS blocks give it. */
export interface SruRecord {
  identifier: string;
  title: string;
  type: string | null;
  creator: string | null;
  modified: string | null;
  available: string | null;
  issued: string | null;
  abstract: string | null;
  subjects: string[];
  organisationType: string | null;
  publicationName: string | null;
  /** CVDR: when the regulation takes effect and ends. */
  inForce: string | null;
  outOfForce: string | null;
  url: string | null;
}

export interface SruPage {
  numberOfRecords: number;
  nextRecordPosition: number | null;
  records: SruRecord[];
  diagnostics: SruDiagnostic[];
}

export class SruFormatError extends Error {}

export function parseSruResponse(xml: string): SruPage {
  const valid = XMLValidator.validate(xml);
  if (valid !== true)
    throw new SruFormatError(`not well-formed XML (line ${valid.err.line}: ${valid.err.msg})`);
  const document = parser.parse(xml) as Node;
  const root = node(document.searchRetrieveResponse);
  if (root === null) {
    const name = Object.keys(document).find((key) => !key.startsWith('?')) ?? 'nothing';
    throw new SruFormatError(`not an SRU searchRetrieveResponse (the root element is <${name}>)`);
  }
  const diagnostics = (node(root.diagnostics)?.diagnostic as unknown[] | undefined) ?? [];
  const records = (node(root.records)?.record as unknown[] | undefined) ?? [];
  const next = Number(text(root.nextRecordPosition));
  return {
    numberOfRecords: Number(text(root.numberOfRecords) ?? 0) || 0,
    nextRecordPosition: Number.isInteger(next) && next > 0 ? next : null,
    records: records.map((record) => readRecord(node(record))).filter((r): r is SruRecord => r !== null),
    diagnostics: diagnostics.map((d) => {
      const diagnostic = node(d);
      return {
        uri: text(diagnostic?.uri),
        message: text(diagnostic?.message),
        details: text(diagnostic?.details),
      };
    }),
  };
}

/** The metadata blocks wherever the envelope puts them (gzd:originalData/meta, or a CVDR document's meta). */
function findMeta(start: Node | null): Node | null {
  if (start === null) return null;
  if (start.owmskern !== undefined) return start;
  for (const value of Object.values(start)) {
    const child = node(value);
    if (child === null) continue;
    const found = findMeta(child);
    if (found !== null) return found;
  }
  return null;
}

function readRecord(record: Node | null): SruRecord | null {
  const data = node(record?.recordData);
  const meta = findMeta(data);
  if (meta === null) return null;
  const kern = node(meta.owmskern) ?? {};
  const mantel = node(meta.owmsmantel) ?? {};
  const tp = node(meta.tpmeta) ?? {};
  const ipm = node(meta.cvdripm) ?? {};
  const enriched = node(node(data?.gzd)?.enrichedData) ?? {};
  const identifier = text(kern.identifier);
  const title = text(kern.title);
  if (identifier === null || title === null) return null;
  const version = node(mantel.hasVersion);
  return {
    identifier,
    title,
    type: text(kern.type),
    creator: text(kern.creator) ?? text(kern.authority) ?? text(mantel.publisher),
    modified: day(text(kern.modified)),
    available: day(text(mantel.available)) ?? day(text(mantel.date)),
    issued: day(text(mantel.issued)),
    abstract: text(mantel.abstract),
    subjects: texts(mantel.subject),
    organisationType: text(tp.organisatietype),
    publicationName: text(tp.publicatienaam),
    inForce: day(text(ipm.inwerkingtredingDatum)),
    outOfForce: day(text(ipm.uitwerkingtredingDatum)),
    url:
      text(enriched.preferredUrl) ??
      (typeof version?.['@resourceIdentifier'] === 'string' && version['@resourceIdentifier'] !== ''
        ? version['@resourceIdentifier']
        : null) ??
      text(enriched.url),
  };
}

/** The level an organisation type points to: a municipality's publication is municipal, a ministry's national. */
export function levelOf(
  organisationType: string | null,
  publicationName: string | null,
): MeasureLevel | null {
  const kind = (organisationType ?? '').toLowerCase();
  if (kind === 'gemeente') return 'municipal';
  if (['provincie', 'waterschap', 'gemeenschappelijke regeling', 'veiligheidsregio'].includes(kind))
    return 'regional';
  if (kind === 'ministerie' || kind === 'zbo' || kind === 'staten-generaal') return 'national';
  const name = (publicationName ?? '').toLowerCase();
  if (name === 'gemeenteblad') return 'municipal';
  if (
    name === 'provinciaal blad' ||
    name === 'waterschapsblad' ||
    name === 'blad gemeenschappelijke regeling'
  )
    return 'regional';
  if (name === 'staatscourant' || name === 'staatsblad') return 'national';
  return null;
}

/** CVDR ids carry the expression: CVDR112779_2 is the second version of work CVDR112779. */
export function splitRevision(identifier: string): { work: string; revision: number | null } {
  const match = /^(.*)_(\d+)$/.exec(identifier);
  return match ? { work: match[1]!, revision: Number(match[2]) } : { work: identifier, revision: null };
}

/** A record as a publication: the text read for topics and direction is its title, abstract and subjects. */
export function recordPublication(
  record: SruRecord,
  options: { versioned: boolean; backfill: boolean },
): Publication {
  const { work, revision } = options.versioned
    ? splitRevision(record.identifier)
    : { work: record.identifier, revision: null };
  return {
    externalId: work,
    title: record.title,
    text: [record.abstract, ...record.subjects].filter(Boolean).join('\n'),
    url: record.url,
    publishedOn: record.available ?? record.issued ?? record.modified,
    publishedAt: null,
    revision,
    effectiveFrom: record.inForce,
    effectiveUntil: record.outOfForce,
    creator: record.creator,
    level: levelOf(record.organisationType, record.publicationName),
    backfill: options.backfill,
  };
}
