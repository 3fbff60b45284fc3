// Queued imports that fail on every attempt, against the real Postgres and Redis with a real worker pool: Postgres
// refuses every row of the file (a trigger, as a constraint or a full disk would), so each of BullMQ's attempts
// fails. A dropped file then lies in failed/ with its report once and is never handed in again; an upload keeps its
// file for a week and the maintenance job deletes it after that, with files no import holds. An import whose last
// attempt failed but whose process died before giving it up is given up by the scheduler's recovery or the next
// listing, never run a sixth time.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppContext, type AppContext } from '../../services/app-context.js';
import { ExportFolderService } from '../../services/ingest/export-folder.service.js';
import {
  FAILED_UPLOAD_KEPT_MS,
  ImportQueueService,
  ORPHAN_UPLOAD_MS,
  type ImportJobs,
} from '../../services/ingest/import-queue.service.js';
import { MAX_INTERRUPTED_RUNS } from '../../services/ingest/import.service.js';
import { JOB_ATTEMPTS } from '../../services/jobs/catalogue.js';
import { importDetail } from '../../services/web/import-view.js';
import { Queues } from '../../services/jobs/queues.js';
import { producerConnection, workerConnection } from '../../services/jobs/redis-connection.js';
import { HANDLERS } from '../../workers/handlers.js';
import { startWorkers, type WorkerPool } from '../../workers/worker-pool.js';
import { waitFor } from '../support/cli.js';
import { createTestEnv } from '../support/context.js';
import type { TestDatabase } from '../support/postgres.js';

const HEADER = 'Publicatiedatum;Bron;Url;Geplaatst door (optioneel);Bericht;Sentiment;PR-waarde';

let context: AppContext;
let database: TestDatabase;
let dir: string;
let drop: string;
let uploadDir: string;
let queues: Queues;
let pool: WorkerPool;
let jobs: ImportJobs;
const redis: { disconnect(): void }[] = [];

/** An OBI4wan export of its own posts; `poison` puts the word the test's trigger refuses in every row. */
function smallExport(tag: string, rows: number, poison: boolean): string {
  const lines = [HEADER];
  for (let i = 1; i <= rows; i++) {
    const text = poison ? `De gifpil ${i} van ${tag}` : `Vraag ${i} over de avondklok in Huizen`;
    lines.push(
      `19-1-2021 11:${String(i % 60).padStart(2, '0')};twitter;https://twitter.example/${tag}/status/${i};@${tag};` +
        `${text};neutraal;0,00`,
    );
  }
  return `${lines.join('\n')}\n`;
}

async function jobOf(importId: string) {
  return waitFor(
    async () => {
      const job = await queues.queue('ingest').getJob(`import-${importId}`);
      if (job === undefined) return null;
      const state = await job.getState();
      return state === 'failed' || state === 'completed' ? { state, attemptsMade: job.attemptsMade } : null;
    },
    `the job of import ${importId} to end`,
    120_000,
  );
}

