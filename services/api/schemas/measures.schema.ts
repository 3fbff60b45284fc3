// Request and response schemas of /api/v1/measures (and the measure rows of /grafana).
import { Type } from '@fastify/type-provider-typebox';
import { Limit } from './parameter.schema.js';
import { DURATION_PATTERN } from '../../config/duration.js';
import { MEASURE_ID_PATTERN } from '../../measures/measure.js';
import { TimeParam } from './series.schema.js';
import { Nullable } from './nullable.schema.js';

const DateOnly = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}$',
  description: 'a calendar date, YYYY-MM-DD',
});
const DateTime = Type.String({ format: 'date-time' });
const Url = Type.String({ pattern: '^https?://\\S+$' });

export const LevelParam = Type.Union([
  Type.Literal('national'),
  Type.Literal('regional'),
  Type.Literal('municipal'),
]);
export const DirectionParam = Type.Union([
  Type.Literal('tightening'),
  Type.Literal('relaxation'),
  Type.Literal('mixed'),
]);

export const MeasureIdParams = Type.Object({ id: Type.String({ pattern: MEASURE_ID_PATTERN }) });

export const MeasuresQuery = Type.Object(
  {
    from: Type.Optional(TimeParam),
    to: Type.Optional(TimeParam),
    level: Type.Optional(LevelParam),
    direction: Type.Optional(DirectionParam),
    topic: Type.Optional(Type.String({ description: 'a topic id: only measures about it' })),
    limit: Limit(5_000, 1_000),
  },
  { additionalProperties: false },
);

const MeasureFields = {
  level: LevelParam,
  region: Nullable(Type.String()),
  municipality: Nullable(Type.String()),
  title: Type.String(),
  summary: Nullable(Type.String()),
  announced_on: Nullable(DateOnly),
  effective_from: DateOnly,
  effective_until: Nullable(DateOnly),
  topics: Type.Array(Type.String()),
  direction: DirectionParam,
  source_url: Nullable(Type.String()),
  sources: Type.Array(Type.String()),
  verified: Type.Boolean(),
  note: Nullable(Type.String()),
};

export const MeasureRow = Type.Object({
  id: Type.String(),
  version: Type.Integer(),
  ...MeasureFields,
  origin: Type.String(),
  source_id: Nullable(Type.String()),
  external_id: Nullable(Type.String()),
  created_at: DateTime,
  updated_at: DateTime,
});

export const MeasureDetail = Type.Object({
  ...MeasureRow.properties,
  versions: Type.Array(
    Type.Object({
      version: Type.Integer(),
      recorded_at: DateTime,
      origin: Type.String(),
      changed: Type.Array(Type.String()),
      fields: Type.Object(MeasureFields),
    }),
  ),
});

const Notify = Type.Boolean({
  default: false,
  description: 'also raise a measure_change alert through the configured channels',
});

export const CreateMeasureBody = Type.Object(
  {
    id: Type.Optional(Type.String({ pattern: MEASURE_ID_PATTERN })),
    level: LevelParam,
    region: Type.Optional(Nullable(Type.String({ minLength: 1 }))),
    municipality: Type.Optional(Nullable(Type.String({ minLength: 1 }))),
    title: Type.String({ minLength: 1, maxLength: 500 }),
    summary: Type.Optional(Nullable(Type.String({ maxLength: 5_000 }))),
    announced_on: Type.Optional(Nullable(DateOnly)),
    effective_from: DateOnly,
    effective_until: Type.Optional(Nullable(DateOnly)),
    topics: Type.Array(Type.String(), { default: [] }),
    direction: DirectionParam,
    source_url: Type.Optional(Nullable(Url)),
    sources: Type.Array(Url, { default: [] }),
    verified: Type.Boolean({ default: true }),
    note: Type.Optional(Nullable(Type.String({ maxLength: 5_000 }))),
    notify: Notify,
  },
  { additionalProperties: false },
);

export const PatchMeasureBody = Type.Object(
  {
    level: Type.Optional(LevelParam),
    region: Type.Optional(Nullable(Type.String({ minLength: 1 }))),
    municipality: Type.Optional(Nullable(Type.String({ minLength: 1 }))),
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
    summary: Type.Optional(Nullable(Type.String({ maxLength: 5_000 }))),
    announced_on: Type.Optional(Nullable(DateOnly)),
    effective_from: Type.Optional(DateOnly),
    effective_until: Type.Optional(Nullable(DateOnly)),
    topics: Type.Optional(Type.Array(Type.String())),
    direction: Type.Optional(DirectionParam),
    source_url: Type.Optional(Nullable(Url)),
    sources: Type.Optional(Type.Array(Url)),
    verified: Type.Optional(Type.Boolean()),
    note: Type.Optional(Nullable(Type.String({ maxLength: 5_000 }))),
    notify: Notify,
  },
  { additionalProperties: false, minProperties: 1 },
);

const Duration = (fallback: string) =>
  Type.String({ pattern: DURATION_PATTERN, default: fallback, description: 'for example 48h or 2d' });

