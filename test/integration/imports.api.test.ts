// POST /api/v1/imports through the ingest queue: a real worker pool imports the upload; the same file twice is one
// import; bad files are refused before anything is queued; the upload folder is empty afterwards.
import fs from 'node:fs';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Api } from '../../services/api/app.js';
import { buildCheckedApi } from '../support/openapi.js';
import { createAppContext, type AppContext } from '../../services/app-context.js';
import { Queues } from '../../services/jobs/queues.js';
import { producerConnection, workerConnection } from '../../services/jobs/redis-connection.js';
import { startWorkers, type WorkerPool } from '../../workers/worker-pool.js';
import { ROOT, waitFor } from '../support/cli.js';
import { createTestEnv } from '../support/context.js';
import { recomputedRollups, storedRollups } from '../support/mentions.js';
import type { TestDatabase } from '../support/postgres.js';

const SAMPLE = path.join(ROOT, 'samples/obi4wan-sample.SYNTHETIC.csv');
const MAX_BYTES = 1_000_000;

let context: AppContext;
let database: TestDatabase;
let dir: string;
let api: Api;
let queues: Queues;
let pool: WorkerPool;
const redis: { disconnect(): void }[] = [];
const keys: Record<string, { key: string; name: string }> = {};

function multipart(parts: { name: string; value: Buffer | string; filename?: string }[]) {
  const boundary = `----onderstroom${Date.now()}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition =
      part.filename === undefined
        ? `form-data; name="${part.name}"`
        : `form-data; name="${part.name}"; filename="${part.filename}"`;
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n`));
    if (part.filename !== undefined) chunks.push(Buffer.from('Content-Type: text/csv\r\n'));
    chunks.push(Buffer.from('\r\n'), Buffer.from(part.value), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(chunks),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

async function upload(role: string, parts: Parameters<typeof multipart>[0]) {
  const body = multipart(parts);
  return api.inject({
    method: 'POST',
    url: '/api/v1/imports',
    headers: { ...body.headers, authorization: `Bearer ${keys[role]!.key}` },
    payload: body.payload,
  });
}

async function getImport(id: string) {
  const response = await api.inject({
    method: 'GET',
    url: `/api/v1/imports/${id}`,
    headers: { authorization: `Bearer ${keys.analyst!.key}` },
  });
  expect(response.statusCode).toBe(200);
  return response.json<Record<string, unknown>>();
}

beforeAll(async () => {
  const created = await createTestEnv('', { ONDERSTROOM_UPLOAD_MAX_BYTES: String(MAX_BYTES) });
  database = created.database;
  dir = created.dir;
  context = await createAppContext(created.env, { log: pino({ level: 'warn' }), migrate: false });
  const producer = producerConnection(created.env.redisUrl);
  const worker = workerConnection(created.env.redisUrl);
  redis.push(producer, worker);
  queues = new Queues(producer, created.env.queuePrefix);
  pool = startWorkers(context, worker, created.env.queuePrefix);
  api = await buildCheckedApi(
    { context, redisHealth: () => Promise.resolve('ok'), importJobs: queues.importJobs() },
    { logger: false },
  );
  for (const role of ['viewer', 'analyst'] as const) {
    const made = await context.apiKeys.create(`test ${role}`, role);
    keys[role] = { key: made.key, name: `test ${role}` };
  }
});

afterAll(async () => {
  await api.close();
  await pool.close();
  await queues.close();
  for (const connection of redis) connection.disconnect();
  await context.close();
  await database.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('POST /api/v1/imports', () => {
  let firstId = '';

  it('answers 202 with the id, and a worker imports the file with the summary of the CLI', async () => {
    const response = await upload('analyst', [
      { name: 'preset', value: 'auto' },
      { name: 'file', value: fs.readFileSync(SAMPLE), filename: 'obi4wan-sample.SYNTHETIC.csv' },
    ]);
    expect(response.statusCode).toBe(202);
    const accepted = response.json<{ id: string; existing: boolean; state: string }>();
    expect(accepted.existing).toBe(false);
    expect(['queued', 'running', 'done']).toContain(accepted.state);
    firstId = accepted.id;

    const done = await waitFor(
      async () => {
        const view = await getImport(accepted.id);
        return view.state === 'done' ? view : null;
      },
      'the queued import to finish',
      120_000,
    );
    expect(done).toMatchObject({
      id: accepted.id,
      file: 'obi4wan-sample.SYNTHETIC.csv',
      preset: 'obi4wan',
      origin: 'upload',
      requestedBy: 'key:test analyst',
      rows: 2000,
      imported: 2000,
      duplicates: 0,
      rejectedCount: 0,
      rejected: [],
      error: null,
    });
    const counted = await context.database.db
      .selectFrom('mentions')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('import_id', '=', accepted.id)
      .executeTakeFirstOrThrow();
    expect(Number(counted.n)).toBe(2000);
    expect(await storedRollups(context.database.db)).toEqual(await recomputedRollups(context.database.db));
    // The uploaded copy is removed once imported.
    expect(fs.readdirSync(path.join(dir, 'data', 'uploads'))).toEqual([]);

    const listed = await api.inject({
      method: 'GET',
      url: '/api/v1/imports',
      headers: { authorization: `Bearer ${keys.analyst!.key}` },
    });
    expect(listed.statusCode).toBe(200);
    expect(listed.json<{ id: string; state: string }[]>()[0]).toMatchObject({
      id: accepted.id,
      state: 'done',
    });

    const audit = await context.database.db
      .selectFrom('access_log')
      .select(['action', 'detail'])
      .where('action', '=', 'import.queued')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.detail).toMatchObject({ import_id: accepted.id, by: 'key:test analyst' });
  });

  it('takes the same file again as the same import: it is imported once', async () => {
    const response = await upload('analyst', [
      { name: 'file', value: fs.readFileSync(SAMPLE), filename: 'again.csv' },
    ]);
    expect(response.statusCode).toBe(202);
    expect(response.json()).toMatchObject({ id: firstId, existing: true, state: 'done' });
    const imports = await context.database.db.selectFrom('imports').select('id').execute();
    expect(imports).toHaveLength(1);
    expect(fs.readdirSync(path.join(dir, 'data', 'uploads'))).toEqual([]);
  });

  it('refuses a viewer key', async () => {
    const response = await upload('viewer', [{ name: 'file', value: 'x', filename: 'a.csv' }]);
    expect(response.statusCode).toBe(403);
  });

  it('refuses files that cannot be imported before queueing, naming the field', async () => {
    const pdf = await upload('analyst', [
      { name: 'file', value: Buffer.from('%PDF-1.7\n...'), filename: 'export.csv' },
    ]);
    expect(pdf.statusCode).toBe(415);
    expect(pdf.json<{ message: string }>().message).toMatch(/field "file".*pdf/i);

    const named = await upload('analyst', [{ name: 'file', value: 'a;b\n1;2\n', filename: 'export.docx' }]);
    expect(named.statusCode).toBe(415);

    const header = await upload('analyst', [{ name: 'file', value: 'a;b\n1;2\n', filename: 'export.csv' }]);
    expect(header.statusCode).toBe(400);
    expect(header.json<{ message: string }>().message).toMatch(/^field "file": /);

    const missing = await upload('analyst', [{ name: 'preset', value: 'auto' }]);
    expect(missing.statusCode).toBe(400);
    expect(missing.json<{ message: string }>().message).toMatch(/field "file" is missing/);

    const preset = await upload('analyst', [
      { name: 'preset', value: 'twitter' },
      { name: 'file', value: fs.readFileSync(SAMPLE), filename: 'x.csv' },
    ]);
    expect(preset.statusCode).toBe(400);
    expect(preset.json<{ message: string }>().message).toMatch(/field "preset" must be one of auto, obi4wan/);

    const large = await upload('analyst', [
      {
        name: 'file',
        value: Buffer.concat([fs.readFileSync(SAMPLE), fs.readFileSync(SAMPLE)]),
        filename: 'big.csv',
      },
    ]);
    expect(large.statusCode).toBe(413);

    const imports = await context.database.db.selectFrom('imports').select('id').execute();
    expect(imports).toHaveLength(1);
    expect(fs.readdirSync(path.join(dir, 'data', 'uploads'))).toEqual([]);
  });

  it('refuses other bad requests naming what is wrong, and stores nothing for them', async () => {
    const sample = fs.readFileSync(SAMPLE);
    const unknown = await upload('analyst', [
      { name: 'bron', value: 'obi4wan' },
      { name: 'file', value: sample, filename: 'x.csv' },
    ]);
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json<{ message: string }>().message).toBe('unknown field "bron"');

    const two = await upload('analyst', [
      { name: 'file', value: sample, filename: 'een.csv' },
      { name: 'file', value: sample, filename: 'twee.csv' },
    ]);
    expect(two.statusCode).toBe(400);
    expect(two.json<{ message: string }>().message).toBe('field "file": send one file, in the field "file"');
    const many = await upload('analyst', [
      { name: 'preset', value: 'auto' },
      { name: 'preset', value: 'auto' },
      { name: 'preset', value: 'auto' },
      { name: 'file', value: sample, filename: 'x.csv' },
    ]);
    expect(many.statusCode).toBe(400);
    expect(many.json<{ message: string }>().message).toMatch(/at most the field "preset"/);

    const elsewhere = await upload('analyst', [{ name: 'bestand', value: sample, filename: 'x.csv' }]);
    expect(elsewhere.statusCode).toBe(400);
    expect(elsewhere.json<{ message: string }>().message).toMatch(
      /field "bestand": send one file, in the field "file"/,
    );

    const empty = await upload('analyst', [{ name: 'file', value: '', filename: 'leeg.csv' }]);
    expect(empty.statusCode).toBe(400);
    expect(empty.json<{ message: string }>().message).toMatch(/^field "file": /);

    const textAsXlsx = await upload('analyst', [
      { name: 'file', value: 'Publicatiedatum;Bron\n', filename: 'export.xlsx' },
    ]);
    expect(textAsXlsx.statusCode).toBe(415);
    expect(textAsXlsx.json<{ message: string }>().message).toMatch(/named \.xlsx but its content is text/);

    const noFileChosen = await upload('analyst', [{ name: 'file', value: '', filename: '' }]);
    expect(noFileChosen.statusCode).toBe(400);
    expect(noFileChosen.json<{ message: string }>().message).toMatch(/field "file" is missing/);

    const body = multipart([{ name: 'file', value: sample, filename: 'x.csv' }]);
    const anonymous = await api.inject({
      method: 'POST',
      url: '/api/v1/imports',
      headers: body.headers,
      payload: body.payload,
    });
    expect(anonymous.statusCode).toBe(401);

    const imports = await context.database.db.selectFrom('imports').select('id').execute();
    expect(imports).toHaveLength(1);
    expect(fs.readdirSync(path.join(dir, 'data', 'uploads'))).toEqual([]);
  });

  it('answers 404 for an import that does not exist', async () => {
    const response = await api.inject({
      method: 'GET',
      url: '/api/v1/imports/999999',
      headers: { authorization: `Bearer ${keys.analyst!.key}` },
    });
    expect(response.statusCode).toBe(404);
  });
});
