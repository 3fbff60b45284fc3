// Users against an in-memory fake of the users repository and a readable hasher: a one-time password when none is
// given (changed at first sign-in), names unique in any case, every problem of the input at once, disabling ends the
// sessions, and a password change checks the current one and ends the other sessions.
import { beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../test/fakes/memory/clock.js';
import { FakeUsersRepository } from '../../test/fakes/memory/users.fake.js';
import type { PasswordHasher } from './passwords.js';
import { UserInputError, type User } from './user.js';
import { UsersService } from './users.service.js';

// Readable on purpose: the test sees which password was stored.
const hasher: PasswordHasher = {
  hash: (password) => Promise.resolve(`hashed:${password}`),
  verify: (hash, password) => Promise.resolve(hash === `hashed:${password}`),
};

let users: FakeUsersRepository;
let clock: FakeClock;
let service: UsersService;

beforeEach(() => {
  clock = new FakeClock('2026-12-06T09:00:00Z');
  users = new FakeUsersRepository(clock.now);
  service = new UsersService(users, hasher, [{ id: 'vergunningen', name: 'Team Vergunningen' }], clock.now);
});

async function problems(promise: Promise<unknown>): Promise<string[]> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserInputError);
  return (error as UserInputError).problems.map((problem) => problem.code);
}

async function session(user: User, idHash: string): Promise<void> {
  await users.createSession({ idHash, userId: user.id, at: clock.now(), expiresAt: new Date('2027-01-01') });
}

describe('UsersService', () => {
  it('gives a user without a password a one-time one, to be changed at the first sign-in', async () => {
    const { user, oneTimePassword } = await service.create({
      name: ' vera ',
      role: 'team',
      team: 'vergunningen',
    });
    expect(oneTimePassword).not.toBeNull();
    expect(user).toMatchObject({
      name: 'vera',
      role: 'team',
      teamId: 'vergunningen',
      mustChangePassword: true,
    });
    expect(users.passwordHashes.get(user.id)).toBe(`hashed:${oneTimePassword}`);

    const chosen = await service.create({
      name: 'coco',
      role: 'coordinator',
      password: 'een lang wachtwoord',
    });
    expect(chosen).toMatchObject({ oneTimePassword: null, user: { mustChangePassword: false } });
  });

  it('refuses a name taken in any case, and names every problem of the input at once', async () => {
    await service.create({ name: 'Vera', role: 'kcc' });
    expect(await problems(service.create({ name: 'vera', role: 'kcc' }))).toEqual(['name.taken']);
    const codes = await problems(service.create({ name: '-x', role: 'chef', team: 'nergens' }));
    expect(codes).toEqual(expect.arrayContaining(['name.pattern', 'role.unknown']));
    expect(await service.list()).toHaveLength(1);
  });

  it('disables a user once and ends their sessions', async () => {
    const { user } = await service.create({ name: 'vera', role: 'kcc' });
    await session(user, 'a');
    await session(user, 'b');
    expect(await service.disable(' VERA ')).toMatchObject({ disabledAt: clock.now() });
    expect(users.sessionsOf(user.id)).toEqual([]);
    expect(await service.disable('vera')).toBeNull();
  });

  it('changes a password only with the right current one, ending the other sessions', async () => {
    const { user, oneTimePassword } = await service.create({ name: 'vera', role: 'kcc' });
    await session(user, 'here');
    await session(user, 'elsewhere');
    expect(
      await problems(
        service.changePassword(user, { current: 'fout', next: 'kort', repeat: 'anders' }, 'here'),
      ),
    ).toEqual(['current.wrong', 'password.short', 'repeat.differs']);
    expect(
      await problems(
        service.changePassword(
          user,
          { current: oneTimePassword!, next: oneTimePassword!, repeat: oneTimePassword! },
          'here',
        ),
      ),
    ).toEqual(['password.same']);
    expect(users.sessionsOf(user.id)).toEqual(['here', 'elsewhere']);

    const next = 'mijn eigen lange wachtwoord';
    await service.changePassword(user, { current: oneTimePassword!, next, repeat: next }, 'here');
    expect(users.passwordHashes.get(user.id)).toBe(`hashed:${next}`);
    expect(users.users.get(user.id)!.mustChangePassword).toBe(false);
    expect(users.sessionsOf(user.id)).toEqual(['here']);
  });
});
