// The queue board's actions (retry, promote, clean, pause, remove): off unless ONDERSTROOM_QUEUE_BOARD_ACTIONS=on.
// When on, the admin guard still decides who may act; this hook adds what a cookie-authenticated action needs on top:
// a request from the board's own page, never from another site that rides on the admin's session (CSRF).
import type { FastifyReply, FastifyRequest } from 'fastify';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

// The actions an operator needs on a stuck or failed job: retry, promote, clean (remove finished or failed jobs),
// pause and resume. Adding jobs, editing their data, delays or priorities, and the scheduler's repeatable jobs stay
// with Onderstroom itself, which validates them; the board refuses those even when actions are on.
const OFFERED = [
  /^\/api\/queues\/(pause|resume)$/,
  /^\/api\/queues\/[^/]+\/(pause|resume|promote)$/,
  /^\/api\/queues\/[^/]+\/(retry|clean)\/[^/]+$/,
  /^\/api\/queues\/[^/]+\/[^/]+\/(retry|clean|promote)$/,
];

/** Whether a board action (its path below the board, without the query) is one the board offers. */
export function offeredAction(method: string, boardPath: string): boolean {
  return method === 'PUT' && OFFERED.some((pattern) => pattern.test(boardPath));
}

/** The host[:port] of an Origin or Referer header, or null when the header is absent or not a URL. */
export function headerHost(value: string | undefined): string | null {
  if (value === undefined || value === '' || value === 'null') return null;
  try {
    return new URL(value).host.toLowerCase();
  } catch {
    return null;
  }
}

/**
 * Whether an action may go on: reads always; an action with an API key (a header a foreign page cannot set) always;
 * an action on a web session only when its Origin (or, without one, its Referer) names the host it was sent to.
 */
export function actionFromOwnPage(request: {
  method: string;
  headers: Record<string, string | string[] | undefined>;
}): boolean {
  if (READS.has(request.method)) return true;
  if (typeof request.headers.authorization === 'string') return true;
  const host = typeof request.headers.host === 'string' ? request.headers.host.toLowerCase() : null;
  if (host === null) return false;
  const origin = request.headers.origin;
  const referer = request.headers.referer;
  const from =
    headerHost(typeof origin === 'string' ? origin : undefined) ??
    headerHost(typeof referer === 'string' ? referer : undefined);
  return from === host;
}

/**
 * An onRequest hook after the admin guard, for a board mounted at `basePath`: 405 for an action the board does not
 * offer, 403 for a session action from elsewhere, one log line per action that goes on.
 */
export function boardActionGuard(basePath: string) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
    if (READS.has(request.method)) return undefined;
    const boardPath = request.url.split('?')[0]!.slice(basePath.length);
    if (!offeredAction(request.method, boardPath)) {
      return reply
        .status(405)
        .header('cache-control', 'no-store')
        .send({
          error: 'method_not_allowed',
          message: `the queue board offers retry, promote, clean, pause and resume; not ${request.method} ${boardPath}`,
        });
    }
    if (!actionFromOwnPage(request)) {
      return reply.status(403).header('cache-control', 'no-store').send({
        error: 'forbidden',
        message:
          'queue board actions on a web session must come from the board page itself (Origin or Referer)',
      });
    }
    request.log.info(
      { board_action: `${request.method} ${request.url}`, api_key: request.apiKey?.name ?? null },
      'queue board action',
    );
    return undefined;
  };
}
