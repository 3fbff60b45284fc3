// The FAQ register against a real database: import all or nothing and exactly once (a changed row a new version),
// edits and checks as versions, refused measure links, and FAQs flagged stale by a measure change with one notice
// per owner's channel, however often the change is seen.
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFaqFile } from '../../services/faqs/faq-file.js';
import type { FaqActor } from '../../services/faqs/faq.js';
import type { Api } from '../../services/api/app.js';
import { buildCheckedApi } from '../support/openapi.js';
import { createTestContext, type TestContext } from '../support/context.js';
import { startHttpReceiver, type HttpReceiver } from '../fakes/receivers.js';

let t: TestContext;
let receiver: HttpReceiver;
let api: Api;
const keys: Record<string, string> = {};
const coordinator: FaqActor = { name: 'coördinator', role: 'coordinator', apiKeyId: null };
const kcc: FaqActor = { name: 'kcc-medewerker', role: 'kcc', apiKeyId: null };

beforeAll(async () => {
  receiver = await startHttpReceiver();
  t = await createTestContext(`
alerts:
  channels:
    - id: faq-team
      kind: webhook
      url: ${receiver.url}/team
    - id: coordinator
      kind: webhook
      url: ${receiver.url}/coordinator
questions:
  teams:
    - id: kcc
      name: KCC
    - id: communicatie
      name: Communicatie
      channels: [faq-team]
  coordinator_channels: [coordinator]
`);
  api = await buildCheckedApi(
    { context: t.context, redisHealth: () => Promise.resolve('ok') },
    { logger: false },
  );
  for (const role of ['viewer', 'analyst', 'admin'] as const)
    keys[role] = (await t.context.apiKeys.create(`test ${role}`, role)).key;
});
afterAll(async () => {
  await api?.close();
  await t?.close();
  await receiver?.close();
});

const count = async (table: string) =>
  Number(
    (await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(t.context.database.db))
      .rows[0]!.n,
  );

function importText(name: string, text: string, status?: 'concept' | 'gepubliceerd') {
  const file = path.join(t.dir, name);
  fs.writeFileSync(file, text);
  return t.context.faqs.faqs.importEntries(
    coordinator,
    name,
    parseFaqFile(name, fs.readFileSync(file)),
    status,
  );
}

const CSV = `id;vraag;antwoord;onderwerp;doelgroep
k1;Mag de kapper open?;Ja, contactberoepen mogen open met een reservering.;Winkels en contactberoepen;ondernemers
k2;Moet ik een mondkapje dragen in de winkel?;Ja, in publieke binnenruimtes.;mondkapjes;inwoners
k3;Hoe laat begint de avondklok?;De avondklok geldt van 21.00 tot 04.30 uur.;;inwoners
`;

describe('importing an FAQ file', () => {
  it('stores a file once: the same file again changes nothing, a changed row is a new version', async () => {
    expect(await importText('faqs.csv', CSV, 'gepubliceerd')).toMatchObject({ rows: 3, new: 3, changed: 0 });
    expect(await importText('faqs.csv', CSV, 'gepubliceerd')).toMatchObject({
      new: 0,
      changed: 0,
      unchanged: 3,
    });
    expect(await count('faq_versions')).toBe(3);
    const changed = CSV.replace('21.00 tot 04.30', '22.00 tot 04.30');
    expect(await importText('faqs.csv', changed)).toMatchObject({ new: 0, changed: 1, unchanged: 2 });
    const { faqs } = await t.context.faqs.faqs.list(kcc, { q: 'avondklok' });
    expect(faqs).toHaveLength(1);
    const opened = await t.context.faqs.faqs.open(kcc, faqs[0]!.id);
    expect(opened.faq).toMatchObject({
      version: 2,
      status: 'gepubliceerd',
      topics: [],
      audience: ['inwoners'],
    });
    expect(opened.versions.map((v) => [v.version, v.changed, v.origin])).toEqual([
      [2, ['answer'], 'import'],
      [1, [], 'import'],
    ]);
    expect(opened.versions[0]!.data.answer).toContain('22.00');
  });

  it('refuses a file with an unknown topic, naming the row and column, and stores nothing', async () => {
    const before = await count('faq_versions');
    await expect(
      importText('bad.csv', 'id;vraag;antwoord;onderwerp\nn1;Nieuw?;Ja.;zorg\nn2;Ook nieuw?;Ja.;kapsalons\n'),
    ).rejects.toThrow(/row 3, column onderwerp: unknown topic "kapsalons"/);
    expect(await count('faq_versions')).toBe(before);
    expect(await count('faqs')).toBe(3);
  });
});

