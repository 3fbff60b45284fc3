// "Vragen zonder FAQ" without a browser: a coordinator opens the page from the menu, filters a period, sees the
// clusters with masked examples and turns one into a concept FAQ with the form (twice: the same concept); a bad
// or reversed period is a Dutch error at the field; a forged CSRF token and the kcc role are refused. Online posts
// that ask stand beside the KCC's questions: an analyst reads their text (and makes no concept), a coordinator
// sees their counts without it and turns an online cluster into a concept FAQ the same way (once).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Api } from '../../services/api/app.js';
import { raw } from '../support/mentions.js';
import { buildCheckedApi } from '../support/openapi.js';
import { createTestContext, type TestContext } from '../support/context.js';
import { PageClient } from '../support/web.js';

const PASSWORD = 'een-lang-wachtwoord';
let t: TestContext;
let api: Api;
const PERIOD = '?van=2026-11-23&tot=2026-11-30';

async function as(name: string): Promise<PageClient> {
  const client = new PageClient(api);
  expect((await client.signIn(name, PASSWORD)).statusCode).toBe(303);
  return client;
}

async function faqCount(): Promise<number> {
  const result = await t.context.database.pool.query<{ n: string }>('select count(*) as n from faqs');
  return Number(result.rows[0]!.n);
}

beforeAll(async () => {
  t = await createTestContext();
  api = await buildCheckedApi(
    { context: t.context, redisHealth: () => Promise.resolve('ok') },
    { logger: false },
  );
  for (const [name, role] of [
    ['coordinator', 'coordinator'],
    ['kcc.amira', 'kcc'],
    ['analist', 'analyst'],
  ] as const)
    await t.context.users.users.create({ name, role, team: null, password: PASSWORD });
  const actor = { name: 'test', role: 'admin' as const, team: null, apiKeyId: null };
  await t.context.questions.questions.register(
    actor,
    'kcc-log',
    [
      'Wanneer wordt het grofvuil opgehaald in de Dorpsstraat?',
      'Wanneer wordt grofvuil opgehaald? Bel me op 06-12345678',
      'wanneer word grofvuil opgehaald bij de flat',
    ].map((text, i) => ({
      external_id: `g-${i}`,
      received_at: `2026-11-25T10:0${i}:00+01:00`,
      channel: 'telefoon' as const,
      text,
    })),
  );
  await t.context.faqs.gaps.decide();
  await t.context.repositories.sources.ensure('obi4wan', 'obi4wan');
  await t.context.ingest.ingest(
    [
      raw({
        externalId: 'z-1',
        text: 'Weet iemand of het zwembad De Hoorn weer open is? mail piet@example.nl',
        language: 'nl',
        postedAt: new Date('2026-11-26T09:00:00+01:00'),
      }),
      raw({
        externalId: 'z-2',
        text: 'Is zwembad De Hoorn al open?',
        language: 'nl',
        postedAt: new Date('2026-11-26T09:05:00+01:00'),
      }),
    ],
    { sourceId: 'obi4wan', sourceKind: 'obi4wan' },
  );
  await t.context.faqs.gaps.decideMentions();
});
afterAll(async () => {
  await api?.close();
  await t?.close();
});

