// TypeBox schemas of the FAQ routes: path parameters, query strings, bodies and answers.
import { Type } from '@fastify/type-provider-typebox';

const NullableString = (options: Parameters<typeof Type.String>[0] = {}) =>
  Type.Union([Type.String(options), Type.Null()]);

export const FaqIdParams = Type.Object({ id: Type.String({ pattern: '^[0-9]{1,18}$' }) });

export const FaqsQuery = Type.Object(
  {
    status: Type.Optional(
      Type.Union([Type.Literal('concept'), Type.Literal('gepubliceerd'), Type.Literal('verlopen')]),
    ),
    topic: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    q: Type.Optional(Type.String({ maxLength: 500 })),
    needs_check: Type.Optional(
      Type.Boolean({ description: 'only FAQs flagged stale or checked before their measures last changed' }),
    ),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  },
  { additionalProperties: false },
);

export const PublicFaqsQuery = Type.Object(
  {
    topic: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    q: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);

const FaqFieldsBody = {
  question: Type.String({ maxLength: 2_000 }),
  answer: Type.String({ maxLength: 40_000 }),
  url: Type.Optional(NullableString({ maxLength: 2_000 })),
  topics: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 50 })),
  audience: Type.Optional(Type.Array(Type.String({ maxLength: 50 }), { maxItems: 3 })),
  status: Type.Optional(Type.String({ maxLength: 50 })),
  valid_from: Type.Optional(NullableString({ maxLength: 20 })),
  valid_until: Type.Optional(NullableString({ maxLength: 20 })),
  owner: Type.Optional(NullableString({ maxLength: 100, description: 'team:<id>, user:<id> or null' })),
  measures: Type.Optional(Type.Array(Type.String({ maxLength: 200 }), { maxItems: 100 })),
};

export const PostFaqBody = Type.Object(FaqFieldsBody, { additionalProperties: false });

export const PatchFaqBody = Type.Object(
  {
    ...FaqFieldsBody,
    question: Type.Optional(FaqFieldsBody.question),
    answer: Type.Optional(FaqFieldsBody.answer),
    version: Type.Optional(
      Type.Integer({ minimum: 1, description: 'refuse (409) when the FAQ is at another version' }),
    ),
    checked: Type.Optional(
      Type.Literal(true, { description: '"gecontroleerd": set last_checked_at, clear the stale flag' }),
    ),
  },
  { additionalProperties: false },
);

const FaqFields = {
  id: Type.String(),
  question: Type.String(),
  answer: Type.String(),
  url: NullableString(),
  topics: Type.Array(Type.String()),
  audience: Type.Array(Type.String()),
  valid_from: NullableString(),
  valid_until: NullableString(),
};

export const PublicFaq = Type.Object(FaqFields);

export const FaqRow = Type.Object({
  ...FaqFields,
  external_id: NullableString(),
  version: Type.Integer(),
  status: Type.String(),
  owner: NullableString(),
  measures: Type.Array(Type.String()),
  last_checked_at: NullableString(),
  stale: Type.Union([
    Type.Object({ reason: Type.String(), at: Type.String(), measure_id: NullableString() }),
    Type.Null(),
  ]),
  measures_changed_at: NullableString(),
  needs_check: Type.Boolean({
    description: 'flagged stale, or last checked before its measures last changed',
  }),
  created_at: Type.String(),
  updated_at: Type.String(),
});

export const FaqsPage = Type.Object({ faqs: Type.Array(FaqRow), next_cursor: NullableString() });

export const PublicFaqs = Type.Object({ faqs: Type.Array(PublicFaq) });

export const OpenedFaq = Type.Object({
  faq: FaqRow,
  versions: Type.Array(
    Type.Object({
      version: Type.Integer(),
      changed: Type.Array(Type.String()),
      actor: Type.String(),
      origin: Type.String(),
      recorded_at: Type.String(),
      data: Type.Record(Type.String(), Type.Unknown()),
    }),
  ),
});

export const FaqMatchQuery = Type.Object(
  {
    q: Type.String({ description: 'the question, up to 2,000 characters' }),
    limit: Type.Integer({ default: 5, description: 'how many FAQs to propose, 1 to 50' }),
  },
  { additionalProperties: false },
);

export const FaqMatchAnswer = Type.Object({
  matches: Type.Array(Type.Object({ faq_id: Type.String(), score: Type.Number(), question: Type.String() })),
  decision: Type.Union([Type.Literal('match'), Type.Literal('none')], {
    description: '`none` when no published FAQ answers the text (the threshold fitted on development data)',
  }),
  language: Type.Union([Type.Literal('nl'), Type.Literal('en'), Type.Literal('und')], {
    description: 'how the text was read; the FAQs are Dutch',
  }),
});

