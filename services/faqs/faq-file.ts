// The FAQ file format, for import (and the matcher's evaluation): CSV with `;` or `,` and a header with at least
// `vraag` and `antwoord` (optional `onderwerp`, `doelgroep`, `url`, `id`), or JSON `[{"id","vraag","antwoord",...}]`.
// Every problem names its row and column; a file with any problem gives no entries at all.
import { createHash } from 'node:crypto';
import { CsvTokenizer } from '../importers/csv-tokenizer.js';
import { detectEncoding, ExportTextDecoder } from '../importers/text-encoding.js';
import { isFaqAudience, MAX_FAQ_ANSWER_CHARS, MAX_FAQ_QUESTION_CHARS, type FaqAudience } from './faq.js';

export const FAQ_FILE_COLUMNS = ['id', 'vraag', 'antwoord', 'onderwerp', 'doelgroep', 'url'] as const;
type Column = (typeof FAQ_FILE_COLUMNS)[number];
const REQUIRED: readonly Column[] = ['vraag', 'antwoord'];
const MAX_ID_CHARS = 200;
const MAX_CELL_CHARS = MAX_FAQ_ANSWER_CHARS + 1;

export interface FaqFileEntry {
  /** The row as a person finds it: the line of a CSV record (header is 1), the position in a JSON list (from 1). */
  row: number;
  /** The file's id, or one made from the question when the file has none, so a re-import finds the FAQ again. */
  id: string;
  question: string;
  answer: string;
  /** As written in the file; the register resolves them against the taxonomy. */
  topics: string[];
  audience: FaqAudience[];
  url: string | null;
}

export interface FaqFileProblem {
  row: number | null;
  column: string | null;
  message: string;
}

export class FaqFileError extends Error {
  constructor(
    readonly fileName: string,
    readonly problems: readonly FaqFileProblem[],
  ) {
    super(
      `${fileName}: ${problems.length} problem${problems.length === 1 ? '' : 's'}, nothing imported:\n` +
        problems
          .slice(0, 50)
          .map((problem) => `  ${describeProblem(problem)}`)
          .join('\n') +
        (problems.length > 50 ? `\n  … and ${problems.length - 50} more` : ''),
    );
    this.name = 'FaqFileError';
  }
}

export function describeProblem(problem: FaqFileProblem): string {
  const where = [
    problem.row === null ? null : `row ${problem.row}`,
    problem.column === null ? null : `column ${problem.column}`,
  ].filter((part) => part !== null);
  return where.length > 0 ? `${where.join(', ')}: ${problem.message}` : problem.message;
}

/** An id for a row without one: the same question always gets the same id. */
export function questionId(question: string): string {
  const normal = question.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
  return `vraag-${createHash('sha256').update(normal).digest('hex').slice(0, 16)}`;
}

/** Several values in one cell: `a, b` or `a | b`. */
function splitList(value: string): string[] {
  return [
    ...new Set(
      value
        .split(/[,|]/)
        .map((part) => part.trim())
        .filter((part) => part !== ''),
    ),
  ];
}

type RawCells = Partial<Record<Column, unknown>>;

function textOf(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number') return String(value);
  return null;
}

function listOf(value: unknown): string[] | null {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return splitList(value);
  if (Array.isArray(value) && value.every((item) => typeof item === 'string'))
    return [...new Set(value.map((item) => item.trim()).filter((item) => item !== ''))];
  return null;
}

/** One row's cells as an entry, or its problems. */
function entryOf(row: number, cells: RawCells, problems: FaqFileProblem[]): FaqFileEntry | null {
  const before = problems.length;
  const problem = (column: Column, message: string) => problems.push({ row, column, message });
  const question = textOf(cells.vraag);
  if (question === null) problem('vraag', 'must be text');
  else if (question === '') problem('vraag', 'is empty; every FAQ needs its question');
  else if (question.length > MAX_FAQ_QUESTION_CHARS)
    problem('vraag', `is ${question.length} characters; at most ${MAX_FAQ_QUESTION_CHARS}`);
  const answer = textOf(cells.antwoord);
  if (answer === null) problem('antwoord', 'must be text');
  else if (answer === '') problem('antwoord', 'is empty; every FAQ needs its answer');
  else if (answer.length > MAX_FAQ_ANSWER_CHARS)
    problem('antwoord', `is ${answer.length} characters; at most ${MAX_FAQ_ANSWER_CHARS}`);
  const rawId = cells.id === undefined ? null : textOf(cells.id);
  if (cells.id !== undefined && cells.id !== null && rawId === null)
    problem('id', 'must be text or a number');
  else if (rawId !== null && rawId.length > MAX_ID_CHARS)
    problem('id', `is ${rawId.length} characters; at most ${MAX_ID_CHARS}`);
  const topics = listOf(cells.onderwerp);
  if (topics === null) problem('onderwerp', 'must be text or a list of texts');
  const audienceWords = listOf(cells.doelgroep);
  const audience: FaqAudience[] = [];
  if (audienceWords === null) problem('doelgroep', 'must be text or a list of texts');
  else
    for (const word of audienceWords) {
      const normal = word.toLowerCase();
      if (isFaqAudience(normal)) audience.push(normal);
      else problem('doelgroep', `unknown audience "${word}"; use inwoners, ondernemers or instellingen`);
    }
  const url = textOf(cells.url);
  if (cells.url !== undefined && cells.url !== null && url === null) problem('url', 'must be text');
  else if (url !== null && url !== '' && !/^https?:\/\/\S+$/i.test(url))
    problem('url', `"${url}" is not an http(s) address`);
  if (problems.length > before) return null;
  return {
    row,
    id: rawId !== null && rawId !== '' ? rawId : questionId(question!),
    question: question!,
    answer: answer!,
    topics: topics!,
    audience,
    url: url === null || url === '' ? null : url,
  };
}

