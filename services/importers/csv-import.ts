// Reading a CSV export: decide the encoding and find the header (and with it the preset and the delimiter) from the
// first megabyte, then stream the whole file in chunks, one record at a time, never holding more than a chunk and
// the record being read.
import type { FileHandle } from 'node:fs/promises';
import { CsvTokenizer } from './csv-tokenizer.js';
import type { CsvRecordProblem } from './csv-tokenizer.js';
import { isBlankRecord } from './export-cell.js';
import type { ExportPreset } from './export-preset.js';
import { countBinaryCharacters } from './file-signature.js';
import {
  closestHeader,
  findHeaderRow,
  HEADER_SEARCH_ROWS,
  unknownHeaderMessage,
} from './header-detection.js';
import type { HeaderFound } from './header-detection.js';
import { ImportFileError } from './import-file-error.js';
import { ImportRowBuilder, rowError } from './import-row.js';
import { createRowMapper } from './preset-mapping.js';
import type { ImportRow } from './import-row.js';
import { decodeSample, detectEncoding, ExportTextDecoder } from './text-encoding.js';
import type { EncodingDecision, TextEncodingName } from './text-encoding.js';
import type { TimeZone } from '../time/zoned-time.js';

/** Delimiters tried when looking for the header, in order of preference on a tie. */
const DELIMITERS = [';', ',', '\t', '|'] as const;
const CHUNK_BYTES = 256 * 1024;
/** Records after the header used to check that the data rows use the header's delimiter. */
const DATA_ROWS_CHECKED = 20;

export interface CsvImportSetup {
  fileName: string;
  handle: FileHandle;
  size: number;
  /** The file's first bytes (the whole file when it is small). */
  head: Uint8Array;
  /** The preset asked for, or null for auto-detection. */
  wanted: ExportPreset | null;
  allPresets: readonly ExportPreset[];
  zone: TimeZone;
  maxCellChars: number;
  /** Called once when the rows end, fail or are abandoned. */
  release: () => Promise<void>;
}

export interface CsvImport {
  preset: ExportPreset;
  delimiter: string;
  encoding(): TextEncodingName;
  bytesRead(): number;
  rows(isClosed: () => boolean): AsyncGenerator<ImportRow>;
}

export function delimiterName(delimiter: string): string {
  switch (delimiter) {
    case ';':
      return 'semicolons (;)';
    case ',':
      return 'commas (,)';
    case '\t':
      return 'tabs';
    case '|':
      return 'vertical bars (|)';
    default:
      return JSON.stringify(delimiter);
  }
}

/** Records at the start of the text, enough to find the header and check the rows below it. */
function headRecords(text: string, delimiter: string, wholeFile: boolean, maxCellChars: number): string[][] {
  const records: string[][] = [];
  const tokenizer = new CsvTokenizer(delimiter, maxCellChars);
  const collect = (fields: string[]): void => {
    records.push(fields);
  };
  const wanted = HEADER_SEARCH_ROWS + DATA_ROWS_CHECKED + 1;
  const slice = 16 * 1024;
  let at = 0;
  while (at < text.length && records.length < wanted) {
    tokenizer.push(text.slice(at, at + slice), collect);
    at += slice;
  }
  if (wholeFile && at >= text.length) tokenizer.end(collect);
  return records;
}

function firstLine(text: string): string | null {
  for (const line of text.split(/\r\n|\r|\n/, 60)) if (line.trim().length > 0) return line;
  return null;
}

interface FieldBounds {
  min: number;
  max: number;
  /** The writer ended every data row with a delimiter: one more field than the header, always empty. */
  trailingDelimiter: boolean;
}

/**
 * Fewest and most fields a data row may have. Trailing header cells without a name (a spreadsheet program pads the
 * header when some row had a stray cell) may be missing from a row. More fields than the header is an error, as a
 * delimiter inside an unquoted value shifts every later value into the wrong column, except when the rows below the
 * header (three in four or more) end with an empty field (a writer that ends each data line with a delimiter).
 */
function fieldBounds(header: readonly string[], sample: readonly string[][]): FieldBounds {
  let min = header.length;
  while (min > 0 && header[min - 1]!.trim().length === 0) min--;
  const trailing = sample.filter(
    (fields) => fields.length === header.length + 1 && fields.at(-1) === '',
  ).length;
  const trailingDelimiter = trailing >= 3 && trailing >= sample.length * 0.75;
  return { min, max: header.length + (trailingDelimiter ? 1 : 0), trailingDelimiter };
}

