// Reading a question log (CSV or XLSX) into raw questions, row by row: the header decides which column is which
// (a missing column is a file error that lists what was found), and a broken row becomes a message that names its
// row and field while the other rows carry on. Reuses the mention importers' encoding detection, CSV tokenizer,
// XLSX cell reading and date parsing; the mapping to questions is this module's own.
import crypto from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { CsvTokenizer } from '../importers/csv-tokenizer.js';
import type { ExportCell } from '../importers/export-cell.js';
import { parseExportDate } from '../importers/export-date.js';
import { fileKind } from '../importers/file-signature.js';
import { ImportFileError } from '../importers/import-file-error.js';
import { detectEncoding, ExportTextDecoder } from '../importers/text-encoding.js';
import { TimeZone } from '../time/zoned-time.js';
import { xlsxCell } from '../importers/xlsx-import.js';
import type { RawQuestion } from './question.js';
import {
  channelOf,
  guessPreset,
  normaliseHeader,
  PRESET_COLUMNS,
  type Field,
  type QuestionPreset,
} from './question-presets.js';

export type QuestionRowResult = { row: number; question: RawQuestion } | { row: number; error: string };

export interface OpenedQuestionLog {
  preset: QuestionPreset;
  format: 'csv' | 'xlsx';
  rows: QuestionRowResult[];
}

const MAX_CELL_CHARS = 1_000_000;

/** Rows of cells with their 1-based row numbers in the file. */
async function readCells(
  path: string,
  fileName: string,
): Promise<{ format: 'csv' | 'xlsx'; rows: { n: number; cells: ExportCell[] }[] }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ImportFileError(
      code === 'ENOENT'
        ? `"${fileName}" does not exist (${path}).`
        : `"${fileName}" cannot be read: ${(error as Error).message}`,
    );
  }
  if (bytes.length === 0) throw new ImportFileError(`"${fileName}" is empty (0 bytes).`);
  const kind = fileKind(bytes.subarray(0, 1024));
  if (kind === 'zip') {
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.Workbook();
    try {
      await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    } catch (error) {
      throw new ImportFileError(
        `"${fileName}" could not be read as an XLSX workbook: ${(error as Error).message}`,
      );
    }
    const sheet = workbook.worksheets[0];
    if (!sheet) throw new ImportFileError(`"${fileName}" has no worksheet.`);
    const rows: { n: number; cells: ExportCell[] }[] = [];
    sheet.eachRow({ includeEmpty: false }, (row, n) => {
      const values = Array.isArray(row.values) ? (row.values as unknown[]) : [];
      rows.push({ n, cells: values.slice(1).map((value) => xlsxCell(value)) });
    });
    return { format: 'xlsx', rows };
  }
  if (kind !== 'text')
    throw new ImportFileError(`"${fileName}" is a ${kind} file, not a CSV or XLSX question log.`);
  const text = new ExportTextDecoder(detectEncoding(bytes.subarray(0, 1024 * 1024), true)).decode(bytes);
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = [';', '\t', ','].reduce((best, candidate) =>
    firstLine.split(candidate).length > firstLine.split(best).length ? candidate : best,
  );
  const tokenizer = new CsvTokenizer(delimiter, MAX_CELL_CHARS);
  const rows: { n: number; cells: ExportCell[] }[] = [];
  let n = 0;
  const sink = (fields: string[], problem: unknown) => {
    n += 1;
    if (problem !== null) rows.push({ n, cells: [`\u0000${JSON.stringify(problem)}`] });
    else if (fields.some((field) => field.trim() !== '')) rows.push({ n, cells: fields });
  };
  tokenizer.push(text, sink);
  tokenizer.end(sink);
  return { format: 'csv', rows };
}

function cellText(cell: ExportCell | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return cell.toISOString();
  return String(cell).trim();
}

/**
 * Opens a question log: the first row is the header. Throws ImportFileError for a file that cannot be a question log
 * (unreadable, no rows, missing columns); every other problem is a row result with `error`.
 */
