// Server-side sessions: the browser holds only a random id; the database holds its SHA-256, the user, when it
// started and when it was last used. A session ends at sign-out, after the idle limit, or at its absolute end.
import crypto from 'node:crypto';
import type { UsersRepository } from '../repositories/users.repository.js';
import type { User } from './user.js';

export interface SessionLimits {
  idleMs: number;
  absoluteMs: number;
}

export interface ActiveSession {
  /** The hash under which the session is stored (never the id the browser holds). */
  idHash: string;
  user: User;
}

export type SessionLookup =
  { kind: 'active'; session: ActiveSession } | { kind: 'expired' } | { kind: 'none' };

function hashId(id: string): string {
  return crypto.createHash('sha256').update(id).digest('hex');
}

const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;
// Writing last_seen_at on every request would make each page view a write; once a minute is precise enough.
const TOUCH_EVERY_MS = 60_000;

export class SessionsService {
  constructor(
    private readonly users: Pick<
      UsersRepository,
      'createSession' | 'findSession' | 'touchSession' | 'deleteSession' | 'deleteExpiredSessions'
    >,
    readonly limits: SessionLimits,
    private readonly now: () => Date,
  ) {}

  /** Starts a session for someone the identity provider has identified; returns the id for the cookie. */
  async start(user: User): Promise<{ id: string; expiresAt: Date }> {
    const id = crypto.randomBytes(32).toString('base64url');
    const at = this.now();
    const expiresAt = new Date(at.getTime() + this.limits.absoluteMs);
    await this.users.createSession({ idHash: hashId(id), userId: user.id, at, expiresAt });
    return { id, expiresAt };
  }

  async find(id: string | undefined): Promise<SessionLookup> {
    if (id === undefined || !SESSION_ID.test(id)) return { kind: 'none' };
    const idHash = hashId(id);
    const stored = await this.users.findSession(idHash);
    if (stored === null) return { kind: 'none' };
    const at = this.now();
    const idle = at.getTime() - stored.lastSeenAt.getTime() >= this.limits.idleMs;
    if (idle || stored.expiresAt <= at || stored.user.disabledAt !== null) {
      await this.users.deleteSession(idHash);
      return { kind: 'expired' };
    }
    if (at.getTime() - stored.lastSeenAt.getTime() >= TOUCH_EVERY_MS)
      await this.users.touchSession(idHash, at);
    return { kind: 'active', session: { idHash, user: stored.user } };
  }

  async end(session: ActiveSession): Promise<void> {
    await this.users.deleteSession(session.idHash);
  }

  /** For the retention job: removes sessions nobody can use any more. */
  purgeExpired(): Promise<number> {
    const at = this.now();
    return this.users.deleteExpiredSessions(at, new Date(at.getTime() - this.limits.idleMs));
  }
}
