// The question pages without a browser: the KCC form (routing shown, one question per double-click, bad input
// refused in Dutch with nothing stored), the queue per role with filters and paging, one question with its
// history and follow-up, contact details only for those allowed (each read logged), and the Dutch 404 pages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Api } from '../../services/api/app.js';
import { buildCheckedApi } from '../support/openapi.js';
import { createTestContext, type TestContext } from '../support/context.js';
import { PageClient } from '../support/web.js';

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
  api = await buildCheckedApi(
    { context: t.context, redisHealth: () => Promise.resolve('ok') },
    { logger: false },
  );
  const { users } = t.context.users;
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
    // The KCC has no queue, but opens the question it registered (to answer it with an FAQ); the form is empty
    // with another one-time id.
    expect(saved.body).toMatch(/href="\/vragen\/\d+">Vraag \d+ openen/);
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

describe('the queue', () => {
  it('shows a team member only their team, the coordinator and analyst everything, the KCC nothing', async () => {
    const coordinator = await as('coordinator');
    const horeca = await register(coordinator, { vraag: 'Tot hoe laat mag de horeca open blijven?' });
    const other = await register(coordinator, { vraag: 'Wie controleert de avondklok in mijn straat?' });
    const ez = await (await as('ez.piet')).get('/vragen');
    expect(ez.statusCode).toBe(200);
    expect(ez.body).toContain('U ziet de vragen van uw team: <strong>Economische Zaken</strong>');
    expect(ez.body).toContain(`href="/vragen/${horeca}"`);
    expect(ez.body).not.toContain(`href="/vragen/${other}"`);
    // No team filter for a team member, and asking for another team in the address still shows only their own.
    expect(ez.body).not.toContain('id="team"');
    const sneaky = await (await as('ez.piet')).get('/vragen?team=handhaving');
    expect(sneaky.body).not.toContain(`href="/vragen/${other}"`);
    for (const name of ['coordinator', 'analist']) {
      const all = await (await as(name)).get('/vragen');
      expect(all.statusCode).toBe(200);
      expect(all.body).toContain(`href="/vragen/${horeca}"`);
      expect(all.body).toContain(`href="/vragen/${other}"`);
    }
    const kcc = await (await as('kcc.amira')).get('/vragen');
    expect(kcc.statusCode).toBe(403);
    expect(await count('access_log', `action = 'web.questions.queue'`)).toBeGreaterThanOrEqual(3);
  });

  it('filters by status, team, topic and overdue, and flags overdue questions in words', async () => {
    const coordinator = await as('coordinator');
    const late = await register(coordinator, { vraag: 'Moet mijn café nu om tien uur dicht? Horeca vraag.' });
    await t.context.database.pool.query(`update questions set overdue_at = now() where id = $1`, [late]);
    const overdue = await coordinator.get('/vragen?te-laat=ja');
    expect(overdue.body).toContain(`href="/vragen/${late}"`);
    const row = overdue.body.slice(overdue.body.indexOf(`href="/vragen/${late}"`));
    expect(row.slice(0, row.indexOf('</tr>'))).toContain(
      '<strong class="onderstroom-overdue">Te laat</strong>',
    );
    expect(overdue.body.match(/<tr class="utrecht-table__row onderstroom-row--overdue">/g)).toHaveLength(
      (overdue.body.match(/href="\/vragen\/\d+"><span/g) ?? []).length,
    );
    const byTeam = await coordinator.get('/vragen?team=handhaving');
    expect(byTeam.body).not.toContain(`href="/vragen/${late}"`);
    const byTopic = await coordinator.get('/vragen?onderwerp=horeca');
    expect(byTopic.body).toContain(`href="/vragen/${late}"`);
    const byStatus = await coordinator.get('/vragen?status=gesloten');
    expect(byStatus.body).toContain('Geen vragen met deze filters.');
    const badStatus = await coordinator.get('/vragen?status=kwijt');
    expect(badStatus.statusCode).toBe(400);
    expect(badStatus.body).toContain('<a href="#status">Status: Kies een status uit de lijst.</a>');
    const badTopic = await coordinator.get('/vragen?onderwerp=%3Cscript%3E');
    expect(badTopic.body).toContain('<a href="#onderwerp">Onderwerp: Kies een onderwerp uit de lijst.</a>');
    expect(badTopic.body).not.toContain('<script>');
    const badCursor = await coordinator.get('/vragen?na=rommel');
    expect(badCursor.statusCode).toBe(400);
    expect(badCursor.body).toContain('Deze pagina van de lijst bestaat niet meer.');
  });

  it('pages newest first with the service cursor, keeping the filters', async () => {
    const received = Date.now();
    const { questions } = t.context.questions;
    await questions.register(
      { name: 'test', role: 'admin', team: null, apiKeyId: null },
      'test',
      Array.from({ length: 30 }, (_, i) => ({
        external_id: `paging-${i}`,
        received_at: new Date(received + (i + 1) * 60_000).toISOString(),
        channel: 'e-mail',
        text: `Vraag nummer ${i} over de avondklok`,
        team: 'handhaving',
      })),
    );
    const hh = await as('hh.sanne');
    const first = await hh.get('/vragen?status=doorgestuurd');
    const numbers = (page: string) =>
      [...page.matchAll(/Vraag nummer (\d+) over de avondklok/g)].map((m) => Number(m[1]));
    expect([...first.body.matchAll(/href="\/vragen\/\d+"><span/g)]).toHaveLength(25);
    expect(numbers(first.body)).toEqual(Array.from({ length: 25 }, (_, i) => 29 - i));
    const next = /href="(\/vragen\?[^"]+)" rel="next"/.exec(first.body)![1]!.replace(/&amp;/g, '&');
    expect(next).toContain('status=doorgestuurd');
    const second = await hh.get(next);
    // Newest first across the pages: the second page goes on where the first stopped.
    expect(numbers(second.body)).toEqual([4, 3, 2, 1, 0]);
    expect(second.body).toContain('Eerste pagina');
  });
});

