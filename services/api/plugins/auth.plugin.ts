// Every /api and /grafana route needs a key (Authorization: Bearer <key>); a route states the role it needs in its
// config (viewer by default). viewer sees aggregates, analyst also mention text, admin also configuration.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { roleAllows, type ApiKeysService } from '../../auth/api-keys.service.js';
import type { Role } from '../../auth/role.js';
import { RequestError } from '../../request-error.js';
import type { ApiKeyRecord } from '../../auth/api-key.js';

declare module 'fastify' {
  interface FastifyRequest {
    apiKey: ApiKeyRecord | null;
  }
  interface FastifyContextConfig {
    /** The least role a key needs; `public` routes need no key. */
    role?: Role | 'public';
  }
}

function bearer(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? null;
}

export const authPlugin = fp((app: FastifyInstance, options: { apiKeys: ApiKeysService }) => {
  app.decorateRequest('apiKey', null);
  app.addHook('onRequest', async (request) => {
    const required = request.routeOptions.config.role ?? 'viewer';
    if (required === 'public' || request.routeOptions.url === undefined) return;
    const key = bearer(request);
    if (key === null) {
      throw new RequestError(
        401,
        'an API key is required: send "Authorization: Bearer <key>" (create one with `onderstroom keys create`)',
      );
    }
    const record = await options.apiKeys.verify(key);
    if (record === null) throw new RequestError(401, 'the API key is unknown or revoked');
    if (!roleAllows(record.role, required)) {
      throw new RequestError(
        403,
        `this needs the ${required} role; the key "${record.name}" has the ${record.role} role`,
      );
    }
    request.apiKey = record;
  });
});
