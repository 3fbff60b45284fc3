// What a preset is (the columns one listening tool's export has, and how a row of it becomes a mention), and how a
// header row is matched against a preset. Header names are compared after normalisation, so "Geplaatst door
// (optioneel)" and "Geplaatst.door..optioneel." (what R and some spreadsheet tools make of it) are the same column.
import type { ExportCell } from './export-cell.js';
import type { MentionValues } from './export-mention.js';
import type { PresetMapping } from './preset-mapping.js';

export type PresetName = 'obi4wan' | 'coosto' | 'brandwatch' | 'meltwater' | 'talkwalker';

export interface PresetColumn {
  key: string;
  /** Header names as the tool writes them; any of them matches. */
  names: readonly string[];
}

/** The columns of one header row, resolved for a preset. */
export interface HeaderColumns {
  /** Position of the column for a key, or -1 when the file does not have it. */
  index(key: string): number;
  /** The column's header as written in the file (for messages), or the preset's first name for it. */
  label(key: string): string;
  /** Every header cell, normalised, in file order: for columns recognised by pattern (Brandwatch's engagement). */
  readonly normalised: readonly string[];
}

/** Problem text for a row (without the "row N: " that the reader adds), or the values of its mention. */
export type RowMapper = (cells: readonly ExportCell[]) => MentionValues | string;

export interface ExportPreset {
  name: PresetName;
  /** The tool's name as people write it. */
  label: string;
  /** CSV delimiters the tool writes; a header found with another one is a wrong-delimiter error. */
  delimiters: readonly string[];
  columns: readonly PresetColumn[];
  /** Each group needs at least one of its keys present for a header row to be this preset's. */
  required: readonly (readonly string[])[];
  /** One line for the unknown-header message: what this tool's header looks like. */
  expected: string;
  /** Which columns feed which mention field; read by `createRowMapper` (`preset-mapping.ts`). */
  mapping: PresetMapping;
}

/** Lower case, every run of non-letters and non-digits one space: "PR-waarde" and "PR.waarde" become "pr waarde". */
export function normaliseHeaderName(name: string): string {
  return name
    .replace(/^\uFEFF/, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export interface HeaderMatch {
  columns: HeaderColumns;
  /** Number of the preset's columns found. */
  found: number;
  /** Required groups with none of their columns present, as the preset names them. */
  missing: string[];
}

export function matchHeader(preset: ExportPreset, cells: readonly ExportCell[]): HeaderMatch {
  const normalised = cells.map((cell) => (typeof cell === 'string' ? normaliseHeaderName(cell) : ''));
  const keyByName = new Map<string, string>();
  for (const column of preset.columns) {
    for (const name of column.names) keyByName.set(normaliseHeaderName(name), column.key);
  }
  const positions = new Map<string, number>();
  normalised.forEach((name, position) => {
    const key = keyByName.get(name);
    if (key !== undefined && !positions.has(key)) positions.set(key, position);
  });
  const firstName = new Map(preset.columns.map((column) => [column.key, column.names[0] ?? column.key]));
  const missing = preset.required
    .filter((group) => !group.some((key) => positions.has(key)))
    .map((group) => group.map((key) => firstName.get(key) ?? key).join(' or '));
  const columns: HeaderColumns = {
    normalised,
    index: (key) => positions.get(key) ?? -1,
    label: (key) => {
      const position = positions.get(key);
      const cell = position === undefined ? undefined : cells[position];
      return typeof cell === 'string' ? cell.trim() : (firstName.get(key) ?? key);
    },
  };
  return { columns, found: positions.size, missing };
}
