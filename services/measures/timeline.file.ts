// The timeline file format (YAML or JSON): `measures:` with one entry per measure, or a bare list of them.
// Every problem is listed with the entry's position and id, and a file with any problem loads nothing.
// The researched data in ../shared/data/measures loads as it is: `sources` stands in for a missing `source_url`.
import { parse as parseYaml } from 'yaml';
import { isCalendarDate } from '../time/calendar-date.js';
import {
  DIRECTIONS,
  isMeasureId,
  LEVELS,
  normaliseTopics,
  type MeasureDirection,
  type MeasureFields,
  type MeasureLevel,
} from './measure.js';

export const TIMELINE_FORMAT = 'onderstroom.measures/1';

export interface TimelineEntry {
  id: string;
  fields: MeasureFields;
}

export interface ParsedTimeline {
  entries: TimelineEntry[];
  problems: string[];
}

const KEYS = [
  'id',
  'level',
  'region',
  'municipality',
  'title',
  'summary',
  'announced_on',
  'effective_from',
  'effective_until',
  'topics',
  'direction',
  'source_url',
  'sources',
  'verified',
  'note',
];

/** Maps a topic id or alias to the taxonomy's id; null when the taxonomy does not know it. */
export type TopicResolver = (id: string) => string | null;

function isUrl(value: string): boolean {
  return /^https?:\/\/\S+$/.test(value);
}

/** Parses the text of a timeline file; `name` decides JSON (.json) or YAML (anything else). */
export function parseTimeline(text: string, name: string, resolveTopic: TopicResolver): ParsedTimeline {
  let document: unknown;
  try {
    document = name.toLowerCase().endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    return {
      entries: [],
      problems: [
        `${name}: not valid ${name.endsWith('.json') ? 'JSON' : 'YAML'}: ${(error as Error).message}`,
      ],
    };
  }
  let list: unknown;
  if (Array.isArray(document)) list = document;
  else if (typeof document === 'object' && document !== null) {
    const root = document as Record<string, unknown>;
    const extra = Object.keys(root).filter((key) => key !== 'format' && key !== 'measures');
    if (extra.length > 0) {
      return {
        entries: [],
        problems: [`${name}: unknown top-level key(s) ${extra.join(', ')}; expected format and measures`],
      };
    }
    if (root.format !== undefined && root.format !== TIMELINE_FORMAT) {
      return {
        entries: [],
        problems: [
          `${name}: format is ${JSON.stringify(root.format)}; this version reads ${TIMELINE_FORMAT}`,
        ],
      };
    }
    list = root.measures;
  }
  if (!Array.isArray(list)) {
    return {
      entries: [],
      problems: [`${name}: expected a list of measures, or a mapping with measures: [...]`],
    };
  }
  const entries: TimelineEntry[] = [];
  const problems: string[] = [];
  const seen = new Map<string, number>();
  list.forEach((raw: unknown, index) => {
    const parsed = parseEntry(raw, `measures[${index}]`, resolveTopic);
    problems.push(...parsed.problems);
    if (parsed.entry === null) return;
    const earlier = seen.get(parsed.entry.id);
    if (earlier !== undefined) {
      problems.push(
        `measures[${index}] (${parsed.entry.id}): the id is already used by measures[${earlier}]`,
      );
      return;
    }
    seen.set(parsed.entry.id, index);
    entries.push(parsed.entry);
  });
  return { entries, problems };
}

function parseEntry(
  raw: unknown,
  at: string,
  resolveTopic: TopicResolver,
): { entry: TimelineEntry | null; problems: string[] } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { entry: null, problems: [`${at}: must be a mapping with id, level, title, effective_from, ...`] };
  }
  const item = raw as Record<string, unknown>;
  const where = typeof item.id === 'string' ? `${at} (${item.id})` : at;
  const problems: string[] = [];
  const problem = (message: string) => problems.push(`${where}: ${message}`);
  for (const key of Object.keys(item)) {
    if (!KEYS.includes(key)) problem(`unknown key "${key}" (known: ${KEYS.join(', ')})`);
  }
  const optionalText = (key: string): string | null => {
    const value = item[key];
    if (value === undefined || value === null) return null;
    if (typeof value !== 'string') {
      problem(`${key} must be text`);
      return null;
    }
    return value.trim() === '' ? null : value.trim();
  };
  const optionalDate = (key: string): string | null => {
    const value = optionalText(key);
    if (value !== null && !isCalendarDate(value)) {
      problem(`${key} must be a date written YYYY-MM-DD, got "${value}"`);
      return null;
    }
    return value;
  };

  const id = optionalText('id');
  if (id === null) problem('id is required');
  else if (!isMeasureId(id))
    problem(`id "${id}" may hold lowercase letters, digits and . _ : - (at most 128)`);
  const level = optionalText('level');
  if (level === null || !LEVELS.includes(level as MeasureLevel)) {
    problem(`level must be one of ${LEVELS.join(', ')}${level === null ? '' : `, got "${level}"`}`);
  }
  const direction = optionalText('direction');
  if (direction === null || !DIRECTIONS.includes(direction as MeasureDirection)) {
    problem(
      `direction must be one of ${DIRECTIONS.join(', ')}${direction === null ? '' : `, got "${direction}"`}`,
    );
  }
  const title = optionalText('title');
  if (title === null) problem('title is required');
  const effectiveFrom = optionalDate('effective_from');
  if (effectiveFrom === null && item.effective_from === undefined) problem('effective_from is required');
  const effectiveUntil = optionalDate('effective_until');
  if (effectiveFrom !== null && effectiveUntil !== null && effectiveUntil < effectiveFrom) {
    problem(`effective_until (${effectiveUntil}) is before effective_from (${effectiveFrom})`);
  }
  const topics: string[] = [];
  if (item.topics !== undefined && item.topics !== null) {
    if (!Array.isArray(item.topics)) problem('topics must be a list of topic ids');
    else {
      for (const topic of item.topics) {
        const resolved = typeof topic === 'string' ? resolveTopic(topic) : null;
        if (resolved === null) problem(`unknown topic "${String(topic)}" (not in the topic taxonomy)`);
        else topics.push(resolved);
      }
    }
  }
  const sources: string[] = [];
  if (item.sources !== undefined && item.sources !== null) {
    if (!Array.isArray(item.sources)) problem('sources must be a list of URLs');
    else {
      for (const source of item.sources) {
        if (typeof source === 'string' && isUrl(source)) sources.push(source);
        else problem(`sources: "${String(source)}" is not an http(s) URL`);
      }
    }
  }
  let sourceUrl = optionalText('source_url');
  if (sourceUrl !== null && !isUrl(sourceUrl)) problem(`source_url "${sourceUrl}" is not an http(s) URL`);
  sourceUrl ??= sources[0] ?? null;
  const verified = item.verified ?? true;
  if (typeof verified !== 'boolean') problem('verified must be true or false');

  if (problems.length > 0 || id === null || title === null || effectiveFrom === null) {
    return { entry: null, problems };
  }
  return {
    entry: {
      id,
      fields: {
        level: level as MeasureLevel,
        region: optionalText('region'),
        municipality: optionalText('municipality'),
        title,
        summary: optionalText('summary'),
        announcedOn: optionalDate('announced_on'),
        effectiveFrom,
        effectiveUntil,
        topics: normaliseTopics(topics),
        direction: direction as MeasureDirection,
        sourceUrl,
        sources: sources.filter((url) => url !== sourceUrl),
        verified: verified === true,
        note: optionalText('note'),
      },
    },
    problems,
  };
}
