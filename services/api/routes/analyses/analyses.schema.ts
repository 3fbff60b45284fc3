// The query and the document of GET /api/v1/analyses/environment (the document's type is
// services/analyses/environment-document.ts; the type provider checks the handler's answer against this schema).
import { Type } from '@fastify/type-provider-typebox';
import { Nullable } from '../../schemas/nullable.schema.js';
import { Text } from '../../schemas/parameter.schema.js';
import { TimeParam } from '../../schemas/series.schema.js';

const NullableNumber = Nullable(Type.Number());

export const EnvironmentQuery = Type.Object(
  {
    from: TimeParam,
    to: TimeParam,
    compare: Text({
      default: 'previous',
      description: 'previous (the same length of time just before) or <from>,<to>',
    }),
    topic: Type.Optional(Text({ description: 'a topic id; all topics when absent' })),
    source: Type.Optional(Text({ description: 'a source kind; all sources when absent' })),
  },
  { additionalProperties: false },
);

const Share = Type.Object({
  count: Type.Integer(),
  n: Type.Integer(),
  share: NullableNumber,
  low: NullableNumber,
  high: NullableNumber,
});
const Ratio = Type.Object({ ratio: NullableNumber, low: NullableNumber, high: NullableNumber });
const RatioWithBasis = Type.Object({
  ratio: NullableNumber,
  low: NullableNumber,
  high: NullableNumber,
  basis: Type.String(),
});
const TestName = Type.Union([Type.Literal('two_proportion_z'), Type.Literal('fisher_exact')]);
const sentimentFields = { volume: Type.Integer(), negative: Share, positive: Share };
const Sentiment = Type.Object(sentimentFields);
const withoutFaqFields = {
  questions: Type.Integer({ description: 'no_faq_found + answered_without_faq' }),
  no_faq_found: Type.Integer({ description: 'decided none and not answered with an FAQ' }),
  answered_without_faq: Type.Integer({ description: 'an FAQ was proposed, answered without one' }),
};
const WithoutFaq = Type.Object(withoutFaqFields);
const onlineFields = {
  questions: Type.Integer({ description: 'posts that ask a question (asks_question)' }),
  comparison_questions: Type.Integer(),
  change: Ratio,
  without_faq: Type.Integer({ description: 'asking posts decided none against faq_set' }),
  comparison_without_faq: Type.Integer(),
  without_faq_change: Ratio,
  undecided: Type.Integer({
    description:
      'posts with text not yet read, or asking posts decided against another set that keep their text',
  }),
  comparison_undecided: Type.Integer(),
  older_decision: Type.Integer({
    description: 'asking posts decided against another set whose text has expired: never decided again',
  }),
  comparison_older_decision: Type.Integer(),
};
const Range = Type.Object({ from: Type.String(), to: Type.String(), days: Type.Number() });

const TopicSentiment = Type.Object({
  topic: Type.String(),
  label: Type.String(),
  ...sentimentFields,
  comparison: Sentiment,
  volume_change: Ratio,
  negative_share_test: Nullable(
    Type.Object({
      test: TestName,
      statistic: NullableNumber,
      p_value: Type.Number(),
      p_adjusted: Type.Number(),
      significant: Type.Boolean(),
    }),
  ),
});

const Measure = Type.Object({
  id: Type.String(),
  title: Type.String(),
  level: Type.String(),
  direction: Type.String(),
  effective_from: Type.String(),
  effective_until: Nullable(Type.String()),
  topics: Type.Array(Type.String()),
  url: Nullable(Type.String()),
  changes: Type.Array(Type.Union([Type.Literal('starts'), Type.Literal('ends'), Type.Literal('amended')])),
  effect: Type.Object({
    at: Type.String(),
    complete: Type.Boolean(),
    window_hours: Type.Object({ before: Type.Number(), after: Type.Number() }),
    volume: RatioWithBasis,
    sentiment: Type.Object({
      shift: NullableNumber,
      low: NullableNumber,
      high: NullableNumber,
      basis: Type.String(),
    }),
    questions: Nullable(RatioWithBasis),
  }),
});

const ExampleTopic = Type.Object({
  topic: Type.String(),
  label: Type.String(),
  posts: Type.Array(
    Type.Object({
      source: Type.String(),
      author: Nullable(Type.String()),
      author_kind: Type.String(),
      text: Type.String(),
    }),
  ),
});

