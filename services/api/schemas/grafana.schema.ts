// Query and row schemas of the /grafana endpoints (contract: routes/grafana/README.md).
import { Type } from '@fastify/type-provider-typebox';
import { Limit } from './parameter.schema.js';
import { ChannelParam, IntervalParam, SeriesMetricParam, SourceParam, TimeParam } from './series.schema.js';
import { Nullable } from './nullable.schema.js';

const RangeParams = {
  from: Type.Optional(TimeParam),
  to: Type.Optional(TimeParam),
};

const Dimensions = {
  source: Type.String({ default: 'all' }),
  topic: Type.String({ default: 'all' }),
};

export const GrafanaSeriesQuery = Type.Object(
  {
    metric: Type.Union([...SeriesMetricParam.anyOf, Type.Literal('anomaly')], { default: 'volume' }),
    of: Type.Union([Type.Literal('volume'), Type.Literal('negative_share'), Type.Literal('questions')], {
      default: 'volume',
      description:
        'with metric=anomaly: the detected series whose score is returned (questions: question counts)',
    }),
    source: SourceParam,
    channel: ChannelParam,
    topic: Dimensions.topic,
    ...RangeParams,
    interval: IntervalParam,
  },
  { additionalProperties: false },
);

export const BreakdownSeriesQuery = Type.Object(
  {
    by: Type.Union([Type.Literal('source'), Type.Literal('topic'), Type.Literal('channel')]),
    metric: SeriesMetricParam,
    source: SourceParam,
    channel: ChannelParam,
    topic: Dimensions.topic,
    ...RangeParams,
    interval: IntervalParam,
  },
  { additionalProperties: false },
);

export const BreakdownRows = Type.Array(
  Type.Object({ time: Type.Integer(), key: Type.String(), value: Nullable(Type.Number()) }),
);

export const SummaryQuery = Type.Object({ ...Dimensions, ...RangeParams }, { additionalProperties: false });

export const SummaryRows = Type.Array(
  Type.Object({
    volume: Type.Integer(),
    negative_share: Nullable(Type.Number()),
    positive_share: Nullable(Type.Number()),
    mean_score: Nullable(Type.Number()),
    reach: Type.Number(),
    open_alerts: Type.Integer(),
  }),
);

export const TopicsQuery = Type.Object(
  { source: Dimensions.source, ...RangeParams },
  { additionalProperties: false },
);

export const TopicsRows = Type.Array(
  Type.Object({
    topic: Type.String(),
    label: Type.String(),
    volume: Type.Integer(),
    negative_share: Nullable(Type.Number()),
    positive_share: Nullable(Type.Number()),
    mean_score: Nullable(Type.Number()),
  }),
);

export const TopMentionsQuery = Type.Object(
  {
    ...Dimensions,
    ...RangeParams,
    limit: Limit(500, 50),
    sort: Type.Union([Type.Literal('reach'), Type.Literal('engagement'), Type.Literal('recent')], {
      default: 'reach',
    }),
  },
  { additionalProperties: false },
);

export const TopMentionsRows = Type.Array(
  Type.Object({
    time: Type.Integer(),
    source: Type.String(),
    platform: Nullable(Type.String()),
    author: Nullable(Type.String()),
    text: Nullable(Type.String()),
    url: Nullable(Type.String()),
    sentiment: Type.String(),
    score: Type.Number(),
    reach: Nullable(Type.Number()),
    topics: Type.String({ description: 'comma-separated topic ids' }),
  }),
);

export const SourcesRows = Type.Array(
  Type.Object({
    id: Type.String(),
    kind: Type.String(),
    state: Type.String(),
    last_success: Nullable(Type.Integer()),
    last_error_at: Nullable(Type.Integer()),
    last_error: Nullable(Type.String()),
    items: Type.Integer(),
    lag_seconds: Nullable(Type.Integer()),
    next_poll: Nullable(Type.Integer()),
  }),
);

export const VariableRows = Type.Array(Type.Object({ value: Type.String(), text: Type.String() }));

export const AlertsTableQuery = Type.Object(
  {
    state: Type.Union([Type.Literal('open'), Type.Literal('all')], { default: 'open' }),
    ...RangeParams,
  },
  { additionalProperties: false },
);

export const AlertsTableRows = Type.Array(
  Type.Object({
    time: Type.Integer(),
    kind: Type.String(),
    state: Type.String(),
    title: Type.String(),
    series: Type.String(),
    score: Nullable(Type.Number()),
    observed: Nullable(Type.Number()),
    expected: Nullable(Type.Number()),
    acknowledged: Type.Boolean(),
  }),
);

export const AnnotationsQuery = Type.Object(
  {
    kind: Type.Union([Type.Literal('measures'), Type.Literal('alerts'), Type.Literal('all')], {
      default: 'all',
    }),
    topic: Type.String({ default: 'all' }),
    ...RangeParams,
  },
  { additionalProperties: false },
);

export const AnnotationRows = Type.Array(
  Type.Object({
    time: Type.Integer(),
    timeEnd: Nullable(Type.Integer()),
    title: Type.String(),
    text: Type.String(),
    tags: Type.String({ description: 'comma-separated' }),
  }),
);

export const NoQuery = Type.Object({}, { additionalProperties: false });

export const QuestionTeamRows = Type.Array(
  Type.Object({
    team: Type.String(),
    name: Type.String(),
    open: Type.Integer({ description: 'not answered and not closed, now' }),
    overdue: Type.Integer({ description: 'open and past the due time, now' }),
  }),
);

export const AnswerTimesQuery = Type.Object({ ...RangeParams }, { additionalProperties: false });

export const AnswerTimesRows = Type.Array(
  Type.Object({
    team: Type.String(),
    name: Type.String(),
    answered: Type.Integer({ description: 'questions answered in [from, to)' }),
    median_seconds: Nullable(Type.Number({ description: 'median time from received to answered' })),
  }),
);
