// The queued import against restarts: a private Redis (no persistence) killed and started again empty in the
// middle of an import and while an upload is handed in, the worker's Postgres connections terminated
// (pg_terminate_backend: a real Postgres restart would take the other tests' databases down with it) in the middle
// of an import, and a worker that died holding an import. Afterwards every row is stored once, the rollups equal
// a recount, and no import stays `running`.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppContext, type AppContext } from '../../services/app-context.js';
import { ImportService } from '../../services/ingest/import.service.js';
import { QUEUE_NAMES } from '../../services/jobs/catalogue.js';
import { Queues } from '../../services/jobs/queues.js';
import { producerConnection, workerConnection } from '../../services/jobs/redis-connection.js';
import { writeSyntheticObi4wanExport } from '../../tools/importers/synthetic-export.js';
import { readdImports } from '../../workers/scheduler.js';
import { startWorkers, type WorkerPool } from '../../workers/worker-pool.js';
import { waitFor } from '../support/cli.js';
import { createTestEnv } from '../support/context.js';
import { recomputedRollups, storedRollups } from '../support/mentions.js';
import { adminQuery, type TestDatabase } from '../support/postgres.js';

let context: AppContext;
let database: TestDatabase;
let dir: string;
let queues: Queues;
let pool: WorkerPool;
let redisPort: number;
let redis: ChildProcess | null = null;
const connections: { disconnect(): void }[] = [];
let seed = 40;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address() as net.AddressInfo;
      server.close(() => resolve(address.port));
    });
  });
}

async function redisAnswers(): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(redisPort, '127.0.0.1');
    socket.once('connect', () => {
      socket.write('PING\r\n');
      socket.once('data', (data) => {
        socket.destroy();
        resolve(data.toString().startsWith('+PONG'));
      });
    });
    socket.once('error', () => resolve(false));
  });
}

