// Server-side sessions against an in-memory fake of the users repository: the browser's id is stored only as its
// hash; a session ends at its idle limit, at its absolute end, when its user is disabled, and at sign-out; its last
// use is written at most once a minute; the purge removes exactly the sessions nobody can use.
import crypto from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../test/fakes/memory/clock.js';
import { FakeUsersRepository } from '../../test/fakes/memory/users.fake.js';
import { SessionsService } from './sessions.service.js';
import type { User } from './user.js';

const MINUTE = 60_000;
const USER: User = {
  id: '7',
  name: 'vera',
  role: 'team',
  teamId: 'vergunningen',
  mustChangePassword: false,
  createdAt: new Date('2026-11-01T00:00:00Z'),
  disabledAt: null,
};

let users: FakeUsersRepository;
let clock: FakeClock;
let sessions: SessionsService;

beforeEach(() => {
  users = new FakeUsersRepository();
  users.users.set(USER.id, { ...USER });
  clock = new FakeClock('2026-12-06T09:00:00Z');
  sessions = new SessionsService(users, { idleMs: 30 * MINUTE, absoluteMs: 8 * 60 * MINUTE }, clock.now);
});

describe('SessionsService', () => {
  it('stores a session under the hash of its id, never the id', async () => {
    const { id, expiresAt } = await sessions.start(USER);
    expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(expiresAt).toEqual(new Date('2026-12-06T17:00:00Z'));
    const hash = crypto.createHash('sha256').update(id).digest('hex');
    expect(await users.findSession(id)).toBeNull();
    expect(await users.findSession(hash)).toMatchObject({ user: { name: 'vera' } });
    expect(await sessions.find(id)).toEqual({ kind: 'active', session: { idHash: hash, user: USER } });
  });

  it('ends a session idle for the idle limit, and keeps one used within it', async () => {
    const { id } = await sessions.start(USER);
    clock.advance(29 * MINUTE);
    expect((await sessions.find(id)).kind).toBe('active');
    clock.advance(29 * MINUTE);
    expect((await sessions.find(id)).kind).toBe('active');
    clock.advance(30 * MINUTE);
    expect(await sessions.find(id)).toEqual({ kind: 'expired' });
    expect(await sessions.find(id)).toEqual({ kind: 'none' });
  });

  it('ends a session at its absolute end however busy, and when its user is disabled', async () => {
    const { id } = await sessions.start(USER);
    for (let i = 0; i < 16; i++) {
      clock.advance(29 * MINUTE);
      await sessions.find(id);
    }
    // 7 h 44 min of use: still active; at 8 h it ends.
    expect((await sessions.find(id)).kind).toBe('active');
    clock.advance(16 * MINUTE);
    expect((await sessions.find(id)).kind).toBe('expired');

    const other = await sessions.start(USER);
    users.users.get(USER.id)!.disabledAt = clock.now();
    expect((await sessions.find(other.id)).kind).toBe('expired');
    expect(users.sessionCount).toBe(0);
  });

  it('writes the last use at most once a minute', async () => {
    const { id } = await sessions.start(USER);
    for (const step of [10_000, 20_000, 31_000, 10_000]) {
      clock.advance(step);
      await sessions.find(id);
    }
    expect(users.touches).toEqual([new Date('2026-12-06T09:01:01Z')]);
  });

  it('refuses ids that are not session ids without a lookup, and ends a session at sign-out', async () => {
    expect(await sessions.find(undefined)).toEqual({ kind: 'none' });
    expect(await sessions.find('short')).toEqual({ kind: 'none' });
    const { id } = await sessions.start(USER);
    const found = await sessions.find(id);
    if (found.kind !== 'active') throw new Error('expected an active session');
    await sessions.end(found.session);
    expect(await sessions.find(id)).toEqual({ kind: 'none' });
  });

  it('purges the sessions past their end or idle limit, and only those', async () => {
    await sessions.start(USER);
    clock.advance(20 * MINUTE);
    const fresh = await sessions.start(USER);
    clock.advance(15 * MINUTE);
    expect(await sessions.purgeExpired()).toBe(1);
    expect((await sessions.find(fresh.id)).kind).toBe('active');
  });
});
