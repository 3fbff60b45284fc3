// docs/openapi.json is the document the app generates from its routes' schemas: this test fails when they drift
// (`npm run openapi` rewrites it, as `npm run db:types` does for the database types). It also checks what the
// document promises (every operation tagged, summarised, with its answers; no host, no key) and who may read it.
import fs from 'node:fs';
import path from 'node:path';
import Fastify from 'fastify';
import { Type } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Api } from '../../services/api/app.js';
import { openApiDocument, openApiPlugin } from '../../services/api/plugins/openapi.plugin.js';
import { buildCheckedApi, checkedApi, OPENAPI_FILE } from '../support/openapi.js';
import { createTestContext, type TestContext } from '../support/context.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const WRITE = process.env.ONDERSTROOM_WRITE_OPENAPI === '1';

type Operation = {
  tags?: string[];
  summary?: string;
  security?: unknown[];
  responses?: Record<string, unknown>;
};
type Document = { paths: Record<string, Record<string, Operation>>; servers?: unknown } & Record<
  string,
  unknown
>;

let t: TestContext;
let api: Api;
let generated: string;

beforeAll(async () => {
  t = await createTestContext();
  api = await buildCheckedApi(
    { context: t.context, redisHealth: () => Promise.resolve('ok') },
    { logger: false },
  );
  await api.ready();
  generated = `${JSON.stringify(openApiDocument(api), null, 2)}\n`;
});
afterAll(async () => {
  await api?.close();
  await t?.close();
});

/** The first path (or the top-level key) where two documents differ, to name in the failure. */
function firstDifference(committed: Document, fresh: Document): string {
  for (const key of new Set([...Object.keys(committed.paths ?? {}), ...Object.keys(fresh.paths ?? {})])) {
    if (JSON.stringify(committed.paths?.[key]) !== JSON.stringify(fresh.paths?.[key])) return `paths ${key}`;
  }
  for (const key of new Set([...Object.keys(committed), ...Object.keys(fresh)])) {
    if (JSON.stringify(committed[key]) !== JSON.stringify(fresh[key])) return key;
  }
  return 'formatting';
}

describe('docs/openapi.json', () => {
  it(`is what the routes generate (npm run openapi rewrites it)`, () => {
    const file = path.join(ROOT, OPENAPI_FILE);
    if (WRITE) fs.writeFileSync(file, generated);
    const committed = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    const where =
      committed === ''
        ? 'the file is missing'
        : firstDifference(JSON.parse(committed) as Document, JSON.parse(generated) as Document);
    expect(
      committed === generated,
      `${OPENAPI_FILE} differs from the routes' schemas at ${where}: run \`npm run openapi\``,
    ).toBe(true);
  });

  it('is the same when the app is built again, and holds no host, port, date or key', async () => {
    const again = await buildCheckedApi(
      { context: t.context, redisHealth: () => Promise.resolve('ok') },
      { logger: false },
    );
    await again.ready();
    expect(`${JSON.stringify(openApiDocument(again), null, 2)}\n`).toBe(generated);
    await again.close();
    const document = JSON.parse(generated) as Document;
    expect(document.servers).toBeUndefined();
    expect(generated).not.toMatch(/127\.0\.0\.1|localhost|:\d{4,5}\b/);
    expect(generated).not.toMatch(/\b20\d\d-\d\d-\d\dT\d\d:/);
    expect(generated).not.toMatch(/ods_[A-Za-z0-9_-]{20,}/);
  });

  it('tags, summarises and answers every operation; keyed ones need the API key scheme', () => {
    const document = JSON.parse(generated) as Document & {
      components: { securitySchemes: Record<string, { type: string; scheme?: string }> };
      security: unknown[];
      tags: { name: string }[];
    };
    const tagNames = new Set(document.tags.map((tag) => tag.name));
    const problems: string[] = [];
    for (const [route, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const name = `${method.toUpperCase()} ${route}`;
        if (!operation.tags?.length) problems.push(`${name}: no tags`);
        for (const tag of operation.tags ?? [])
          if (!tagNames.has(tag)) problems.push(`${name}: tag ${tag} unlisted`);
        if (!operation.summary) problems.push(`${name}: no summary`);
        if (!Object.keys(operation.responses ?? {}).some((code) => code.startsWith('2')))
          problems.push(`${name}: no 2xx answer`);
      }
    }
    expect(problems).toEqual([]);
    expect(document.components.securitySchemes.apiKey).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(document.security).toEqual([{ apiKey: [] }]);
    expect(document.paths['/health']!.get!.security).toEqual([]);
    expect(
      Object.keys(document.paths).filter(
        (route) => !/^\/(api|grafana|health)(\/|$)/.test(route) && route !== '/faqs.json',
      ),
    ).toEqual([]);
    expect(Object.keys(document.paths).filter((route) => route.startsWith('/api/docs'))).toEqual([]);
  });
});

