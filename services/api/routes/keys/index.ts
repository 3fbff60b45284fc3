// /api/v1/keys: list, create and revoke API keys (admin role).
import { Type, type FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import type { ApiDeps } from '../../api-deps.js';
import { BodyErrors, InputErrors, KeyErrors, NotFoundError } from '../../schemas/error.schema.js';
import { notFound } from '../../../request-error.js';
import { CreateKeyBody, CreatedKey, KeyRow } from '../../schemas/keys.schema.js';
import type { ApiKeyRecord } from '../../../auth/api-key.js';

export function keyRow(record: ApiKeyRecord) {
  return {
    id: record.id,
    name: record.name,
    role: record.role,
    prefix: record.keyPrefix,
    push_source: record.pushSourceId,
    created_at: record.createdAt.toISOString(),
    last_used_at: record.lastUsedAt?.toISOString() ?? null,
    revoked_at: record.revokedAt?.toISOString() ?? null,
  };
}

// A 204 has no body: typed as nothing, so the handler's empty send() stays as it is.
const Revoked = Type.Unsafe<undefined>({ type: 'null', description: 'revoked; no body' });

export const keysRoutes: FastifyPluginCallbackTypebox<{ deps: ApiDeps }> = (app, { deps }, done) => {
  app.get(
    '/keys',
    {
      config: { role: 'admin' },
      schema: {
        tags: ['keys'],
        summary: 'List API keys',
        response: { 200: Type.Array(KeyRow), ...KeyErrors },
      },
    },
    async () => (await deps.context.apiKeys.list()).map(keyRow),
  );

  app.post(
    '/keys',
    {
      config: { role: 'admin' },
      schema: {
        tags: ['keys'],
        summary: 'Create an API key (shown once)',
        body: CreateKeyBody,
        response: { 201: CreatedKey, ...BodyErrors },
      },
    },
    async (request, reply) => {
      const created = await deps.context.apiKeys.create(request.body.name, request.body.role);
      return reply.status(201).send({ key: created.key, record: keyRow(created.record) });
    },
  );

  app.delete(
    '/keys/:id',
    {
      config: { role: 'admin' },
      schema: {
        tags: ['keys'],
        summary: 'Revoke an API key',
        params: Type.Object({ id: Type.String({ pattern: '^[0-9]+$' }) }),
        response: { 204: Revoked, ...InputErrors, ...NotFoundError },
      },
    },
    async (request, reply) => {
      if (!(await deps.context.apiKeys.revoke(request.params.id)))
        throw notFound(`no active key with id ${request.params.id}`);
      return reply.status(204).send();
    },
  );
  done();
};
