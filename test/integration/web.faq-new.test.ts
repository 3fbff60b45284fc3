// "Nieuwe FAQ" on /faq-beheer without a browser: a coordinator writes a concept FAQ by hand (question, answer,
// topic, audience, measures optional) and lands on its page; an empty question or answer, an unknown topic or
// audience, a measure that is not in the timeline and a forged CSRF token are refused in Dutch at the field and
// store nothing; the form is for coordinators and admins only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Api } from '../../services/api/app.js';
import { buildCheckedApi } from '../support/openapi.js';
import { createTestContext, type TestContext } from '../support/context.js';
import { PageClient } from '../support/web.js';

const PASSWORD = 'een-lang-wachtwoord';
let t: TestContext;
let api: Api;

async function as(name: string): Promise<PageClient> {
  const client = new PageClient(api);
  expect((await client.signIn(name, PASSWORD)).statusCode).toBe(303);
  return client;
}

/** The client's cookies, for a post with a field sent twice (PageClient posts one value per field). */
const cookieHeader = (client: PageClient) =>
  [...client.cookies].map(([name, value]) => `${name}=${value}`).join('; ');

async function stored(): Promise<{ faqs: number; versions: number; links: number }> {
  const result = await t.context.database.pool.query<{ faqs: string; versions: string; links: string }>(
    `select (select count(*) from faqs) as faqs, (select count(*) from faq_versions) as versions,
       (select count(*) from faq_measures) as links`,
  );
  const row = result.rows[0]!;
  return { faqs: Number(row.faqs), versions: Number(row.versions), links: Number(row.links) };
}

beforeAll(async () => {
  t = await createTestContext();
  api = await buildCheckedApi(
    { context: t.context, redisHealth: () => Promise.resolve('ok') },
    { logger: false },
  );
  for (const [name, role, team] of [
    ['coordinator', 'coordinator', null],
    ['kcc.amira', 'kcc', null],
    ['analist', 'analyst', null],
  ] as const)
    await t.context.users.users.create({ name, role, team, password: PASSWORD });
});
afterAll(async () => {
  await api?.close();
  await t?.close();
});

describe('Nieuwe FAQ', () => {
  it('is linked from the list for a coordinator and stores a concept written by hand', async () => {
    const coordinator = await as('coordinator');
    const list = await coordinator.get('/faq-beheer');
    expect(list.body).toContain('href="/faq-beheer/nieuw">Nieuwe FAQ</a>');
    const form = await coordinator.get('/faq-beheer/nieuw');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('<label class="utrecht-form-label" for="vraag">Vraag</label>');
    expect(form.body).toContain(
      '<label class="utrecht-form-label" for="maatregelen">Maatregelen (niet verplicht)</label>',
    );
    const body = new URLSearchParams({ _csrf: coordinator.token, vraag: 'Mag een terras open na 22 uur?' });
    body.append('antwoord', 'Nee, terrassen sluiten om 22.00 uur. Zie https://example.nl/terras.');
    body.append('onderwerpen', 'horeca');
    body.append('doelgroep', 'ondernemers');
    body.append('doelgroep', 'inwoners');
    body.append('maatregelen', '');
    const saved = await api.inject({
      method: 'POST',
      url: '/faq-beheer/nieuw',
      headers: { cookie: cookieHeader(coordinator), 'content-type': 'application/x-www-form-urlencoded' },
      payload: body.toString(),
    });
    expect(saved.statusCode).toBe(303);
    const id = /^\/faq-beheer\/(\d+)\?gedaan=aangemaakt$/.exec(saved.headers.location as string)![1]!;
    const { faq, versions } = await t.context.faqs.faqs.open(
      { name: 'test', role: 'admin', apiKeyId: null },
      id,
    );
    expect(faq).toMatchObject({
      question: 'Mag een terras open na 22 uur?',
      status: 'concept',
      topics: ['horeca'],
      audience: ['ondernemers', 'inwoners'],
      measureIds: [],
    });
    expect(versions).toHaveLength(1);
    expect(versions[0]!.actor).toBe('coordinator');
    const page = await coordinator.get(saved.headers.location as string);
    expect(page.body).toContain('De FAQ is opgeslagen als concept.');
  });

  it('refuses bad input at the field, in Dutch, and stores nothing', async () => {
    const coordinator = await as('coordinator');
    await coordinator.get('/faq-beheer/nieuw');
    const before = await stored();
    const empty = await coordinator.post('/faq-beheer/nieuw', { vraag: '', antwoord: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('href="#vraag"');
    expect(empty.body).toContain('href="#antwoord"');
    expect(empty.body).toContain('aria-describedby="vraag-uitleg vraag-fout"');

    const unknown = await coordinator.post('/faq-beheer/nieuw', {
      vraag: 'Mag ik <script>alert(1)</script> zingen?',
      antwoord: 'Ja.',
      onderwerpen: 'bestaat-niet',
      doelgroep: 'toeristen',
      maatregelen: '424242',
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('href="#onderwerpen"');
    expect(unknown.body).toContain('href="#doelgroep-inwoners"');
    // What was typed is shown again, escaped.
    expect(unknown.body).toContain('Mag ik &lt;script&gt;alert(1)&lt;/script&gt; zingen?');
    expect(unknown.body).not.toContain('<script>alert(1)</script>');

    const noMeasure = await coordinator.post('/faq-beheer/nieuw', {
      vraag: 'Geldt de avondklok ook voor honden uitlaten?',
      antwoord: 'Ja, met een eigen verklaring.',
      maatregelen: '424242',
    });
    expect(noMeasure.statusCode).toBe(400);
    expect(noMeasure.body).toContain('href="#maatregelen"');
    expect(noMeasure.body).toContain('deze maatregel staat niet in de tijdlijn: 424242');
    expect(noMeasure.body).toContain('value="424242"');

    const forged = await coordinator.post(
      '/faq-beheer/nieuw',
      { vraag: 'Vervalst?', antwoord: 'Ja.' },
      { token: 'vervalst' },
    );
    expect(forged.statusCode).toBe(403);
    expect(await stored()).toEqual(before);
  });

  it('is for coordinators and admins only', async () => {
    for (const name of ['kcc.amira', 'analist']) {
      const client = await as(name);
      expect((await client.get('/faq-beheer')).body).not.toContain('href="/faq-beheer/nieuw"');
      expect((await client.get('/faq-beheer/nieuw')).statusCode).toBe(403);
    }
    const before = await stored();
    const kcc = await as('kcc.amira');
    await kcc.get('/faq-beheer');
    const refused = await kcc.post('/faq-beheer/nieuw', { vraag: 'Mag dit?', antwoord: 'Ja.' });
    expect(refused.statusCode).toBe(403);
    expect(await stored()).toEqual(before);
  });
});
