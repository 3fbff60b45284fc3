// Web users and their server-side sessions in memory, as UsersRepository stores them: sessions by the hash of their
// id, joined to their user on every read (a disabled user shows as disabled), last use written when touched, and
// expired or idle sessions purged.
import type { StoredSession, UsersRepository } from '../../../services/repositories/users.repository.js';
import type { User } from '../../../services/users/user.js';

export type FakedUsersMethods = Pick<
  UsersRepository,
  'createSession' | 'findSession' | 'touchSession' | 'deleteSession' | 'deleteExpiredSessions'
>;

interface Session {
  idHash: string;
  userId: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
}

export class FakeUsersRepository implements FakedUsersMethods {
  readonly users = new Map<string, User>();
  private readonly sessions = new Map<string, Session>();
  /** Every `touchSession`, in order. */
  readonly touches: Date[] = [];

  get sessionCount(): number {
    return this.sessions.size;
  }

  createSession(values: { idHash: string; userId: string; at: Date; expiresAt: Date }): Promise<void> {
    if (!this.users.has(values.userId))
      return Promise.reject(
        new Error(`insert or update on table "user_sessions" violates foreign key: no user ${values.userId}`),
      );
    this.sessions.set(values.idHash, {
      idHash: values.idHash,
      userId: values.userId,
      createdAt: values.at,
      lastSeenAt: values.at,
      expiresAt: values.expiresAt,
    });
    return Promise.resolve();
  }

  findSession(idHash: string): Promise<StoredSession | null> {
    const session = this.sessions.get(idHash);
    const user = session === undefined ? undefined : this.users.get(session.userId);
    if (session === undefined || user === undefined) return Promise.resolve(null);
    return Promise.resolve({
      idHash,
      createdAt: session.createdAt,
      lastSeenAt: session.lastSeenAt,
      expiresAt: session.expiresAt,
      user: { ...user },
    });
  }

  touchSession(idHash: string, at: Date): Promise<void> {
    this.touches.push(at);
    const session = this.sessions.get(idHash);
    if (session) session.lastSeenAt = at;
    return Promise.resolve();
  }

  deleteSession(idHash: string): Promise<void> {
    this.sessions.delete(idHash);
    return Promise.resolve();
  }

  deleteExpiredSessions(now: Date, idleSince: Date): Promise<number> {
    let deleted = 0;
    for (const [idHash, session] of this.sessions)
      if (
        session.expiresAt.getTime() <= now.getTime() ||
        session.lastSeenAt.getTime() <= idleSince.getTime()
      ) {
        this.sessions.delete(idHash);
        deleted += 1;
      }
    return Promise.resolve(deleted);
  }
}
