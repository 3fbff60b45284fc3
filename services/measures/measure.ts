// What a measure is: its fields as stored and served, a hash of its content (a change is a new version), and the
// list of fields that differ between two versions; the filters, new measures and effect windows the measures
// repository reads and writes.
import crypto from 'node:crypto';
import type { MeasureDirection, MeasureLevel, MeasureOrigin } from './measure-vocabulary.js';
import type { Sums } from '../series/series.js';

export type { MeasureDirection, MeasureLevel, MeasureOrigin };

export const LEVELS: readonly MeasureLevel[] = ['national', 'regional', 'municipal'];
export const DIRECTIONS: readonly MeasureDirection[] = ['tightening', 'relaxation', 'mixed'];

export const MEASURE_ID_PATTERN = '^[a-z0-9][a-z0-9._:-]{0,127}$';
const ID = new RegExp(MEASURE_ID_PATTERN);

/** The content of a measure: everything a version fixes. Dates are calendar dates (YYYY-MM-DD). */
export interface MeasureFields {
  level: MeasureLevel;
  region: string | null;
  municipality: string | null;
  title: string;
  summary: string | null;
  announcedOn: string | null;
  effectiveFrom: string;
  effectiveUntil: string | null;
  /** Taxonomy ids, sorted. */
  topics: string[];
  direction: MeasureDirection;
  /** The publication the measure was taken from or confirmed in. */
  sourceUrl: string | null;
  /** Further pages that confirm it. */
  sources: string[];
  /** False when the date could not be confirmed in a source. */
  verified: boolean;
  note: string | null;
}

export interface Measure extends MeasureFields {
  id: string;
  version: number;
  origin: MeasureOrigin;
  /** For measures found by a watcher: the source and the publication's id there. */
  sourceId: string | null;
  externalId: string | null;
  /** Hash of the publication as the watcher last saw it; null for measures from files and by hand. */
  publicationHash: string | null;
  contentHash: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface MeasureVersion {
  version: number;
  fields: MeasureFields;
  changed: string[];
  origin: MeasureOrigin;
  recordedAt: Date;
}

export const FIELD_NAMES: readonly (keyof MeasureFields)[] = [
  'level',
  'region',
  'municipality',
  'title',
  'summary',
  'announcedOn',
  'effectiveFrom',
  'effectiveUntil',
  'topics',
  'direction',
  'sourceUrl',
  'sources',
  'verified',
  'note',
];

export function isMeasureId(id: string): boolean {
  return ID.test(id);
}

/** Topics are a set: sorted and unique, so their order never makes a new version. */
export function normaliseTopics(topics: readonly string[]): string[] {
  return [...new Set(topics)].sort();
}

export function contentHash(fields: MeasureFields): string {
  const canonical = FIELD_NAMES.map((name) => [name, fields[name]]);
  return crypto.createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

/** Names (snake_case, as the API shows them) of the fields that differ. */
export function changedFields(before: MeasureFields, after: MeasureFields): string[] {
  return FIELD_NAMES.filter((name) => JSON.stringify(before[name]) !== JSON.stringify(after[name])).map(
    snakeCase,
  );
}

export function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

/** The fields as snake_case JSON: the API's shape and the shape a version is stored in. */
export function fieldsJson(fields: MeasureFields): Record<string, unknown> {
  return Object.fromEntries(FIELD_NAMES.map((name) => [snakeCase(name), fields[name]]));
}

export function pickFields(measure: MeasureFields): MeasureFields {
  return Object.fromEntries(FIELD_NAMES.map((name) => [name, measure[name]])) as unknown as MeasureFields;
}

/** A readable id for a new measure: its date and the start of its title (nl-2020-10-14-gedeeltelijke-lockdown). */
export function slugId(prefix: string, effectiveFrom: string, title: string): string {
  const words = title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  // Whole words up to 60 characters, so an id never ends in half a word.
  let slug = '';
  for (const word of words) {
    const next = slug === '' ? word : `${slug}-${word}`;
    if (next.length > 60) break;
    slug = next;
  }
  return [prefix, effectiveFrom, slug || 'maatregel'].filter(Boolean).join('-').slice(0, 128);
}

export interface MeasureFilter {
  /** Instants (epoch ms): measures that take effect in [from, to), or whose stated period overlaps it. */
  fromMs: number | null;
  toMs: number | null;
  timezone: string;
  level: MeasureLevel | null;
  direction: MeasureDirection | null;
  /** Any of these topics. */
  topics: readonly string[] | null;
  limit: number;
}

export interface NewMeasure {
  id: string;
  fields: MeasureFields;
  origin: MeasureOrigin;
  sourceId: string | null;
  externalId: string | null;
  publicationHash: string | null;
  contentHash: string;
}

export interface WindowBounds {
  fromMs: number;
  toMs: number;
}

export interface WindowSums {
  /** Per topic (and `all`), summed over the window. */
  byTopic: Map<string, Sums>;
}
