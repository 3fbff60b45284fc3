// The local answer to "who is this person": a name and an argon2id-checked password, with the lockout.
import type { UsersRepository } from '../repositories/users.repository.js';
import type { Identification, IdentityProvider, PasswordCredentials } from './identity.js';
import { lockedUntil, type LockoutRule } from './lockout.js';
import type { PasswordHasher } from './passwords.js';
import { MAX_PASSWORD_LENGTH } from './user.js';

// A real hash of a random password, so an unknown name costs as much time as a wrong password.
const UNKNOWN_USER_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$vfm4TbXbzyQ8QQWb92Fkvg$bC4DK6Y3Gud9C8huPOIgkwc0IQZzPm7EfHyRoBT1PCQ';

export class PasswordIdentity implements IdentityProvider {
  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly rule: LockoutRule,
    private readonly now: () => Date,
  ) {}

  async identify(credentials: PasswordCredentials): Promise<Identification> {
    const at = this.now();
    const name = credentials.name.trim().slice(0, 200);
    const failures = await this.users.failuresSince(
      name,
      credentials.clientAddress,
      new Date(at.getTime() - this.rule.windowMs),
    );
    const locked = lockedUntil(this.rule, failures, at);
    if (locked) return { kind: 'locked', ...locked };

    const found = name === '' ? null : await this.users.findForSignIn(name);
    const password = credentials.password.slice(0, MAX_PASSWORD_LENGTH + 1);
    const matches = await this.hasher.verify(found?.passwordHash ?? UNKNOWN_USER_HASH, password);
    if (found && matches && found.user.disabledAt === null && password.length <= MAX_PASSWORD_LENGTH) {
      await this.users.clearFailures(name);
      return { kind: 'identified', user: found.user };
    }
    await this.users.recordFailure(name, credentials.clientAddress, at);
    const after = lockedUntil(
      this.rule,
      { byName: [...failures.byName, at], byAddress: failures.byAddress + 1 },
      at,
    );
    return after ? { kind: 'locked', ...after } : { kind: 'refused' };
  }

  /** For the maintenance job: failures outside the lockout window decide nothing and keep a client address. */
  forgetOldFailures(): Promise<number> {
    return this.users.deleteFailuresBefore(new Date(this.now().getTime() - this.rule.windowMs));
  }
}