describe('editing and reading', () => {
  it('keeps concept FAQs from roles that do not draft, and lets only coordinators and admins edit', async () => {
    const draft = await t.context.faqs.faqs.create(coordinator, {
      question: 'Wanneer opent het vaccinatiecentrum?',
      answer: 'Zie https://example.nl/prikken.',
      topics: ['vaccinatie'],
    });
    expect(draft.status).toBe('concept');
    const team: FaqActor = { name: 'team', role: 'team', apiKeyId: null };
    await expect(t.context.faqs.faqs.open(team, draft.id)).rejects.toMatchObject({ statusCode: 404 });
    await expect(t.context.faqs.faqs.open(null, draft.id)).rejects.toMatchObject({ statusCode: 404 });
    expect((await t.context.faqs.faqs.open(kcc, draft.id)).faq.id).toBe(draft.id);
    expect(
      (await t.context.faqs.faqs.list(null, {})).faqs.every((faq) => faq.status === 'gepubliceerd'),
    ).toBe(true);
    await expect(t.context.faqs.faqs.list(team, { status: 'concept' })).rejects.toMatchObject({
      statusCode: 403,
    });
    await expect(t.context.faqs.faqs.update(kcc, draft.id, { answer: 'x' })).rejects.toMatchObject({
      statusCode: 403,
    });
  });

  it('refuses a link to a measure that does not exist, and an edit on an old version', async () => {
    const { faqs } = await t.context.faqs.faqs.list(kcc, { q: 'kapper' });
    const faq = faqs[0]!;
    await expect(
      t.context.faqs.faqs.update(coordinator, faq.id, { measures: ['bestaat-niet'] }),
    ).rejects.toThrow('measures: no measure "bestaat-niet" in the timeline');
    await expect(
      t.context.faqs.faqs.update(coordinator, faq.id, { answer: 'Nee.' }, 99),
    ).rejects.toMatchObject({
      statusCode: 409,
    });
    expect((await t.context.faqs.faqs.open(kcc, faq.id)).faq.version).toBe(faq.version);
  });
});

describe('a measure change makes FAQs stale', () => {
  it('flags published FAQs linked to it, on its topics or naming its subject, and tells each owner once', async () => {
    const measure = await t.context.measures.editing.create(
      {
        id: 'test-avondklok',
        level: 'national',
        title: 'Avondklok ingesteld',
        region: null,
        municipality: null,
        summary: null,
        announcedOn: null,
        effectiveFrom: '2021-01-23',
        effectiveUntil: null,
        topics: ['avondklok'],
        direction: 'tightening',
        sourceUrl: null,
        sources: [],
        verified: true,
        note: null,
      },
      { notify: false },
    );
    const all = (await t.context.faqs.faqs.list(kcc, {})).faqs;
    const kapper = all.find((faq) => faq.question.includes('kapper'))!;
    const mondkapje = all.find((faq) => faq.question.includes('mondkapje'))!;
    const avondklok = all.find((faq) => faq.question.includes('avondklok'))!;
    const concept = all.find((faq) => faq.status === 'concept')!;
    // Linked (kapper, owned by a team with a channel), named in the text (avondklok, no owner), and a concept
    // linked too that must stay unflagged; the mondkapje FAQ shares nothing with the measure.
    await t.context.faqs.faqs.update(coordinator, kapper.id, {
      measures: [measure.id],
      owner: 'team:communicatie',
    });
    await t.context.faqs.faqs.update(coordinator, concept.id, { measures: [measure.id] });

    await t.context.measures.editing.update(
      measure.id,
      { title: 'Avondklok ingesteld van 21.00 uur' },
      { notify: true },
    );

    const needsCheck = (await t.context.faqs.faqs.list(kcc, { needsCheck: true })).faqs;
    const flagged = needsCheck.filter((faq) => faq.stale !== null).map((faq) => faq.id);
    expect(flagged.sort()).toEqual([kapper.id, avondklok.id].sort());
    // The concept is not flagged, but it was last looked at before its measure changed: it is listed as such.
    expect(needsCheck.map((faq) => faq.id)).toContain(concept.id);
    const stale = (await t.context.faqs.faqs.open(kcc, kapper.id)).faq;
    expect(stale.stale?.measureId).toBe(measure.id);
    expect(stale.stale?.reason).toContain('Avondklok ingesteld van 21.00 uur');
    expect((await t.context.faqs.faqs.open(kcc, mondkapje.id)).faq.stale).toBeNull();
    expect((await t.context.faqs.faqs.open(kcc, concept.id)).faq.stale).toBeNull();
    expect(await t.context.faqs.repository.notices(kapper.id)).toEqual([
      { measureId: measure.id, channelId: 'faq-team', state: 'pending' },
    ]);
    expect(await t.context.faqs.repository.notices(avondklok.id)).toEqual([
      { measureId: measure.id, channelId: 'coordinator', state: 'pending' },
    ]);

    // The same change seen again (a retried job) flags and queues nothing more.
    const versions = await count('faq_versions');
    const change = await sql<{
      version: number;
    }>`select version from measures where id = ${measure.id}`.execute(t.context.database.db);
    const again = await t.context.database.db.transaction().execute(async (trx) => {
      const { bindRepositories } = await import('../../services/repositories/unit-of-work.js');
      return t.context.faqs.stale.measureChanged(
        {
          measureId: measure.id,
          version: change.rows[0]!.version,
          title: 'x',
          headline: 'y',
          facts: [],
          measure: { title: 'x', level: 'landelijk', date: '23 januari 2021', url: null },
          link: null,
          at: new Date(),
        },
        bindRepositories(trx),
      );
    });
    expect(again).toEqual({ flagged: 0, notices: 0 });
    expect(await count('faq_versions')).toBe(versions);

    // Delivered once per channel, and not again on the next tick.
    expect(await t.context.faqs.notices.deliverDue()).toEqual({ delivered: 2, retried: 0, failed: 0 });
    expect(await t.context.faqs.notices.deliverDue()).toEqual({ delivered: 0, retried: 0, failed: 0 });
    expect(receiver.accepted.map((request) => request.path).sort()).toEqual([
      '/hook/coordinator',
      '/hook/team',
    ]);
    expect(receiver.accepted.find((r) => r.path === '/hook/team')!.body).toContain('FAQ mogelijk verouderd');

    // "Gecontroleerd" clears the flag and records who checked.
    const checked = await t.context.faqs.faqs.check(coordinator, kapper.id);
    expect(checked.stale).toBeNull();
    expect(checked.lastCheckedAt).not.toBeNull();
    expect((await t.context.faqs.faqs.list(kcc, { needsCheck: true })).faqs.map((faq) => faq.id)).toEqual([
      avondklok.id,
      concept.id,
    ]);
    const history = (await t.context.faqs.faqs.open(kcc, kapper.id)).versions;
    expect(history[0]).toMatchObject({ changed: ['gecontroleerd'], actor: 'coördinator', origin: 'check' });
    expect(history[1]).toMatchObject({ changed: ['mogelijk verouderd'], origin: 'stale' });
  });
});

