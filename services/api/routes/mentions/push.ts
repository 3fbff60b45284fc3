// POST /api/v1/mentions: a batch of mentions pushed to a configured push source, with an admin key or a key made
// for that source. Idempotent on (source, external_id); the answer lists which were new.
import { Type, type FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import type { ApiDeps } from '../../api-deps.js';
import { BodyErrors, ConflictError, NotFoundError } from '../../schemas/error.schema.js';
import { Text } from '../../schemas/parameter.schema.js';

// Short fields are stored as given, so a NUL (which PostgreSQL text cannot hold) is refused here; text and title
// are cleaned of control characters before they are stored.
const OptionalText = (maxLength: number) => Type.Optional(Type.Union([Text({ maxLength }), Type.Null()]));
const OptionalLongText = (maxLength: number) =>
  Type.Optional(Type.Union([Type.String({ maxLength }), Type.Null()]));
const OptionalCount = Type.Optional(Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]));

export const PushedMention = Type.Object(
  {
    external_id: Text({ minLength: 1, maxLength: 2_000, description: 'stable id within the source' }),
    posted_at: Type.String({ format: 'date-time' }),
    text: Type.String({ maxLength: 100_000 }),
    url: OptionalText(4_000),
    author: OptionalText(300),
    title: OptionalLongText(1_000),
    language: OptionalText(10),
    platform: OptionalText(100),
    reach: OptionalCount,
    engagement: OptionalCount,
    country: OptionalText(10),
  },
  { additionalProperties: false },
);

export const PushBody = Type.Object(
  {
    source: Type.Optional(Text({ minLength: 1, maxLength: 63 })),
    mentions: Type.Array(PushedMention, { minItems: 1, maxItems: 1_000 }),
  },
  { additionalProperties: false },
);

export const PushAnswer = Type.Object({
  source: Type.String(),
  received: Type.Integer(),
  new: Type.Array(Type.String()),
  duplicates: Type.Array(Type.String()),
  rejected: Type.Array(
    Type.Object({ index: Type.Integer(), external_id: Type.String(), reason: Type.String() }),
  ),
});

export const mentionPushRoutes: FastifyPluginCallbackTypebox<{ deps: ApiDeps }> = (app, { deps }, done) => {
  app.post(
    '/mentions',
    // Viewer is the floor; the push service decides: an admin key, or a key made for this push source.
    {
      config: { role: 'viewer' },
      schema: {
        tags: ['mentions'],
        summary: 'Push a batch of mentions to a push source',
        body: PushBody,
        response: { 200: PushAnswer, ...BodyErrors, ...NotFoundError, ...ConflictError },
      },
    },
    async (request) => deps.context.push.push(request.apiKey!, request.body),
  );
  done();
};
