// The hourly maintenance job that forgets what the web sign-in no longer needs: sessions past their end or idle
// limit, and failed sign-ins (with their client address) outside the lockout window. What is still in use stays.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUsersModule, type UsersModule } from '../../services/users/index.js';
import { HANDLERS } from '../../workers/handlers.js';
import { createTestContext, type TestContext } from '../support/context.js';

const CONFIG = `
questions:
  default_team: handhaving
  teams:
    - id: handhaving
      name: Handhaving
`;
const HOUR = 3_600_000;

let t: TestContext;
let clock = new Date();
let earlier: UsersModule;

async function count(table: string): Promise<number> {
  const result = await t.context.database.pool.query<{ n: string }>(`select count(*) as n from ${table}`);
  return Number(result.rows[0]!.n);
}

beforeAll(async () => {
  t = await createTestContext(CONFIG);
  // The same tables through a module whose clock we set, to make sessions and failures of the past.
  earlier = createUsersModule({
    db: t.context.database.db,
    teams: t.context.config.questions.teams,
    web: t.context.config.web,
    now: () => clock,
  });
});
afterAll(async () => {
  await t.close();
});

describe('maintenance.sessions', () => {
  it('deletes ended sessions and old sign-in failures, keeps the live ones, and twice is the same as once', async () => {
    const { user } = await earlier.users.create({
      name: 'kcc1',
      role: 'kcc',
      password: 'een-lang-wachtwoord',
    });
    const now = Date.now();
    clock = new Date(now - 11 * HOUR); // past the 10 h absolute limit by now
    await earlier.sessions.start(user);
    clock = new Date(now - 2 * HOUR); // idle for longer than 30 minutes by now
    await earlier.sessions.start(user);
    await earlier.identity.identify({ name: 'kcc1', password: 'fout', clientAddress: '192.0.2.7' });
    clock = new Date(now);
    const live = await earlier.sessions.start(user);
    await earlier.identity.identify({ name: 'kcc1', password: 'fout', clientAddress: '192.0.2.8' });
    expect(await count('user_sessions')).toBe(3);
    expect(await count('sign_in_failures')).toBe(2);

    const first = await HANDLERS['maintenance.sessions'](t.context, {});
    expect(first).toEqual({ sessions: 2, failures: 1 });
    expect(await count('user_sessions')).toBe(1);
    const kept = await t.context.database.pool.query<{ client_address: string }>(
      'select client_address from sign_in_failures',
    );
    expect(kept.rows.map((row) => row.client_address)).toEqual(['192.0.2.8']);
    const resumed = await t.context.users.sessions.find(live.id);
    expect(resumed.kind).toBe('active');

    expect(await HANDLERS['maintenance.sessions'](t.context, {})).toEqual({ sessions: 0, failures: 0 });
    expect(await count('user_sessions')).toBe(1);
  });
});
