// The YAML configuration file, as a schema. Keys are snake_case as users write them; the loader keeps them so,
// and each section's consumer reads its own part.
import Type, { type Static } from 'typebox';
import { AlertsSection } from './alerts.schema.js';
import { SourceEntrySchema } from '../sources/source-entry.schema.js';
import { QuestionsSection } from '../questions/questions-config.schema.js';
import { WebSection } from '../users/users.schema.js';
import { ReportsSection } from '../reports/delivery/reports-config.schema.js';

const PublicAccount = Type.Object(
  {
    name: Type.String({ minLength: 1, description: 'display name or handle, matched case-insensitively' }),
    kind: Type.Union([Type.Literal('institution'), Type.Literal('media')]),
  },
  { additionalProperties: false },
);

export const PrivacySection = Type.Object(
  {
    retention_days: Type.Integer({ minimum: 1, maximum: 3650, default: 90 }),
    public_accounts: Type.Array(PublicAccount, { default: [] }),
  },
  { additionalProperties: false },
);

export const TopicsSection = Type.Object(
  {
    file: Type.Optional(
      Type.String({ minLength: 1, description: 'a taxonomy YAML that replaces the default' }),
    ),
  },
  { additionalProperties: false },
);

export const OrganisationSection = Type.Object(
  {
    name: Type.String({
      minLength: 1,
      maxLength: 120,
      default: 'Gemeente',
      description: 'the organisation named on reports (title page and footer), e.g. "Gemeente Huizen"',
    }),
  },
  { additionalProperties: false },
);

export const ConfigSchema = Type.Object(
  {
    /** Who the reports are made for: its name on every page. */
    organisation: Type.Object(OrganisationSection.properties, { additionalProperties: false, default: {} }),
    timezone: Type.String({ minLength: 1, default: 'Europe/Amsterdam' }),
    privacy: Type.Object(PrivacySection.properties, { additionalProperties: false, default: {} }),
    topics: Type.Object(TopicsSection.properties, { additionalProperties: false, default: {} }),
    alerts: AlertsSection,
    /** Pollers and push sources; each entry's kind-specific keys are checked by services/sources. */
    sources: Type.Array(SourceEntrySchema, { default: [] }),
    /** The question register: teams, routing, working hours, escalation, contact retention. */
    questions: QuestionsSection,
    /** The web pages' session and lockout limits (teams are those of `questions.teams`). */
    web: WebSection,
    /** When the weekly report and the daily digest are sent, and to which alert channels. */
    reports: ReportsSection,
  },
  { additionalProperties: false },
);

export type Config = Static<typeof ConfigSchema>;
export type PublicAccountConfig = Static<typeof PublicAccount>;
