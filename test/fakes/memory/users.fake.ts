// Web users and their server-side sessions in memory, as UsersRepository stores them: names unique in any case,
// sessions by the hash of their id, joined to their user on every read (a disabled user shows as disabled), last use
// written when touched, expired or idle sessions purged; disabling a user or setting a password ends sessions.
import type { StoredSession, UsersRepository } from '../../../services/repositories/users.repository.js';
import type { User, UserRole } from '../../../services/users/user.js';

export type FakedUsersMethods = Pick<
  UsersRepository,
  | 'insert'
  | 'findForSignIn'
  | 'list'
  | 'disable'
  | 'setPassword'
  | 'createSession'
  | 'findSession'
  | 'touchSession'
  | 'deleteSession'
  | 'deleteExpiredSessions'
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
  /** Password hashes by user id. */
  readonly passwordHashes = new Map<string, string>();
  private readonly sessions = new Map<string, Session>();
  private nextId = 1;

  constructor(private readonly now: () => Date = () => new Date()) {}
  /** Every `touchSession`, in order. */
  readonly touches: Date[] = [];

  get sessionCount(): number {
    return this.sessions.size;
  }

  /** The id hashes of a user's sessions. */
  sessionsOf(userId: string): string[] {
    return [...this.sessions.values()].filter((s) => s.userId === userId).map((s) => s.idHash);
  }

  insert(values: {
    name: string;
    role: UserRole;
    teamId: string | null;
    passwordHash: string;
    mustChangePassword: boolean;
  }): Promise<User | null> {
    if (this.byName(values.name) !== undefined) return Promise.resolve(null);
    const user: User = {
      id: String(this.nextId++),
      name: values.name,
      role: values.role,
      teamId: values.teamId,
      mustChangePassword: values.mustChangePassword,
      createdAt: this.now(),
      disabledAt: null,
    };
    this.users.set(user.id, user);
    this.passwordHashes.set(user.id, values.passwordHash);
    return Promise.resolve({ ...user });
  }

  findForSignIn(name: string): Promise<{ user: User; passwordHash: string } | null> {
    const user = this.byName(name);
    if (user === undefined) return Promise.resolve(null);
    return Promise.resolve({ user: { ...user }, passwordHash: this.passwordHashes.get(user.id)! });
  }

  list(): Promise<User[]> {
    return Promise.resolve(
      [...this.users.values()].sort((a, b) => a.name.localeCompare(b.name)).map((u) => ({ ...u })),
    );
  }

  disable(name: string, at: Date): Promise<User | null> {
    const user = this.byName(name);
    if (user === undefined || user.disabledAt !== null) return Promise.resolve(null);
    user.disabledAt = at;
    for (const idHash of this.sessionsOf(user.id)) this.sessions.delete(idHash);
    return Promise.resolve({ ...user });
  }

  setPassword(
    userId: string,
    passwordHash: string,
    mustChangePassword: boolean,
    _at: Date,
    keepSessionHash: string | null,
  ): Promise<void> {
    const user = this.users.get(userId);
    if (user === undefined) return Promise.resolve();
    this.passwordHashes.set(userId, passwordHash);
    user.mustChangePassword = mustChangePassword;
    for (const idHash of this.sessionsOf(userId))
      if (idHash !== keepSessionHash) this.sessions.delete(idHash);
    return Promise.resolve();
  }

  private byName(name: string): User | undefined {
    return [...this.users.values()].find((user) => user.name.toLowerCase() === name.toLowerCase());
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
