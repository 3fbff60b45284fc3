// Rows in PostgreSQL's COPY text format: tab between fields, newline after each row, \N for null, and a backslash
// before backslash, tab, newline and carriage return inside a value. What `COPY ... FROM STDIN` reads back as the
// same values a parameter would carry (numbers as their decimal text, as node-postgres writes them too).

export type CopyValue = string | number | null;

const SPECIAL = /[\\\t\n\r]/;
const SPECIALS = /[\\\t\n\r]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

export function copyField(value: CopyValue): string {
  if (value === null) return '\\N';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`cannot copy the number ${value}`);
    return String(value);
  }
  return SPECIAL.test(value) ? value.replace(SPECIALS, (c) => ESCAPES[c]!) : value;
}

/** One row: its fields in column order, tab-separated, newline-terminated. */
export function copyRow(values: readonly CopyValue[]): string {
  let line = '';
  for (let i = 0; i < values.length; i++) line += (i === 0 ? '' : '\t') + copyField(values[i]!);
  return `${line}\n`;
}
