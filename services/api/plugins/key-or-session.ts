// Pages outside the web module that people open in a browser (the API docs, the queue board): an API key of a
// least role, or the session of a signed-in admin, lets a request in. The session cookie is the web pages' own.
import { fastifyCookie } from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { roleAllows, type ApiKeysService } from '../../auth/api-keys.service.js';
import type { Role } from '../../auth/role.js';
import type { SessionsService } from '../../users/sessions.service.js';
import { SESSION_COOKIE } from '../../web/web-services.js';

export interface KeyOrSessionAccess {
  apiKeys: ApiKeysService;
  sessions: SessionsService;
  /** The least role of an API key; a web session must be an admin's. */
  keyRole: Role;
}

function bearer(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return null;
  return /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1] ?? null;
}

// Answered here, not thrown: the board has an error handler of its own, which would make every refusal a 500.
function refuse(reply: FastifyReply, status: 401 | 403, message: string): FastifyReply {
  return reply
    .status(status)
    .header('cache-control', 'no-store')
    .send({ error: status === 401 ? 'unauthorized' : 'forbidden', message });
}

/** An onRequest hook: 401 without a known key or an active session, 403 when the key's role or the user's is too low. */
export function keyOrAdminSession(access: KeyOrSessionAccess) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
    const key = bearer(request);
    if (key !== null) {
      const record = await access.apiKeys.verify(key);
      if (record === null) return refuse(reply, 401, 'the API key is unknown or revoked');
      if (!roleAllows(record.role, access.keyRole)) {
        return refuse(
          reply,
          403,
          `this needs the ${access.keyRole} role; the key "${record.name}" has the ${record.role} role`,
        );
      }
      request.apiKey = record;
      return undefined;
    }
    const cookies = fastifyCookie.parse(request.headers.cookie ?? '');
    const lookup = await access.sessions.find(cookies[SESSION_COOKIE]);
    // A one-time password still unchanged counts as not signed in: the web pages send that user to change it first.
    if (lookup.kind !== 'active' || lookup.session.user.mustChangePassword) {
      return refuse(
        reply,
        401,
        `sign in on the web pages as an admin, or send "Authorization: Bearer <key>" (a key with at least the ${access.keyRole} role)`,
      );
    }
    if (lookup.session.user.role !== 'admin') {
      return refuse(
        reply,
        403,
        `this needs an admin; "${lookup.session.user.name}" is signed in with the ${lookup.session.user.role} role`,
      );
    }
    return undefined;
  };
}