describe('one question', () => {
  it('lets the team member reassign, set the status, answer and close, each with who and when in the history', async () => {
    const coordinator = await as('coordinator');
    const id = await register(coordinator, {
      vraag: 'Mag mijn restaurant nog afhaalmaaltijden verkopen na de horecasluiting?',
      naam: 'A. Bakker',
      telefoon: '030 1234567',
    });
    const ez = await as('ez.piet');
    const page = await ez.get(`/vragen/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<dd id="team-waarde">Economische Zaken</dd>');
    expect(page.body).toContain('<dd id="status-waarde">doorgestuurd</dd>');
    expect(page.body).toMatch(/<strong>Geregistreerd<\/strong>: kanaal Telefoon/);
    expect(page.body).toMatch(
      /<strong>Doorgestuurd<\/strong>: naar Economische Zaken, op onderwerp; uiterlijk/,
    );
    expect(page.body).toContain('<td class="utrecht-table__cell">coordinator</td>');
    expect(page.body).not.toContain('A. Bakker');

    const assigned = await ez.post(`/vragen/${id}/toewijzen`, {
      team: 'economische-zaken',
      behandelaar: 'ez.piet',
    });
    expect(assigned.statusCode).toBe(303);
    expect(assigned.headers.location).toBe(`/vragen/${id}?gedaan=toegewezen`);
    const afterAssign = await ez.get(assigned.headers.location as string);
    expect(afterAssign.body).toContain('De toewijzing is opgeslagen.');
    expect(afterAssign.body).toContain('<dd id="status-waarde">in behandeling</dd>');
    expect(afterAssign.body).toMatch(/<strong>Toegewezen<\/strong>: aan ez\.piet/);

    expect((await ez.post(`/vragen/${id}/status`, { status: 'wacht op inwoner' })).statusCode).toBe(303);
    const badStatus = await ez.post(`/vragen/${id}/status`, { status: 'gesloten' });
    expect(badStatus.statusCode).toBe(400);
    expect(badStatus.body).toContain('<a href="#nieuwe-status">Status: Kies een status uit de lijst.</a>');

    const closeEarly = await ez.post(`/vragen/${id}/sluiten`, {});
    expect(closeEarly.statusCode).toBe(409);
    expect(closeEarly.body).toContain('Een vraag wordt pas gesloten als ze is beantwoord.');
    const noAnswer = await ez.post(`/vragen/${id}/antwoord`, { antwoord: ' ', hoe: 'per e-mail', naar: '' });
    expect(noAnswer.statusCode).toBe(400);
    expect(noAnswer.body).toContain(
      '<a href="#antwoord">Antwoord: Schrijf het antwoord dat de inwoner kreeg.</a>',
    );
    const noHow = await ez.post(`/vragen/${id}/antwoord`, { antwoord: 'Ja, dat mag.', hoe: '', naar: '' });
    expect(noHow.body).toContain(
      '<a href="#hoe-telefonisch-teruggebeld">Hoe beantwoord: Kies hoe de vraag is beantwoord.</a>',
    );
    const longAnswer = await ez.post(`/vragen/${id}/antwoord`, {
      antwoord: 'b'.repeat(100_000),
      hoe: 'per e-mail',
      naar: '',
    });
    expect(longAnswer.statusCode).toBe(400);
    expect(longAnswer.body).toContain('Antwoord: Het antwoord is te lang: hoogstens 20000 tekens.');
    expect(longAnswer.body.length).toBeLessThan(60_000);
    const longName = await ez.post(`/vragen/${id}/toewijzen`, {
      team: 'economische-zaken',
      behandelaar: 'c'.repeat(300),
    });
    expect(longName.statusCode).toBe(400);
    expect(longName.body).toContain('<a href="#behandelaar">Behandelaar: Gebruik hoogstens 200 tekens.</a>');
    // What was typed stays on the page after a refusal.
    expect(noHow.body).toContain('>Ja, dat mag.</textarea>');
    const noTo = await ez.post(`/vragen/${id}/antwoord`, {
      antwoord: 'Zie de website.',
      hoe: 'verwezen naar',
      naar: '',
    });
    expect(noTo.body).toContain(
      '<a href="#verwezen-naar">Verwezen naar: Vul in waarnaar de inwoner is verwezen.</a>',
    );

    const answered = await ez.post(`/vragen/${id}/antwoord`, {
      antwoord: 'Ja, afhalen mag tot 22:00 uur.',
      hoe: 'verwezen naar',
      naar: 'ondernemersloket',
    });
    expect(answered.statusCode).toBe(303);
    const close = await ez.post(`/vragen/${id}/sluiten`, {});
    expect(close.statusCode).toBe(303);
    const closed = await ez.get(close.headers.location as string);
    expect(closed.body).toContain('De vraag is gesloten.');
    expect(closed.body).toContain('<dd id="status-waarde">gesloten</dd>');
    expect(closed.body).toContain('<dd id="antwoord-waarde">Ja, afhalen mag tot 22:00 uur.</dd>');
    expect(closed.body).toContain('Verwezen naar ondernemersloket');
    expect(closed.body).not.toContain(`action="/vragen/${id}/antwoord"`);
    for (const what of [
      'Status gewijzigd</strong>: van in behandeling naar wacht op inwoner',
      'Beantwoord</strong>: Verwezen naar ondernemersloket',
      'Gesloten</strong>',
    ])
      expect(closed.body).toContain(what);
    const again = await ez.post(`/vragen/${id}/sluiten`, {});
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('Deze vraag is al gesloten');
    const events = await t.context.database.pool.query<{ type: string; actor: string }>(
      'select type, actor from question_events where question_id = $1 order by id',
      [id],
    );
    expect(events.rows.map((row) => row.type)).toEqual([
      'registered',
      'routed',
      'assigned',
      'status',
      'answered',
      'closed',
    ]);
    expect(events.rows.slice(2).every((row) => row.actor === 'ez.piet')).toBe(true);
  });

  it('moves a question to another team, which the first team then no longer sees', async () => {
    const coordinator = await as('coordinator');
    const id = await register(coordinator, { vraag: 'Is er een boete als mijn terras te vol is? Horeca.' });
    const unknown = await coordinator.post(`/vragen/${id}/toewijzen`, { team: 'nergens', behandelaar: '' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('<a href="#nieuw-team">Team: Dit team bestaat niet.');
    const moved = await coordinator.post(`/vragen/${id}/toewijzen`, { team: 'handhaving', behandelaar: '' });
    expect(moved.statusCode).toBe(303);
    const page = await coordinator.get(`/vragen/${id}`);
    expect(page.body).toMatch(/Naar ander team gestuurd<\/strong>: van Economische Zaken naar Handhaving/);
    const ez = await (await as('ez.piet')).get(`/vragen/${id}`);
    expect(ez.statusCode).toBe(404);
    const hh = await as('hh.sanne');
    expect((await hh.get(`/vragen/${id}`)).statusCode).toBe(200);
    // A team member who sends it on no longer sees it, and lands on their queue with a notice.
    const sent = await hh.post(`/vragen/${id}/toewijzen`, { team: 'economische-zaken', behandelaar: '' });
    expect(sent.statusCode).toBe(303);
    expect(sent.headers.location).toBe('/vragen?doorgestuurd=economische-zaken');
    const queue = await hh.get(sent.headers.location as string);
    expect(queue.body).toContain('De vraag is doorgestuurd naar Economische Zaken');
    expect(queue.body).not.toContain(`href="/vragen/${id}"`);
  });

  it('shows contact details only to the team and the coordinator, and logs every read', async () => {
    const coordinator = await as('coordinator');
    const id = await register(coordinator, {
      vraag: 'Wanneer gaan de terrassen weer open?',
      naam: 'K. <b>Jansen</b>',
      telefoon: '06 98765432',
      email: 'k.jansen@example.nl',
    });
    const ez = await as('ez.piet');
    const page = await ez.get(`/vragen/${id}`);
    expect(page.body).toContain(`href="/vragen/${id}/contact"`);
    expect(page.body).not.toContain('06 98765432');
    const before = await count('access_log', `action = 'questions.contact.read'`);
    const contact = await ez.get(`/vragen/${id}/contact`);
    expect(contact.statusCode).toBe(200);
    expect(contact.body).toContain('06 98765432');
    expect(contact.body).toContain('K. &lt;b&gt;Jansen&lt;/b&gt;');
    expect((await coordinator.get(`/vragen/${id}/contact`)).body).toContain('k.jansen@example.nl');
    expect(await count('access_log', `action = 'questions.contact.read'`)).toBe(before + 2);
    const analyst = await as('analist');
    const analystPage = await analyst.get(`/vragen/${id}`);
    expect(analystPage.statusCode).toBe(200);
    expect(analystPage.body).not.toContain(`href="/vragen/${id}/contact"`);
    const refused = await analyst.get(`/vragen/${id}/contact`);
    expect(refused.statusCode).toBe(403);
    expect(refused.body).not.toContain('06 98765432');
    const hh = await as('hh.sanne');
    const other = await hh.get(`/vragen/${id}/contact`);
    expect(other.statusCode).toBe(404);
    expect(other.body).not.toContain('06 98765432');
    expect(await count('access_log', `action = 'questions.contact.read'`)).toBe(before + 2);
  });

  it('answers a question of another team, an unknown id and a malformed id with the Dutch 404 page', async () => {
    const coordinator = await as('coordinator');
    const id = await register(coordinator, { vraag: 'Wie handhaaft de avondklok?' });
    const ez = await as('ez.piet');
    for (const path of [`/vragen/${id}`, '/vragen/999999999', '/vragen/abc']) {
      const page = await ez.get(path);
      expect(page.statusCode, path).toBe(404);
      expect(page.body).toContain('<h1 class="utrecht-heading-1">Vraag niet gevonden</h1>');
      expect(page.body).not.toContain('avondklok');
    }
    const before = await count('question_events', `question_id = ${id}`);
    const post = await ez.post(`/vragen/${id}/antwoord`, { antwoord: 'x', hoe: 'per e-mail' });
    expect(post.statusCode).toBe(404);
    expect(await count('question_events', `question_id = ${id}`)).toBe(before);
  });
});

describe('unknown paths', () => {
  it('are a Dutch 404 page for the site, and JSON under /api and /grafana', async () => {
    const anonymous = new PageClient(api);
    const page = await anonymous.get('/bestaat/niet');
    expect(page.statusCode).toBe(404);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('<h1 class="utrecht-heading-1">Pagina niet gevonden</h1>');
    expect(page.body).toContain('lang="nl"');
    const signedIn = await (await as('coordinator')).get('/vragenlijst');
    expect(signedIn.statusCode).toBe(404);
    expect(signedIn.body).toContain('Ingelogd als');
    for (const path of ['/api/v1/bestaat-niet', '/grafana/bestaat-niet', '/api']) {
      const json = await api.inject({ method: 'GET', url: path });
      expect(json.statusCode, path).toBe(404);
      expect(json.json()).toMatchObject({ error: 'not_found' });
    }
    const posted = await api.inject({ method: 'POST', url: '/api/v1/bestaat-niet', payload: { a: 1 } });
    expect(posted.statusCode).toBe(404);
    expect(posted.json()).toMatchObject({ error: 'not_found' });
  });
});
