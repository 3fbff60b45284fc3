// The `questions:` section of the YAML configuration: teams, routing by topic, due times in working hours, the
// municipality's opening hours and holidays, who is told about overdue questions, and how long contact details stay.
import Type, { type Static } from 'typebox';

const Window = Type.Union([
  Type.String({ pattern: '^\\d{1,2}:\\d{2}\\s*-\\s*\\d{1,2}:\\d{2}$' }),
  Type.Null(),
]);

const Team = Type.Object(
  {
    id: Type.String({
      pattern: '^[a-z0-9][a-z0-9_-]{0,62}$',
      description: 'stable id, e.g. economische-zaken',
    }),
    name: Type.String({ minLength: 1, description: 'the team as users see it' }),
    due_hours: Type.Number({
      exclusiveMinimum: 0,
      maximum: 2_000,
      default: 16,
      description: 'working hours',
    }),
    /** Alert channels (ids under alerts.channels) told when a question is routed to this team. */
    channels: Type.Array(Type.String({ minLength: 1 }), { default: [] }),
  },
  { additionalProperties: false },
);

const Route = Type.Object(
  { topic: Type.String({ minLength: 1 }), team: Type.String({ minLength: 1 }) },
  { additionalProperties: false },
);

export const QuestionsSection = Type.Object(
  {
    teams: Type.Array(Team, { default: [{ id: 'kcc', name: 'KCC', due_hours: 16, channels: [] }] }),
    /** First matching route wins, in the order of the question's topics. */
    routes: Type.Array(Route, { default: [] }),
    default_team: Type.String({ minLength: 1, default: 'kcc' }),
    opening_hours: Type.Object(
      {
        monday: Type.Optional(Window),
        tuesday: Type.Optional(Window),
        wednesday: Type.Optional(Window),
        thursday: Type.Optional(Window),
        friday: Type.Optional(Window),
        saturday: Type.Optional(Window),
        sunday: Type.Optional(Window),
      },
      {
        additionalProperties: false,
        default: {
          monday: '08:30-17:00',
          tuesday: '08:30-17:00',
          wednesday: '08:30-17:00',
          thursday: '08:30-17:00',
          friday: '08:30-17:00',
        },
      },
    ),
    holidays: Type.Array(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }), { default: [] }),
    /** Alert channels of the coordinator: each overdue question is escalated there once. */
    coordinator_channels: Type.Array(Type.String({ minLength: 1 }), { default: [] }),
    contact_retention_days: Type.Integer({ minimum: 1, maximum: 3650, default: 30 }),
    /** Ids of systems that push questions with their own key (`onderstroom questions key <id>`). */
    sources: Type.Array(Type.String({ pattern: '^[a-z0-9][a-z0-9_-]{0,62}$' }), { default: [] }),
  },
  { additionalProperties: false, default: {} },
);

export type QuestionsConfig = Static<typeof QuestionsSection>;
