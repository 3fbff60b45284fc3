// The last step for every row, whatever the file format: the preset's mapping, the mention, and the check that its
// external id did not occur in an earlier row of the same file.
import type { RawMention } from '../ingest/raw-mention.js';
import { DuplicateRows } from './duplicate-rows.js';
import type { ExportCell } from './export-cell.js';
import { exportMention } from './export-mention.js';
import type { HeaderColumns, RowMapper } from './export-preset.js';

/** row is the 1-based data row: the first row after the header is 1. */
export type ImportRow = { row: number; mention: RawMention } | { row: number; error: string };

export function rowError(row: number, problem: string): ImportRow {
  return { row, error: `row ${row}: ${problem}` };
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
      return rowError(row, `duplicate of row ${first} (same ${same})`);
    }
    return { row, mention };
  }
}
