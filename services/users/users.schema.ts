// The config file's `teams:` (who questions can be sent to, and who a team member belongs to) and `web:`
// (session and lockout limits, cookies behind a TLS proxy).
import Type, { type Static } from 'typebox';
import { DURATION_PATTERN } from '../config/duration.js';

export const TeamsSection = Type.Array(
  Type.Object(
    {
      id: Type.String({ pattern: '^[a-z0-9][a-z0-9_-]{0,63}$', description: 'short id, e.g. handhaving' }),
      name: Type.String({ minLength: 1, description: 'the name the pages show' }),
    },
    { additionalProperties: false },
  ),
  { default: [] },
);

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

export type TeamsConfig = Static<typeof TeamsSection>;
export type WebConfig = Static<typeof WebSection>;
