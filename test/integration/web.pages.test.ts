// The web pages without a browser: sessions, lockout, CSRF and bad input, checked on the responses and on what
// is stored. The browser tests (web.browser.test.ts) walk the same pages in Chromium.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Api } from '../../services/api/app.js';
import { buildCheckedApi } from '../support/openapi.js';
import { createUsersModule, type UsersModule } from '../../services/users/index.js';
import { createTestContext, type TestContext } from '../support/context.js';
import { PageClient } from '../support/web.js';

const CONFIG = `
questions:
  default_team: handhaving
  teams:
    - id: handhaving
      name: Handhaving
web:
  lockout_attempts: 3
`;

let t: TestContext;
let api: Api;
let users: UsersModule;
const ADMIN_PASSWORD = 'beheer-wachtwoord-lang';

async function count(table: string): Promise<number> {
  const result = await t.context.database.pool.query<{ n: string }>(`select count(*) as n from ${table}`);
  return Number(result.rows[0]!.n);
}

beforeAll(async () => {
  t = await createTestContext(CONFIG);
  api = await buildCheckedApi(
    { context: t.context, redisHealth: () => Promise.resolve('ok') },
    { logger: false },
  );
  users = t.context.users;
  await users.users.create({ name: 'beheer', role: 'admin', password: ADMIN_PASSWORD });
});
afterAll(async () => {
  await api.close();
  await t.close();
});

