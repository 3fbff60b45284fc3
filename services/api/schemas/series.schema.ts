// Request and response schemas shared by the series routes of /api/v1 and /grafana.
import { Type } from '@fastify/type-provider-typebox';
import { METRICS } from '../../series/metric-definitions.js';
import { QUESTIONS_METRIC } from '../../series/series.js';

export const MetricParam = Type.Union(METRICS.map((metric) => Type.Literal(metric)));
export const IntervalParam = Type.Union(
  [Type.Literal('5m'), Type.Literal('1h'), Type.Literal('1d'), Type.Literal('auto')],
  {
    default: 'auto',
  },
);
export const TimeParam = Type.String({ description: 'epoch milliseconds or ISO 8601' });

/** Mention metrics and `questions`; `source` belongs to the first, `channel` to the second. */
export const SeriesMetricParam = Type.Union([...MetricParam.anyOf, Type.Literal(QUESTIONS_METRIC)], {
  default: 'volume',
});
export const SourceParam = Type.Optional(
  Type.String({ description: 'mention metrics: a source kind or all (default)' }),
);
export const ChannelParam = Type.Optional(
  Type.String({ description: 'metric=questions: a question channel or all (default)' }),
);

export const SeriesQuery = Type.Object(
  {
    metric: SeriesMetricParam,
    source: SourceParam,
    channel: ChannelParam,
    topic: Type.String({ default: 'all' }),
    from: Type.Optional(TimeParam),
    to: Type.Optional(TimeParam),
    interval: IntervalParam,
  },
  { additionalProperties: false },
);

export const SeriesRows = Type.Array(
  Type.Object({ time: Type.Integer(), value: Type.Union([Type.Number(), Type.Null()]) }),
);
