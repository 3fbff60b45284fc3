// Web users, their sessions and failed sign-ins.
import { sql } from 'kysely';
import type { Db } from '../db/client.js';
import type { User, UserRole } from '../users/user.js';

export interface StoredSession {
  idHash: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  user: User;
}

const USER_COLUMNS = [
  'users.id',
  'users.name',
  'users.role',
  'users.team_id',
  'users.must_change_password',
  'users.created_at',
  'users.disabled_at',
] as const;

type UserRow = {
  id: string;
  name: string;
  role: UserRole;
  team_id: string | null;
  must_change_password: boolean;
  created_at: Date;
  disabled_at: Date | null;
};

function toUser(row: UserRow): User {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    teamId: row.team_id,
    mustChangePassword: row.must_change_password,
    createdAt: row.created_at,
    disabledAt: row.disabled_at,
  };
}

export class UsersRepository {
  constructor(private readonly db: Db) {}

  /** Null when the name (in any case) is taken. */
  async insert(values: {
    name: string;
    role: UserRole;
    teamId: string | null;
    passwordHash: string;
    mustChangePassword: boolean;
  }): Promise<User | null> {
    const row = await this.db
      .insertInto('users')
      .values({
        name: values.name,
        role: values.role,
        team_id: values.teamId,
        password_hash: values.passwordHash,
        must_change_password: values.mustChangePassword,
        disabled_at: null,
      })
      .onConflict((conflict) => conflict.expression(sql`lower(name)`).doNothing())
      .returning(USER_COLUMNS)
      .executeTakeFirst();
    return row ? toUser(row) : null;
  }

  async findForSignIn(name: string): Promise<{ user: User; passwordHash: string } | null> {
    const row = await this.db
      .selectFrom('users')
      .select([...USER_COLUMNS, 'users.password_hash'])
      .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
      .executeTakeFirst();
    return row ? { user: toUser(row), passwordHash: row.password_hash } : null;
  }

  async list(): Promise<User[]> {
    const rows = await this.db.selectFrom('users').select(USER_COLUMNS).orderBy('name').execute();
    return rows.map(toUser);
  }

  /** Disables the user and ends their sessions at once; null when no enabled user has that name. */
  async disable(name: string, at: Date): Promise<User | null> {
    return this.db.transaction().execute(async (trx) => {
      const row = await trx
        .updateTable('users')
        .set({ disabled_at: at })
        .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
        .where('disabled_at', 'is', null)
        .returning(USER_COLUMNS)
        .executeTakeFirst();
      if (!row) return null;
      await trx.deleteFrom('user_sessions').where('user_id', '=', row.id).execute();
      return toUser(row);
    });
  }

  /** Sets a new password and ends the user's other sessions (the one kept, if any, stays signed in). */
  async setPassword(
    userId: string,
    passwordHash: string,
    mustChangePassword: boolean,
    at: Date,
    keepSessionHash: string | null,
  ): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('users')
        .set({
          password_hash: passwordHash,
          must_change_password: mustChangePassword,
          password_changed_at: at,
        })
        .where('id', '=', userId)
        .execute();
      let others = trx.deleteFrom('user_sessions').where('user_id', '=', userId);
      if (keepSessionHash !== null) others = others.where('id_hash', '<>', keepSessionHash);
      await others.execute();
    });
  }

  async createSession(values: { idHash: string; userId: string; at: Date; expiresAt: Date }): Promise<void> {
    await this.db
      .insertInto('user_sessions')
      .values({
        id_hash: values.idHash,
        user_id: values.userId,
        created_at: values.at,
        last_seen_at: values.at,
        expires_at: values.expiresAt,
      })
      .execute();
  }

  async findSession(idHash: string): Promise<StoredSession | null> {
    const row = await this.db
      .selectFrom('user_sessions')
      .innerJoin('users', 'users.id', 'user_sessions.user_id')
      .select([
        ...USER_COLUMNS,
        'user_sessions.id_hash',
        'user_sessions.created_at as session_created_at',
        'user_sessions.last_seen_at',
        'user_sessions.expires_at',
      ])
      .where('user_sessions.id_hash', '=', idHash)
      .executeTakeFirst();
    if (!row) return null;
    return {
      idHash: row.id_hash,
      createdAt: row.session_created_at,
      lastSeenAt: row.last_seen_at,
      expiresAt: row.expires_at,
      user: toUser(row),
    };
  }

  async touchSession(idHash: string, at: Date): Promise<void> {
    await this.db
      .updateTable('user_sessions')
      .set({ last_seen_at: at })
      .where('id_hash', '=', idHash)
      .execute();
  }

  async deleteSession(idHash: string): Promise<void> {
    await this.db.deleteFrom('user_sessions').where('id_hash', '=', idHash).execute();
  }

  /** Sessions past their absolute end or idle for longer than the idle limit. */
  async deleteExpiredSessions(now: Date, idleSince: Date): Promise<number> {
    const result = await this.db
      .deleteFrom('user_sessions')
      .where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<=', idleSince)]))
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async recordFailure(name: string, clientAddress: string, at: Date): Promise<void> {
    await this.db
      .insertInto('sign_in_failures')
      .values({ user_name: name.toLowerCase().slice(0, 200), client_address: clientAddress, failed_at: at })
      .execute();
  }

  /** Failed sign-ins since a moment, for the name tried and for the address it came from. */
  async failuresSince(
    name: string,
    clientAddress: string,
    since: Date,
  ): Promise<{ byName: Date[]; byAddress: number }> {
    const byName = await this.db
      .selectFrom('sign_in_failures')
      .select('failed_at')
      .where('user_name', '=', name.toLowerCase().slice(0, 200))
      .where('failed_at', '>', since)
      .orderBy('failed_at')
      .execute();
    const byAddress = await this.db
      .selectFrom('sign_in_failures')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('client_address', '=', clientAddress)
      .where('failed_at', '>', since)
      .executeTakeFirstOrThrow();
    return { byName: byName.map((row) => row.failed_at), byAddress: Number(byAddress.n) };
  }

  /** Failed sign-ins older than a moment: they no longer count towards a lockout, and hold client addresses. */
  async deleteFailuresBefore(before: Date): Promise<number> {
    const result = await this.db
      .deleteFrom('sign_in_failures')
      .where('failed_at', '<=', before)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async clearFailures(name: string): Promise<void> {
    await this.db
      .deleteFrom('sign_in_failures')
      .where('user_name', '=', name.toLowerCase().slice(0, 200))
      .execute();
  }
}