export const EnvironmentDocumentSchema = Type.Object({
  period: Range,
  comparison: Type.Object({
    kind: Type.Union([Type.Literal('previous'), Type.Literal('custom')]),
    from: Type.String(),
    to: Type.String(),
    days: Type.Number(),
  }),
  filters: Type.Object({ topic: Type.String(), source: Type.String() }),
  has_data: Type.Boolean(),
  notes: Type.Array(Type.String()),
  methods: Type.Object({
    shares: Type.String(),
    share_change: Type.String(),
    correction: Type.String(),
    rate_change: Type.String(),
  }),
  informatiebehoefte: Type.Object({
    question_source: Type.Literal('kcc_register'),
    note: Type.String(),
    questions: Type.Integer(),
    comparison_questions: Type.Integer(),
    change: Ratio,
    per_topic: Type.Array(
      Type.Object({
        topic: Type.String(),
        label: Type.String(),
        questions: Type.Integer(),
        comparison_questions: Type.Integer(),
        change: Ratio,
      }),
    ),
    without_faq: Type.Object(
      {
        ...withoutFaqFields,
        note: Type.String(),
        faq_set: Type.String({ description: 'md5 of the published FAQs the decisions were made against' }),
        comparison: WithoutFaq,
        change: Ratio,
        undecided: Type.Integer({ description: 'questions of the period not yet decided against faq_set' }),
        comparison_undecided: Type.Integer(),
        per_topic: Type.Array(
          Type.Object({
            topic: Type.String(),
            label: Type.String(),
            ...withoutFaqFields,
            comparison: WithoutFaq,
            change: Ratio,
          }),
        ),
      },
      {
        description:
          'questions of the period without an FAQ (decided none, or answered without the FAQ proposed), from question_faq_matches',
      },
    ),
    online: Type.Object(
      {
        question_source: Type.Literal('posts'),
        note: Type.String(),
        faq_set: Type.String({ description: 'md5 of the published FAQs the decisions were made against' }),
        ...onlineFields,
        per_topic: Type.Array(Type.Object({ topic: Type.String(), label: Type.String(), ...onlineFields })),
      },
      {
        description:
          'posts of the period that ask a question, with those decided none (no FAQ), from mentions and mention_faq_matches; counts only',
      },
    ),
  }),
  handelingsperspectief: Type.Object({
    effect_method: Type.String(),
    in_force: Type.Array(Measure),
    changed_in_period: Type.Array(Type.String()),
  }),
  betekenisgeving: Type.Object({
    ...sentimentFields,
    comparison: Sentiment,
    volume_change: Ratio,
    per_topic: Type.Array(TopicSentiment),
    per_source: Type.Array(Type.Object({ source: Type.String(), ...sentimentFields, comparison: Sentiment })),
    significant_changes: Type.Array(
      Type.Object({
        topic: Type.String(),
        label: Type.String(),
        metric: Type.Literal('negative_share'),
        share: Type.Number(),
        comparison_share: Type.Number(),
        difference: Type.Number(),
        test: TestName,
        p_value: Type.Number(),
        p_adjusted: Type.Number(),
      }),
    ),
    emerging_terms: Type.Object({
      baseline: Type.String(),
      terms: Type.Array(
        Type.Object({
          term: Type.String(),
          count: Type.Integer(),
          baseline_count: Type.Integer(),
          ratio: Type.Number(),
          g2: Type.Number(),
        }),
      ),
    }),
    examples: Type.Object({
      shown: Type.Boolean(),
      reason: Nullable(Type.String()),
      topics: Type.Array(ExampleTopic),
    }),
  }),
  signalen: Type.Object({
    alerts: Type.Array(
      Type.Object({
        id: Type.String(),
        kind: Type.String(),
        state: Type.String(),
        title: Type.String(),
        series: Type.String(),
        opened_at: Type.String(),
        resolved_at: Nullable(Type.String()),
        acknowledged: Type.Boolean(),
        score: NullableNumber,
        observed: NullableNumber,
        expected: NullableNumber,
      }),
    ),
  }),
  dekking: Type.Object({
    days_without_data: Type.Array(Type.String()),
    per_source: Type.Array(
      Type.Object({
        source: Type.String(),
        items: Type.Integer(),
        comparison_items: Type.Integer(),
        days_without_data: Type.Array(Type.String()),
      }),
    ),
    failed_sources: Type.Array(
      Type.Object({
        source: Type.String(),
        opened_at: Type.String(),
        resolved_at: Nullable(Type.String()),
        problem: Nullable(Type.String()),
      }),
    ),
    sources_with_errors: Type.Array(
      Type.Object({
        id: Type.String(),
        kind: Type.String(),
        last_error_at: Type.String(),
        last_error: Nullable(Type.String()),
      }),
    ),
    sentiment_model: Type.Object({
      in_use: Type.String(),
      lexicon: Type.String(),
      active_version: Nullable(Type.String()),
      measured_accuracy: Nullable(Type.Record(Type.String(), Type.Unknown())),
      note: Type.String(),
      analyst_corrections: Type.Integer(),
    }),
  }),
});
