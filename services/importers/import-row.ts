// The last step for every row, whatever the file format: the preset's mapping, the mention, and the check that its
// external id did not occur in an earlier row of the same file.
import type { RawMention } from '../ingest/raw-mention.js';
import { DuplicateRows } from './duplicate-rows.js';
import type { ExportCell } from './export-cell.js';
import { exportMention } from './export-mention.js';
import type { HeaderColumns, RowMapper } from './export-preset.js';

/**
 * row is the 1-based data row: the first row after the header is 1. An error carries the problem alone and with its
 * row (`error`, for messages that stand on their own); a repeat carries the earlier row it repeats.
 */
export type ImportRow =
  | { row: number; mention: RawMention }
  | { row: number; error: string; problem: string }
  | { row: number; duplicateOf: number; problem: string };

export function rowError(row: number, problem: string): ImportRow {
  return { row, error: `row ${row}: ${problem}`, problem };
}

export class ImportRowBuilder {
  private readonly duplicates = new DuplicateRows();
  private readonly urlLabel: string;

  constructor(
    private readonly mapper: RowMapper,
    header: HeaderColumns,
  ) {
    this.urlLabel = header.label('url');
  }

  build(row: number, cells: readonly ExportCell[]): ImportRow {
    const values = this.mapper(cells);
    if (typeof values === 'string') return rowError(row, values);
    const mention = exportMention(values);
    const first = this.duplicates.firstRowOf(mention.externalId, row);
    if (first !== 0) {
      const same = mention.url === null ? 'date, author and text' : this.urlLabel;
      // Not an error: the row is the same post again, counted with the duplicates.
      return { row, duplicateOf: first, problem: `duplicate of row ${first} (same ${same})` };
    }
    return { row, mention };
  }
}
