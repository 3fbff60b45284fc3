// Mentions as CSV for analysts who work in a spreadsheet: semicolons and a byte-order mark, as Dutch Excel expects,
// and every text cell neutralised, so a post that starts with "=" is never run as a formula.
import { neutraliseCell } from '../importers/spreadsheet-cell.js';
import type { StoredMention } from './stored-mention.js';

export const CSV_HEADER = [
  'id',
  'posted_at',
  'source',
  'platform',
  'author',
  'author_kind',
  'url',
  'language',
  'title',
  'text',
  'sentiment',
  'sentiment_score',
  'sentiment_model',
  'tool_sentiment',
  'topics',
  'reach',
  'engagement',
];

function cell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = neutraliseCell(value);
  return /[;"\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvLine(values: (string | number | null)[]): string {
  return `${values.map(cell).join(';')}\r\n`;
}

export function mentionCsvLine(mention: StoredMention): string {
  return csvLine([
    mention.id,
    mention.postedAt.toISOString(),
    mention.sourceKind,
    mention.platform,
    mention.author,
    mention.authorKind,
    mention.url,
    mention.language,
    mention.title,
    mention.text,
    mention.sentiment.label,
    mention.sentiment.score,
    mention.sentiment.model,
    mention.toolSentiment,
    mention.topics.join(','),
    mention.reach,
    mention.engagement,
  ]);
}

export const CSV_BOM = '\uFEFF';
