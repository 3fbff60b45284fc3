// Reading posted form fields and turning field problems into the errors a page shows and links to.
import type { FastifyRequest } from 'fastify';
import type { FieldProblem } from '../users/user.js';
import { PROBLEM_TEXTS, type PageError } from './messages.js';

/** One text field of a posted form: the first value when sent twice, '' when absent. */
export function field(request: FastifyRequest, name: string): string {
  const body = request.body as Record<string, unknown> | undefined;
  const value = body?.[name];
  const first: unknown = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : '';
}

/** What a refused form shows again: long input is cut, so a page never echoes 100,000 characters. */
export function echo(value: string): string {
  return value.slice(0, 200);
}

export interface FieldNames {
  /** The domain's field name -> the form's input id and its Dutch label. */
  [field: string]: { id: string; label: string };
}

export function pageErrors(
  problems: readonly FieldProblem[],
  names: FieldNames,
): { errors: PageError[]; invalid: Record<string, true> } {
  const errors = problems.map((problem) => {
    const target = names[problem.field] ?? { id: 'inhoud', label: 'Formulier' };
    return { id: target.id, label: target.label, message: PROBLEM_TEXTS[problem.code] };
  });
  return { errors, invalid: Object.fromEntries(errors.map((error) => [error.id, true as const])) };
}

/** A path on this site to return to after signing in; anything else goes to the start page. */
export function safeReturnPath(value: string): string {
  return /^\/(?![/\\])[^\s]*$/.test(value) && !value.startsWith('/inloggen') ? value : '/';
}
