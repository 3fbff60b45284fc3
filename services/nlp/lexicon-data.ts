// The word lists of the Dutch scorer, read from assets/lexicons/ (data, not code; see its README). Each list is
// stored as its lines and handed on as one text, joined exactly as written: the lexicon's digest, which names
// the lexicon in every stored score, is taken over these texts, so a blank line counts.
import { readFileSync } from 'node:fs';
import { assetPath } from '../assets.js';
import type { DutchSentimentParameters } from './dutch.sentiment.js';

export interface DomainLexiconData {
  table: string;
  phrases: string;
  negators: string;
  modifiers: string;
  clauseBreaks: string;
  negativePrefixes: string;
  intensifyingPrefixes: string;
  neutralised: string;
  ironyMarkers: string;
}

export interface PatternLexiconData {
  attribution: string;
  table: string;
}

export interface FittedSentimentData {
  /** Which sets (their tuning parts) the weights and parameters were fitted on. */
  fittedOn: string;
  /** Null: the scorer's default parameters. */
  parameters: DutchSentimentParameters | null;
  /** `key weight` per line: fitted weights that replace listed polarities. */
  weights: string;
}

const DOMAIN_LISTS = [
  'table',
  'phrases',
  'negators',
  'modifiers',
  'clauseBreaks',
  'negativePrefixes',
  'intensifyingPrefixes',
  'neutralised',
  'ironyMarkers',
] as const;

const cache = new Map<string, Record<string, unknown>>();

function readLexiconFile(name: string): Record<string, unknown> {
  const cached = cache.get(name);
  if (cached) return cached;
  const file = assetPath(`lexicons/${name}`);
  const data: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    throw new Error(`${file}: expected a JSON object`);
  cache.set(name, data as Record<string, unknown>);
  return data as Record<string, unknown>;
}

function text(data: Record<string, unknown>, name: string, field: string): string {
  const lines = data[field];
  if (!Array.isArray(lines) || !lines.every((line) => typeof line === 'string'))
    throw new Error(`assets/lexicons/${name}: "${field}" must be a list of lines (strings)`);
  return lines.join('\n');
}

function label(data: Record<string, unknown>, name: string, field: string): string {
  const value = data[field];
  if (typeof value !== 'string') throw new Error(`assets/lexicons/${name}: "${field}" must be a string`);
  return value;
}

/** Our own words for government and corona talk, and the closed word classes (assets/lexicons/domain-nl.json). */
export function domainLexicon(): DomainLexiconData {
  const data = readLexiconFile('domain-nl.json');
  const lists = Object.fromEntries(DOMAIN_LISTS.map((field) => [field, text(data, 'domain-nl.json', field)]));
  return lists as unknown as DomainLexiconData;
}

/** Pattern's Dutch adjectives, one line per word form (assets/lexicons/pattern-nl.json). */
export function patternLexicon(): PatternLexiconData {
  const data = readLexiconFile('pattern-nl.json');
  return {
    attribution: label(data, 'pattern-nl.json', 'attribution'),
    table: text(data, 'pattern-nl.json', 'table'),
  };
}

/** What the fit (tools/nlp/sentiment.fit.ts) wrote: rule parameters and word weights. */
export function fittedSentiment(): FittedSentimentData {
  const data = readLexiconFile('sentiment-nl.fitted.json');
  const parameters = data.parameters;
  if (parameters !== null && (typeof parameters !== 'object' || Array.isArray(parameters)))
    throw new Error('assets/lexicons/sentiment-nl.fitted.json: "parameters" must be an object or null');
  return {
    fittedOn: label(data, 'sentiment-nl.fitted.json', 'fittedOn'),
    parameters: parameters as DutchSentimentParameters | null,
    weights: text(data, 'sentiment-nl.fitted.json', 'weights'),
  };
}
