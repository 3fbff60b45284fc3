// Reading an XLSX export with exceljs's streaming reader: the first worksheet, row by row. The header is found among
// the first rows (metadata rows above it are skipped) and the same row iterator then carries on with the data.
// exceljs keeps the workbook's shared-string table in memory (XLSX stores each distinct text once, there), so an
// XLSX file costs memory in proportion to its distinct texts; CSV does not.
import { createReadStream } from 'node:fs';
import { Transform } from 'node:stream';

import type { ExportCell } from './export-cell.js';
import { isBlankRecord, optionalText } from './export-cell.js';
import type { ExportPreset } from './export-preset.js';
import {
  closestHeader,
  findHeaderRow,
  HEADER_SEARCH_ROWS,
  unknownHeaderMessage,
} from './header-detection.js';
import { ImportFileError } from './import-file-error.js';
import { ImportRowBuilder, rowError } from './import-row.js';
import { createRowMapper } from './preset-mapping.js';
import type { ImportRow } from './import-row.js';
import type { TimeZone } from '../time/zoned-time.js';

export interface XlsxImportSetup {
  fileName: string;
  path: string;
  wanted: ExportPreset | null;
  allPresets: readonly ExportPreset[];
  zone: TimeZone;
  maxCellChars: number;
}

export interface XlsxImport {
  preset: ExportPreset;
  bytesRead(): number;
  rows(isClosed: () => boolean): AsyncGenerator<ImportRow>;
  close(): Promise<void>;
}

/** A cell as exceljs gives it, reduced to what presets read. Formulas are never evaluated: the cached result is
 * used, or without one the formula's text. */
export function xlsxCell(value: unknown): ExportCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return value;
  if (typeof value !== 'object') return null;
  if ('richText' in value && Array.isArray(value.richText)) {
    return value.richText.map((part: unknown) => (isTextPart(part) ? part.text : '')).join('');
  }
  if ('formula' in value || 'sharedFormula' in value) {
    const result = 'result' in value ? xlsxCell(value.result) : null;
    if (result !== null) return result;
    const formula = 'formula' in value ? value.formula : value.sharedFormula;
    return typeof formula === 'string' ? `=${formula}` : null;
  }
  if ('text' in value) return xlsxCell(value.text); // a hyperlink cell: its visible text
  return null; // an error value such as #N/A
}

function isTextPart(part: unknown): part is { text: string } {
  return typeof part === 'object' && part !== null && 'text' in part && typeof part.text === 'string';
}

interface XlsxRow {
  number: number;
  values: unknown;
}

/** Cells of a row, 0-based (exceljs puts column A at index 1). */
function rowCells(row: XlsxRow): ExportCell[] {
  const values = Array.isArray(row.values) ? (row.values as unknown[]) : [];
  const cells: ExportCell[] = new Array<ExportCell>(Math.max(0, values.length - 1));
  for (let i = 1; i < values.length; i++) cells[i - 1] = xlsxCell(values[i]);
  return cells;
}

/** What a failure inside exceljs's parser means, in words a user can act on. */
export function xlsxProblem(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof RangeError && /Invalid string length/.test(message)) {
    return 'one of its texts is too long to read (a cell or shared string of hundreds of megabytes); check the file and export it again';
  }
  // exceljs reads a cell's place from its reference (r="B7"); some writers leave it out, and exceljs then fails here.
  if (error instanceof TypeError && /Cannot read propert/.test(message)) {
    return (
      'its rows or cells have no cell reference (the r attribute), which this reader needs; open the file in ' +
      'Excel or LibreOffice and save it again as .xlsx'
    );
  }
  return message;
}

function readFailure(fileName: string, error: unknown, where: string): ImportFileError {
  return new ImportFileError(
    `"${fileName}" could not be read as an XLSX workbook ${where}: ${xlsxProblem(error)}`,
  );
}

