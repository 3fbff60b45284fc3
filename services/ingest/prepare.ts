// From a RawMention to the row that is stored: checked, normalised, enriched and pseudonymised.
// Pure logic, no I/O: the same function serves imports, pollers and the push API.
import crypto from 'node:crypto';
import { cutForScoring } from '../nlp/scoring-cut.js';
import type { SentimentLabel } from '../nlp/sentiment-label.js';
import type { AuthorKind } from '../privacy/author-kind.js';
import type { Pseudonymiser } from '../privacy/pseudonym.js';
import type { RawMention, ToolSentiment } from './raw-mention.js';

/** What the pipeline needs of the NLP enricher (services/nlp/enricher.ts provides it). */
export interface TextEnricher {
  enrich(
    text: string,
    hints?: { language?: string | null; title?: string | null },
  ): {
    language: 'nl' | 'en' | 'und';
    sentiment: { score: number; label: SentimentLabel; confidence: number; model: string };
    topics: string[];
  };
  readonly versions: { topics: string };
}

export interface PreparedMention {
  externalId: string;
  url: string | null;
  platform: string | null;
  authorPseudonym: string | null;
  authorName: string | null;
  authorKind: AuthorKind;
  postedAt: Date;
  language: string;
  title: string | null;
  text: string;
  reach: number | null;
  engagement: number | null;
  sentimentScore: number;
  sentimentLabel: SentimentLabel;
  sentimentConfidence: number;
  sentimentModel: string;
  toolSentiment: ToolSentiment | null;
  topics: string[];
  topicsModel: string;
  country: string | null;
}

export interface PrepareContext {
  enricher: TextEnricher;
  pseudonymise: Pseudonymiser;
  now: Date;
  /**
   * Scores a whole batch elsewhere (the scoring workers, services/nlp/enrichment-pool.ts), results in input order;
   * absent when scoring stays in this thread. Same scorer and model as `enricher`, so the rows are the same.
   */
  enrichMany?: (inputs: readonly ScoringInput[]) => Promise<TextEnrichment[]>;
}

export type Prepared = { ok: true; mention: PreparedMention } | { ok: false; reason: string };

// Limits that keep one bad item from hurting the rest: ids stay indexable, texts stay scorable.
export const MAX_EXTERNAL_ID = 512;
export const MAX_TEXT = 100_000;
const EARLIEST = Date.UTC(2000, 0, 1);
const FUTURE_SLACK_MS = 24 * 3600_000;

// Control characters other than tab and newline break CSV exports and terminals.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

export function cleanText(value: string | null, max: number): string | null {
  if (value === null) return null;
  const cleaned = value.normalize('NFC').replace(CONTROL, '').replace(/\r\n?/g, '\n').trim();
  if (cleaned === '') return null;
  return cleaned.length > max ? cleaned.slice(0, max) : cleaned;
}

/** Long ids (some URLs) are replaced by their hash, so the unique index stays small and fast. */
export function normaliseExternalId(id: string): string {
  const trimmed = id.trim();
  if (trimmed.length <= MAX_EXTERNAL_ID) return trimmed;
  return `sha256:${crypto.createHash('sha256').update(trimmed).digest('hex')}`;
}

function count(value: number | null, field: string): { value: number | null } | { reason: string } {
  if (value === null) return { value: null };
  if (!Number.isFinite(value) || value < 0)
    return { reason: `${field} must be a non-negative number, got ${value}` };
  return { value: Math.min(Math.round(value), Number.MAX_SAFE_INTEGER) };
}

function language(code: string | null): string | null {
  if (code === null) return null;
  const short = code.trim().toLowerCase().slice(0, 2);
  return /^[a-z]{2}$/.test(short) ? short : null;
}

/** A mention that passed the checks, cleaned, waiting for its enrichment. */
export interface CheckedMention {
  raw: RawMention;
  externalId: string;
  title: string | null;
  text: string;
  reach: number | null;
  engagement: number | null;
  /** What is scored: the cut text (with its title), the stated language, the title. */
  scoring: ScoringInput;
}

export interface ScoringInput {
  text: string;
  language: string | null;
  title: string | null;
}

/** What enrichment gives one text (TextEnricher.enrich, in this thread or in a scoring worker). */
export type TextEnrichment = ReturnType<TextEnricher['enrich']>;

/** The checks and cleaning of prepareMention, before enrichment. */
export function checkMention(
  raw: RawMention,
  now: Date,
): { ok: true; checked: CheckedMention } | { ok: false; reason: string } {
  const externalId = normaliseExternalId(raw.externalId);
  if (externalId === '') return { ok: false, reason: 'the item has no id' };

  const posted = raw.postedAt.getTime();
  if (Number.isNaN(posted)) return { ok: false, reason: 'the date is not a valid date' };
  if (posted < EARLIEST)
    return { ok: false, reason: `the date ${raw.postedAt.toISOString()} is before 2000` };
  if (posted > now.getTime() + FUTURE_SLACK_MS) {
    return { ok: false, reason: `the date ${raw.postedAt.toISOString()} is in the future` };
  }

  const title = cleanText(raw.title, 1_000);
  const text = cleanText(raw.text, MAX_TEXT) ?? title;
  if (text === null) return { ok: false, reason: 'the item has no text' };

  const reach = count(raw.reach, 'reach');
  if ('reason' in reach) return { ok: false, reason: reach.reason };
  const engagement = count(raw.engagement, 'engagement');
  if ('reason' in engagement) return { ok: false, reason: engagement.reason };

  const scored = text === title || title === null ? text : `${title}\n${text}`;
  return {
    ok: true,
    checked: {
      raw,
      externalId,
      title,
      text,
      reach: reach.value,
      engagement: engagement.value,
      scoring: { text: cutForScoring(scored), language: language(raw.language), title },
    },
  };
}

/** The stored row from a checked mention and its enrichment: pseudonymised, scores to 3 decimals. */
export function completeMention(
  checked: CheckedMention,
  enrichment: TextEnrichment,
  context: Pick<PrepareContext, 'pseudonymise'> & { topicsModel: string },
): PreparedMention {
  const { raw, title, text } = checked;
  const platform = cleanText(raw.platform, 100)?.toLowerCase() ?? null;
  const author = context.pseudonymise(cleanText(raw.author, 300), platform);
  return {
    externalId: checked.externalId,
    url: cleanText(raw.url, 4_000),
    platform,
    authorPseudonym: author.pseudonym,
    authorName: author.name,
    authorKind: author.kind,
    postedAt: raw.postedAt,
    language: enrichment.language,
    title: title === text ? null : title,
    text,
    reach: checked.reach,
    engagement: checked.engagement,
    sentimentScore: Math.round(enrichment.sentiment.score * 1000) / 1000,
    sentimentLabel: enrichment.sentiment.label,
    sentimentConfidence: Math.round(enrichment.sentiment.confidence * 1000) / 1000,
    sentimentModel: enrichment.sentiment.model,
    toolSentiment: raw.toolSentiment,
    topics: enrichment.topics,
    topicsModel: context.topicsModel,
    country: cleanText(raw.country, 10)?.toUpperCase() ?? null,
  };
}

export function prepareMention(raw: RawMention, context: PrepareContext): Prepared {
  const result = checkMention(raw, context.now);
  if (!result.ok) return result;
  const { scoring } = result.checked;
  const enrichment = context.enricher.enrich(scoring.text, {
    language: scoring.language,
    title: scoring.title,
  });
  return {
    ok: true,
    mention: completeMention(result.checked, enrichment, {
      pseudonymise: context.pseudonymise,
      topicsModel: context.enricher.versions.topics,
    }),
  };
}
