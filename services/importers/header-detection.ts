// Finds the header row among the first rows of an export (Brandwatch puts report metadata above it) and, when there
// is none, says what each supported tool's header looks like and which one came closest.
import type { ExportCell } from './export-cell.js';
import type { ExportPreset, HeaderMatch } from './export-preset.js';
import { matchHeader } from './export-preset.js';

/** Rows searched for the header: Brandwatch's metadata block is about ten rows. */
export const HEADER_SEARCH_ROWS = 50;

export interface HeaderFound {
  preset: ExportPreset;
  /** 0-based position of the header among the records searched. */
  recordIndex: number;
  match: HeaderMatch;
}

/** The first record that has every required column of one of the presets; ties go to the one with more columns. */
export function findHeaderRow(
  records: readonly (readonly ExportCell[])[],
  presets: readonly ExportPreset[],
): HeaderFound | null {
  const limit = Math.min(records.length, HEADER_SEARCH_ROWS);
  for (let recordIndex = 0; recordIndex < limit; recordIndex++) {
    let best: HeaderFound | null = null;
    for (const preset of presets) {
      const match = matchHeader(preset, records[recordIndex]!);
      if (match.missing.length === 0 && (best === null || match.found > best.match.found)) {
        best = { preset, recordIndex, match };
      }
    }
    if (best !== null) return best;
  }
  return null;
}

/** The record and preset that share the most columns, for "closest: ... which also needs ...". */
export function closestHeader(
  records: readonly (readonly ExportCell[])[],
  presets: readonly ExportPreset[],
): HeaderFound | null {
  let best: HeaderFound | null = null;
  const limit = Math.min(records.length, HEADER_SEARCH_ROWS);
  for (let recordIndex = 0; recordIndex < limit; recordIndex++) {
    for (const preset of presets) {
      const match = matchHeader(preset, records[recordIndex]!);
      if (match.found >= 2 && (best === null || match.found > best.match.found)) {
        best = { preset, recordIndex, match };
      }
    }
  }
  return best;
}

function shortened(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 3)}...` : text;
}

export interface UnknownHeaderContext {
  fileName: string;
  /** The preset asked for, or null for auto-detection. */
  wanted: ExportPreset | null;
  /** The first non-empty line or row of the file as text, to show what was found instead. */
  firstRow: string | null;
  closest: HeaderFound | null;
  /** With a preset asked for: another preset whose header the file does have. */
  otherPreset: ExportPreset | null;
  allPresets: readonly ExportPreset[];
}

export function unknownHeaderMessage(context: UnknownHeaderContext): string {
  const { fileName, wanted, firstRow, closest, otherPreset, allPresets } = context;
  const lines: string[] = [];
  if (wanted === null) {
    lines.push(
      `"${fileName}" has no header row of a supported export in its first ${HEADER_SEARCH_ROWS} rows, ` +
        'so it cannot be imported.',
    );
  } else {
    lines.push(
      `"${fileName}" is not ${article(wanted.label)} ${wanted.label} export: none of its first ${HEADER_SEARCH_ROWS} rows has ` +
        `${wanted.label}'s columns.`,
    );
  }
  if (otherPreset !== null) {
    lines.push(
      `It looks like ${article(otherPreset.label)} ${otherPreset.label} export: import it with preset "${otherPreset.name}" or "auto".`,
    );
  }
  if (firstRow !== null) lines.push(`Its first row reads: ${JSON.stringify(shortened(firstRow, 160))}`);
  if (closest !== null && otherPreset === null) {
    lines.push(
      `Closest is ${closest.preset.label} (row ${closest.recordIndex + 1}), which also needs: ` +
        `${closest.match.missing.join(', ')}.`,
    );
  }
  lines.push(wanted === null ? 'Supported exports and their header rows:' : 'Expected:');
  for (const preset of wanted === null ? allPresets : [wanted]) lines.push(`  - ${preset.expected}`);
  return lines.join('\n');
}

/** The English article by the first letter of a tool's name: "an OBI4wan", "a Coosto". */
function article(label: string): string {
  return /^[aeiou]/i.test(label) ? 'an' : 'a';
}
