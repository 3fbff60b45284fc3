// GET /api/v1/mentions: stored mentions with their text (analyst role; every read is logged).
import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import type { ApiDeps } from '../../api-deps.js';
import { InputErrors } from '../../schemas/error.schema.js';
import { resolveRange } from '../../../series/range.js';
import { MentionsPage, MentionsQuery } from '../../schemas/mentions.schema.js';
import type { StoredMention } from '../../../mentions/stored-mention.js';

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

export const mentionListRoutes: FastifyPluginCallbackTypebox<{ deps: ApiDeps }> = (app, { deps }, done) => {
  app.get(
    '/mentions',
    {
      config: { role: 'analyst' },
      schema: {
        tags: ['mentions'],
        summary: 'Stored mentions with their text, newest first',
        querystring: MentionsQuery,
        response: { 200: MentionsPage, ...InputErrors },
      },
    },
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
  done();
};
