import { Type } from '@fastify/type-provider-typebox';
import { TimeParam } from './series.schema.js';
import { Nullable } from './nullable.schema.js';
import { Id, Limit } from './parameter.schema.js';

const DateTime = Type.String({ format: 'date-time' });

export const AlertKindParam = Type.Union([
  Type.Literal('spike'),
  Type.Literal('drop'),
  Type.Literal('measure_change'),
  Type.Literal('source_failure'),
  Type.Literal('question_spike'),
]);

export const AlertsQuery = Type.Object(
  {
    from: Type.Optional(TimeParam),
    to: Type.Optional(TimeParam),
    kind: Type.Optional(AlertKindParam),
    state: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('resolved')])),
    limit: Limit(500, 100),
  },
  { additionalProperties: false },
);

export const AlertRow = Type.Object({
  id: Type.String(),
  kind: AlertKindParam,
  rule: Type.String(),
  series: Type.String(),
  state: Type.String(),
  title: Type.String(),
  opened_at: DateTime,
  updated_at: DateTime,
  resolved_at: Nullable(DateTime),
  acknowledged_at: Nullable(DateTime),
  acknowledged_by: Nullable(Type.String()),
  score: Nullable(Type.Number()),
  observed: Nullable(Type.Number()),
  expected: Nullable(Type.Number()),
  details: Type.Record(Type.String(), Type.Unknown()),
  events: Type.Array(
    Type.Object({ id: Type.String(), type: Type.String(), at: DateTime, message: Type.Unknown() }),
  ),
  deliveries: Type.Array(
    Type.Object({
      event_id: Type.String(),
      channel: Type.String(),
      channel_kind: Type.String(),
      state: Type.String(),
      attempts: Type.Integer(),
      last_error: Nullable(Type.String()),
      delivered_at: Nullable(DateTime),
    }),
  ),
});

export const AlertIdParams = Type.Object({ id: Id() });
