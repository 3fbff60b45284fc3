// The FAQ register's domain: statuses, audiences, who may read and edit, the fields of an FAQ, its content hash (a
// change is a version), the names of the fields that changed, and the records the FAQs repository reads and writes
// (an FAQ with its measures' last change, list filters, stale candidates, the notice outbox).
import { createHash } from 'node:crypto';
import type { UserRole } from '../users/user.js';

export const FAQ_STATUSES = ['concept', 'gepubliceerd', 'verlopen'] as const;
export type FaqStatus = (typeof FAQ_STATUSES)[number];

export const FAQ_AUDIENCES = ['inwoners', 'ondernemers', 'instellingen'] as const;
export type FaqAudience = (typeof FAQ_AUDIENCES)[number];

export const FAQ_VERSION_ORIGINS = ['import', 'manual', 'api', 'check', 'stale'] as const;
export type FaqVersionOrigin = (typeof FAQ_VERSION_ORIGINS)[number];

/** Who reads concept and expired FAQs too: the people who write, answer with and study them. */
export const FAQ_DRAFT_READERS: readonly UserRole[] = ['kcc', 'coordinator', 'analyst', 'admin'];
/** Who adds, edits and checks FAQs. */
export const FAQ_EDITORS: readonly UserRole[] = ['coordinator', 'admin'];

export const MAX_FAQ_QUESTION_CHARS = 1_000;
export const MAX_FAQ_ANSWER_CHARS = 20_000;

export interface FaqActor {
  /** Shown in the versions: a user name, `key:<name>` or `import:<file>`. */
  name: string;
  role: UserRole;
  /** The API key that acted; null for people and the CLI. */
  apiKeyId: string | null;
}

export function isFaqStatus(value: string): value is FaqStatus {
  return (FAQ_STATUSES as readonly string[]).includes(value);
}

export function isFaqAudience(value: string): value is FaqAudience {
  return (FAQ_AUDIENCES as readonly string[]).includes(value);
}

export function mayReadDrafts(role: UserRole): boolean {
  return FAQ_DRAFT_READERS.includes(role);
}

export function mayEditFaqs(role: UserRole): boolean {
  return FAQ_EDITORS.includes(role);
}

/** What an FAQ says and to whom: everything a version records. */
export interface FaqFields {
  question: string;
  answer: string;
  url: string | null;
  topics: string[];
  audience: FaqAudience[];
  status: FaqStatus;
  validFrom: string | null;
  validUntil: string | null;
  ownerUserId: string | null;
  ownerTeam: string | null;
  measureIds: string[];
}

export interface FaqStale {
  reason: string;
  at: Date;
  measureId: string | null;
}

export interface Faq extends FaqFields {
  id: string;
  externalId: string | null;
  version: number;
  lastCheckedAt: Date | null;
  stale: FaqStale | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface FaqVersion {
  version: number;
  data: FaqFields;
  changed: string[];
  actor: string;
  origin: FaqVersionOrigin;
  recordedAt: Date;
}

const FIELD_ORDER: readonly (keyof FaqFields)[] = [
  'question',
  'answer',
  'url',
  'topics',
  'audience',
  'status',
  'validFrom',
  'validUntil',
  'ownerUserId',
  'ownerTeam',
  'measureIds',
];

/** Lists compare as sets: the order a file or form gives them in is no change. */
function canonical(fields: FaqFields): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of FIELD_ORDER) {
    const value = fields[name];
    out[name] = Array.isArray(value) ? [...new Set(value)].sort() : value;
  }
  return out;
}

export function faqContentHash(fields: FaqFields): string {
  return createHash('sha256')
    .update(JSON.stringify(canonical(fields)))
    .digest('hex');
}

export function changedFaqFields(before: FaqFields, after: FaqFields): string[] {
  const a = canonical(before);
  const b = canonical(after);
  return FIELD_ORDER.filter((name) => JSON.stringify(a[name]) !== JSON.stringify(b[name]));
}

/** Only the fields of a stored FAQ, for a version's data and for comparing. */
export function fieldsOf(faq: FaqFields): FaqFields {
  const out = {} as Record<keyof FaqFields, unknown>;
  for (const name of FIELD_ORDER) out[name] = faq[name];
  return out as unknown as FaqFields;
}

/** An FAQ as the register reads it, with when its linked measures last changed. */
export interface FaqRecord extends Faq {
  /** The newest `updated_at` of the linked measures; null without links. */
  measuresChangedAt: Date | null;
}

export interface FaqListFilter {
  statuses: readonly FaqStatus[];
  topic: string | null;
  q: string | null;
  /** Only FAQs flagged stale, or checked before their measures last changed. */
  needsCheck: boolean;
  /** The last id of the previous page. */
  afterId: string | null;
  limit: number;
}

export interface StaleCandidate {
  id: string;
  question: string;
  ownerTeam: string | null;
  /** The team of the owning user, when the owner is a user. */
  ownerUserTeam: string | null;
  ownerUserName: string | null;
  /** Whether this FAQ is already flagged for this measure version (a change seen twice is flagged once). */
  alreadyFlagged: boolean;
}

export interface FaqNoticeRow {
  faqId: string;
  measureId: string;
  measureVersion: number;
  channelId: string;
  message: unknown;
}

export interface ClaimedFaqNotice {
  id: string;
  faqId: string;
  channelId: string;
  message: unknown;
  attempts: number;
  createdAt: Date;
}
