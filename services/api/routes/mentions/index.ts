// GET /api/v1/mentions: stored mentions with their text (analyst role; every read is logged).
// PATCH /api/v1/mentions/:id/sentiment: an analyst's correction of one mention's sentiment label.
import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import type { ApiDeps } from '../../api-deps.js';
import { resolveRange } from '../../../series/range.js';
import {
  MentionIdParams,
  MentionsPage,
  MentionsQuery,
  SentimentCorrectionBody,
  SentimentCorrectionResult,
} from '../../schemas/mentions.schema.js';
import type { StoredMention } from '../../../repositories/mentions.repository.js';

export function mentionRow(mention: StoredMention) {
  return {
    id: mention.id,
    source_id: mention.sourceId,
    source_kind: mention.sourceKind,
    external_id: mention.externalId,
    url: mention.url,
    platform: mention.platform,
    author: mention.author,
    author_kind: mention.authorKind,
    posted_at: mention.postedAt.toISOString(),
    language: mention.language,
    title: mention.title,
    text: mention.text,
    reach: mention.reach,
    engagement: mention.engagement,
    sentiment: mention.sentiment,
    tool_sentiment: mention.toolSentiment,
    topics: mention.topics,
  };
}

export const mentionsRoutes: FastifyPluginCallbackTypebox<{ deps: ApiDeps }> = (app, { deps }, done) => {
  app.get(
    '/mentions',
    { config: { role: 'analyst' }, schema: { querystring: MentionsQuery, response: { 200: MentionsPage } } },
    async (request) => {
      const q = request.query;
      const page = await deps.context.mentions.list(
        {
          range: resolveRange(q.from, q.to, deps.context.config.timezone),
          source: q.source,
          topic: q.topic,
          q: q.q ?? null,
          limit: q.limit,
          cursor: q.cursor ?? null,
        },
        { apiKeyId: request.apiKey?.id ?? null, purpose: 'api.mentions.list' },
      );
      return { mentions: page.mentions.map(mentionRow), next_cursor: page.nextCursor };
    },
  );
  app.patch(
    '/mentions/:id/sentiment',
    {
      config: { role: 'analyst' },
      schema: {
        params: MentionIdParams,
        body: SentimentCorrectionBody,
        response: { 200: SentimentCorrectionResult },
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
