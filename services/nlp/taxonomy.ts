// The topic taxonomy: a YAML list of topics, each with Dutch label, match terms and exclusions. Parsing checks
// everything once and names the origin, topic and field of every problem, so a bad config fails at start-up.
import { readFileSync } from 'node:fs';
import { assetPath } from '../assets.js';
import { parse as parseYaml } from 'yaml';

export interface Topic {
  id: string;
  /** Dutch, shown in dashboards. */
  label: string;
  description: string | null;
  /** Other ids that mean this topic (the measures data set says ouderenzorg where we say zorg). */
  aliases: string[];
  /**
   * Match terms. `woord` matches the whole word; `woord*` also a compound that starts with it (mondkapjesplicht);
   * `*woord` one that ends with it (sneltest); `*woord*` anywhere inside a word. Several words match consecutive
   * words (anderhalve meter). A term written in capitals (NOW) only matches text written in capitals.
   */
  terms: string[];
  /** Words that never count for this topic, in the same syntax (testament* for testen). */
  exclude: string[];
}

export interface Taxonomy {
  version: string;
  topics: Topic[];
}

const TOPIC_FIELDS = ['id', 'label', 'description', 'aliases', 'terms', 'exclude'];
const ID_PATTERN = /^[a-z][a-z0-9_-]*$/;

/** Minimum letters of a stem that may match inside a compound: shorter stems hit unrelated words. */
export const MIN_EDGE_STEM = 4;
export const MIN_INNER_STEM = 5;

export interface ParsedTerm {
  /** Normalised words (folded, no hyphens or apostrophes). */
  words: string[];
  /** First word may be the end of a longer word. */
  leading: boolean;
  /** Last word may be the start of a longer word. */
  trailing: boolean;
  capsOnly: boolean;
}

/** Folds, lower-cases and drops hyphens and apostrophes, the same way matched text is normalised. */
export function normaliseTermWord(word: string): string {
  let out = '';
  for (const ch of word.normalize('NFD')) {
    const c = ch.charCodeAt(0);
    if (c >= 0x300 && c <= 0x36f) continue;
    if (ch === '-' || ch === "'" || ch === '\u2019') continue;
    out += ch.toLowerCase();
  }
  return out;
}

/** Parses one term; returns an error message (without the location) when it is not usable. */
export function parseTerm(raw: string): ParsedTerm | string {
  const trimmed = raw.trim();
  if (trimmed.length === 0) return 'is empty';
  const parts = trimmed.split(/\s+/);
  const leading = parts[0]?.startsWith('*') ?? false;
  const trailing = parts[parts.length - 1]?.endsWith('*') ?? false;
  const words: string[] = [];
  for (let k = 0; k < parts.length; k++) {
    let part = parts[k] ?? '';
    if (k === 0 && part.startsWith('*')) part = part.slice(1);
    if (k === parts.length - 1 && part.endsWith('*')) part = part.slice(0, -1);
    if (part.includes('*')) return `"${raw}": '*' may only start the first word or end the last`;
    const word = normaliseTermWord(part);
    if (!/^[a-z0-9][a-z0-9.,&]*$/.test(word)) return `"${raw}": use letters and digits only`;
    words.push(word);
  }
  if (leading && words.length > 1) return `"${raw}": a leading '*' is only allowed in one-word terms`;
  const letters = trimmed.replace(/[^A-Za-z]/g, '');
  const capsOnly = letters.length >= 2 && letters === letters.toUpperCase();
  const first = words[0] ?? '';
  const last = words[words.length - 1] ?? '';
  if (leading && trailing && first.length < MIN_INNER_STEM) {
    return `"${raw}": a stem matched anywhere inside a word needs at least ${MIN_INNER_STEM} letters`;
  }
  if (leading && first.length < MIN_EDGE_STEM) {
    return `"${raw}": a compound head needs at least ${MIN_EDGE_STEM} letters`;
  }
  if (trailing && last.length < MIN_EDGE_STEM) {
    return `"${raw}": a compound start needs at least ${MIN_EDGE_STEM} letters`;
  }
  return { words, leading, trailing, capsOnly };
}

