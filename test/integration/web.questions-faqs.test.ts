// The KCC side of FAQ matching on the pages, without a browser: the form's confirmation proposes the published
// FAQ ("Antwoord staat mogelijk in FAQ"), the KCC employee opens their own question (no one else's) and answers it
// with an FAQ; a team member finds another FAQ by a search; a missing choice, an unpublished FAQ, a missing CSRF
// token or a second KCC answer are refused in Dutch at the field, and nothing stored changes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Api } from '../../services/api/app.js';
import type { FaqActor } from '../../services/faqs/faq.js';
import { buildCheckedApi } from '../support/openapi.js';
import { createTestContext, type TestContext } from '../support/context.js';
import { PageClient } from '../support/web.js';

const CONFIG = `
questions:
  default_team: handhaving
  teams:
    - { id: handhaving, name: Handhaving, due_hours: 8 }
`;
const PASSWORD = 'een-lang-wachtwoord';
const coordinator: FaqActor = { name: 'coördinator', role: 'coordinator', apiKeyId: null };

let t: TestContext;
let api: Api;
const faqIds: Record<string, string> = {};

async function as(name: string): Promise<PageClient> {
  const client = new PageClient(api);
  const response = await client.signIn(name, PASSWORD);
  expect(response.statusCode).toBe(303);
  return client;
}

/** The question's stored answer and its number of events: what answering may change. */
async function stored(id: string) {
  const row = await t.context.database.pool.query<Record<string, unknown>>(
    `select status, answer, answered_faq_id, answered_at,
       (select count(*) from question_events e where e.question_id = q.id) as events
     from questions q where id = $1`,
    [id],
  );
  return row.rows[0];
}

async function register(client: PageClient, text: string) {
  const form = await client.get('/vragen/nieuw');
  const formId = /name="formulier" value="([^"]+)"/.exec(form.body)![1]!;
  const saved = await client.post('/vragen/nieuw', { formulier: formId, kanaal: 'telefoon', vraag: text });
  expect(saved.statusCode).toBe(200);
  return { body: saved.body, id: /href="\/vragen\/(\d+)"/.exec(saved.body)![1]! };
}

beforeAll(async () => {
  t = await createTestContext(CONFIG);
  api = await buildCheckedApi(
    { context: t.context, redisHealth: () => Promise.resolve('ok') },
    { logger: false },
  );
  for (const [name, role, team] of [
    ['kcc.amira', 'kcc', null],
    ['kcc.bram', 'kcc', null],
    ['hh.sanne', 'team', 'handhaving'],
  ] as const)
    await t.context.users.users.create({ name, role, team, password: PASSWORD });
  const add = async (key: string, question: string, answer: string, status: string) =>
    (faqIds[key] = (await t.context.faqs.faqs.create(coordinator, { question, answer, status })).id);
  await add(
    'kapper',
    'Mag de kapper open?',
    'Ja, kappers en andere contactberoepen mogen open met een afspraak.',
    'gepubliceerd',
  );
  await add(
    'avondklok',
    'Hoe laat begint de avondklok?',
    'De avondklok geldt van 21.00 tot 04.30 uur.',
    'gepubliceerd',
  );
  await add('concept', 'Mag de kapper aan huis komen?', 'Nog niet bekend.', 'concept');
});
afterAll(async () => {
  await api?.close();
  await t?.close();
});