export async function readQuestionLog(
  path: string,
  options: { preset?: QuestionPreset; timeZone: string },
): Promise<OpenedQuestionLog> {
  const fileName = basename(path);
  const { format, rows } = await readCells(path, fileName);
  const header = rows[0];
  if (!header) throw new ImportFileError(`"${fileName}" has no header row.`);
  const headers = header.cells.map(cellText);
  const preset = options.preset ?? guessPreset(headers);
  const spec = PRESET_COLUMNS[preset];
  const index = new Map<Field, number>();
  const normalised = headers.map(normaliseHeader);
  for (const [field, aliases] of Object.entries(spec.columns) as [Field, readonly string[]][]) {
    const at = normalised.findIndex((name) => aliases.includes(name));
    if (at >= 0) index.set(field, at);
  }
  const missing = spec.required.filter(
    (field) => !index.has(field) && !(field === 'received' && index.has('date')),
  );
  if (missing.length > 0) {
    const wanted = missing
      .map((field) => `${field} (one of: ${(spec.columns[field] ?? []).join(', ')})`)
      .join('; ');
    throw new ImportFileError(
      `"${fileName}" is not a ${preset} question log: no column for ${wanted}. Its headers are: ${headers.join(', ')}.`,
    );
  }
  const zone = TimeZone.of(options.timeZone);
  const cell = (cells: ExportCell[], field: Field) => {
    const at = index.get(field);
    return at === undefined ? undefined : cells[at];
  };
  const results: QuestionRowResult[] = [];
  const seen = new Map<string, number>();
  for (const { n, cells } of rows.slice(1)) {
    const first = cells[0];
    if (typeof first === 'string' && first.startsWith('\u0000')) {
      results.push({ row: n, error: `row ${n}: the row cannot be read (${first.slice(1)})` });
      continue;
    }
    const result = mapRow(n, cells, cell, zone, preset);
    if ('question' in result) {
      const earlier = seen.get(result.question.external_id);
      if (earlier !== undefined) {
        results.push({
          row: n,
          error: `row ${n}: id "${result.question.external_id}" is also row ${earlier}`,
        });
        continue;
      }
      seen.set(result.question.external_id, n);
    }
    results.push(result);
  }
  return { preset, format, rows: results };
}

function mapRow(
  n: number,
  cells: ExportCell[],
  cell: (cells: ExportCell[], field: Field) => ExportCell | undefined,
  zone: TimeZone,
  preset: QuestionPreset,
): QuestionRowResult {
  const fail = (field: string, message: string): QuestionRowResult => ({
    row: n,
    error: `row ${n}, ${field}: ${message}`,
  });
  let received: number | string;
  const whole = cell(cells, 'received');
  if (whole !== undefined) {
    received = parseExportDate(whole ?? null, zone);
  } else {
    const date = cellText(cell(cells, 'date'));
    const time = cellText(cell(cells, 'time'));
    received = parseExportDate(time === '' ? date : `${date} ${time}`, zone);
  }
  if (typeof received !== 'number')
    return fail(
      'received',
      `"${cellText(whole ?? cell(cells, 'date'))}" is not a date and time (${received})`,
    );
  const channelText = cellText(cell(cells, 'channel'));
  const channel = channelOf(channelText);
  if (channel === null)
    return fail(
      'kanaal',
      `"${channelText}" is not a channel (telefoon, e-mail, balie, webformulier, social)`,
    );
  const question = cellText(cell(cells, 'text'));
  const detail = cellText(cell(cells, 'detail'));
  const text =
    detail !== '' && detail !== question ? (question === '' ? detail : `${question}: ${detail}`) : question;
  if (text === '') return fail('vraag', 'the question is empty');
  const givenId = cellText(cell(cells, 'id'));
  // Without an id column the row's own content is its id, so importing the same log twice stores it once.
  const externalId =
    givenId !== ''
      ? givenId
      : `${preset}-${crypto.createHash('sha256').update(`${received}\u0000${channel}\u0000${text}`).digest('hex').slice(0, 32)}`;
  const team = cellText(cell(cells, 'team'));
  const callback = cellText(cell(cells, 'callback')).toLowerCase();
  const name = cellText(cell(cells, 'name'));
  const phone = cellText(cell(cells, 'phone'));
  const email = cellText(cell(cells, 'email'));
  return {
    row: n,
    question: {
      external_id: externalId,
      received_at: new Date(received),
      channel,
      text,
      team: team === '' ? null : team,
      callback: ['ja', 'j', 'yes', 'true', '1', 'x'].includes(callback),
      contact:
        name === '' && phone === '' && email === ''
          ? null
          : { name: name || null, phone: phone || null, email: email || null },
    },
  };
}
