// GET /api/v1/analyses/environment: the environment analysis of a period against a comparison period, one document
// (viewer and up; example texts only for analysts, and that read is logged).
import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import type { ApiDeps } from '../../api-deps.js';
import { roleAllows } from '../../../auth/api-keys.service.js';
import { InputErrors } from '../../schemas/error.schema.js';
import { EnvironmentDocumentSchema, EnvironmentQuery } from './analyses.schema.js';

export const analysesRoutes: FastifyPluginCallbackTypebox<{ deps: ApiDeps }> = (app, { deps }, done) => {
  app.get(
    '/analyses/environment',
    {
      schema: {
        tags: ['analyses'],
        summary: 'The environment analysis of a period against a comparison period',
        querystring: EnvironmentQuery,
        response: { 200: EnvironmentDocumentSchema, ...InputErrors },
      },
    },
    async (request) => {
      const key = request.apiKey;
      return deps.context.analyses.environment(request.query, {
        apiKeyId: key?.id ?? null,
        actor: key ? `key:${key.name}` : 'anonymous',
        mayReadText: key != null && roleAllows(key.role, 'analyst'),
      });
    },
  );
  done();
};