function fitsHeader(fields: readonly string[], bounds: FieldBounds): boolean {
  if (fields.length < bounds.min || fields.length > bounds.max) return false;
  return !bounds.trailingDelimiter || fields.length < bounds.max || fields[bounds.max - 1] === '';
}

/** Data rows from the head of the file, for the checks made before streaming. */
function dataSample(records: readonly string[][], headerIndex: number): string[][] {
  return records
    .slice(headerIndex + 1, headerIndex + 1 + DATA_ROWS_CHECKED)
    .filter((record) => !isBlankRecord(record));
}

interface Detected extends HeaderFound {
  delimiter: string;
  records: string[][];
}

function pickHeader(
  byDelimiter: ReadonlyMap<string, string[][]>,
  presets: readonly ExportPreset[],
): { proper: Detected | null; improper: Detected | null } {
  let proper: Detected | null = null;
  let improper: Detected | null = null;
  for (const [delimiter, records] of byDelimiter) {
    const found = findHeaderRow(records, presets);
    if (found === null) continue;
    const candidate = { ...found, delimiter, records };
    const better = (current: Detected | null): boolean =>
      current === null ||
      candidate.recordIndex < current.recordIndex ||
      (candidate.recordIndex === current.recordIndex && candidate.match.found > current.match.found);
    if (found.preset.delimiters.includes(delimiter)) {
      if (better(proper)) proper = candidate;
    } else if (better(improper)) improper = candidate;
  }
  return { proper, improper };
}

