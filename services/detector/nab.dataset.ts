// Reading the NAB folder layout: <dataDir>/data/<category>/<file>.csv (timestamp,value) and labels/combined_windows.json.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseNabTimestamp } from './nab.scorer.js';

export interface NabSeries {
  /** UTC epoch milliseconds per row, in file order. */
  timestamps: number[];
  values: number[];
}

export type NabWindows = Record<string, [string, string][]>;

/** Parses a `timestamp,value` CSV; a header row is recognised by its non-numeric value column. */
export function parseNabCsv(text: string): NabSeries {
  const timestamps: number[] = [];
  const values: number[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    const comma = line.indexOf(',');
    if (comma < 0) throw new Error(`line ${i + 1}: expected "timestamp,value"`);
    const valueText = line.slice(comma + 1).trim();
    const value = Number(valueText);
    if (i === 0 && (valueText === '' || Number.isNaN(value))) return;
    if (valueText === '' || !Number.isFinite(value))
      throw new Error(`line ${i + 1}: bad value "${valueText}"`);
    timestamps.push(parseNabTimestamp(line.slice(0, comma)));
    values.push(value);
  });
  return { timestamps, values };
}

export async function readNabSeries(path: string): Promise<NabSeries> {
  return parseNabCsv(await readFile(path, 'utf8'));
}

export async function readNabWindows(path: string): Promise<NabWindows> {
  const json = JSON.parse(await readFile(path, 'utf8')) as unknown;
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new Error(`${path}: expected an object of file -> windows`);
  }
  const out: NabWindows = {};
  for (const [file, windows] of Object.entries(json)) {
    if (!Array.isArray(windows)) throw new Error(`${path}: windows of ${file} are not a list`);
    out[file] = windows.map((w: unknown) => {
      if (!Array.isArray(w) || w.length !== 2 || typeof w[0] !== 'string' || typeof w[1] !== 'string') {
        throw new Error(`${path}: a window of ${file} is not a [start, end] pair`);
      }
      return [w[0], w[1]];
    });
  }
  return out;
}

/** Relative names ('<category>/<file>.csv') of every CSV under <dataDir>/data, or one category of it, sorted. */
export async function listNabFiles(dataDir: string, category?: string): Promise<string[]> {
  const root = join(dataDir, 'data');
  const categories = category
    ? [category]
    : (await readdir(root, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name);
  const names: string[] = [];
  for (const c of categories) {
    const entries = await readdir(join(root, c), { withFileTypes: true });
    for (const e of entries) if (e.isFile() && e.name.endsWith('.csv')) names.push(`${c}/${e.name}`);
  }
  return names.sort();
}