function checkDuplicates(entries: readonly FaqFileEntry[], problems: FaqFileProblem[]): void {
  const seen = new Map<string, number>();
  for (const entry of entries) {
    const first = seen.get(entry.id);
    if (first === undefined) seen.set(entry.id, entry.row);
    else
      problems.push({
        row: entry.row,
        column: 'id',
        message: `duplicate id "${entry.id}" (also in row ${first}); without an id column, the same question twice`,
      });
  }
}

function parseJson(text: string, problems: FaqFileProblem[]): FaqFileEntry[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    problems.push({ row: null, column: null, message: `not valid JSON: ${(error as Error).message}` });
    return [];
  }
  if (!Array.isArray(data)) {
    problems.push({
      row: null,
      column: null,
      message: 'a JSON FAQ file is a list: [{"vraag", "antwoord", ...}]',
    });
    return [];
  }
  const entries: FaqFileEntry[] = [];
  data.forEach((item: unknown, index) => {
    const row = index + 1;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      problems.push({ row, column: null, message: 'must be an object {"vraag", "antwoord", ...}' });
      return;
    }
    const unknown = Object.keys(item).filter((key) => !(FAQ_FILE_COLUMNS as readonly string[]).includes(key));
    for (const key of unknown)
      problems.push({ row, column: key, message: `unknown field; known: ${FAQ_FILE_COLUMNS.join(', ')}` });
    for (const column of REQUIRED)
      if (!(column in item)) problems.push({ row, column, message: 'is missing' });
    if (unknown.length > 0 || REQUIRED.some((column) => !(column in item))) return;
    const entry = entryOf(row, item, problems);
    if (entry) entries.push(entry);
  });
  return entries;
}

function parseCsv(text: string, problems: FaqFileProblem[]): FaqFileEntry[] {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = firstLine.split(';').length >= firstLine.split(',').length ? ';' : ',';
  const records: { line: number; fields: string[]; problem: string | null }[] = [];
  let line = 1;
  const tokenizer = new CsvTokenizer(delimiter, MAX_CELL_CHARS);
  const sink = (fields: string[], problem: { kind: string; field: number } | null) => {
    const start = line;
    // A quoted cell may hold line breaks: the next record starts after them.
    line += 1 + fields.reduce((sum, field) => sum + (field.match(/\r\n|\r|\n/g)?.length ?? 0), 0);
    const message =
      problem === null
        ? null
        : problem.kind === 'unclosed-quote'
          ? 'a quote is opened and never closed'
          : `a cell is longer than ${MAX_CELL_CHARS - 1} characters`;
    if (message !== null || fields.some((field) => field.trim() !== ''))
      records.push({ line: start, fields, problem: message });
  };
  tokenizer.push(text, sink);
  tokenizer.end(sink);
  const header = records.shift();
  if (!header) {
    problems.push({
      row: null,
      column: null,
      message: 'the file is empty; it needs a header row vraag;antwoord',
    });
    return [];
  }
  const columns = header.fields.map((name) => name.trim().toLowerCase());
  const known = new Set<string>(FAQ_FILE_COLUMNS);
  columns.forEach((name, index) => {
    if (!known.has(name))
      problems.push({
        row: header.line,
        column: name === '' ? `${index + 1}` : name,
        message: `unknown column; known: ${FAQ_FILE_COLUMNS.join(', ')}`,
      });
  });
  for (const column of REQUIRED)
    if (!columns.includes(column))
      problems.push({ row: header.line, column, message: `the header needs the column "${column}"` });
  const doubled = columns.filter((name, index) => columns.indexOf(name) !== index);
  for (const name of new Set(doubled))
    problems.push({ row: header.line, column: name, message: 'the header names this column twice' });
  if (problems.length > 0) return [];
  const entries: FaqFileEntry[] = [];
  for (const record of records) {
    if (record.problem !== null) {
      problems.push({ row: record.line, column: null, message: record.problem });
      continue;
    }
    if (record.fields.length > columns.length) {
      problems.push({
        row: record.line,
        column: null,
        message: `${record.fields.length} cells but the header has ${columns.length} columns`,
      });
      continue;
    }
    const cells: RawCells = {};
    columns.forEach((name, index) => {
      cells[name as Column] = record.fields[index] ?? '';
    });
    const entry = entryOf(record.line, cells, problems);
    if (entry) entries.push(entry);
  }
  return entries;
}

/**
 * Reads an FAQ file (JSON when it is named .json or starts with `[`, CSV otherwise). Throws FaqFileError with every
 * problem when there is any, so an import stores all of the file or nothing.
 */
export function parseFaqFile(fileName: string, bytes: Uint8Array): FaqFileEntry[] {
  const text = new ExportTextDecoder(detectEncoding(bytes.subarray(0, 1024 * 1024), true))
    .decode(bytes)
    .replace(/^\uFEFF/, '');
  const problems: FaqFileProblem[] = [];
  const json = /\.json$/i.test(fileName) || text.trimStart().startsWith('[');
  const entries = json ? parseJson(text, problems) : parseCsv(text, problems);
  checkDuplicates(entries, problems);
  if (problems.length === 0 && entries.length === 0)
    problems.push({ row: null, column: null, message: 'the file holds no FAQs' });
  if (problems.length > 0) throw new FaqFileError(fileName, problems);
  return entries;
}