async function startRedis(): Promise<void> {
  redis = spawn(
    'redis-server',
    ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  await waitFor(async () => ((await redisAnswers()) ? true : null), 'the private Redis to answer', 20_000);
}

async function killRedis(): Promise<void> {
  const child = redis!;
  redis = null;
  const gone = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await gone;
}

async function storedBy(importId: string): Promise<number> {
  const row = await context.database.db
    .selectFrom('mentions')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('import_id', '=', importId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function totalMentions(): Promise<number> {
  const row = await context.database.db
    .selectFrom('mentions')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A synthetic export of its own (new posts), handed in as an upload; the answer of the upload. */
async function upload(rows: number) {
  const file = path.join(dir, `export-${seed}.csv`);
  const written = await writeSyntheticObi4wanExport(file, {
    rows,
    seed: seed++,
    start: new Date(Date.UTC(2021, 1 + seed - 40, 1)),
    days: 20,
  });
  const accepted = await context.importQueue.receive(
    [{ type: 'file', fieldname: 'file', filename: path.basename(file), file: fs.createReadStream(file) }] as {
      type: 'file';
      fieldname: string;
      filename: string;
      file: Readable;
    }[],
    { label: 'user:test', apiKeyId: null },
    queues.importJobs(),
  );
  return { ...accepted, rows: written.rows };
}

async function finished(importId: string, timeoutMs = 240_000) {
  return waitFor(
    async () => {
      const record = await context.repositories.imports.get(importId);
      return record !== null && record.status === 'done' && record.storedPath === null ? record : null;
    },
    `import ${importId} to be done`,
    timeoutMs,
  );
}

/** Every row once: the import's counts add up, its mentions are what it says it imported, rollups are exact. */
async function expectExactlyOnce(importId: string, rows: number) {
  const done = await finished(importId);
  expect(done.rowsRead).toBe(rows);
  expect(done.imported + done.duplicates + done.rejectedCount).toBe(rows);
  expect(await storedBy(importId)).toBe(done.imported);
  expect(await storedRollups(context.database.db)).toEqual(await recomputedRollups(context.database.db));
  const source = await context.database.db
    .selectFrom('sources')
    .select('items_stored')
    .where('id', '=', 'obi4wan')
    .executeTakeFirstOrThrow();
  expect(Number(source.items_stored)).toBe(await totalMentions());
  return done;
}

beforeAll(async () => {
  redisPort = await freePort();
  await startRedis();
  const created = await createTestEnv('', { REDIS_URL: `redis://127.0.0.1:${redisPort}` });
  database = created.database;
  dir = created.dir;
  context = await createAppContext(created.env, { log: pino({ level: 'silent' }), migrate: false });
  const producer = producerConnection(created.env.redisUrl);
  const worker = workerConnection(created.env.redisUrl);
  // A connection refused while Redis is down is expected here; without a listener ioredis would print each one.
  producer.on('error', () => undefined);
  worker.on('error', () => undefined);
  connections.push(producer, worker);
  queues = new Queues(producer, created.env.queuePrefix);
  for (const name of QUEUE_NAMES) queues.queue(name).on('error', () => undefined);
  pool = startWorkers(context, worker, created.env.queuePrefix, queues);
}, 60_000);

afterAll(async () => {
  if (redis === null) await startRedis().catch(() => undefined);
  await pool.close();
  await queues.close();
  for (const connection of connections) connection.disconnect();
  if (redis !== null) await killRedis();
  await context.close();
  await database.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the queued import over restarts', () => {
  it('loses and doubles no row when Redis is killed mid-import and comes back empty', async () => {
    const accepted = await upload(30_000);
    await waitFor(
      async () => ((await storedBy(accepted.id)) > 0 ? true : null),
      'the worker to store its first rows',
      120_000,
    );
    await killRedis();
    const storedAtKill = await storedBy(accepted.id);
    expect(storedAtKill).toBeLessThan(accepted.rows); // killed in the middle, not after the end
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await startRedis();
    // The import needs no Redis to go on: Postgres holds it. The job is gone from the empty Redis, so nothing
    // runs it a second time; the scheduler's recovery finds nothing to add for a done import.
    const done = await expectExactlyOnce(accepted.id, accepted.rows);
    expect(done.attempts).toBe(1);
    expect(await readdImports(context, queues)).not.toContain(accepted.id);
  }, 300_000);

  it('keeps an upload handed in while Redis is down, and imports it once Redis is back', async () => {
    await killRedis();
    // The hand-in is accepted: the import is recorded queued in Postgres with its stored file.
    const accepted = await upload(3_000);
    expect(accepted.existing).toBe(false);
    const queued = await context.repositories.imports.get(accepted.id);
    expect(queued?.status).toBe('queued');
    expect(fs.existsSync(queued!.storedPath!)).toBe(true);
    await startRedis();
    // The scheduler's recovery adds the job of a queued import whose job Redis does not hold (here at once).
    await waitFor(
      async () => ((await context.importQueue.readdWaiting(queues.importJobs(), 0)).length > 0 ? true : null),
      'Redis to take the job again',
      30_000,
    );
    const done = await expectExactlyOnce(accepted.id, accepted.rows);
    expect(done.attempts).toBe(1);
  }, 300_000);

  it('loses and doubles no row when the worker loses its Postgres connections mid-import', async () => {
    const accepted = await upload(30_000);
    let terminated = 0;
    for (let round = 0; round < 3; round++) {
      const before = await storedBy(accepted.id).catch(() => 0);
      await waitFor(
        async () => ((await storedBy(accepted.id)) > before ? true : null),
        'the worker to store more rows',
        120_000,
      );
      const record = await context.repositories.imports.get(accepted.id);
      if (record?.status === 'done') break;
      const result = await adminQuery<{ pid: number }>(
        `select pid from (select pid, pg_terminate_backend(pid) as gone from pg_stat_activity
           where datname = '${database.name}' and pid <> pg_backend_pid()) t where gone`,
      );
      terminated += result.rows.length;
    }
    expect(terminated).toBeGreaterThan(0);
    const done = await expectExactlyOnce(accepted.id, accepted.rows);
    // The passing failures were retried inside the same attempt (or BullMQ ran it again and the rows the first
    // attempt stored came back as its own): never a row twice.
    expect(done.attempts).toBeGreaterThanOrEqual(1);
  }, 300_000);

  it('never leaves an import running for a dead worker: it is interrupted, then run again by the next worker', async () => {
    // A worker took the import (claimed it: running) and died before it stored or beat; its job is gone with it.
    const lost = { add: () => Promise.resolve(), readd: () => Promise.resolve() };
    const file = path.join(dir, 'dead-worker.csv');
    const written = await writeSyntheticObi4wanExport(file, {
      rows: 2_000,
      seed: 99,
      start: new Date('2022-06-01T00:00:00Z'),
      days: 5,
    });
    const accepted = await context.importQueue.receive(
      [{ type: 'file', fieldname: 'file', filename: 'dead-worker.csv', file: fs.createReadStream(file) }] as {
        type: 'file';
        fieldname: string;
        filename: string;
        file: Readable;
      }[],
      { label: 'user:test', apiKeyId: null },
      lost,
    );
    expect(await context.repositories.imports.claim(accepted.id)).not.toBeNull();
    expect((await context.importQueue.get(accepted.id))?.state).toBe('running');

    // A minute without a beat later, whoever looks (the API, the list, the scheduler) sees it interrupted.
    const aMinuteLater = new ImportService(
      context.ingest,
      context.repositories.sources,
      context.repositories.imports,
      { retentionDays: 90, now: () => new Date(Date.now() + 61_000) },
    );
    expect(await aMinuteLater.markInterrupted()).toBe(1);
    const view = await context.importQueue.get(accepted.id);
    expect(view?.state).toBe('interrupted');
    expect(view?.error).toMatch(/stopped without finishing/);

    // The scheduler's round adds its job again; a live worker imports it from the top, exactly once.
    expect(await readdImports(context, queues)).toContain(accepted.id);
    const done = await expectExactlyOnce(accepted.id, written.rows);
    expect(done.attempts).toBe(2);
  }, 300_000);
});