describe('sign-in and sessions', () => {
  it('shows the sign-in page at / without a session, with a strict CSP and no API key needed', async () => {
    const client = new PageClient(api);
    const start = await client.get('/');
    expect(start.statusCode).toBe(303);
    expect(start.headers.location).toBe('/inloggen?terug=%2F');
    const page = await client.get('/inloggen');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1 class="utrecht-heading-1">Inloggen</h1>');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    const css = await client.get('/static/onderstroom.css');
    expect(css.statusCode).toBe(200);
    expect((await client.get('/static/utrecht/index.css')).statusCode).toBe(200);
  });

  it('signs in, sets an HttpOnly SameSite=Lax cookie, stores only a hash of the id, and signs out', async () => {
    const client = new PageClient(api);
    const response = await client.signIn('beheer', ADMIN_PASSWORD);
    expect(response.statusCode).toBe(303);
    const cookie = ([] as string[])
      .concat(response.headers['set-cookie'] ?? [])
      .find((line) => line.startsWith('onderstroom_sessie='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
    const id = client.cookies.get('onderstroom_sessie')!;
    const stored = await t.context.database.pool.query<{ id_hash: string }>(
      'select id_hash from user_sessions',
    );
    expect(stored.rows.map((row) => row.id_hash)).not.toContain(id);
    const start = await client.get('/');
    expect(start.statusCode).toBe(200);
    expect(start.body).toContain('Beheerder');
    const out = await client.post('/uitloggen', {});
    expect(out.statusCode).toBe(303);
    expect((await client.get('/')).statusCode).toBe(303);
  });

  it('marks the cookie Secure when the request came over TLS through a trusted proxy', async () => {
    const proxied = await createTestContext(`${CONFIG}\n  behind_proxy: true\n`);
    const proxyApi = await buildCheckedApi(
      { context: proxied.context, redisHealth: () => Promise.resolve('ok') },
      { logger: false },
    );
    try {
      await createUsersModule({
        db: proxied.context.database.db,
        teams: [],
        web: proxied.context.config.web,
      }).users.create({
        name: 'beheer',
        role: 'admin',
        password: ADMIN_PASSWORD,
      });
      const page = await proxyApi.inject({ url: '/inloggen', headers: { 'x-forwarded-proto': 'https' } });
      const csrfCookie = ([] as string[]).concat(page.headers['set-cookie'] ?? []).join('\n');
      const token = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
      const cookie = csrfCookie
        .split('\n')
        .map((line) => line.split(';')[0])
        .join('; ');
      const response = await proxyApi.inject({
        method: 'POST',
        url: '/inloggen',
        headers: {
          'x-forwarded-proto': 'https',
          cookie,
          'content-type': 'application/x-www-form-urlencoded',
        },
        payload: new URLSearchParams({ _csrf: token, naam: 'beheer', wachtwoord: ADMIN_PASSWORD }).toString(),
      });
      expect(response.statusCode).toBe(303);
      expect(([] as string[]).concat(response.headers['set-cookie'] ?? []).join('\n')).toMatch(
        /onderstroom_sessie=[^\n]*Secure/,
      );
    } finally {
      await proxyApi.close();
      await proxied.close();
    }
  });

  it('ends a session that has been idle too long and says so on the sign-in page', async () => {
    const client = new PageClient(api);
    await client.signIn('beheer', ADMIN_PASSWORD);
    expect((await client.get('/')).statusCode).toBe(200);
    await t.context.database.pool.query(`update user_sessions set last_seen_at = now() - interval '2 hours'`);
    const stale = await client.get('/gebruikers');
    expect(stale.statusCode).toBe(303);
    expect(stale.headers.location).toBe('/inloggen?terug=%2Fgebruikers&verlopen=1');
    expect(await count('user_sessions')).toBe(0);
    const page = await client.get(stale.headers.location as string);
    expect(page.body).toContain('Uw sessie is verlopen');
  });

  it('locks a name after repeated failures, with a Dutch message, even for the right password', async () => {
    await users.users.create({ name: 'slot', role: 'analyst', password: 'het-juiste-wachtwoord' });
    const client = new PageClient(api);
    for (let i = 0; i < 2; i++) {
      const wrong = await client.signIn('slot', 'fout-wachtwoord-123');
      expect(wrong.statusCode).toBe(401);
      expect(wrong.body).toContain('De gebruikersnaam of het wachtwoord klopt niet');
    }
    const third = await client.signIn('slot', 'fout-wachtwoord-123');
    expect(third.statusCode).toBe(429);
    expect(third.body).toContain('Te veel mislukte pogingen met deze gebruikersnaam');
    expect(third.body).toContain('href="#naam"');
    const right = await client.signIn('slot', 'het-juiste-wachtwoord');
    expect(right.statusCode).toBe(429);
    expect(client.cookies.has('onderstroom_sessie')).toBe(false);
  });
});

describe('CSRF and bad input', () => {
  it('refuses a forged CSRF token with a Dutch page and stores nothing', async () => {
    const client = new PageClient(api);
    await client.signIn('beheer', ADMIN_PASSWORD);
    await client.get('/gebruikers');
    const before = await count('users');
    const forged = await client.post('/gebruikers', { naam: 'nep', rol: 'kcc', team: '' }, { token: 'vals' });
    expect(forged.statusCode).toBe(403);
    expect(forged.body).toContain('Formulier verlopen');
    const missing = await client.post(
      '/inloggen',
      { naam: 'beheer', wachtwoord: ADMIN_PASSWORD },
      { token: '' },
    );
    expect(missing.statusCode).toBe(403);
    expect(await count('users')).toBe(before);
  });

  it('names each bad field, escapes script, cuts 100,000 characters, and stores nothing', async () => {
    const client = new PageClient(api);
    await client.signIn('beheer', ADMIN_PASSWORD);
    await client.get('/gebruikers');
    const before = await count('users');
    const empty = await client.post('/gebruikers', { naam: '', rol: '', team: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('<a href="#naam">Gebruikersnaam: Vul een gebruikersnaam in.</a>');
    expect(empty.body).toContain('<a href="#rol">Rol: Kies een rol uit de lijst.</a>');
    const script = await client.post('/gebruikers', {
      naam: '<script>alert(1)</script>',
      rol: 'beheerder',
      team: 'onbekend',
    });
    expect(script.statusCode).toBe(400);
    expect(script.body).not.toContain('<script>alert(1)</script>');
    expect(script.body).toContain('&lt;script&gt;');
    expect(script.body).toContain('Team: Dit team bestaat niet.');
    const long = await client.post('/gebruikers', { naam: 'a'.repeat(100_000), rol: 'kcc', team: '' });
    expect(long.statusCode).toBe(400);
    expect(long.body.length).toBeLessThan(60_000);
    const signInLong = await client.post('/inloggen', {
      naam: 'x'.repeat(100_000),
      wachtwoord: 'y'.repeat(100_000),
    });
    expect([303, 401]).toContain(signInLong.statusCode);
    expect(await count('users')).toBe(before);
  });

  it('creates a user once when the form is sent twice, and refuses a team member without a team', async () => {
    const client = new PageClient(api);
    await client.signIn('beheer', ADMIN_PASSWORD);
    await client.get('/gebruikers');
    const first = await client.post('/gebruikers', { naam: 'dubbel', rol: 'team', team: 'handhaving' });
    expect(first.statusCode).toBe(200);
    expect(first.body).toMatch(/id="eenmalig-wachtwoord">[A-Za-z0-9]{4}-/);
    const second = await client.post('/gebruikers', { naam: 'dubbel', rol: 'team', team: 'handhaving' });
    expect(second.statusCode).toBe(400);
    expect(second.body).toContain('Deze gebruikersnaam is al in gebruik');
    const list = await users.users.list();
    expect(list.filter((user) => user.name === 'dubbel')).toHaveLength(1);
    const noTeam = await client.post('/gebruikers', { naam: 'zonderteam', rol: 'team', team: '' });
    expect(noTeam.body).toContain('Een teamlid hoort bij een team');
  });

  it('keeps other roles out of the admin pages', async () => {
    await users.users.create({ name: 'analist', role: 'analyst', password: 'analist-wachtwoord' });
    const client = new PageClient(api);
    await client.signIn('analist', 'analist-wachtwoord');
    const page = await client.get('/gebruikers');
    expect(page.statusCode).toBe(403);
    expect(page.body).toContain('Geen toegang');
    expect((await client.get('/')).body).not.toContain('href="/gebruikers"');
  });
});
