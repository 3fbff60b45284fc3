// Who calls the question API: an API key becomes a QuestionActor, and a push of questions is bound to one source.
// A key made for a question source is stored with push_source_id `question:<id>`, so it can never push mentions.
import { badRequest, forbidden } from '../request-error.js';
import type { QuestionActor } from './question.js';

export const QUESTION_SOURCE_PREFIX = 'question:';
/** The source of questions an admin key posts without naming one. */
export const API_SOURCE = 'api';

export interface QuestionKey {
  id: string;
  name: string;
  role: 'viewer' | 'analyst' | 'admin';
  pushSourceId: string | null;
}

export function questionSourceOf(key: QuestionKey): string | null {
  return key.pushSourceId?.startsWith(QUESTION_SOURCE_PREFIX)
    ? key.pushSourceId.slice(QUESTION_SOURCE_PREFIX.length)
    : null;
}

/** The actor of a key on the read and follow-up routes (analyst and admin keys for now). */
export function keyActor(key: QuestionKey): QuestionActor {
  return {
    name: `key:${key.name}`,
    role: key.role === 'admin' ? 'admin' : key.role === 'analyst' ? 'analyst' : 'kcc',
    team: null,
    apiKeyId: key.id,
  };
}

/** The source and actor of a push: a question-source key pushes to its own source, an admin key to any configured one. */
export function pushCaller(
  key: QuestionKey,
  requested: string | undefined,
  configured: readonly string[],
): { source: string; actor: QuestionActor } {
  const own = questionSourceOf(key);
  const actor: QuestionActor = { name: `key:${key.name}`, role: 'kcc', team: null, apiKeyId: key.id };
  if (own !== null) {
    if (requested !== undefined && requested !== own)
      throw forbidden(`this key may post questions only for the source "${own}", not "${requested}"`);
    return { source: own, actor };
  }
  if (key.role !== 'admin')
    throw forbidden(
      'posting questions needs an admin key or a key made for a question source (`onderstroom questions key <source>`)',
    );
  const source = requested ?? API_SOURCE;
  if (source !== API_SOURCE && !configured.includes(source))
    throw badRequest(
      `source: no question source "${source}"; configured: ${[API_SOURCE, ...configured].join(', ')}`,
    );
  return { source, actor: { ...actor, role: 'admin' } };
}
