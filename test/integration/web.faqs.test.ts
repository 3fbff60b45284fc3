// The FAQ pages without a browser: the list per role (concept FAQs never for a team member), one FAQ's edit form
// (a save is a new version; an empty answer, a measure that does not exist or a forged CSRF token is refused in
// Dutch and stores nothing), "gecontroleerd", and the public page of published FAQs without a session.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Api } from '../../services/api/app.js';
import { buildCheckedApi } from '../support/openapi.js';
import { parseFaqFile } from '../../services/faqs/faq-file.js';
import { createTestContext, type TestContext } from '../support/context.js';
import { PageClient } from '../support/web.js';

const PASSWORD = 'een-lang-wachtwoord';
let t: TestContext;
let api: Api;
let publishedId: string;
let conceptId: string;

async function as(name: string): Promise<PageClient> {
  const client = new PageClient(api);
  expect((await client.signIn(name, PASSWORD)).statusCode).toBe(303);
  return client;
}

const versions = async (id: string) =>
  Number(
    (
      await t.context.database.pool.query<{ n: string }>(
        'select count(*) as n from faq_versions where faq_id = $1',
        [id],
      )
    ).rows[0]!.n,
  );

beforeAll(async () => {
  t = await createTestContext(`
questions:
  teams:
    - { id: kcc, name: KCC }
    - { id: communicatie, name: Communicatie }
`);
  api = await buildCheckedApi(
    { context: t.context, redisHealth: () => Promise.resolve('ok') },
    { logger: false },
  );
  for (const [name, role, team] of [
    ['coordinator', 'coordinator', null],
    ['kcc.amira', 'kcc', null],
    ['team.piet', 'team', 'communicatie'],
  ] as const)
    await t.context.users.users.create({ name, role, team, password: PASSWORD });
  const actor = { name: 'test', role: 'admin' as const, apiKeyId: null };
  const file = (text: string) => parseFaqFile('f.csv', new TextEncoder().encode(text));
  await t.context.faqs.faqs.importEntries(
    actor,
    'f.csv',
    file('id;vraag;antwoord\np1;Mag de kapper open?;Ja, zie https://example.nl/kapper.\n'),
    'gepubliceerd',
  );
  await t.context.faqs.faqs.importEntries(
    actor,
    'g.csv',
    file('id;vraag;antwoord\nc1;Geheim concept?;Nog niet.\n'),
  );
  const all = (await t.context.faqs.faqs.list(actor, {})).faqs;
  publishedId = all.find((faq) => faq.externalId === 'p1')!.id;
  conceptId = all.find((faq) => faq.externalId === 'c1')!.id;
});
afterAll(async () => {
  await api?.close();
  await t?.close();
});

describe("FAQ's", () => {
  it('lists concept FAQs to the KCC but not to a team member', async () => {
    const kcc = await (await as('kcc.amira')).get('/faq-beheer');
    expect(kcc.statusCode).toBe(200);
    expect(kcc.body).toContain('Mag de kapper open?');
    expect(kcc.body).toContain('Geheim concept?');
    const team = await as('team.piet');
    const listed = await team.get('/faq-beheer');
    expect(listed.body).toContain('Mag de kapper open?');
    expect(listed.body).not.toContain('Geheim concept?');
    expect((await team.get(`/faq-beheer/${conceptId}`)).statusCode).toBe(404);
    // No edit form for those who may not edit, and a post is refused.
    const page = await team.get(`/faq-beheer/${publishedId}`);
    expect(page.body).not.toContain('Opslaan');
    expect((await team.post(`/faq-beheer/${publishedId}`, { antwoord: 'x' })).statusCode).toBe(403);
  });

  it('saves an edit as a new version and shows it; refuses bad input in Dutch, storing nothing', async () => {
    const coordinator = await as('coordinator');
    const page = await coordinator.get(`/faq-beheer/${publishedId}`);
    expect(page.body).toContain('href="https://example.nl/kapper"');
    const form = {
      versie: '1',
      vraag: 'Mag de kapper open?',
      antwoord: 'Ja, met een reservering vooraf.',
      status: 'gepubliceerd',
      eigenaar: 'team:communicatie',
    };
    const before = await versions(publishedId);
    const empty = await coordinator.post(`/faq-beheer/${publishedId}`, { ...form, antwoord: '  ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Antwoord: vul dit in');
    const dangling = await coordinator.post(`/faq-beheer/${publishedId}`, {
      ...form,
      maatregelen: 'nergens',
    });
    expect(dangling.statusCode).toBe(400);
    expect(dangling.body).toContain('deze maatregel staat niet in de tijdlijn: nergens');
    expect(
      (await coordinator.post(`/faq-beheer/${publishedId}`, form, { token: 'vervalst' })).statusCode,
    ).toBe(403);
    expect(await versions(publishedId)).toBe(before);

    const saved = await coordinator.post(`/faq-beheer/${publishedId}`, form);
    expect(saved.statusCode).toBe(303);
    const after = await coordinator.get(`/faq-beheer/${publishedId}?gedaan=opgeslagen`);
    expect(after.body).toContain('De wijziging is opgeslagen als een nieuwe versie.');
    expect(after.body).toContain('Ja, met een reservering vooraf.');
    expect(after.body).toMatch(
      /<td class="utrecht-table__cell">2<\/td>[\s\S]*coordinator[\s\S]*answer, ownerTeam/,
    );
    // The same form again (version 1) is someone else's older edit now.
    const stale = await coordinator.post(`/faq-beheer/${publishedId}`, { ...form, antwoord: 'Anders.' });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('iemand anders heeft de FAQ intussen gewijzigd');

    expect((await coordinator.post(`/faq-beheer/${publishedId}/gecontroleerd`, {})).statusCode).toBe(303);
    const checked = (await t.context.faqs.faqs.open(null, publishedId)).faq;
    expect(checked.lastCheckedAt).not.toBeNull();
  });

  it('serves the public page without a session: published FAQs only, embeddable', async () => {
    const response = await api.inject({ method: 'GET', url: '/faqs' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Mag de kapper open?');
    expect(response.body).not.toContain('Geheim concept?');
    expect(response.headers['content-security-policy']).toContain('frame-ancestors *');
    expect(response.headers['x-frame-options']).toBeUndefined();
    expect(response.headers['set-cookie']).toBeUndefined();
  });
});
