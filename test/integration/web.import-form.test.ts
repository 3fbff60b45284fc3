// The upload form on /importeren without a browser: two files, or more fields than the form has, are refused with
// the form's Dutch error at the file field (linked from the summary), not the multipart plugin's 413, and store
// nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Api } from '../../services/api/app.js';
import { Queues } from '../../services/jobs/queues.js';
import { producerConnection } from '../../services/jobs/redis-connection.js';
import { buildCheckedApi } from '../support/openapi.js';
import { createTestContext, type TestContext } from '../support/context.js';
import { PageClient } from '../support/web.js';

const PASSWORD = 'analist-wachtwoord-lang';
const EXPORT = 'Publicatiedatum;Bron;Auteur;Bericht\n2026-11-02 10:00;x.com;@a;de energietoeslag\n';

let t: TestContext;
let api: Api;
let queues: Queues;
let producer: { disconnect(): void };

function multipart(client: PageClient, parts: { name: string; value: string; filename?: string }[]) {
  const boundary = `----onderstroom${Date.now()}`;
  const chunks: string[] = [];
  for (const part of [{ name: '_csrf', value: client.token }, ...parts]) {
    const disposition =
      part.filename === undefined
        ? `form-data; name="${part.name}"`
        : `form-data; name="${part.name}"; filename="${part.filename}"`;
    chunks.push(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n`);
    if (part.filename !== undefined) chunks.push('Content-Type: text/csv\r\n');
    chunks.push(`\r\n${part.value}\r\n`);
  }
  chunks.push(`--${boundary}--\r\n`);
  return api.inject({
    method: 'POST',
    url: '/importeren',
    headers: {
      'content-type': `multipart/form-data; boundary=${boundary}`,
      cookie: [...client.cookies].map(([name, value]) => `${name}=${value}`).join('; '),
    },
    payload: chunks.join(''),
  });
}

async function imports(): Promise<number> {
  const result = await t.context.database.pool.query<{ n: string }>('select count(*) as n from imports');
  return Number(result.rows[0]!.n);
}

beforeAll(async () => {
  t = await createTestContext();
  const connection = producerConnection(t.env.redisUrl);
  producer = connection;
  queues = new Queues(connection, t.env.queuePrefix);
  api = await buildCheckedApi(
    { context: t.context, redisHealth: () => Promise.resolve('ok'), importJobs: queues.importJobs() },
    { logger: false },
  );
  await t.context.users.users.create({ name: 'analist', role: 'analyst', password: PASSWORD });
});
afterAll(async () => {
  await api?.close();
  await queues?.close();
  producer?.disconnect();
  await t?.close();
});

describe('the upload form refuses what it did not ask for', () => {
  it('says in Dutch at the file field that one file is read at a time', async () => {
    const client = new PageClient(api);
    expect((await client.signIn('analist', PASSWORD)).statusCode).toBe(303);
    await client.get('/importeren');
    const response = await multipart(client, [
      { name: 'preset', value: 'auto' },
      { name: 'file', value: EXPORT, filename: 'een.csv' },
      { name: 'file', value: EXPORT, filename: 'twee.csv' },
    ]);
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain(
      '<a href="#bestand">Bestand: kies één bestand; er kan er maar één tegelijk worden ingelezen.</a>',
    );
    expect(response.body).toContain('id="bestand-fout"');
    expect(response.body).toContain('aria-invalid="true"');
    expect(response.body).not.toMatch(/reach files limit|groter dan/);
    expect(await imports()).toBe(0);
  });

  it('says in Dutch at the file field that the form had fields it does not have', async () => {
    const client = new PageClient(api);
    expect((await client.signIn('analist', PASSWORD)).statusCode).toBe(303);
    await client.get('/importeren');
    const response = await multipart(client, [
      { name: 'preset', value: 'auto' },
      { name: 'preset', value: 'auto' },
      { name: 'extra', value: 'x' },
      { name: 'file', value: EXPORT, filename: 'een.csv' },
    ]);
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain(
      '<a href="#bestand">Bestand: het formulier had meer velden dan Bestand en',
    );
    expect(response.body).toContain('id="bestand-fout"');
    expect(response.body).not.toMatch(/reach (fields|parts) limit|groter dan/);
    expect(await imports()).toBe(0);
  });
});
