// Creating, listing and disabling users; a user created without a password gets a one-time password,
// shown once and to be changed at the first sign-in.
import type { UsersRepository } from '../repositories/users.repository.js';
import { oneTimePassword, type PasswordHasher } from './passwords.js';
import {
  checkNewUser,
  checkPassword,
  MAX_PASSWORD_LENGTH,
  UserInputError,
  type FieldProblem,
  type NewUser,
  type Team,
  type User,
  type UserRole,
} from './user.js';

export interface CreatedUser {
  user: User;
  /** The generated password when none was given; it is not stored and cannot be shown again. */
  oneTimePassword: string | null;
}

export class UsersService {
  constructor(
    private readonly users: Pick<
      UsersRepository,
      'insert' | 'list' | 'disable' | 'findForSignIn' | 'setPassword'
    >,
    private readonly hasher: PasswordHasher,
    readonly teams: readonly Team[],
    private readonly now: () => Date,
  ) {}

  async create(input: NewUser): Promise<CreatedUser> {
    const problems = checkNewUser(input, this.teams);
    if (problems.length > 0) throw new UserInputError(problems);
    const generated = input.password === undefined || input.password === null ? oneTimePassword() : null;
    const password = generated ?? input.password!;
    const team = input.team?.trim() ? input.team.trim() : null;
    const user = await this.users.insert({
      name: input.name.trim(),
      role: input.role as UserRole,
      teamId: team,
      passwordHash: await this.hasher.hash(password),
      // A password chosen by whoever ran the command is known to them: it too is changed at first sign-in,
      // unless it came from the person themselves (--password-stdin in their own shell).
      mustChangePassword: generated !== null,
    });
    if (user === null) {
      throw new UserInputError([
        {
          field: 'name',
          code: 'name.taken',
          en: `a user named "${input.name.trim()}" already exists`,
        },
      ]);
    }
    return { user, oneTimePassword: generated };
  }

  list(): Promise<User[]> {
    return this.users.list();
  }

  /** Disables the user and ends their sessions; null when there is no enabled user of that name. */
  disable(name: string): Promise<User | null> {
    return this.users.disable(name.trim(), this.now());
  }

  /** A new password chosen by the user; their other sessions end. */
  async changePassword(
    user: User,
    change: { current: string; next: string; repeat: string },
    keepSessionHash: string | null,
  ): Promise<void> {
    const found = await this.users.findForSignIn(user.name);
    const currentOk =
      found !== null &&
      (await this.hasher.verify(found.passwordHash, change.current.slice(0, MAX_PASSWORD_LENGTH)));
    const problems: FieldProblem[] = [];
    if (!currentOk) {
      problems.push({
        field: 'current',
        code: 'current.wrong',
        en: 'the current password is wrong',
      });
    }
    problems.push(...checkPassword(change.next));
    if (change.next !== change.repeat) {
      problems.push({
        field: 'repeat',
        code: 'repeat.differs',
        en: 'the repeated password differs',
      });
    } else if (currentOk && change.next === change.current) {
      problems.push({
        field: 'password',
        code: 'password.same',
        en: 'the new password equals the current one',
      });
    }
    if (problems.length > 0) throw new UserInputError(problems);
    const password = change.next;
    await this.users.setPassword(
      user.id,
      await this.hasher.hash(password),
      false,
      this.now(),
      keepSessionHash,
    );
  }

  teamName(id: string | null): string | null {
    if (id === null) return null;
    return this.teams.find((team) => team.id === id)?.name ?? id;
  }
}