async function mentionsOf(importId: string): Promise<number> {
  const row = await context.database.db
    .selectFrom('mentions')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('import_id', '=', importId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function folderSource() {
  return (await context.repositories.sources.list()).find((row) => row.id === 'drop')!;
}

const readReport = (file: string) =>
  JSON.parse(fs.readFileSync(`${file}.report.json`, 'utf8')) as Record<string, unknown>;

/** The context's upload service with a clock the test sets, for the keeping time. */
const queueAt = (ms: number) =>
  new ImportQueueService(
    context.repositories.imports,
    context.imports,
    context.repositories.sources,
    context.repositories.accessLog,
    { uploadDir, maxBytes: 10_000_000, retentionDays: 30, now: () => new Date(ms) },
  );

beforeAll(async () => {
  drop = fs.mkdtempSync(path.join(os.tmpdir(), 'onderstroom-drop-fail-'));
  const created = await createTestEnv(
    `sources:\n  - id: drop\n    kind: export-folder\n    path: ${drop}\n    settle: 5s\n    every: 1s\n`,
  );
  database = created.database;
  dir = created.dir;
  uploadDir = path.join(created.env.dataDir, 'uploads');
  context = await createAppContext(created.env, { log: pino({ level: 'error' }), migrate: false });
  const producer = producerConnection(created.env.redisUrl);
  const worker = workerConnection(created.env.redisUrl);
  redis.push(producer, worker);
  queues = new Queues(producer, created.env.queuePrefix);
  pool = startWorkers(context, worker, created.env.queuePrefix, queues);
  // BullMQ's attempts as configured, with a short fixed back-off so the five attempts take a second, not half a minute.
  jobs = {
    add: (importId) => queues.add('ingest.import', { importId }, { backoff: { type: 'fixed', delay: 200 } }),
    readd: (importId) => queues.readd('ingest.import', { importId }),
  };
  await context.database.pool.query(`
    create function refuse_gifpil() returns trigger language plpgsql as $$
    begin
      if new.text like '%gifpil%' then
        raise exception 'the row % is refused by a check', new.external_id using errcode = '23514';
      end if;
      return new;
    end $$;
    create trigger refuse_gifpil before insert on mentions for each row execute function refuse_gifpil();`);
});

afterAll(async () => {
  await pool.close();
  await queues.close();
  for (const connection of redis) connection.disconnect();
  await context.close();
  await database.drop();
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(drop, { recursive: true, force: true });
});

describe('a dropped file whose import fails on every attempt', () => {
  const folder = () =>
    new ExportFolderService(
      context.sourceConfigs,
      context.repositories.sources,
      context.repositories.imports,
      context.importQueue,
    );

  it('ends in failed/ with its report once, counts nothing, and is never handed in again', async () => {
    const file = path.join(drop, 'gifpil.csv');
    fs.writeFileSync(file, smallExport('gif', 20, true));
    fs.writeFileSync(`${file}.done`, '');
    const scan = await folder().scan('drop', jobs);
    const handed = scan.handedIn[0]!;
    if (handed.outcome !== 'queued') throw new Error('expected a queued file');

    expect(await jobOf(handed.importId)).toEqual({ state: 'failed', attemptsMade: JOB_ATTEMPTS });
    const detail = await context.repositories.imports.get(handed.importId);
    expect(detail).toMatchObject({
      status: 'failed',
      attempts: JOB_ATTEMPTS,
      storedPath: null,
      error: expect.stringMatching(/refused by a check/) as string,
    });
    const moved = path.join(drop, 'failed', 'gifpil.csv');
    expect(fs.readFileSync(moved, 'utf8')).toBe(smallExport('gif', 20, true));
    expect(readReport(moved)).toMatchObject({
      outcome: 'failed',
      importId: handed.importId,
      attempts: JOB_ATTEMPTS,
      error: expect.stringMatching(/refused by a check/) as string,
      summary: { state: 'failed', imported: 0 },
    });
    // Once: one file and one report in failed/, nothing left in the root.
    expect(fs.readdirSync(path.join(drop, 'failed')).sort()).toEqual([
      'gifpil.csv',
      'gifpil.csv.report.json',
    ]);
    expect(fs.readdirSync(drop)).toEqual(['failed']);
    expect(await mentionsOf(handed.importId)).toBe(0);
    const source = await folderSource();
    expect(source.itemsStored).toBe(0);
    expect(source.lastError).toMatch(/^gifpil\.csv: .*refused by a check/);

    // Later listings and the scheduler's recovery leave it alone: no new import, no sixth attempt.
    const report = fs.readFileSync(`${moved}.report.json`, 'utf8');
    for (let i = 0; i < 2; i++) {
      const again = await folder().scan('drop', jobs);
      expect(again).toMatchObject({ handedIn: [], waiting: [], settled: [] });
    }
    expect(await context.importQueue.readdWaiting(jobs, 0)).toEqual([]);
    expect((await context.repositories.imports.list(50)).map((entry) => entry.id)).toEqual([handed.importId]);
    expect(fs.readFileSync(`${moved}.report.json`, 'utf8')).toBe(report);
    expect((await context.repositories.imports.get(handed.importId))?.attempts).toBe(JOB_ATTEMPTS);
  });

  it('is moved by the next listing when its last attempt failed but the process died before moving it', async () => {
    const file = path.join(drop, 'laatste-poging.csv');
    fs.writeFileSync(file, smallExport('last', 5, true));
    fs.writeFileSync(`${file}.done`, '');
    const lost = { add: () => Promise.resolve(), readd: () => Promise.resolve() };
    const handed = (await folder().scan('drop', lost)).handedIn[0]!;
    if (handed.outcome !== 'queued') throw new Error('expected a queued file');
    // Four attempts failed and were retried; the fifth fails and its process dies before giving the import up.
    await context.database.pool.query(`update imports set attempts = $2 where id = $1`, [
      handed.importId,
      JOB_ATTEMPTS - 1,
    ]);
    await expect(context.imports.importQueued(handed.importId)).rejects.toThrow(/refused by a check/);
    expect(await context.repositories.imports.get(handed.importId)).toMatchObject({
      status: 'failed',
      attempts: JOB_ATTEMPTS,
      storedPath: file,
    });

    const next = await folder().scan('drop', lost);
    expect(next.settled).toEqual([handed.importId]);
    expect(next.handedIn).toEqual([]);
    expect(readReport(path.join(drop, 'failed', 'laatste-poging.csv'))).toMatchObject({
      outcome: 'failed',
      importId: handed.importId,
    });
    expect(fs.existsSync(file)).toBe(false);
    expect((await folder().scan('drop', lost)).settled).toEqual([]);
  });

  it('resumes after its first interrupted runs and is given up to failed/ at the limit', async () => {
    const file = path.join(drop, 'doodt-de-worker.csv');
    fs.writeFileSync(file, smallExport('crash', 5, false));
    fs.writeFileSync(`${file}.done`, '');
    const readded: string[] = [];
    const recording = {
      add: () => Promise.resolve(),
      readd: (id: string) => Promise.resolve(void readded.push(id)),
    };
    const handed = (await folder().scan('drop', recording)).handedIn[0]!;
    if (handed.outcome !== 'queued') throw new Error('expected a queued file');
    // Each run is taken by a worker that is then killed: the import stays `running` and stops beating.
    const killedRun = async () => {
      expect(await context.repositories.imports.claim(handed.importId)).not.toBeNull();
      await context.database.pool.query(
        `update imports set heartbeat_at = now() - interval '1 hour' where id = $1`,
        [handed.importId],
      );
      await context.imports.markInterrupted();
    };
    for (let run = 1; run < MAX_INTERRUPTED_RUNS; run++) {
      await killedRun();
      expect(await context.repositories.imports.get(handed.importId)).toMatchObject({
        status: 'interrupted',
        interruptions: run,
        storedPath: file,
      });
      expect(await context.importQueue.readdWaiting(recording, 0)).toContain(handed.importId);
    }
    expect(readded.filter((id) => id === handed.importId)).toHaveLength(MAX_INTERRUPTED_RUNS - 1);

    await killedRun();
    expect(await context.importQueue.readdWaiting(recording, 0)).not.toContain(handed.importId);
    const given = (await context.importQueue.get(handed.importId))!;
    expect(given.state).toBe('failed');
    expect(given.error).toBe(
      `the import stopped without finishing ${MAX_INTERRUPTED_RUNS} times (its worker was killed or lost its database each time) and was given up`,
    );
    expect(importDetail(given, 'Europe/Amsterdam').error).toMatch(
      new RegExp(`^De import is ${MAX_INTERRUPTED_RUNS} keer afgebroken .* en is opgegeven\\.`),
    );
    expect(fs.existsSync(file)).toBe(false);
    expect(readReport(path.join(drop, 'failed', 'doodt-de-worker.csv'))).toMatchObject({
      outcome: 'failed',
      importId: handed.importId,
      error: given.error,
    });
    expect(await context.repositories.imports.claim(handed.importId)).toBeNull();
  });

  it('stays where it is while attempts are left, and its lost job is added again', async () => {
    const file = path.join(drop, 'nog-een-kans.csv');
    fs.writeFileSync(file, smallExport('chance', 5, true));
    fs.writeFileSync(`${file}.done`, '');
    const lost = { add: () => Promise.resolve(), readd: () => Promise.resolve() };
    const handed = (await folder().scan('drop', lost)).handedIn[0]!;
    if (handed.outcome !== 'queued') throw new Error('expected a queued file');
    // The first attempt fails; its job is lost with a Redis that restarted empty.
    await expect(context.imports.importQueued(handed.importId)).rejects.toThrow(/refused by a check/);
    expect((await folder().scan('drop', lost)).settled).toEqual([]);
    expect(fs.existsSync(file)).toBe(true);

    // The scheduler's recovery adds it again, and the remaining attempts fail too: then it is given up once.
    expect(await context.importQueue.readdWaiting(jobs, 60_000)).toEqual([handed.importId]);
    expect(await jobOf(handed.importId)).toMatchObject({ state: 'failed' });
    expect(await context.repositories.imports.get(handed.importId)).toMatchObject({
      status: 'failed',
      attempts: JOB_ATTEMPTS,
      storedPath: null,
    });
    expect(fs.existsSync(path.join(drop, 'failed', 'nog-een-kans.csv'))).toBe(true);
    expect(fs.existsSync(file)).toBe(false);
  });
});

describe('an upload whose import fails on every attempt', () => {
  const analyst = { label: 'user:analist', apiKeyId: null };
  const parts = (name: string, content: string) => [
    { type: 'file' as const, fieldname: 'file', filename: name, file: Readable.from(Buffer.from(content)) },
  ];

  it('keeps its file for a week, then the maintenance job deletes it, with files no import holds', async () => {
    const queued = await context.importQueue.receive(
      parts('gif-upload.csv', smallExport('up', 10, true)),
      analyst,
      jobs,
    );
    expect(queued.existing).toBe(false);
    expect(await jobOf(queued.id)).toEqual({ state: 'failed', attemptsMade: JOB_ATTEMPTS });
    const failed = await context.repositories.imports.get(queued.id);
    expect(failed).toMatchObject({ status: 'failed', attempts: JOB_ATTEMPTS });
    const kept = failed!.storedPath!;
    expect(path.dirname(kept)).toBe(uploadDir);
    expect(fs.existsSync(kept)).toBe(true);
    const expires = failed!.fileExpiresAt!.getTime();
    expect(Math.abs(expires - (failed!.finishedAt!.getTime() + FAILED_UPLOAD_KEPT_MS))).toBeLessThan(60_000);
    // Given up: the recovery adds no job for it again.
    expect(await context.importQueue.readdWaiting(jobs, 0)).toEqual([]);

    // A file no import holds: an upload cut off before it was recorded.
    const orphan = path.join(uploadDir, 'afgebroken.csv');
    fs.writeFileSync(orphan, 'Publicatiedatum;Bron\n');
    const now = Date.now();

    // The hourly job an hour later: too early for both.
    expect(await HANDLERS['maintenance.uploads'](context, {})).toEqual({ expired: [], orphans: [] });
    expect(await queueAt(now + ORPHAN_UPLOAD_MS - 60_000).removeExpiredUploads()).toEqual({
      expired: [],
      orphans: [],
    });
    // A day later the orphan goes; the failed upload's file stays for its week.
    expect(await queueAt(now + ORPHAN_UPLOAD_MS + 60_000).removeExpiredUploads()).toEqual({
      expired: [],
      orphans: ['afgebroken.csv'],
    });
    expect(fs.existsSync(kept)).toBe(true);
    expect(fs.existsSync(orphan)).toBe(false);
    // After the week, the kept file is deleted and the import lets go of it; nothing is left.
    expect(await queueAt(expires + 1_000).removeExpiredUploads()).toEqual({
      expired: [queued.id],
      orphans: [],
    });
    expect(fs.readdirSync(uploadDir)).toEqual([]);
    expect(await context.repositories.imports.get(queued.id)).toMatchObject({
      status: 'failed',
      storedPath: null,
    });
    expect(await queueAt(expires + 2_000).removeExpiredUploads()).toEqual({ expired: [], orphans: [] });
  });

  it('runs again when an administrator retries its failed job on the queue board within the week', async () => {
    const content = smallExport('retried', 10, true);
    const queued = await context.importQueue.receive(parts('opnieuw.csv', content), analyst, jobs);
    expect(await jobOf(queued.id)).toMatchObject({ state: 'failed' });
    expect((await context.repositories.imports.get(queued.id))?.fileExpiresAt).not.toBeNull();
    // What refused the rows is fixed; the board's retry moves the job back to waiting.
    await context.database.pool.query('alter table mentions disable trigger refuse_gifpil');
    try {
      const job = await queues.queue('ingest').getJob(`import-${queued.id}`);
      await job!.retry('failed');
      expect(await jobOf(queued.id)).toMatchObject({ state: 'completed' });
    } finally {
      await context.database.pool.query('alter table mentions enable trigger refuse_gifpil');
    }
    expect(await context.repositories.imports.get(queued.id)).toMatchObject({
      status: 'done',
      imported: 10,
      attempts: JOB_ATTEMPTS + 1,
      storedPath: null,
      fileExpiresAt: null,
    });
    expect(await mentionsOf(queued.id)).toBe(10);
    expect(fs.readdirSync(uploadDir)).toEqual([]);
  });

  it('deletes the file of an upload at once when it is imported, and never a held file, however old', async () => {
    const queued = await context.importQueue.receive(
      parts('goed.csv', smallExport('good', 10, false)),
      analyst,
      jobs,
    );
    expect(await jobOf(queued.id)).toMatchObject({ state: 'completed' });
    expect(await context.repositories.imports.get(queued.id)).toMatchObject({
      status: 'done',
      imported: 10,
      storedPath: null,
      fileExpiresAt: null,
    });
    expect(fs.readdirSync(uploadDir)).toEqual([]);

    // A queued upload (its job not added yet) holds its file: a month later it is still there.
    const lost = { add: () => Promise.resolve(), readd: () => Promise.resolve() };
    const waiting = await context.importQueue.receive(
      parts('wacht.csv', smallExport('wait', 3, false)),
      analyst,
      lost,
    );
    const stored = (await context.repositories.imports.get(waiting.id))!.storedPath!;
    expect(await queueAt(Date.now() + 30 * 86_400_000).removeExpiredUploads()).toEqual({
      expired: [],
      orphans: [],
    });
    expect(fs.existsSync(stored)).toBe(true);
  });
});