describe('FAQs on the KCC form and the question page', () => {
  it('proposes the published FAQ on the confirmation, and says so when none answers', async () => {
    const kcc = await as('kcc.amira');
    const matched = await register(kcc, 'Mag mijn kapper nu weer open?');
    expect(matched.body).toContain(
      `Antwoord staat mogelijk in FAQ: <a class="utrecht-link utrecht-link--html-a" href="/faq-beheer/${faqIds.kapper}">Mag de kapper open?</a>`,
    );
    expect(matched.body).toContain('om hem met een FAQ te beantwoorden');
    const local = await register(kcc, 'Wanneer haalt de gemeente het grofvuil op in de Dorpsstraat?');
    expect(local.body).toContain('Geen gepubliceerde FAQ beantwoordt deze vraag.');
    expect(local.body).not.toContain('Antwoord staat mogelijk in FAQ');
  });

  it('lets the KCC employee answer their own question with an FAQ, refusing bad choices without a change', async () => {
    const kcc = await as('kcc.amira');
    const { id } = await register(kcc, 'Mag mijn kapper nu weer open?');
    // Another KCC employee does not see it.
    const bram = await as('kcc.bram');
    expect((await bram.get(`/vragen/${id}`)).statusCode).toBe(404);

    const page = await kcc.get(`/vragen/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Antwoord staat mogelijk in FAQ');
    expect(page.body).toContain(`id="faq-keuze" name="faq" value="${faqIds.kapper}"`);
    // Only the FAQ answer: no follow-up forms for the KCC, and the way back is the form.
    expect(page.body).not.toContain('Doorsturen of toewijzen');
    expect(page.body).toContain('href="/vragen/nieuw">Terug naar Vraag registreren');
    const before = await stored(id);

    const unchosen = await kcc.post(`/vragen/${id}/faq-antwoord`, { 'faq-hoe': 'telefonisch teruggebeld' });
    expect(unchosen.statusCode).toBe(400);
    expect(unchosen.body).toContain('href="#faq-keuze"');
    expect(unchosen.body).toContain('Kies de FAQ waarmee de vraag is beantwoord.');
    expect(unchosen.body).toContain('aria-describedby="faq-keuze-fout"');

    const concept = await kcc.post(`/vragen/${id}/faq-antwoord`, {
      faq: faqIds.concept!,
      'faq-hoe': 'telefonisch teruggebeld',
    });
    expect(concept.statusCode).toBe(400);
    expect(concept.body).toContain('Deze FAQ is niet (meer) gepubliceerd.');

    const noHow = await kcc.post(`/vragen/${id}/faq-antwoord`, { faq: faqIds.kapper! });
    expect(noHow.statusCode).toBe(400);
    expect(noHow.body).toContain('href="#faq-hoe-telefonisch-teruggebeld"');

    const forged = await kcc.post(
      `/vragen/${id}/faq-antwoord`,
      { faq: faqIds.kapper!, 'faq-hoe': 'telefonisch teruggebeld' },
      { token: 'vervalst' },
    );
    expect(forged.statusCode).toBe(403);
    expect(await stored(id)).toEqual(before);

    const answered = await kcc.post(`/vragen/${id}/faq-antwoord`, {
      faq: faqIds.kapper!,
      'faq-hoe': 'telefonisch teruggebeld',
    });
    expect(answered.statusCode).toBe(303);
    expect(answered.headers.location).toBe(`/vragen/${id}?gedaan=faq`);
    const after = await stored(id);
    expect(after).toMatchObject({ status: 'beantwoord', answered_faq_id: faqIds.kapper });
    const shown = await kcc.get(`/vragen/${id}?gedaan=faq`);
    expect(shown.body).toContain('De vraag is beantwoord met de FAQ');
    expect(shown.body).toContain(`href="/faq-beheer/${faqIds.kapper}">Mag de kapper open?</a></dd>`);
    expect(shown.body).toContain('<strong>Beantwoord met FAQ</strong>');
    // Answered: the KCC's part is done.
    expect(shown.body).not.toContain('action="/vragen/' + id + '/faq-antwoord"');
    const again = await kcc.post(`/vragen/${id}/faq-antwoord`, {
      faq: faqIds.avondklok!,
      'faq-hoe': 'telefonisch teruggebeld',
    });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('Deze vraag is al beantwoord');
    expect(await stored(id)).toEqual(after);
  });

  it('lets a team member find another FAQ by a search and answer with it', async () => {
    const kcc = await as('kcc.amira');
    const { id } = await register(kcc, 'Tot hoe laat mag ik buiten zijn vanavond?');
    const sanne = await as('hh.sanne');
    const searched = await sanne.get(`/vragen/${id}?faq-zoek=${encodeURIComponent('avondklok')}`);
    expect(searched.statusCode).toBe(200);
    expect(searched.body).toContain(`name="faq" value="${faqIds.avondklok}"`);
    expect(searched.body).toContain('name="faq-zoek" value="avondklok"');
    const none = await sanne.get(`/vragen/${id}?faq-zoek=${encodeURIComponent('parkeervergunning')}`);
    expect(none.body).toContain('id="faq-zoek-leeg"');
    const answered = await sanne.post(`/vragen/${id}/faq-antwoord`, {
      faq: faqIds.avondklok!,
      'faq-hoe': 'per e-mail',
      'faq-zoek': 'avondklok',
    });
    expect(answered.statusCode).toBe(303);
    expect(await stored(id)).toMatchObject({
      answered_faq_id: faqIds.avondklok,
      answer: 'De avondklok geldt van 21.00 tot 04.30 uur.',
    });
  });
});