describe('GET /api/openapi.json and /api/docs', () => {
  it('answer 401 without a key or a session, and name both ways in', async () => {
    for (const url of ['/api/openapi.json', '/api/docs', '/api/docs/json']) {
      const response = await api.inject({ url });
      expect(response.statusCode, url).toBe(401);
      expect(response.json<{ message: string }>().message).toMatch(/Authorization: Bearer/);
    }
    const unknown = await api.inject({
      url: '/api/openapi.json',
      headers: { authorization: 'Bearer ods_not-a-real-key' },
    });
    expect(unknown.statusCode).toBe(401);
  });

  it('serve the committed document to any key, and the UI to an admin signed in on the web pages', async () => {
    const viewer = (await t.context.apiKeys.create('docs viewer', 'viewer')).key;
    const response = await api.inject({
      url: '/api/openapi.json',
      headers: { authorization: `Bearer ${viewer}` },
    });
    expect(response.statusCode).toBe(200);
    expect(`${JSON.stringify(response.json(), null, 2)}\n`).toBe(generated);

    const admin = await t.context.users.users.create({
      name: 'docs.beheer',
      role: 'admin',
      password: 'lang-genoeg-wachtwoord',
    });
    const session = await t.context.users.sessions.start(admin.user);
    const cookie = `onderstroom_sessie=${session.id}`;
    const ui = await api.inject({ url: '/api/docs', headers: { cookie } });
    expect(ui.statusCode).toBe(200);
    expect(ui.headers['content-type']).toMatch(/text\/html/);
    expect(ui.headers['content-security-policy']).toContain("script-src 'self'");
    expect(ui.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    expect((await api.inject({ url: '/api/docs/json', headers: { cookie } })).statusCode).toBe(200);
    expect((await api.inject({ url: '/api/openapi.json', headers: { cookie } })).statusCode).toBe(200);
  });

  it('refuse a signed-in user of another role with 403', async () => {
    const kcc = await t.context.users.users.create({
      name: 'docs.kcc',
      role: 'kcc',
      password: 'lang-genoeg-wachtwoord',
    });
    const session = await t.context.users.sessions.start(kcc.user);
    const response = await api.inject({
      url: '/api/openapi.json',
      headers: { cookie: `onderstroom_sessie=${session.id}` },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json<{ message: string }>().message).toMatch(/admin/);
  });
});

describe('the response check of the API tests (test/support/openapi.ts)', () => {
  it('fails an answer whose body, status or media type the document does not declare', async () => {
    const probe = Fastify();
    await probe.register(openApiPlugin);
    const Counted = Type.Object({ n: Type.Integer() });
    const schema = { tags: ['docs'], summary: 'probe', response: { 200: Counted } };
    // Sent as text, so the serializer cannot mend the body: what a handler that bypasses it would send.
    probe.get('/api/probe/body', { schema }, (_request, reply) =>
      reply.type('application/json').send('{"n":"many"}'),
    );
    probe.get('/api/probe/status', { schema }, (_request, reply) =>
      // A status the schema does not declare, on purpose.
      reply.status(202 as 200).send({ n: 1 }),
    );
    probe.get('/api/probe/media', { schema }, (_request, reply) => reply.type('text/plain').send('1'));
    probe.get('/api/probe/good', { schema }, () => ({ n: 1 }));
    await probe.ready();
    const checked = checkedApi(probe as unknown as Api);
    await expect(checked.inject({ url: '/api/probe/body' })).rejects.toThrow(
      /GET \/api\/probe\/body 200: the body does not fit the document: \/n must be integer/,
    );
    await expect(checked.inject({ url: '/api/probe/status' })).rejects.toThrow(
      /answered 202, which the document does not declare/,
    );
    await expect(checked.inject({ url: '/api/probe/media' })).rejects.toThrow(/answered text\/plain/);
    expect((await checked.inject({ url: '/api/probe/good' })).statusCode).toBe(200);
    await probe.close();
  });

  it("fails a handler's answer that only the serializer made fit", async () => {
    const probe = Fastify();
    await probe.register(openApiPlugin);
    const schema = {
      tags: ['docs'],
      summary: 'probe',
      response: { 200: Type.Object({ n: Type.Integer() }) },
    };
    // The serializer writes this null as 0: the body fits, what the handler meant does not.
    probe.get('/api/probe/null', { schema }, () => ({ n: null as unknown as number }));
    const checked = checkedApi(probe as unknown as Api, { payloads: true });
    await probe.ready();
    await expect(checked.inject({ url: '/api/probe/null' })).rejects.toThrow(
      /GET \/api\/probe\/null 200: the handler's answer does not fit the document: \/n must be integer/,
    );
    await probe.close();
  });
});
