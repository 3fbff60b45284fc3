// The question register's domain: channels, statuses, how a question was answered, who acts on it, and the checks
// every new question passes before anything is stored.
import { badRequest } from '../request-error.js';

export const QUESTION_CHANNELS = ['telefoon', 'e-mail', 'balie', 'webformulier', 'social'] as const;
export type QuestionChannel = (typeof QUESTION_CHANNELS)[number];

export const QUESTION_STATUSES = [
  'nieuw',
  'doorgestuurd',
  'in behandeling',
  'wacht op inwoner',
  'beantwoord',
  'gesloten',
] as const;
export type QuestionStatus = (typeof QUESTION_STATUSES)[number];

export const ANSWERED_HOW = ['telefonisch teruggebeld', 'per e-mail', 'verwezen naar'] as const;
export type AnsweredHow = (typeof ANSWERED_HOW)[number];

/** The roles of people and keys that act on questions (the web users' roles; API keys map onto them). */
export const QUESTION_ROLES = ['kcc', 'team', 'coordinator', 'analyst', 'admin'] as const;
export type QuestionRole = (typeof QUESTION_ROLES)[number];

export interface QuestionActor {
  /** Shown in the history: a user name, a key's name, or `import:<file>`. */
  name: string;
  role: QuestionRole;
  /** The team of a `team` member; null for everyone else. */
  team: string | null;
  /** The API key that acted, for the access log; null for people and the CLI. */
  apiKeyId: string | null;
}

export const MAX_QUESTION_CHARS = 20_000;
export const MAX_EXTERNAL_ID_CHARS = 2_000;

export interface QuestionContact {
  name: string | null;
  phone: string | null;
  email: string | null;
}

/** A question as it arrives from the form, an import row or the API, before classification. */
export interface QuestionInput {
  externalId: string;
  receivedAt: Date;
  channel: QuestionChannel;
  text: string;
  /** Overrides routing by topic. */
  team: string | null;
  callback: { wanted: boolean; by: Date | null };
  contact: QuestionContact | null;
}

/** A raw question from outside, as the API and the importers pass it on. */
export interface RawQuestion {
  external_id: string;
  received_at: string | Date;
  channel: string;
  text: string;
  team?: string | null;
  callback?: { wanted?: boolean; by?: string | null } | boolean | null;
  contact?: { name?: string | null; phone?: string | null; email?: string | null } | null;
}

function optionalText(value: unknown, field: string, max: number): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw badRequest(`${field}: expected text`);
  const trimmed = value.trim();
  if (trimmed.length > max) throw badRequest(`${field}: at most ${max} characters, got ${trimmed.length}`);
  return trimmed === '' ? null : trimmed;
}

function instant(value: unknown, field: string): Date {
  const date = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : new Date(NaN);
  if (Number.isNaN(date.getTime()))
    throw badRequest(
      `${field}: "${String(value)}" is not a date and time (ISO 8601, e.g. 2026-12-02T09:30:00+01:00)`,
    );
  return date;
}

/**
 * Checks one raw question and gives its typed form; `field` names where it sits (e.g. `questions[3]`), so the error
 * says which field of which question is wrong. Script and markup are kept as text: pages escape on output.
 */
export function parseQuestion(
  raw: RawQuestion,
  field: string,
  knownTeams: ReadonlySet<string>,
): QuestionInput {
  const externalId = optionalText(raw.external_id, `${field}.external_id`, MAX_EXTERNAL_ID_CHARS);
  if (externalId === null) throw badRequest(`${field}.external_id: required (a stable id within the source)`);
  const text = typeof raw.text === 'string' ? raw.text.trim() : '';
  if (text === '') throw badRequest(`${field}.text: a question needs its text`);
  if (text.length > MAX_QUESTION_CHARS)
    throw badRequest(`${field}.text: at most ${MAX_QUESTION_CHARS} characters, got ${text.length}`);
  const channel = raw.channel as QuestionChannel;
  if (!QUESTION_CHANNELS.includes(channel))
    throw badRequest(
      `${field}.channel: "${String(raw.channel)}" is not one of ${QUESTION_CHANNELS.join(', ')}`,
    );
  const team = optionalText(raw.team, `${field}.team`, 100);
  if (team !== null && !knownTeams.has(team))
    throw badRequest(`${field}.team: no team "${team}"; configured teams: ${[...knownTeams].join(', ')}`);
  const callback =
    raw.callback === undefined || raw.callback === null || raw.callback === false
      ? { wanted: false, by: null }
      : raw.callback === true
        ? { wanted: true, by: null }
        : {
            wanted: raw.callback.wanted ?? true,
            by:
              raw.callback.by === undefined || raw.callback.by === null
                ? null
                : instant(raw.callback.by, `${field}.callback.by`),
          };
  let contact: QuestionContact | null = null;
  if (raw.contact !== undefined && raw.contact !== null) {
    contact = {
      name: optionalText(raw.contact.name, `${field}.contact.name`, 300),
      phone: optionalText(raw.contact.phone, `${field}.contact.phone`, 50),
      email: optionalText(raw.contact.email, `${field}.contact.email`, 320),
    };
    if (contact.email !== null && !/^[^\s@]+@[^\s@]+$/.test(contact.email))
      throw badRequest(`${field}.contact.email: "${contact.email}" is not an e-mail address`);
    if (contact.name === null && contact.phone === null && contact.email === null) contact = null;
  }
  return {
    externalId,
    receivedAt: instant(raw.received_at, `${field}.received_at`),
    channel,
    text,
    team,
    callback,
    contact,
  };
}

/** Which status changes a person may make by hand; answering and closing have their own calls. */
export const SETTABLE_STATUSES: readonly QuestionStatus[] = ['in behandeling', 'wacht op inwoner'];

/** Whether an actor may see (and act on) a question of this team. */
export function mayHandle(actor: QuestionActor, team: string): boolean {
  if (actor.role === 'team') return actor.team === team;
  return actor.role === 'coordinator' || actor.role === 'admin' || actor.role === 'analyst';
}

/** Contact details are for the callback only: the assigned team and the coordinator. */
export function mayReadContact(actor: QuestionActor, team: string): boolean {
  return actor.role === 'coordinator' || (actor.role === 'team' && actor.team === team);
}