export const FaqGapsQuery = Type.Object(
  {
    from: Type.String({
      maxLength: 40,
      description: 'start of the period: a date (YYYY-MM-DD, a local day), an ISO 8601 time or epoch ms',
    }),
    to: Type.String({
      maxLength: 40,
      description: 'end of the period (exclusive); at most 366 days after from',
    }),
    order: Type.Optional(
      Type.Union([Type.Literal('count'), Type.Literal('growth')], {
        description:
          '`count` (default): most questions first; `growth`: most more than the period before first',
      }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  },
  { additionalProperties: false },
);

const GapMeasure = Type.Object({
  id: Type.String(),
  title: Type.String(),
  topics: Type.Array(Type.String()),
  effective_from: Type.String(),
});

export const FaqGapsAnswer = Type.Object({
  from: Type.String(),
  to: Type.String(),
  previous_from: Type.String(),
  previous_to: Type.String(),
  questions: Type.Integer({ description: 'questions received in the period' }),
  gap_questions: Type.Integer({ description: 'of which decided `none` or answered without an FAQ' }),
  previous_gap_questions: Type.Integer(),
  undecided: Type.Integer({
    description: 'questions of the period not yet decided against the current FAQs',
  }),
  cluster_count: Type.Integer(),
  clusters: Type.Array(
    Type.Object({
      id: Type.String({ description: 'the cluster, for POST /faqs/gaps/concepts' }),
      count: Type.Integer(),
      previous_count: Type.Integer(),
      growth: Type.Integer(),
      growth_ratio: Type.Union([Type.Number(), Type.Null()]),
      examples: Type.Array(Type.String(), {
        description: 'up to 3, phone numbers and e-mail addresses masked',
      }),
      terms: Type.Array(Type.String()),
      topics: Type.Array(Type.Object({ topic: Type.String(), count: Type.Integer() })),
      draft: Type.Object({
        question: Type.String(),
        topic: Type.Union([Type.String(), Type.Null()]),
        measures: Type.Array(GapMeasure),
      }),
      concept_faq_id: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
  online: Type.Object(
    {
      questions: Type.Integer({
        description: 'online posts of the period that ask a question (Dutch, written by people)',
      }),
      gap_questions: Type.Integer({
        description: 'of which decided `none` against the current FAQs and still with their text',
      }),
      previous_gap_questions: Type.Integer(),
      expired: Type.Integer({
        description: 'decided `none` but their text has expired (raw-text retention): counted, not clustered',
      }),
      undecided: Type.Integer({
        description: 'posts of the period not yet read, or not yet decided against the current FAQs',
      }),
      cluster_count: Type.Integer(),
      text_shown: Type.Boolean({
        description: 'examples, terms and the draft question are shown to analyst and admin keys only',
      }),
      clusters: Type.Array(
        Type.Object({
          id: Type.String({ description: 'the post that started the cluster' }),
          count: Type.Integer(),
          previous_count: Type.Integer(),
          growth: Type.Integer(),
          growth_ratio: Type.Union([Type.Number(), Type.Null()]),
          examples: Type.Array(
            Type.Object({
              mention_id: Type.String(),
              posted_at: Type.String(),
              source_kind: Type.String(),
              url: Type.Union([Type.String(), Type.Null()]),
              author: Type.Union([Type.String(), Type.Null()], {
                description: 'a keyed pseudonym, or the public name of an institution',
              }),
              text: Type.String({
                description: 'title and text, contact details masked, at most 300 characters',
              }),
            }),
            { description: 'up to 3; each read is written to the access log' },
          ),
          terms: Type.Array(Type.String()),
          topics: Type.Array(Type.Object({ topic: Type.String(), count: Type.Integer() })),
          draft: Type.Object({
            question: Type.Union([Type.String(), Type.Null()]),
            topic: Type.Union([Type.String(), Type.Null()]),
            measures: Type.Array(GapMeasure),
          }),
          concept_faq_id: Type.Union([Type.String(), Type.Null()], {
            description:
              'the concept FAQ made from this cluster (POST /faqs/gaps/concepts with source online)',
          }),
        }),
      ),
    },
    {
      description: 'what residents ask online that no published FAQ answers, beside the KCC questions above',
    },
  ),
});

export const FaqGapConceptBody = Type.Object(
  {
    from: Type.String({ maxLength: 40 }),
    to: Type.String({ maxLength: 40 }),
    cluster: Type.String({
      maxLength: 20,
      description: 'a cluster id from GET /faqs/gaps for the same period',
    }),
    source: Type.Optional(
      Type.Union([Type.Literal('kcc'), Type.Literal('online')], {
        description:
          'kcc (default): a cluster of `clusters`, keyed by a question; online: a cluster of `online.clusters`, keyed by a post',
      }),
    ),
  },
  { additionalProperties: false },
);

export const FaqGapConceptAnswer = Type.Object({
  faq: FaqRow,
  created: Type.Boolean({ description: 'false when this cluster was made into this concept before' }),
});
