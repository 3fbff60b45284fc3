// Request and response schemas shared by the series routes of /api/v1 and /grafana.
import { Type } from '@fastify/type-provider-typebox';
import { METRICS } from '../../series/series.js';

export const MetricParam = Type.Union(METRICS.map((metric) => Type.Literal(metric)));
export const IntervalParam = Type.Union(
  [Type.Literal('5m'), Type.Literal('1h'), Type.Literal('1d'), Type.Literal('auto')],
  {
    default: 'auto',
  },
);
export const TimeParam = Type.String({ description: 'epoch milliseconds or ISO 8601' });

export const SeriesQuery = Type.Object(
  {
    metric: Type.Union(
      METRICS.map((metric) => Type.Literal(metric)),
      { default: 'volume' },
    ),
    source: Type.String({ default: 'all' }),
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
