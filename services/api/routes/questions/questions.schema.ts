// TypeBox schemas of the question routes: bodies, query strings and answers.
import { Type } from '@fastify/type-provider-typebox';

const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);

export const PostedQuestion = Type.Object(
  {
    external_id: Type.String({ minLength: 1, maxLength: 2_000 }),
    received_at: Type.String({ minLength: 1, maxLength: 100 }),
    channel: Type.String({ minLength: 1, maxLength: 50 }),
    // Longer texts are refused by the service with a message naming the question; this only caps the body.
    text: Type.String({ maxLength: 200_000 }),
    team: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
    callback: Type.Optional(
      Type.Union([
        Type.Boolean(),
        Type.Null(),
        Type.Object(
          {
            wanted: Type.Optional(Type.Boolean()),
            by: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
          },
          { additionalProperties: false },
        ),
      ]),
    ),
    contact: Type.Optional(
      Type.Union([
        Type.Null(),
        Type.Object(
          {
            name: Type.Optional(Nullable(Type.String({ maxLength: 1_000 }))),
            phone: Type.Optional(Nullable(Type.String({ maxLength: 1_000 }))),
            email: Type.Optional(Nullable(Type.String({ maxLength: 1_000 }))),
          },
          { additionalProperties: false },
        ),
      ]),
    ),
  },
  { additionalProperties: false },
);

export const PostQuestionsBody = Type.Object(
  {
    source: Type.Optional(Type.String({ minLength: 1, maxLength: 63 })),
    questions: Type.Array(PostedQuestion, { minItems: 1, maxItems: 1_000 }),
  },
  { additionalProperties: false },
);

const FaqMatchRow = Type.Object({ faq_id: Type.String(), score: Type.Number(), question: Type.String() });

/** The best published FAQs for a question, as GET /api/v1/faqs/match gives them for any text. */
export const FaqProposalRow = Type.Object({
  faq_matches: Type.Array(FaqMatchRow),
  faq_decision: Type.Union([Type.Literal('match'), Type.Literal('none')]),
});

export const PostQuestionsAnswer = Type.Object({
  source: Type.String(),
  received: Type.Integer(),
  new: Type.Array(Type.String()),
  duplicates: Type.Array(Type.String()),
  ids: Type.Record(Type.String(), Type.String()),
  /** By external id, every question received (a repeat too): the FAQs that may answer it. */
  faq_proposals: Type.Record(Type.String(), FaqProposalRow),
});

export const QuestionsQuery = Type.Object(
  {
    from: Type.Optional(Type.String()),
    to: Type.Optional(Type.String()),
    topic: Type.Optional(Type.String({ maxLength: 100 })),
    status: Type.Optional(Type.String({ maxLength: 50 })),
    team: Type.Optional(Type.String({ maxLength: 100 })),
    overdue: Type.Optional(Type.Boolean()),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000, default: 100 })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);

const Sentiment = Type.Object({ score: Type.Number(), label: Type.String(), model: Type.String() });

export const QuestionRow = Type.Object({
  id: Type.String(),
  source: Type.String(),
  external_id: Type.String(),
  received_at: Type.String(),
  channel: Type.String(),
  text: Type.Union([Type.String(), Type.Null()]),
  language: Type.String(),
  topics: Type.Array(Type.String()),
  sentiment: Sentiment,
  status: Type.String(),
  team: Type.String(),
  assignee: Type.Union([Type.String(), Type.Null()]),
  due_at: Type.String(),
  overdue: Type.Boolean(),
  callback_wanted: Type.Boolean(),
  callback_by: Type.Union([Type.String(), Type.Null()]),
  has_contact: Type.Boolean(),
  answer: Type.Union([Type.String(), Type.Null()]),
  answered_how: Type.Union([Type.String(), Type.Null()]),
  answered_to: Type.Union([Type.String(), Type.Null()]),
  answered_at: Type.Union([Type.String(), Type.Null()]),
  answered_faq_id: Type.Union([Type.String(), Type.Null()]),
  closed_at: Type.Union([Type.String(), Type.Null()]),
});

export const QuestionsPage = Type.Object({
  questions: Type.Array(QuestionRow),
  next_cursor: Type.Union([Type.String(), Type.Null()]),
});

export const QuestionEvent = Type.Object({
  at: Type.String(),
  actor: Type.String(),
  type: Type.String(),
  detail: Type.Record(Type.String(), Type.Unknown()),
});

export const OpenedQuestion = Type.Object({
  question: QuestionRow,
  history: Type.Array(QuestionEvent),
  /** Null when the text is gone after the retention period. */
  faq_proposal: Type.Union([FaqProposalRow, Type.Null()]),
  answered_faq: Type.Union([Type.Object({ id: Type.String(), question: Type.String() }), Type.Null()]),
});

export const QuestionIdParams = Type.Object({ id: Type.String({ pattern: '^[0-9]{1,18}$' }) });

export const AssignBody = Type.Object(
  {
    team: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
    assignee: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  },
  { additionalProperties: false },
);

export const StatusBody = Type.Object(
  { status: Type.String({ maxLength: 50 }) },
  { additionalProperties: false },
);

export const AnswerBody = Type.Object(
  {
    // May be left out with faq_id: the FAQ's answer is then the answer given.
    answer: Type.Optional(Nullable(Type.String({ maxLength: 100_000 }))),
    how: Type.String({ maxLength: 50 }),
    to: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
    faq_id: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
  },
  { additionalProperties: false },
);

export const QuestionSeriesQuery = Type.Object(
  {
    metric: Type.Union([Type.Literal('questions'), Type.Literal('negative_share')], { default: 'questions' }),
    channel: Type.String({ default: 'all', maxLength: 50 }),
    topic: Type.String({ default: 'all', maxLength: 100 }),
    from: Type.Optional(Type.String()),
    to: Type.Optional(Type.String()),
    interval: Type.Union([Type.Literal('5m'), Type.Literal('1h'), Type.Literal('1d')], { default: '1h' }),
  },
  { additionalProperties: false },
);

export const QuestionSeriesRows = Type.Array(
  Type.Object({ time: Type.Integer(), value: Type.Union([Type.Number(), Type.Null()]) }),
);
