import { Type } from '@fastify/type-provider-typebox';
import { TimeParam } from './series.schema.js';
import { Nullable } from './nullable.schema.js';
import { Id, Limit, Text } from './parameter.schema.js';

export const MentionsQuery = Type.Object(
  {
    from: Type.Optional(TimeParam),
    to: Type.Optional(TimeParam),
    source: Text({ default: 'all' }),
    topic: Text({ default: 'all' }),
    q: Type.Optional(Text({ minLength: 1, maxLength: 500 })),
    limit: Limit(1000, 100),
    cursor: Type.Optional(Text({ maxLength: 200 })),
  },
  { additionalProperties: false },
);

export const MentionRow = Type.Object({
  id: Type.String(),
  source_id: Type.String(),
  source_kind: Type.String(),
  external_id: Type.String(),
  url: Nullable(Type.String()),
  platform: Nullable(Type.String()),
  author: Nullable(Type.String({ description: 'a pseudonym, or the name of a listed public account' })),
  author_kind: Type.String(),
  posted_at: Type.String({ format: 'date-time' }),
  language: Type.String(),
  title: Nullable(Type.String()),
  text: Nullable(Type.String({ description: 'null once the raw text has expired' })),
  reach: Nullable(Type.Number()),
  engagement: Nullable(Type.Number()),
  sentiment: Type.Object({
    score: Type.Number(),
    label: Type.String(),
    confidence: Type.Number(),
    model: Type.String(),
  }),
  tool_sentiment: Nullable(Type.String()),
  topics: Type.Array(Type.String()),
});

export const MentionsPage = Type.Object({
  mentions: Type.Array(MentionRow),
  next_cursor: Nullable(Type.String()),
});

export const MentionIdParams = Type.Object(
  {
    id: Id({ description: 'the mention id as GET /mentions returns it' }),
  },
  { additionalProperties: false },
);

export const SentimentCorrectionBody = Type.Object(
  { label: Type.Union([Type.Literal('positive'), Type.Literal('neutral'), Type.Literal('negative')]) },
  { additionalProperties: false },
);

const StoredSentiment = Type.Object({
  score: Type.Number(),
  label: Type.String(),
  confidence: Type.Number(),
  model: Type.String(),
});

export const SentimentCorrectionResult = Type.Object({
  id: Type.String(),
  posted_at: Type.String({ format: 'date-time' }),
  sentiment: StoredSentiment,
  previous: StoredSentiment,
  corrected_at: Type.String({ format: 'date-time' }),
  corrected_by: Type.String(),
});
