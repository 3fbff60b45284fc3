// How commands print: JSON on stdout for machines, aligned text for people, problems on stderr.
import { localDateTime } from '../time/zoned-time.js';

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

export function printLines(lines: string[]): void {
  process.stdout.write(`${lines.join('\n')}\n`);
}

export function table(rows: [string, string | number][]): string[] {
  const width = Math.max(...rows.map(([label]) => label.length));
  return rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`);
}

/** A column of a table: its header and how a row shows in it ('' or null: nothing to show). */
export interface Column<Row> {
  header: string;
  value: (row: Row) => string | number | null;
  /** Numbers read best aligned to the right. */
  align?: 'left' | 'right';
}

/**
 * Rows as an aligned table under a header line. A column that is empty in every row is left out, so a list
 * without revoked keys has no "revoked" column.
 */
export function printableTable<Row>(columns: Column<Row>[], rows: readonly Row[]): string[] {
  const cells = columns.map((column) => rows.map((row) => String(column.value(row) ?? '')));
  const shown = columns
    .map((column, index) => ({ column, values: cells[index]! }))
    .filter(({ values }) => values.some((value) => value.length > 0));
  const widths = shown.map(({ column, values }) =>
    Math.max(column.header.length, ...values.map((value) => value.length)),
  );
  const line = (texts: string[]) =>
    texts
      .map((text, index) =>
        shown[index]!.column.align === 'right' ? text.padStart(widths[index]!) : text.padEnd(widths[index]!),
      )
      .join('  ')
      .trimEnd();
  return [
    line(shown.map(({ column }) => column.header)),
    ...rows.map((_, row) => line(shown.map(({ values }) => values[row]!))),
  ];
}

const UNITS: [ms: number, one: string, many: string][] = [
  [365 * 86_400_000, 'jaar', 'jaar'],
  [30 * 86_400_000, 'maand', 'maanden'],
  [7 * 86_400_000, 'week', 'weken'],
  [86_400_000, 'dag', 'dagen'],
  [3_600_000, 'uur', 'uur'],
  [60_000, 'minuut', 'minuten'],
];

/** How long ago, in Dutch as the users read it: "3 dagen geleden", "1 uur geleden", "zojuist"; "over 5 minuten" ahead. */
export function dutchAgo(at: Date, now: Date): string {
  const difference = now.getTime() - at.getTime();
  const size = Math.abs(difference);
  const unit = UNITS.find(([ms]) => size >= ms);
  if (unit === undefined) return difference >= 0 ? 'zojuist' : 'zo meteen';
  const count = Math.floor(size / unit[0]);
  const amount = `${count} ${count === 1 ? unit[1] : unit[2]}`;
  return difference >= 0 ? `${amount} geleden` : `over ${amount}`;
}

/** A time as a local date and time in the configured time zone: "2026-12-02 08:15". */
export function localTime(at: Date, timeZone: string): string {
  return localDateTime(at.getTime(), timeZone);
}
