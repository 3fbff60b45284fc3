// The checks every preset makes on a row's required values, with the wording the user sees for each problem.
import type { ExportCell } from './export-cell.js';
import { messageText, optionalText } from './export-cell.js';
import { parseExportDate } from './export-date.js';
import type { TimeZone } from '../time/zoned-time.js';

/** A cell's content quoted for a message, shortened so one long cell does not flood the error list. */
export function quoted(cell: ExportCell | undefined): string {
  const text = optionalText(cell) ?? '';
  const short = text.length > 60 ? `${text.slice(0, 57)}...` : text;
  return JSON.stringify(short);
}

const EARLIEST_POST = Date.UTC(2000, 0, 1);
const FUTURE_SLACK_MS = 24 * 3_600_000;

/** UTC milliseconds of a required date cell, or the problem. `expected` names the forms, for the message. */
export function requiredDate(
  cell: ExportCell | undefined,
  zone: TimeZone,
  label: string,
  expected: string,
  now = Date.now(),
): number | string {
  if (cell === undefined || optionalText(cell) === null) return `${label} is empty`;
  const instant = parseExportDate(cell, zone);
  // The same limits as the ingest checks, said here with the cell as written rather than as a UTC instant.
  if (typeof instant === 'number') {
    if (instant < EARLIEST_POST) return `date ${quoted(cell)} is before 2000`;
    if (instant > now + FUTURE_SLACK_MS) return `date ${quoted(cell)} is in the future`;
    return instant;
  }
  switch (instant) {
    case 'nonexistent':
      return `date ${quoted(cell)} does not exist`;
    case 'out-of-range':
      return `date ${quoted(cell)} is outside the years 1970-2100`;
    case 'unreadable':
      return `date ${quoted(cell)} could not be read (expected ${expected})`;
  }
}

/** The message text of a row, or the problem: a mention without text cannot be scored. */
export function requiredText(cell: ExportCell | undefined, label: string): string | { problem: string } {
  const text = messageText(cell);
  if (text === null) return { problem: `${label} is empty` };
  if (text.indexOf('\u0000') >= 0) return { problem: `${label} contains NUL characters (binary data?)` };
  return text;
}
