// Checks FAQ fields as the API, the web form and an import give them: every problem names its field, and the topics
// are resolved against the taxonomy (id, alias or label), owners against the teams and users.
import { isCalendarDate } from '../time/calendar-date.js';
import {
  isFaqAudience,
  isFaqStatus,
  MAX_FAQ_ANSWER_CHARS,
  MAX_FAQ_QUESTION_CHARS,
  type FaqAudience,
  type FaqFields,
} from './faq.js';

/** Fields as they come from outside; every one optional on an edit. */
export interface FaqInput {
  question?: string;
  answer?: string;
  url?: string | null;
  topics?: readonly string[];
  audience?: readonly string[];
  status?: string;
  valid_from?: string | null;
  valid_until?: string | null;
  /** `team:<id>`, `user:<id>` or null. */
  owner?: string | null;
  measures?: readonly string[];
}

export interface FaqInputChecks {
  resolveTopic: (value: string) => string | null;
  topicIds: readonly string[];
  teams: ReadonlySet<string>;
}

/** A field's problem, as `field: message`. */
export type FieldProblem = { field: string; message: string };

export function ownerText(fields: Pick<FaqFields, 'ownerTeam' | 'ownerUserId'>): string | null {
  if (fields.ownerTeam !== null) return `team:${fields.ownerTeam}`;
  if (fields.ownerUserId !== null) return `user:${fields.ownerUserId}`;
  return null;
}

/**
 * Applies `input` over `base` (the stored FAQ, or empty fields for a new one) and checks the result. Returns the
 * fields and the problems; the caller refuses the whole input when there is any problem.
 */
export function applyFaqInput(
  base: FaqFields,
  input: FaqInput,
  checks: FaqInputChecks,
): { fields: FaqFields; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const fields: FaqFields = { ...base };
  if (input.question !== undefined) fields.question = input.question.trim();
  if (fields.question === '') problems.push({ field: 'question', message: 'is empty' });
  else if (fields.question.length > MAX_FAQ_QUESTION_CHARS)
    problems.push({ field: 'question', message: `is longer than ${MAX_FAQ_QUESTION_CHARS} characters` });
  if (input.answer !== undefined) fields.answer = input.answer.trim();
  if (fields.answer === '') problems.push({ field: 'answer', message: 'is empty' });
  else if (fields.answer.length > MAX_FAQ_ANSWER_CHARS)
    problems.push({ field: 'answer', message: `is longer than ${MAX_FAQ_ANSWER_CHARS} characters` });
  if (input.url !== undefined) {
    const url = input.url?.trim() ?? '';
    if (url !== '' && !/^https?:\/\/\S+$/i.test(url))
      problems.push({ field: 'url', message: `"${url}" is not an http(s) address` });
    fields.url = url === '' ? null : url;
  }
  if (input.topics !== undefined) {
    const topics: string[] = [];
    for (const value of input.topics) {
      const id = checks.resolveTopic(value.trim());
      if (id === null)
        problems.push({
          field: 'topics',
          message: `unknown topic "${value}"; use one of ${checks.topicIds.join(', ')}`,
        });
      else if (!topics.includes(id)) topics.push(id);
    }
    fields.topics = topics;
  }
  if (input.audience !== undefined) {
    const audience: FaqAudience[] = [];
    for (const value of input.audience) {
      const normal = value.trim().toLowerCase();
      if (isFaqAudience(normal)) {
        if (!audience.includes(normal)) audience.push(normal);
      } else
        problems.push({
          field: 'audience',
          message: `unknown audience "${value}"; use inwoners, ondernemers or instellingen`,
        });
    }
    fields.audience = audience;
  }
  if (input.status !== undefined) {
    if (isFaqStatus(input.status)) fields.status = input.status;
    else
      problems.push({
        field: 'status',
        message: `unknown status "${input.status}"; use concept, gepubliceerd or verlopen`,
      });
  }
  for (const [key, name] of [
    ['valid_from', 'validFrom'],
    ['valid_until', 'validUntil'],
  ] as const) {
    const value = input[key];
    if (value === undefined) continue;
    const text = value?.trim() ?? '';
    if (text !== '' && !isCalendarDate(text))
      problems.push({ field: key, message: `"${text}" is not a date (YYYY-MM-DD)` });
    fields[name] = text === '' ? null : text;
  }
  if (fields.validFrom !== null && fields.validUntil !== null && fields.validUntil < fields.validFrom)
    problems.push({ field: 'valid_until', message: 'lies before valid_from' });
  if (input.owner !== undefined) {
    const owner = input.owner?.trim() ?? '';
    fields.ownerTeam = null;
    fields.ownerUserId = null;
    const team = /^team:(.+)$/.exec(owner);
    const user = /^user:(\d{1,18})$/.exec(owner);
    if (owner === '') {
      // No owner: stale notices go to the coordinator.
    } else if (team) {
      if (checks.teams.has(team[1]!)) fields.ownerTeam = team[1]!;
      else
        problems.push({
          field: 'owner',
          message: `no team "${team[1]}"; use one of ${[...checks.teams].join(', ')}`,
        });
    } else if (user) fields.ownerUserId = user[1]!;
    else problems.push({ field: 'owner', message: `"${owner}" is neither team:<id> nor user:<id>` });
  }
  if (input.measures !== undefined)
    fields.measureIds = [...new Set(input.measures.map((id) => id.trim()).filter((id) => id !== ''))].sort();
  return { fields, problems };
}

export const EMPTY_FAQ: FaqFields = {
  question: '',
  answer: '',
  url: null,
  topics: [],
  audience: [],
  status: 'concept',
  validFrom: null,
  validUntil: null,
  ownerUserId: null,
  ownerTeam: null,
  measureIds: [],
};
