// The question pages without a browser: the KCC form (routing shown, one question per double-click, bad input
// refused in Dutch with nothing stored), the queue per role with filters and paging, one question with its
// history and follow-up, contact details only for those allowed (each read logged), and the Dutch 404 pages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApi, type Api } from '../services/api/app.js';
import { createUsersModule } from '../services/users/index.js';
import { createTestContext, type TestContext } from './support/context.js';
import { PageClient } from './support/web.js';

const CONFIG = `
questions:
  default_team: handhaving
  teams:
    - { id: handhaving, name: Handhaving, due_hours: 8 }
    - { id: economische-zaken, name: Economische Zaken, due_hours: 16 }
  routes:
    - { topic: horeca, team: economische-zaken }
`;
const PASSWORD = 'een-lang-wachtwoord';
const HORECA = 'Mag mijn terras open blijven nu de horeca om tien uur dicht moet?';

let t: TestContext;
let api: Api;

async function count(table: string, where = 'true'): Promise<number> {
  const result = await t.context.database.pool.query<{ n: string }>(
    `select count(*) as n from ${table} where ${where}`,
  );
  return Number(result.rows[0]!.n);
}

async function as(name: string): Promise<PageClient> {
  const client = new PageClient(api);
  const response = await client.signIn(name, PASSWORD);
  expect(response.statusCode).toBe(303);
  return client;
}

/** Registers one question through the form and returns its id from the confirmation link (as a coordinator). */
async function register(client: PageClient, fields: Record<string, string>): Promise<string> {
  const form = await client.get('/vragen/nieuw');
  const formId = /name="formulier" value="([^"]+)"/.exec(form.body)![1]!;
  const saved = await client.post('/vragen/nieuw', { formulier: formId, kanaal: 'telefoon', ...fields });
  expect(saved.statusCode).toBe(200);
  return /href="\/vragen\/(\d+)"/.exec(saved.body)![1]!;
}

beforeAll(async () => {
  t = await createTestContext(CONFIG);
  api = await buildApi({ context: t.context, redisHealth: () => Promise.resolve('ok') }, { logger: false });
  const { users } = createUsersModule({
    db: t.context.database.db,
    teams: t.context.config.questions.teams,
    web: t.context.config.web,
  });
  for (const [name, role, team] of [
    ['kcc.amira', 'kcc', null],
    ['coordinator', 'coordinator', null],
    ['analist', 'analyst', null],
    ['ez.piet', 'team', 'economische-zaken'],
    ['hh.sanne', 'team', 'handhaving'],
  ] as const)
    await users.create({ name, role, team, password: PASSWORD });
});
afterAll(async () => {
  await api.close();
  await t.close();
});