function stringList(value: unknown, where: string, required: boolean): string[] {
  if (value === undefined || value === null) {
    if (required) throw new Error(`${where} is required (a list of strings)`);
    return [];
  }
  if (!Array.isArray(value)) throw new Error(`${where} must be a list of strings`);
  return value.map((item, k) => {
    if (typeof item !== 'string' && typeof item !== 'number') {
      throw new Error(`${where}[${k}] must be a string`);
    }
    return String(item);
  });
}

/** Parses and validates a taxonomy; every error names the origin, the topic and the field. */
export function parseTaxonomy(yamlText: string, origin: string): Taxonomy {
  let document: unknown;
  try {
    document = parseYaml(yamlText);
  } catch (error) {
    throw new Error(`${origin}: not valid YAML: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    throw new Error(`${origin}: expected a mapping with 'version' and 'topics'`);
  }
  const root = document as Record<string, unknown>;
  const version = root['version'];
  if (typeof version !== 'string' && typeof version !== 'number') {
    throw new Error(`${origin}: field 'version' is required (a string)`);
  }
  const list = root['topics'];
  if (!Array.isArray(list) || list.length === 0) {
    throw new Error(`${origin}: field 'topics' must be a non-empty list`);
  }
  const topics: Topic[] = [];
  const owners = new Map<string, string>();
  list.forEach((item: unknown, index) => {
    const at = `${origin}: topics[${index}]`;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      throw new Error(`${at} must be a mapping`);
    }
    const record = item as Record<string, unknown>;
    const id = record['id'];
    if (typeof id !== 'string' || !ID_PATTERN.test(id)) {
      throw new Error(
        `${at}: field 'id' must be lower-case letters, digits, '-' or '_' (got ${JSON.stringify(id)})`,
      );
    }
    const where = `${origin}: topic '${id}'`;
    for (const key of Object.keys(record)) {
      if (!TOPIC_FIELDS.includes(key)) {
        throw new Error(`${where}: unknown field '${key}' (expected ${TOPIC_FIELDS.join(', ')})`);
      }
    }
    const label = record['label'];
    if (typeof label !== 'string' || label.trim().length === 0) {
      throw new Error(`${where}: field 'label' is required (the Dutch name shown in dashboards)`);
    }
    const description = record['description'];
    if (description !== undefined && description !== null && typeof description !== 'string') {
      throw new Error(`${where}: field 'description' must be a string`);
    }
    const aliases = stringList(record['aliases'], `${where}: field 'aliases'`, false);
    const terms = stringList(record['terms'], `${where}: field 'terms'`, true);
    if (terms.length === 0) throw new Error(`${where}: field 'terms' must list at least one term`);
    const exclude = stringList(record['exclude'], `${where}: field 'exclude'`, false);
    terms.forEach((term, k) => {
      const parsed = parseTerm(term);
      if (typeof parsed === 'string') throw new Error(`${where}: field 'terms'[${k}] ${parsed}`);
    });
    exclude.forEach((term, k) => {
      const parsed = parseTerm(term);
      if (typeof parsed === 'string') throw new Error(`${where}: field 'exclude'[${k}] ${parsed}`);
    });
    for (const name of [id, ...aliases]) {
      if (!ID_PATTERN.test(name)) throw new Error(`${where}: field 'aliases' has an invalid id '${name}'`);
      const owner = owners.get(name);
      if (owner !== undefined) {
        throw new Error(`${where}: id or alias '${name}' is already used by topic '${owner}'`);
      }
      owners.set(name, id);
    }
    topics.push({
      id,
      label: label.trim(),
      description: typeof description === 'string' ? description : null,
      aliases,
      terms,
      exclude,
    });
  });
  return { version: String(version), topics };
}

/** Maps a topic id or alias (ouderenzorg) to the taxonomy's id (zorg); null when unknown. */
export function resolveTopicId(taxonomy: Taxonomy, id: string): string | null {
  for (const topic of taxonomy.topics) {
    if (topic.id === id || topic.aliases.includes(id)) return topic.id;
  }
  return null;
}

let shipped: Taxonomy | null = null;

/** Loads the shipped Dutch default taxonomy for corona measures (parsed once per process). */
export function defaultTaxonomy(): Taxonomy {
  if (shipped !== null) return shipped;
  const file = assetPath('topics.default.yaml');
  shipped = parseTaxonomy(readFileSync(file, 'utf8'), file);
  return shipped;
}