export async function prepareXlsxImport(setup: XlsxImportSetup): Promise<XlsxImport> {
  const { fileName, path, wanted, allPresets, zone, maxCellChars } = setup;
  let bytesRead = 0;
  const file = createReadStream(path, { highWaterMark: 256 * 1024 });
  const counted = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytesRead += chunk.length;
      done(null, chunk);
    },
  });
  file.on('error', (error) => counted.destroy(error));
  file.pipe(counted);
  const close = (): Promise<void> => {
    file.destroy();
    counted.destroy();
    return Promise.resolve();
  };

  // Loaded on first use: exceljs takes about half a second to load, which CSV imports need not pay.
  const { default: ExcelJS } = await import('exceljs');
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(counted, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache', // needed to tell date cells from numbers
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const sheets = reader[Symbol.asyncIterator]();
  let rowIterator: AsyncIterator<XlsxRow>;
  const searched: ExportCell[][] = [];
  const searchedRowNumbers: number[] = [];
  try {
    const first = await sheets.next();
    if (first.done === true) throw new ImportFileError(`"${fileName}" is a zip file but has no worksheet.`);
    rowIterator = (first.value as AsyncIterable<XlsxRow>)[Symbol.asyncIterator]();
    while (searched.length < HEADER_SEARCH_ROWS) {
      const next = await rowIterator.next();
      if (next.done === true) break;
      searched.push(rowCells(next.value));
      searchedRowNumbers.push(next.value.number);
      if (findHeaderRow([searched[searched.length - 1]!], wanted === null ? allPresets : [wanted]) !== null)
        break;
    }
  } catch (error) {
    await close();
    if (error instanceof ImportFileError) throw error;
    throw readFailure(
      fileName,
      error,
      `while looking for its header in row ${searched.length + 1} of the sheet`,
    );
  }

  const presets = wanted === null ? allPresets : [wanted];
  const found = findHeaderRow(searched, presets);
  if (found === null) {
    await close();
    const firstRow = searched.find((cells) => !isBlankRecord(cells));
    throw new ImportFileError(
      unknownHeaderMessage({
        fileName,
        wanted,
        firstRow:
          firstRow === undefined ? null : firstRow.map((cell) => optionalText(cell) ?? '').join(' | '),
        closest: closestHeader(searched, presets),
        otherPreset: wanted === null ? null : (findHeaderRow(searched, allPresets)?.preset ?? null),
        allPresets,
      }),
    );
  }

  const headerRowNumber = searchedRowNumbers[found.recordIndex]!;
  const builder = new ImportRowBuilder(
    createRowMapper(found.preset.mapping, found.match.columns, zone),
    found.match.columns,
  );
  const headerCells = searched[found.recordIndex]!;
  const tooLong = (cells: readonly ExportCell[]): string | null => {
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i];
      if (typeof cell === 'string' && cell.length > maxCellChars) {
        const name = optionalText(headerCells[i]);
        const label = name === null ? `field ${i + 1}` : `"${name}"`;
        return `${label} has ${cell.length} characters, more than the limit of ${maxCellChars}`;
      }
    }
    return null;
  };

  async function* rows(isClosed: () => boolean): AsyncGenerator<ImportRow> {
    let lastRow = 0;
    try {
      for (;;) {
        if (isClosed()) return;
        let next: IteratorResult<XlsxRow>;
        try {
          next = await rowIterator.next();
        } catch (error) {
          // The row exceljs was parsing is the one after the last row it gave.
          throw readFailure(fileName, error, `at data row ${lastRow + 1}`);
        }
        if (next.done === true) return;
        const row = next.value.number - headerRowNumber;
        lastRow = row;
        const cells = rowCells(next.value);
        if (isBlankRecord(cells)) continue;
        const problem = tooLong(cells);
        yield problem === null ? builder.build(row, cells) : rowError(row, problem);
      }
    } finally {
      await rowIterator.return?.();
      await sheets.return?.(undefined);
      await close();
    }
  }

  return { preset: found.preset, bytesRead: () => bytesRead, rows, close };
}