describe('the KCC form', () => {
  it('registers a question, says where it went and until when, and gives an empty form with a new id', async () => {
    const kcc = await as('kcc.amira');
    const form = await kcc.get('/vragen/nieuw');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('<h1 class="utrecht-heading-1">Vraag registreren</h1>');
    const formId = /name="formulier" value="([^"]+)"/.exec(form.body)![1]!;
    const saved = await kcc.post('/vragen/nieuw', {
      formulier: formId,
      kanaal: 'telefoon',
      vraag: HORECA,
      naam: 'J. de Vries',
      telefoon: '06 12345678',
      email: '',
      terugbellen: 'ja',
      'terugbellen-voor': '2026-12-03T14:00',
      team: '',
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.body).toMatch(
      /Vraag geregistreerd, doorgestuurd naar <strong>Economische Zaken<\/strong>, uiterlijk <strong>[^<]*\d{2}:\d{2}<\/strong>/,
    );
    // The KCC has no queue, so no link to the question; the form is empty with another one-time id.
    expect(saved.body).not.toMatch(/href="\/vragen\/\d+"/);
    expect(saved.body).toContain(
      '<textarea class="utrecht-textarea utrecht-textarea--html-textarea" id="vraag" name="vraag" rows="6" aria-describedby="vraag-uitleg"></textarea>',
    );
    const nextId = /name="formulier" value="([^"]+)"/.exec(saved.body)![1]!;
    expect(nextId).not.toBe(formId);
    const stored = await t.context.database.pool.query<{
      team: string;
      source: string;
      callback_wanted: boolean;
      callback_by: Date;
    }>(`select team, source, callback_wanted, callback_by from questions where external_id = $1`, [formId]);
    expect(stored.rows).toHaveLength(1);
    expect(stored.rows[0]!.team).toBe('economische-zaken');
    expect(stored.rows[0]!.callback_wanted).toBe(true);
    // 14:00 in Amsterdam in December is 13:00 UTC.
    expect(stored.rows[0]!.callback_by.toISOString()).toBe('2026-12-03T13:00:00.000Z');
    expect(await count('question_contacts')).toBeGreaterThanOrEqual(1);
  });

  it('stores one question when the same form is saved twice (a double click)', async () => {
    const kcc = await as('kcc.amira');
    const form = await kcc.get('/vragen/nieuw');
    const formId = /name="formulier" value="([^"]+)"/.exec(form.body)![1]!;
    const fields = { formulier: formId, kanaal: 'balie', vraag: 'Waar haal ik een mondkapje?' };
    const [first, second] = await Promise.all([
      kcc.post('/vragen/nieuw', fields),
      kcc.post('/vragen/nieuw', fields),
    ]);
    expect([first.statusCode, second.statusCode]).toEqual([200, 200]);
    const bodies = [first.body, second.body].join('\n');
    expect(bodies).toContain('Vraag geregistreerd, doorgestuurd naar <strong>Handhaving</strong>');
    expect(bodies).toContain('het formulier is twee keer verstuurd en de vraag is één keer opgeslagen');
    expect(await count('questions', `external_id = '${formId}'`)).toBe(1);
  });

  it('refuses bad input in Dutch, linked to the field, shows script escaped, and stores nothing', async () => {
    const kcc = await as('kcc.amira');
    await kcc.get('/vragen/nieuw');
    const before = await count('questions');
    const contactsBefore = await count('question_contacts');
    const formId = /name="formulier" value="([^"]+)"/.exec((await kcc.get('/vragen/nieuw')).body)![1]!;

    const empty = await kcc.post('/vragen/nieuw', { formulier: formId, kanaal: 'telefoon', vraag: '   ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('<a href="#vraag">Vraag: Vul de vraag van de inwoner in.</a>');
    expect(empty.body).toContain('aria-invalid="true"');
    expect(empty.body).toContain('id="vraag-fout"');

    const long = await kcc.post('/vragen/nieuw', {
      formulier: formId,
      kanaal: 'telefoon',
      vraag: 'a'.repeat(100_000),
    });
    expect(long.statusCode).toBe(400);
    expect(long.body).toContain('De vraag is te lang: hoogstens 20000 tekens, deze heeft er 100000.');
    expect(long.body.length).toBeLessThan(40_000);

    const team = await kcc.post('/vragen/nieuw', {
      formulier: formId,
      kanaal: 'telefoon',
      vraag: 'Een vraag',
      team: 'bestaat-niet',
    });
    expect(team.statusCode).toBe(400);
    expect(team.body).toContain(
      '<a href="#team">Team: Dit team bestaat niet. Kies een team uit de lijst.</a>',
    );

    const channel = await kcc.post('/vragen/nieuw', {
      formulier: formId,
      kanaal: 'duif',
      vraag: 'Een vraag',
    });
    expect(channel.body).toContain('<a href="#kanaal">Kanaal: Kies een kanaal uit de lijst.</a>');
    const email = await kcc.post('/vragen/nieuw', {
      formulier: formId,
      kanaal: 'telefoon',
      vraag: 'Een vraag',
      email: 'geen-adres',
    });
    expect(email.body).toContain('<a href="#email">E-mailadres: Dit is geen e-mailadres.');
    const when = await kcc.post('/vragen/nieuw', {
      formulier: formId,
      kanaal: 'telefoon',
      vraag: 'Een vraag',
      'terugbellen-voor': 'morgen',
    });
    expect(when.body).toContain('<a href="#terugbellen-voor">Terugbellen vóór:');
    const noId = await kcc.post('/vragen/nieuw', { formulier: '', kanaal: 'telefoon', vraag: 'Een vraag' });
    expect(noId.body).toContain('Het formulier is niet compleet verstuurd.');

    const script = await kcc.post('/vragen/nieuw', {
      formulier: formId,
      kanaal: 'telefoon',
      vraag: '<script>alert(1)</script>',
      naam: '<img src=x onerror=alert(2)>',
      team: '<script>alert(3)</script>',
    });
    expect(script.statusCode).toBe(400);
    expect(script.body).not.toContain('<script>alert');
    expect(script.body).not.toContain('<img src=x');
    expect(script.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');

    const forged = await kcc.post(
      '/vragen/nieuw',
      { formulier: formId, kanaal: 'telefoon', vraag: 'Vervalst' },
      { token: 'vals' },
    );
    expect(forged.statusCode).toBe(403);
    expect(forged.body).toContain('Formulier verlopen');

    expect(await count('questions')).toBe(before);
    expect(await count('question_contacts')).toBe(contactsBefore);
  });

  it('stores script as text and shows it escaped on the question page', async () => {
    const coordinator = await as('coordinator');
    const id = await register(coordinator, {
      vraag: '<script>alert("vraag")</script> Mag ik op het terras?',
    });
    const page = await coordinator.get(`/vragen/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('<script>alert');
    expect(page.body).toContain('&lt;script&gt;alert(&quot;vraag&quot;)&lt;/script&gt;');
    const stored = await t.context.database.pool.query<{ text: string }>(
      'select text from questions where id = $1',
      [id],
    );
    expect(stored.rows[0]!.text).toBe('<script>alert("vraag")</script> Mag ik op het terras?');
  });

  it('sends a stale session to the sign-in page and stores nothing', async () => {
    const kcc = await as('kcc.amira');
    const form = await kcc.get('/vragen/nieuw');
    const formId = /name="formulier" value="([^"]+)"/.exec(form.body)![1]!;
    await t.context.database.pool.query(
      `update user_sessions set last_seen_at = now() - interval '2 hours' where user_id = (select id from users where name = 'kcc.amira')`,
    );
    const before = await count('questions');
    const stale = await kcc.post('/vragen/nieuw', {
      formulier: formId,
      kanaal: 'telefoon',
      vraag: 'Te laat verstuurd',
    });
    expect(stale.statusCode).toBe(303);
    expect(stale.headers.location).toContain('/inloggen?terug=');
    expect(stale.headers.location).toContain('verlopen=1');
    expect(await count('questions')).toBe(before);
  });

  it('is not for team members or analysts', async () => {
    for (const name of ['ez.piet', 'analist']) {
      const client = await as(name);
      const page = await client.get('/vragen/nieuw');
      expect(page.statusCode).toBe(403);
      expect(page.body).toContain('Geen toegang');
    }
  });
});