const call = (method: 'GET' | 'POST' | 'PATCH', url: string, role: string | null, payload?: object) =>
  api.inject({
    method,
    url,
    headers: role === null ? {} : { authorization: `Bearer ${keys[role]}` },
    ...(payload ? { payload } : {}),
  });

describe('the API', () => {
  it('lists published FAQs to viewer keys and concept ones to analysts; no key is a 401', async () => {
    const viewer = (await call('GET', '/api/v1/faqs', 'viewer')).json<{ faqs: { status: string }[] }>();
    expect(viewer.faqs.length).toBeGreaterThan(0);
    expect(viewer.faqs.every((faq) => faq.status === 'gepubliceerd')).toBe(true);
    expect((await call('GET', '/api/v1/faqs?status=concept', 'viewer')).statusCode).toBe(403);
    const analyst = (await call('GET', '/api/v1/faqs?status=concept', 'analyst')).json<{ faqs: unknown[] }>();
    expect(analyst.faqs.length).toBeGreaterThan(0);
    expect((await call('GET', '/api/v1/faqs', null)).statusCode).toBe(401);
    expect((await call('GET', '/api/v1/faqs?topic=kapsalons', 'viewer')).json()).toMatchObject({
      error: 'bad_request',
    });
  });

  it('adds and edits with an admin key, each change a version; refuses others and dangling links', async () => {
    const body = {
      question: 'Mag ik naar de sportschool?',
      answer: 'Ja, met een reservering.',
      topics: ['sport'],
    };
    expect((await call('POST', '/api/v1/faqs', 'analyst', body)).statusCode).toBe(403);
    const created = await call('POST', '/api/v1/faqs', 'admin', body);
    expect(created.statusCode).toBe(201);
    const id = created.json<{ id: string }>().id;
    const bad = await call('PATCH', `/api/v1/faqs/${id}`, 'admin', { measures: ['nergens'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ message: string }>().message).toContain('measures: no measure "nergens"');
    const edited = await call('PATCH', `/api/v1/faqs/${id}`, 'admin', { status: 'gepubliceerd', version: 1 });
    expect(edited.json()).toMatchObject({ version: 2, status: 'gepubliceerd' });
    expect(
      (await call('PATCH', `/api/v1/faqs/${id}`, 'admin', { answer: 'Nee.', version: 1 })).statusCode,
    ).toBe(409);
    const opened = (await call('GET', `/api/v1/faqs/${id}`, 'viewer')).json<{
      versions: { changed: string[] }[];
    }>();
    expect(opened.versions.map((v) => v.changed)).toEqual([['status'], []]);
    expect((await call('GET', '/api/v1/faqs/999999', 'viewer')).statusCode).toBe(404);
  });

  it('serves published FAQs without a key at /faqs.json, never concept ones', async () => {
    const response = await call('GET', '/faqs.json', null);
    expect(response.statusCode).toBe(200);
    const { faqs } = response.json<{ faqs: Record<string, unknown>[] }>();
    const published = await t.context.faqs.faqs.published();
    expect(faqs.map((faq) => faq.id)).toEqual(published.map((faq) => faq.id));
    expect(faqs.some((faq) => 'status' in faq || 'owner' in faq)).toBe(false);
    const concept = (await t.context.faqs.faqs.list(kcc, { status: 'concept' })).faqs;
    expect(concept.length).toBeGreaterThan(0);
    expect(faqs.map((faq) => faq.id)).not.toContain(concept[0]!.id);
  });
});
