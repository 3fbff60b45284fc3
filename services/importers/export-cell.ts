// Cell values as the readers hand them to the presets: CSV gives strings; XLSX also gives numbers and date cells.
// The helpers here read the common kinds of cell (text, counts, sentiment labels, languages) the same way for every
// preset. Nothing here evaluates a cell: text that starts with = + - @ stays the text it is.
import type { ToolSentiment } from '../ingest/raw-mention.js';

export type ExportCell = string | number | Date | null;

/** Trimmed text, or null for an empty or missing cell. */
export function optionalText(cell: ExportCell | undefined): string | null {
  if (cell === null || cell === undefined) return null;
  if (typeof cell === 'string') {
    const text = cell.trim();
    return text.length === 0 ? null : text;
  }
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : null;
  return Number.isNaN(cell.getTime()) ? null : cell.toISOString();
}

/** Message text: trimmed, line breaks as \n. */
export function messageText(cell: ExportCell | undefined): string | null {
  const text = optionalText(cell);
  if (text === null || text.indexOf('\r') < 0) return text;
  return text.replace(/\r\n?/g, '\n');
}

const THOUSANDS = /^\d{1,3}(?:([.,\s'])\d{3})(?:\1\d{3})*$/;
const DECIMAL = /^\d+(?:[.,]\d+)?$/;
const ABBREVIATED = /^(\d+(?:[.,]\d+)?)\s*([km])$/i;

/**
 * A non-negative count such as reach or engagement: 1234, 1.234 / 1,234 (thousands), 12,5 (decimal comma,
 * rounded), 1.2K. Returns null for an empty cell and for anything that is not such a number.
 */
export function parseCount(cell: ExportCell | undefined): number | null {
  if (cell === null || cell === undefined || cell instanceof Date) return null;
  if (typeof cell === 'number') return Number.isFinite(cell) && cell >= 0 ? Math.round(cell) : null;
  const text = cell.trim();
  if (text.length === 0) return null;
  if (THOUSANDS.test(text)) return Number(text.replace(/[.,\s']/g, ''));
  if (DECIMAL.test(text)) return Math.round(Number(text.replace(',', '.')));
  const short = ABBREVIATED.exec(text);
  if (short !== null) {
    const factor = short[2]!.toLowerCase() === 'k' ? 1_000 : 1_000_000;
    return Math.round(Number(short[1]!.replace(',', '.')) * factor);
  }
  return null;
}

const SENTIMENT_WORDS = new Map<string, ToolSentiment>([
  ['positive', 'positive'],
  ['positief', 'positive'],
  ['pos', 'positive'],
  ['negative', 'negative'],
  ['negatief', 'negative'],
  ['neg', 'negative'],
  ['neutral', 'neutral'],
  ['neutraal', 'neutral'],
  ['neu', 'neutral'],
]);

/**
 * The listening tool's sentiment label. Words (positief/negatief/neutraal, positive/negative/neutral) map directly;
 * numbers map by their sign (Talkwalker's -5..5, Coosto's -1..1), so 0 is neutral. Anything else (empty,
 * "Not Rated", "onbekend", a number out of range) is null: the mention is kept, just without a label.
 */
export function parseToolSentiment(cell: ExportCell | undefined, maxMagnitude = 5): ToolSentiment | null {
  if (cell === null || cell === undefined || cell instanceof Date) return null;
  let value: number;
  if (typeof cell === 'number') value = cell;
  else {
    const text = cell.trim().toLowerCase();
    const word = SENTIMENT_WORDS.get(text);
    if (word !== undefined) return word;
    if (!/^[+-]?\d+(?:[.,]\d+)?$/.test(text)) return null;
    value = Number(text.replace(',', '.'));
  }
  if (!Number.isFinite(value) || Math.abs(value) > maxMagnitude) return null;
  return value > 0 ? 'positive' : value < 0 ? 'negative' : 'neutral';
}

const LANGUAGE_NAMES = new Map<string, string>([
  ['dutch', 'nl'],
  ['nederlands', 'nl'],
  ['flemish', 'nl'],
  ['english', 'en'],
  ['engels', 'en'],
  ['german', 'de'],
  ['duits', 'de'],
  ['french', 'fr'],
  ['frans', 'fr'],
  ['spanish', 'es'],
  ['spaans', 'es'],
  ['italian', 'it'],
  ['italiaans', 'it'],
  ['portuguese', 'pt'],
  ['turkish', 'tr'],
  ['turks', 'tr'],
  ['arabic', 'ar'],
  ['arabisch', 'ar'],
  ['polish', 'pl'],
  ['pools', 'pl'],
  ['frisian', 'fy'],
  ['fries', 'fy'],
]);

/** ISO 639-1 code from a code (nl, nl-NL, en_GB) or an English or Dutch language name; null when unknown. */
export function languageCode(cell: ExportCell | undefined): string | null {
  const text = optionalText(cell)?.toLowerCase();
  if (text === undefined) return null;
  const code = /^([a-z]{2})(?:[-_][a-z0-9]+)?$/.exec(text);
  if (code !== null) return code[1]!;
  return LANGUAGE_NAMES.get(text) ?? null;
}

/** Whether a cell holds a web address that can serve as the mention's URL and external id. */
export function isWebAddress(text: string): boolean {
  return /^(?:https?:\/\/|www\.)[^\s]+$/i.test(text);
}

/** Whether every cell of a record is empty: a blank line, or a row of only delimiters. */
export function isBlankRecord(cells: readonly ExportCell[]): boolean {
  for (const cell of cells) {
    if (cell === null) continue;
    if (typeof cell !== 'string' || cell.trim().length > 0) return false;
  }
  return true;
}
