// One error handler: client errors say what was wrong and where; server errors are logged with the request
// and answered without their message, which may hold internals.
import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { isTransientDatabaseError } from '../../repositories/database-errors.js';
import { PATTERN_WORDING } from '../schemas/parameter.schema.js';

/** Seconds a client is asked to wait when the database is restarting, unreachable or out of connections. */
const RETRY_AFTER_SECONDS = 5;

type Issue = NonNullable<FastifyError['validation']>[number];

/** A union of literals fails as one `const` issue per literal plus one `anyOf`: say it once, with the values. */
function enumeratedChoices(issues: Issue[]): string[] | null {
  if (!issues.some((issue) => issue.keyword === 'anyOf')) return null;
  const others = issues.filter((issue) => issue.keyword !== 'anyOf');
  if (
    others.length === 0 ||
    !others.every((issue) => issue.keyword === 'const' || issue.keyword === 'enum')
  ) {
    return null;
  }
  return others.flatMap((issue) => {
    const params = issue.params as { allowedValue?: unknown; allowedValues?: unknown[] };
    return (params.allowedValues ?? [params.allowedValue]).map(String);
  });
}

function validationMessage(error: FastifyError): string {
  const byPlace = new Map<string, Issue[]>();
  for (const issue of error.validation ?? []) {
    const where = `${error.validationContext ?? 'request'}${issue.instancePath ? issue.instancePath.replace(/\//g, '.') : ''}`;
    byPlace.set(where, [...(byPlace.get(where) ?? []), issue]);
  }
  const details = [...byPlace].flatMap(([where, issues]) => {
    const choices = enumeratedChoices(issues);
    if (choices !== null) return [`${where} must be one of: ${choices.join(', ')}`];
    return issues.map((issue) => {
      const allowed = (issue.params as { allowedValues?: unknown[] } | undefined)?.allowedValues;
      const pattern = (issue.params as { pattern?: string } | undefined)?.pattern;
      const worded = pattern === undefined ? undefined : PATTERN_WORDING[pattern];
      return `${where}: ${worded ?? issue.message ?? 'is invalid'}${allowed ? ` (${allowed.join(', ')})` : ''}`;
    });
  });
  return details.length > 0 ? details.join('; ') : error.message;
}

export const errorsPlugin = fp((app: FastifyInstance) => {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.validation) {
      return reply.status(400).send({ error: 'bad_request', message: validationMessage(error) });
    }
    // Not the client's fault and not a bug: a database that is away (or a deadlock that kept losing) passes.
    if (error.statusCode === undefined && isTransientDatabaseError(error)) {
      request.log.warn({ err: error, url: request.url, method: request.method }, 'database unavailable');
      return reply.status(503).header('retry-after', String(RETRY_AFTER_SECONDS)).send({
        error: 'unavailable',
        message: 'the database is unavailable or busy; try again in a few seconds',
      });
    }
    const status = error.statusCode ?? 500;
    if (status >= 500) {
      request.log.error({ err: error, url: request.url, method: request.method }, 'request failed');
      return reply.status(status).send({
        error: status === 503 ? 'unavailable' : 'internal',
        message: status === 503 ? error.message : 'internal error; see the server log',
      });
    }
    return reply.status(status).send({ error: errorName(status), message: error.message });
  });
  app.setNotFoundHandler((request, reply) =>
    reply
      .status(404)
      .send({ error: 'not_found', message: `no route ${request.method} ${request.url.split('?')[0]}` }),
  );
});

function errorName(status: number): string {
  switch (status) {
    case 400:
      return 'bad_request';
    case 401:
      return 'unauthorized';
    case 403:
      return 'forbidden';
    case 404:
      return 'not_found';
    case 409:
      return 'conflict';
    case 413:
      return 'too_large';
    case 429:
      return 'too_many_requests';
    default:
      return 'error';
  }
}
