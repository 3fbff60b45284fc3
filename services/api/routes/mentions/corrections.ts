// PATCH /api/v1/mentions/:id/sentiment: an analyst's correction of one mention's sentiment label.
import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import type { ApiDeps } from '../../api-deps.js';
import { BodyErrors, NotFoundError } from '../../schemas/error.schema.js';
import {
  MentionIdParams,
  SentimentCorrectionBody,
  SentimentCorrectionResult,
} from '../../schemas/mentions.schema.js';

export const mentionCorrectionRoutes: FastifyPluginCallbackTypebox<{ deps: ApiDeps }> = (
  app,
  { deps },
  done,
) => {
  app.patch(
    '/mentions/:id/sentiment',
    {
      config: { role: 'analyst' },
      schema: {
        tags: ['mentions'],
        summary: "Correct a mention's sentiment label",
        params: MentionIdParams,
        body: SentimentCorrectionBody,
        response: { 200: SentimentCorrectionResult, ...BodyErrors, ...NotFoundError },
      },
    },
    async (request) => {
      const corrected = await deps.context.sentimentCorrections.correct(
        request.params.id,
        request.body.label,
        {
          apiKeyId: request.apiKey?.id ?? null,
          name: request.apiKey?.name ?? 'unknown',
        },
      );
      return {
        id: corrected.id,
        posted_at: corrected.postedAt.toISOString(),
        sentiment: corrected.sentiment,
        previous: corrected.previous,
        corrected_at: corrected.correctedAt.toISOString(),
        corrected_by: corrected.correctedBy,
      };
    },
  );
  done();
};
