// The config file's `web:` (session and lockout limits, cookies behind a TLS proxy), and the part of a team the
// users module needs: teams themselves are configured once, under `questions.teams`.
import Type, { type Static } from 'typebox';
import { DURATION_PATTERN } from '../config/duration.js';

export const WebSection = Type.Object(
  {
    session_idle: Type.String({ pattern: DURATION_PATTERN, default: '30m' }),
    session_absolute: Type.String({ pattern: DURATION_PATTERN, default: '10h' }),
    lockout_attempts: Type.Integer({ minimum: 1, default: 5, description: 'failures per user name' }),
    lockout_address_attempts: Type.Integer({ minimum: 1, default: 20, description: 'failures per address' }),
    lockout_window: Type.String({ pattern: DURATION_PATTERN, default: '15m' }),
    /** Believe X-Forwarded-Proto and X-Forwarded-For from the proxy in front (TLS ends there). */
    behind_proxy: Type.Boolean({ default: false }),
  },
  { additionalProperties: false, default: {} },
);

export type TeamsConfig = readonly { id: string; name: string }[];
export type WebConfig = Static<typeof WebSection>;
