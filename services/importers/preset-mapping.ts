// How a row of an export becomes mention values, said once: each preset declares which of its columns feed which
// field (a `PresetMapping`), and `createRowMapper` reads every preset's rows by that table.
import type { ExportCell } from './export-cell.js';
import { languageCode, optionalText, parseCount, parseToolSentiment } from './export-cell.js';
import { hasTimeOfDay, parseTimeOfDay } from './export-date.js';
import type { MentionValues } from './export-mention.js';
import type { HeaderColumns, RowMapper } from './export-preset.js';
import { requiredDate, requiredText } from './preset-fields.js';
import type { TimeZone } from '../time/zoned-time.js';

/** Column keys tried in order: the first one with a value wins. */
type Keys = readonly string[];

export interface PresetMapping {
  date: {
    key: string;
    /** The date forms the tool writes, for the message of an unreadable date. */
    forms: string;
    /** A separate time-of-day column that completes a date written without one (Meltwater's "Time"). */
    timeKey?: string;
    /** A second date column read when the first cannot be (Meltwater's "Alternate Date Format"). */
    fallbackKey?: string;
  };
  /**
   * Groups tried in order; within a group the longest text wins (the first on a tie). The message for a row
   * without text names the first group the header has, its columns joined by "/".
   */
  text: readonly Keys[];
  url: Keys;
  author: Keys;
  platform: Keys;
  /** How the platform cell is read; lower-cased text unless the tool writes something else (Talkwalker). */
  platformOf?: (cell: ExportCell | undefined) => string | null;
  title: Keys;
  language: Keys;
  reach: Keys;
  engagement: Keys;
  /** With none of the engagement columns in the header: the sum of the columns whose normalised names match. */
  engagementParts?: RegExp;
  sentiment: { key: string; /** The largest magnitude of a numeric score. */ scale: number };
  country: Keys;
}

/** Every column key a mapping reads, to check it against the preset's columns. */
export function mappingKeys(mapping: PresetMapping): string[] {
  const { date, text, sentiment } = mapping;
  const lists = [mapping.url, mapping.author, mapping.platform, mapping.title, mapping.language];
  lists.push(mapping.reach, mapping.engagement, mapping.country);
  const dateKeys = [date.key, date.timeKey, date.fallbackKey].filter((key) => key !== undefined);
  return [...dateKeys, ...text.flat(), sentiment.key, ...lists.flat()];
}

/** Joins a date without a time of day and a separate time cell into one cell the date parser reads. */
function withTime(date: ExportCell | undefined, time: ExportCell | undefined): ExportCell | undefined {
  if (date === undefined || date === null || time === undefined || time === null || hasTimeOfDay(date))
    return date;
  if (date instanceof Date) {
    const ms = parseTimeOfDay(time);
    return ms === null ? date : new Date(date.getTime() + ms);
  }
  const timeText = optionalText(time);
  if (timeText === null || typeof date === 'number') return date;
  return `${optionalText(date) ?? ''} ${timeText}`;
}

function lowerCaseText(cell: ExportCell | undefined): string | null {
  return optionalText(cell)?.toLowerCase() ?? null;
}

export function createRowMapper(mapping: PresetMapping, header: HeaderColumns, zone: TimeZone): RowMapper {
  const positions = (keys: Keys): number[] =>
    keys.map((key) => header.index(key)).filter((position) => position >= 0);
  const firstOf = <T>(keys: Keys, read: (cell: ExportCell | undefined) => T | null) => {
    const columns = positions(keys);
    return (cells: readonly ExportCell[]): T | null => {
      for (const position of columns) {
        const value = read(cells[position]);
        if (value !== null) return value;
      }
      return null;
    };
  };

  const date = header.index(mapping.date.key);
  const time = mapping.date.timeKey === undefined ? -1 : header.index(mapping.date.timeKey);
  const fallback = mapping.date.fallbackKey === undefined ? -1 : header.index(mapping.date.fallbackKey);
  const dateLabel = header.label(mapping.date.key);
  const { forms } = mapping.date;

  const textGroups = mapping.text.map(positions).filter((group) => group.length > 0);
  const labelGroup = mapping.text.find((group) => positions(group).length > 0) ?? mapping.text[0] ?? [];
  const textLabel = labelGroup.map((key) => header.label(key)).join('/');

  const url = firstOf(mapping.url, optionalText);
  const author = firstOf(mapping.author, optionalText);
  const platform = firstOf(mapping.platform, mapping.platformOf ?? lowerCaseText);
  const title = firstOf(mapping.title, optionalText);
  const language = firstOf(mapping.language, languageCode);
  const reach = firstOf(mapping.reach, parseCount);
  const country = firstOf(mapping.country, optionalText);
  const sentiment = header.index(mapping.sentiment.key);
  const { scale } = mapping.sentiment;

  const engagementColumns = positions(mapping.engagement);
  const engagementParts =
    engagementColumns.length > 0 || mapping.engagementParts === undefined
      ? []
      : header.normalised.flatMap((name, position) =>
          mapping.engagementParts!.test(name) ? [position] : [],
        );
  const firstEngagement = firstOf(mapping.engagement, parseCount);
  const engagement = (cells: readonly ExportCell[]): number | null => {
    if (engagementParts.length === 0) return firstEngagement(cells);
    let sum: number | null = null;
    for (const position of engagementParts) {
      const value = parseCount(cells[position]);
      if (value !== null) sum = (sum ?? 0) + value;
    }
    return sum;
  };

  const textOf = (cells: readonly ExportCell[]): string | null => {
    for (const group of textGroups) {
      let longest: string | null = null;
      for (const position of group) {
        const value = optionalText(cells[position]);
        if (value !== null && (longest === null || value.length > longest.length)) longest = value;
      }
      if (longest !== null) return longest;
    }
    return null;
  };

  return (cells) => {
    let postedAt = requiredDate(withTime(cells[date], cells[time]), zone, dateLabel, forms);
    if (typeof postedAt === 'string' && fallback >= 0 && optionalText(cells[fallback]) !== null) {
      const second = requiredDate(withTime(cells[fallback], cells[time]), zone, dateLabel, forms);
      if (typeof second === 'number') postedAt = second;
    }
    if (typeof postedAt === 'string') return postedAt;
    const body = requiredText(textOf(cells), textLabel);
    if (typeof body !== 'string') return body.problem;
    const values: MentionValues = {
      postedAt,
      url: url(cells),
      author: author(cells),
      platform: platform(cells),
      title: title(cells),
      text: body,
      language: language(cells),
      reach: reach(cells),
      engagement: engagement(cells),
      toolSentiment: parseToolSentiment(cells[sentiment], scale),
      country: country(cells),
    };
    return values;
  };
}
