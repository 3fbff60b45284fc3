// The users module: one factory that takes what it needs and returns its services.
import type { Db } from '../db/client.js';
import { parseDuration } from '../config/duration.js';
import { UsersRepository } from '../repositories/users.repository.js';
import type { IdentityProvider } from './identity.js';
import { argon2Hasher, type PasswordHasher } from './passwords.js';
import { PasswordIdentity } from './password-identity.js';
import { SessionsService } from './sessions.service.js';
import { SignInService } from './sign-in.service.js';
import type { TeamsConfig, WebConfig } from './users.schema.js';
import { UsersService } from './users.service.js';

export interface UsersModule {
  users: UsersService;
  identity: IdentityProvider;
  sessions: SessionsService;
  signIn: SignInService;
  /** For the hourly maintenance job: deletes sessions nobody can use and sign-in failures that decide nothing. */
  purgeExpired(): Promise<{ sessions: number; failures: number }>;
}

export function createUsersModule(options: {
  db: Db;
  teams: TeamsConfig;
  web: WebConfig;
  hasher?: PasswordHasher;
  now?: () => Date;
}): UsersModule {
  const repository = new UsersRepository(options.db);
  const hasher = options.hasher ?? argon2Hasher;
  const now = options.now ?? (() => new Date());
  const identity = new PasswordIdentity(
    repository,
    hasher,
    {
      perUser: options.web.lockout_attempts,
      perAddress: options.web.lockout_address_attempts,
      windowMs: parseDuration(options.web.lockout_window),
    },
    now,
  );
  const sessions = new SessionsService(
    repository,
    {
      idleMs: parseDuration(options.web.session_idle),
      absoluteMs: parseDuration(options.web.session_absolute),
    },
    now,
  );
  return {
    users: new UsersService(repository, hasher, options.teams, now),
    identity,
    sessions,
    signIn: new SignInService(identity, sessions),
    async purgeExpired() {
      return { sessions: await sessions.purgeExpired(), failures: await identity.forgetOldFailures() };
    },
  };
}