const EffectParams = {
  before: Duration('48h'),
  after: Duration('48h'),
  weeks: Type.Integer({ minimum: 0, maximum: 12, default: 4, description: 'earlier weeks to compare with' }),
  source: Type.String({ default: 'all', pattern: '^[a-z0-9_-]{1,64}$' }),
  anchor: Type.Union([Type.Literal('effective_from'), Type.Literal('announced_on')], {
    default: 'effective_from',
  }),
};

export const EffectQuery = Type.Object(
  {
    ...EffectParams,
    topic: Type.String({ default: 'all', description: 'the series the effect is measured on' }),
  },
  { additionalProperties: false },
);

export const EffectsQuery = Type.Object(
  {
    ...EffectParams,
    topic: Type.Optional(
      Type.String({ description: 'only measures about this topic, each measured on the topic series' }),
    ),
    direction: Type.Optional(DirectionParam),
    level: Type.Optional(LevelParam),
    from: Type.Optional(TimeParam),
    to: Type.Optional(TimeParam),
  },
  { additionalProperties: false },
);

const N = Nullable(Type.Number());
const Span = Type.Object({ from: DateTime, to: DateTime });

export const EffectRow = Type.Object({
  measure: Type.Object({
    id: Type.String(),
    title: Type.String(),
    level: Type.String(),
    direction: Type.String(),
    topics: Type.Array(Type.String()),
    effective_from: DateOnly,
    announced_on: Nullable(DateOnly),
  }),
  at: DateTime,
  anchor: Type.String(),
  source: Type.String(),
  topic: Type.String(),
  windows: Type.Object({ before: Span, after: Span, earlier_weeks: Type.Integer() }),
  complete: Type.Boolean(),
  volume: Type.Object({
    before: Type.Integer(),
    after: Type.Integer(),
    expected_before: N,
    expected_after: N,
    weeks_used: Type.Integer(),
    raw_ratio: N,
    ratio: N,
    ratio_low: N,
    ratio_high: N,
    basis: Type.String(),
    method: Type.String(),
  }),
  sentiment: Type.Object({
    negative_share_before: N,
    negative_share_after: N,
    expected_before: N,
    expected_after: N,
    mean_score_before: N,
    mean_score_after: N,
    shift: N,
    shift_low: N,
    shift_high: N,
    basis: Type.String(),
    method: Type.String(),
  }),
  topics: Type.Array(
    Type.Object({
      topic: Type.String(),
      label: Type.String(),
      share_before: Type.Number(),
      share_after: Type.Number(),
      growth: Type.Number(),
      before: Type.Integer(),
      after: Type.Integer(),
    }),
  ),
  questions: Type.Object({
    measured: Type.Boolean({
      description: 'false when no KCC question fell in the windows or their earlier weeks',
    }),
    note: Nullable(Type.String()),
    channel: Type.Optional(Type.String()),
    before: Type.Optional(Type.Integer()),
    after: Type.Optional(Type.Integer()),
    expected_before: Type.Optional(N),
    expected_after: Type.Optional(N),
    weeks_used: Type.Optional(Type.Integer()),
    raw_ratio: Type.Optional(N),
    ratio: Type.Optional(N),
    ratio_low: Type.Optional(N),
    ratio_high: Type.Optional(N),
    basis: Type.Optional(Type.String()),
    method: Type.Optional(Type.String()),
  }),
});

const Spread = Type.Object({ median: N, p25: N, p75: N });

export const EffectsResponse = Type.Object({
  pattern: Type.Object({
    measures: Type.Integer({ description: 'measures whose after window is over' }),
    with_volume: Type.Integer(),
    with_sentiment: Type.Integer(),
    volume_ratio: Spread,
    with_questions: Type.Integer(),
    question_ratio: Spread,
    sentiment_shift: Spread,
    volume_up: Type.Integer(),
    volume_down: Type.Integer(),
    more_negative: Type.Integer(),
    less_negative: Type.Integer(),
  }),
  effects: Type.Array(EffectRow),
});

export const GrafanaMeasuresQuery = Type.Object(
  {
    level: Type.Optional(Type.Union([LevelParam, Type.Literal('all'), Type.Literal('')])),
    topic: Type.String({ default: 'all' }),
    from: Type.Optional(TimeParam),
    to: Type.Optional(TimeParam),
  },
  { additionalProperties: false },
);

export const GrafanaMeasuresRows = Type.Array(
  Type.Object({
    time: Type.Integer(),
    timeEnd: Nullable(Type.Integer()),
    level: Type.String(),
    title: Type.String(),
    direction: Type.String(),
    topics: Type.String({ description: 'comma-separated topic ids' }),
    url: Nullable(Type.String()),
  }),
);

export const GrafanaEffectsQuery = Type.Object(
  {
    topic: Type.String({ default: 'all' }),
    from: Type.Optional(TimeParam),
    to: Type.Optional(TimeParam),
    before: Duration('48h'),
    after: Duration('48h'),
  },
  { additionalProperties: false },
);

export const GrafanaEffectsRows = Type.Array(
  Type.Object({
    time: Type.Integer(),
    measure: Type.String(),
    title: Type.String(),
    level: Type.String(),
    direction: Type.String(),
    volume_ratio: N,
    sentiment_shift: N,
    sentiment_shift_low: N,
    sentiment_shift_high: N,
    question_ratio: N,
    question_ratio_low: N,
    question_ratio_high: N,
  }),
);