describe('Vragen zonder FAQ', () => {
  it('shows the clusters of a period and makes a concept FAQ once', async () => {
    const coordinator = await as('coordinator');
    expect((await coordinator.get('/')).body).toContain('href="/vragen-zonder-faq"');
    const page = await coordinator.get(`/vragen-zonder-faq${PERIOD}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1 class="utrecht-heading-1">Vragen zonder FAQ</h1>');
    expect(page.body).toContain('<label class="utrecht-form-label" for="van">Van</label>');
    expect(page.body).toContain('<strong>3</strong> vragen (periode ervoor: 0');
    expect(page.body).toContain('[telefoonnummer]');
    expect(page.body).not.toContain('12345678');
    const cluster = /name="cluster" value="(\d+)"/.exec(page.body)![1]!;
    const before = await faqCount();
    const made = await coordinator.post('/vragen-zonder-faq/concept', {
      van: '2026-11-23',
      tot: '2026-11-30',
      cluster,
    });
    expect(made.statusCode).toBe(303);
    const id = /^\/faq-beheer\/(\d+)\?gedaan=aangemaakt$/.exec(made.headers.location as string)![1]!;
    const again = await coordinator.post('/vragen-zonder-faq/concept', {
      van: '2026-11-23',
      tot: '2026-11-30',
      cluster,
    });
    expect(again.headers.location).toBe(`/faq-beheer/${id}?gedaan=bestond`);
    expect(await faqCount()).toBe(before + 1);
    const after = await coordinator.get(`/vragen-zonder-faq${PERIOD}`);
    expect(after.body).toContain(`href="/faq-beheer/${id}">Concept-FAQ van deze groep bekijken</a>`);
    const faq = await coordinator.get(`/faq-beheer/${id}?gedaan=bestond`);
    expect(faq.body).toContain('al een concept-FAQ gemaakt');
  });

  it('names the field of a bad or reversed period in Dutch', async () => {
    const coordinator = await as('coordinator');
    const bad = await coordinator.get('/vragen-zonder-faq?van=2026-13-01&tot=2026-11-30');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('<a href="#van">Van: vul een datum in als jjjj-mm-dd</a>');
    expect(bad.body).toContain('id="van" name="van" value="2026-13-01" aria-invalid="true"');
    const reversed = await coordinator.get('/vragen-zonder-faq?van=2026-11-30&tot=2026-11-23');
    expect(reversed.body).toContain('<a href="#tot">Tot: de periode eindigt voordat hij begint');
    const long = await coordinator.get('/vragen-zonder-faq?van=2025-01-01&tot=2026-11-30');
    expect(long.body).toContain('langer dan een jaar');
  });

  it('refuses a forged CSRF token and the roles it is not for', async () => {
    const coordinator = await as('coordinator');
    await coordinator.get(`/vragen-zonder-faq${PERIOD}`);
    const before = await faqCount();
    const forged = await coordinator.post(
      '/vragen-zonder-faq/concept',
      { van: '2026-11-23', tot: '2026-11-30', cluster: '1' },
      { token: 'vervalst' },
    );
    expect(forged.statusCode).toBe(403);
    expect(await faqCount()).toBe(before);
    const kcc = await as('kcc.amira');
    expect((await kcc.get('/')).body).not.toContain('href="/vragen-zonder-faq"');
    expect((await kcc.get(`/vragen-zonder-faq${PERIOD}`)).statusCode).toBe(403);
    const analyst = await as('analist');
    await analyst.get(`/vragen-zonder-faq${PERIOD}`);
    const made = await analyst.post('/vragen-zonder-faq/concept', {
      van: '2026-11-23',
      tot: '2026-11-30',
      cluster: '1',
    });
    expect(made.statusCode).toBe(403);
    expect(await faqCount()).toBe(before);
  });

  it('shows the online questions beside the KCC questions, their text to an analyst only', async () => {
    const analyst = await as('analist');
    expect((await analyst.get('/')).body).toContain('href="/vragen-zonder-faq"');
    const page = await analyst.get(`/vragen-zonder-faq${PERIOD}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Vragen bij het KCC');
    expect(page.body).toContain('Vragen online');
    expect(page.body).toContain('<strong>2</strong> berichten (periode ervoor: 0');
    expect(page.body).toContain('zwembad');
    expect(page.body).not.toContain('Maak concept-FAQ');
    expect(page.body).not.toContain('piet@example.nl');
    const coordinator = await as('coordinator');
    const shown = await coordinator.get(`/vragen-zonder-faq${PERIOD}`);
    expect(shown.body).toContain('<strong>2</strong> berichten (periode ervoor: 0');
    expect(shown.body).toContain('alleen zichtbaar voor analisten');
    expect(shown.body).not.toContain('zwembad');
  });

  it('makes an online cluster into a concept FAQ once, from the same form', async () => {
    const coordinator = await as('coordinator');
    const page = await coordinator.get(`/vragen-zonder-faq${PERIOD}`);
    const online = page.body.slice(page.body.indexOf('id="online-kop"'));
    const cluster = /name="bron" value="online">\s*<input type="hidden" name="cluster" value="(\d+)"/.exec(
      online,
    )![1]!;
    const before = await faqCount();
    const form = { van: '2026-11-23', tot: '2026-11-30', bron: 'online', cluster };
    const made = await coordinator.post('/vragen-zonder-faq/concept', form);
    expect(made.statusCode).toBe(303);
    const id = /^\/faq-beheer\/(\d+)\?gedaan=aangemaakt$/.exec(made.headers.location as string)![1]!;
    const again = await coordinator.post('/vragen-zonder-faq/concept', form);
    expect(again.headers.location).toBe(`/faq-beheer/${id}?gedaan=bestond`);
    expect(await faqCount()).toBe(before + 1);
    const faq = await coordinator.get(`/faq-beheer/${id}`);
    expect(faq.body).toContain('zwembad De Hoorn');
    expect(faq.body).not.toContain('piet@example.nl');
    const after = await coordinator.get(`/vragen-zonder-faq${PERIOD}`);
    const shown = after.body.slice(after.body.indexOf('id="online-kop"'));
    expect(shown).toContain(`href="/faq-beheer/${id}">Concept-FAQ van deze groep bekijken</a>`);
    expect(shown).not.toContain('Maak concept-FAQ');
  });
});