export function prepareCsvImport(setup: CsvImportSetup): CsvImport {
  const { fileName, handle, size, head, wanted, allPresets, zone, maxCellChars, release } = setup;
  const wholeFile = head.length >= size;
  let decision: EncodingDecision = detectEncoding(head, wholeFile);
  const headText = decodeSample(head.subarray(decision.bomLength), decision.encoding);

  if (headText.trim().length === 0)
    throw new ImportFileError(`"${fileName}" has no content (only white space).`);
  const binary = countBinaryCharacters(headText);
  // One NUL byte in one cell is that row's problem (below); only many control bytes make the file binary.
  if (binary > Math.max(8, headText.length / 100)) {
    throw new ImportFileError(
      `"${fileName}" is not a CSV or XLSX export: it contains binary data ` +
        `(${binary} control or undecodable characters in its first ${headText.length} characters).`,
    );
  }

  const presets = wanted === null ? allPresets : [wanted];
  const byDelimiter = new Map(DELIMITERS.map((d) => [d, headRecords(headText, d, wholeFile, maxCellChars)]));
  const { proper, improper } = pickHeader(byDelimiter, presets);
  if (proper === null) {
    if (improper !== null) {
      const preset = improper.preset;
      throw new ImportFileError(
        `"${fileName}" has ${preset.label}'s header row, but its columns are separated by ` +
          `${delimiterName(improper.delimiter)}, and ${preset.label} exports use ` +
          `${preset.delimiters.map(delimiterName).join(' or ')}. The file was probably saved again by a spreadsheet ` +
          `program: export it from ${preset.label} again, or save it as CSV separated by ` +
          `${delimiterName(preset.delimiters[0] ?? ';')}.`,
      );
    }
    // A first line longer than the whole sample (a header with a million extra columns) cannot be a header row
    // that was not found: it was never read to its end. Say that, not "no header row".
    if (!wholeFile && !/[\r\n]/.test(headText)) {
      const fields = Math.max(...DELIMITERS.map((d) => headText.split(d).length));
      throw new ImportFileError(
        `"${fileName}": row 1 (the header row) is longer than the first ${Math.round(head.length / 1024)} KiB read ` +
          `to find the header, with more than ${fields.toLocaleString('en')} fields so far; an export's header has a ` +
          'few dozen columns. Remove the extra columns (or export the file again) and import it again.',
      );
    }
    const everyRecordSet = [...byDelimiter.values()];
    const other = wanted === null ? null : pickHeader(byDelimiter, allPresets).proper;
    const closest = everyRecordSet
      .map((records) => closestHeader(records, presets))
      .reduce<HeaderFound | null>(
        (a, b) => (b !== null && (a === null || b.match.found > a.match.found) ? b : a),
        null,
      );
    throw new ImportFileError(
      unknownHeaderMessage({
        fileName,
        wanted,
        firstRow: firstLine(headText),
        closest,
        otherPreset: other?.preset ?? null,
        allPresets,
      }),
    );
  }

  const { preset, delimiter, records, recordIndex, match } = proper;
  const headerCells = records[recordIndex]!;
  const bounds = fieldBounds(headerCells, dataSample(records, recordIndex));
  checkDataRowDelimiter(fileName, byDelimiter, proper, bounds);

  const builder = new ImportRowBuilder(createRowMapper(preset.mapping, match.columns, zone), match.columns);
  const labelOf = (field: number): string => {
    const name = headerCells[field]?.trim() ?? '';
    return name.length > 0 ? `"${name}"` : `field ${field + 1}`;
  };
  const problemText = (problem: CsvRecordProblem): string =>
    problem.kind === 'cell-too-long'
      ? `${labelOf(problem.field)} has ${problem.length} characters, more than the limit of ${maxCellChars}`
      : `a quoted value in ${labelOf(problem.field)} is not closed before the end of the file ` +
        '(is the file cut off, or is a closing quote missing?)';

  const checkRecord = (row: number, fields: string[], problem: CsvRecordProblem | null): ImportRow | null => {
    if (problem !== null) return rowError(row, problemText(problem));
    if (isBlankRecord(fields)) return null;
    const nul = fields.findIndex((field) => field.includes('\u0000'));
    if (nul >= 0)
      return rowError(
        row,
        `${labelOf(nul)} contains a NUL byte (binary data in a text cell); the row is left out`,
      );
    if (!fitsHeader(fields, bounds)) {
      const hint =
        fields.length < bounds.min
          ? 'a broken line, or a quote in the wrong place'
          : `a ${delimiter === '\t' ? 'tab' : delimiter} inside a value that is not quoted?`;
      return rowError(
        row,
        `has ${fields.length} fields where the header has ${headerCells.length} (${hint})`,
      );
    }
    return builder.build(row, fields);
  };

  let bytesRead = 0;
  let decoder: ExportTextDecoder | null = null;
  const skipRecords = recordIndex + 1;

  async function* rows(isClosed: () => boolean): AsyncGenerator<ImportRow> {
    decoder = new ExportTextDecoder(decision);
    const tokenizer = new CsvTokenizer(delimiter, maxCellChars);
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    const ready: ImportRow[] = [];
    let records = 0;
    const sink = (fields: string[], problem: CsvRecordProblem | null): void => {
      records++;
      if (records <= skipRecords) return;
      const row = records - skipRecords;
      const result = checkRecord(row, fields, problem);
      if (result !== null) ready.push(result);
    };
    let position = 0;
    try {
      while (!isClosed()) {
        const { bytesRead: got } = await handle.read(buffer, 0, CHUNK_BYTES, position);
        if (got === 0) break;
        position += got;
        bytesRead = position;
        tokenizer.push(decoder.decode(buffer.subarray(0, got)), sink);
        for (let i = 0; i < ready.length; i++) yield ready[i]!;
        ready.length = 0;
      }
      if (isClosed()) return;
      tokenizer.push(decoder.end(), sink);
      tokenizer.end(sink);
      decision = { encoding: decoder.encoding ?? 'utf-8', bomLength: decision.bomLength };
      yield* ready;
    } finally {
      await release();
    }
  }

  return {
    preset,
    delimiter,
    encoding: () => decoder?.encoding ?? decision.encoding ?? 'utf-8',
    bytesRead: () => bytesRead,
    rows,
  };
}

/** The header row was read with one delimiter; when none of the rows below it fit that but do fit another, the
 * rows were written with a different delimiter and every row would fail on its own. */
function checkDataRowDelimiter(
  fileName: string,
  byDelimiter: ReadonlyMap<string, string[][]>,
  header: Detected,
  bounds: FieldBounds,
): void {
  const rows = dataSample(header.records, header.recordIndex);
  if (rows.length < 3 || rows.some((fields) => fitsHeader(fields, bounds))) return;
  const headerLength = header.records[header.recordIndex]!.length;
  for (const [delimiter, records] of byDelimiter) {
    if (delimiter === header.delimiter) continue;
    const other = dataSample(records, header.recordIndex);
    const fitting = other.filter((fields) => fields.length === headerLength).length;
    if (other.length >= 3 && fitting >= other.length * 0.8) {
      throw new ImportFileError(
        `"${fileName}": the header row is separated by ${delimiterName(header.delimiter)}, but the rows below it ` +
          `by ${delimiterName(delimiter)}. Export the file again so that both use the same delimiter.`,
      );
    }
  }
}
