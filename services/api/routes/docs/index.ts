// GET /api/openapi.json (the OpenAPI document) and /api/docs (Swagger UI over it): for any API key, or for an admin
// signed in on the web pages, so a browser opens the UI with its session and a script reads the JSON with its key.
import fastifySwaggerUi from '@fastify/swagger-ui';
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { ApiDeps } from '../../api-deps.js';
import { keyOrAdminSession } from '../../plugins/key-or-session.js';
import { API_KEY_SCHEME, SESSION_SCHEME, openApiDocument } from '../../plugins/openapi.plugin.js';
import { KeyErrors } from '../../schemas/error.schema.js';

// Sent as the JSON text it was built into once: the schema says what the body is, the type what the handler sends.
const OpenApiDocument = Type.Unsafe<string>(
  Type.Object(
    { openapi: Type.String(), info: Type.Object({}, { additionalProperties: true }) },
    { additionalProperties: true, description: 'an OpenAPI 3.1 document; the same as docs/openapi.json' },
  ),
);

export const docsRoutes: FastifyPluginAsyncTypebox<{ deps: ApiDeps }> = async (app, { deps }) => {
  const guard = keyOrAdminSession({
    apiKeys: deps.context.apiKeys,
    sessions: deps.context.users.sessions,
    keyRole: 'viewer',
  });
  // The guard decides here, not the auth plugin: a web session is accepted too (the UI's routes included).
  app.addHook('onRoute', (route) => {
    route.config = { ...(route.config ?? {}), role: 'public' };
  });
  app.addHook('onRequest', guard);
  // Built once, when the first request asks: every route is known by then.
  let document: string | null = null;

  app.get(
    '/api/openapi.json',
    {
      schema: {
        tags: ['docs'],
        summary: 'This OpenAPI document',
        description: 'Needs an API key of any role, or the session of an admin signed in on the web pages.',
        security: [{ [API_KEY_SCHEME]: [] }, { [SESSION_SCHEME]: [] }],
        response: { 200: OpenApiDocument, ...KeyErrors },
      },
    },
    async (_request, reply) => {
      document ??= JSON.stringify(openApiDocument(app));
      return reply.type('application/json; charset=utf-8').send(document);
    },
  );

  await app.register(fastifySwaggerUi, {
    routePrefix: '/api/docs',
    // The web pages' strict policy, except that the UI's script styles elements inline (checked in Chromium by
    // test/e2e/admin-pages.browser.test.ts); nothing from elsewhere. The package's own policy would add
    // upgrade-insecure-requests, which breaks plain http on 127.0.0.1.
    staticCSP: {
      'default-src': ["'none'"],
      'script-src': ["'self'"],
      'style-src': ["'self'", "'unsafe-inline'"],
      'img-src': ["'self'", 'data:'],
      'font-src': ["'self'"],
      'connect-src': ["'self'"],
      'form-action': ["'none'"],
      'frame-ancestors': ["'none'"],
      'base-uri': ["'none'"],
      'object-src': ["'none'"],
    },
    uiConfig: { deepLinking: false, tryItOutEnabled: false },
    // Other sites' validators are never asked about the document.
    validatorUrl: false,
  });
};
