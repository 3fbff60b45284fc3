// The `export-folder` source against the real Postgres and Redis, with a real worker pool importing what the
// folder hands in: a file still growing is not taken, a `.done` marker is, the same content twice imports once,
// a file that is not an export goes to failed/ with its reason, hidden and partial files are left alone, a file
// queued but not moved (a stopped process) is picked up again and imported once, and bad folders are config errors.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppContext, type AppContext } from '../../services/app-context.js';
import { ConfigError } from '../../services/config/config-error.js';
import { parseConfig } from '../../services/config/config.loader.js';
import { ExportFolderService } from '../../services/ingest/export-folder.service.js';
import { Queues } from '../../services/jobs/queues.js';
import { producerConnection, workerConnection } from '../../services/jobs/redis-connection.js';
import { parseSources } from '../../services/sources/sources.schema.js';
import { expectedSchedules } from '../../workers/scheduler.js';
import { startWorkers, type WorkerPool } from '../../workers/worker-pool.js';
import { ROOT, waitFor } from '../support/cli.js';
import { createTestEnv } from '../support/context.js';
import { recomputedRollups, storedRollups } from '../support/mentions.js';
import type { TestDatabase } from '../support/postgres.js';

const SAMPLE = path.join(ROOT, 'samples/obi4wan-sample.SYNTHETIC.csv');
const HEADER = 'Publicatiedatum;Bron;Url;Geplaatst door (optioneel);Bericht;Sentiment;PR-waarde';
const SETTLE_MS = 5_000;

let context: AppContext;
let database: TestDatabase;
let dir: string;
let drop: string;
let queues: Queues;
let pool: WorkerPool;
let folder: ExportFolderService;
let clock = Date.parse('2026-12-04T10:00:00Z');
const redis: { disconnect(): void }[] = [];

/** A small OBI4wan export of its own posts (ids `tag-1`..`tag-n`), so its rows are new to the database. */
function smallExport(tag: string, rows: number): string {
  const lines = [HEADER];
  for (let i = 1; i <= rows; i++) {
    lines.push(
      `19-1-2021 10:${String(i % 60).padStart(2, '0')};twitter;https://twitter.example/${tag}/status/${i};@${tag};` +
        `Vraag ${i} over de avondklok in Huizen, wie weet hoe het zit?;neutraal;0,00`,
    );
  }
  return `${lines.join('\n')}\n`;
}

const scan = (jobs = queues.importJobs()) => folder.scan('drop', jobs);
const later = (ms: number) => {
  clock += ms;
};

async function importOf(id: string) {
  return waitFor(
    async () => {
      const detail = await context.repositories.imports.get(id);
      return detail !== null && detail.storedPath === null && detail.status !== 'running' ? detail : null;
    },
    `import ${id} to finish and its file to move`,
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
  const rows = await context.repositories.sources.list();
  return rows.find((row) => row.id === 'drop')!;
}

const readReport = (file: string) =>
  JSON.parse(fs.readFileSync(`${file}.report.json`, 'utf8')) as Record<string, unknown>;

beforeAll(async () => {
  drop = fs.mkdtempSync(path.join(os.tmpdir(), 'onderstroom-drop-'));
  const created = await createTestEnv(
    `sources:\n  - id: drop\n    kind: export-folder\n    path: ${drop}\n    settle: 5s\n    every: 1s\n`,
  );
  database = created.database;
  dir = created.dir;
  context = await createAppContext(created.env, { log: pino({ level: 'warn' }), migrate: false });
  const producer = producerConnection(created.env.redisUrl);
  const worker = workerConnection(created.env.redisUrl);
  redis.push(producer, worker);
  queues = new Queues(producer, created.env.queuePrefix);
  pool = startWorkers(context, worker, created.env.queuePrefix, queues);
  // The service of the context, but with a clock the test moves: the settle time passes without waiting for it.
  folder = new ExportFolderService(
    context.sourceConfigs,
    context.repositories.sources,
    context.repositories.imports,
    context.importQueue,
    () => new Date(clock),
  );
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

describe('export-folder', () => {
  let firstId = '';

  it('does not take a file while it grows, and takes it once its size and mtime stayed the same for the settle time', async () => {
    const whole = fs.readFileSync(SAMPLE);
    const file = path.join(drop, 'obi4wan-week3.csv');
    fs.writeFileSync(file, whole.subarray(0, 40_000));
    let result = await scan();
    expect(result.waiting).toEqual(['obi4wan-week3.csv']);
    expect(result.handedIn).toEqual([]);

    // Still growing: each listing sees another size, so the settle time starts again every time.
    for (const end of [120_000, 250_000]) {
      later(SETTLE_MS + 1_000);
      fs.appendFileSync(file, whole.subarray(end === 120_000 ? 40_000 : 120_000, end));
      result = await scan();
      expect(result.handedIn).toEqual([]);
      expect(result.waiting).toEqual(['obi4wan-week3.csv']);
    }
    fs.appendFileSync(file, whole.subarray(250_000));
    later(1_000);
    expect((await scan()).handedIn).toEqual([]);
    later(SETTLE_MS - 1_000);
    expect((await scan()).handedIn).toEqual([]); // 4 s of the 5 s settle time
    later(1_000);
    result = await scan();
    expect(result.handedIn).toEqual([
      { outcome: 'queued', importId: expect.any(String) as string, file: 'obi4wan-week3.csv' },
    ]);
    const handed = result.handedIn[0]!;
    if (handed.outcome !== 'queued') throw new Error('expected a queued file');
    firstId = handed.importId;

    const detail = await importOf(firstId);
    expect(detail).toMatchObject({
      status: 'done',
      origin: 'folder',
      folderSourceId: 'drop',
      requestedBy: 'folder:drop',
      rowsRead: 2000,
      imported: 2000,
      duplicates: 0,
    });
    expect(await mentionsOf(firstId)).toBe(2000);
    expect(fs.existsSync(file)).toBe(false);
    const moved = path.join(drop, 'processed', 'obi4wan-week3.csv');
    expect(fs.readFileSync(moved)).toEqual(whole);
    expect(readReport(moved)).toMatchObject({
      outcome: 'imported',
      importId: firstId,
      summary: { state: 'done', rows: 2000, imported: 2000, duplicates: 0, preset: 'obi4wan' },
    });
    // Counted on the folder's source like a poller's items.
    expect(await folderSource()).toMatchObject({ kind: 'export-folder', state: 'ok', itemsStored: 2000 });
    expect(await storedRollups(context.database.db)).toEqual(await recomputedRollups(context.database.db));
    // The hand-in is in the access log, as an upload's is.
    const logged = await context.database.pool.query<{ detail: Record<string, unknown> }>(
      `select detail from access_log where action = 'import.queued'`,
    );
    expect(logged.rows.map((row) => row.detail)).toContainEqual(
      expect.objectContaining({ import_id: firstId, by: 'folder:drop', origin: 'folder' }),
    );
  });

  it('takes a file at once when its .done marker is there, and removes the marker with it', async () => {
    const file = path.join(drop, 'coosto-marked.csv');
    fs.writeFileSync(file, smallExport('marked', 30));
    fs.writeFileSync(`${file}.done`, '');
    const result = await scan();
    expect(result.handedIn.map((entry) => [entry.file, entry.outcome])).toEqual([
      ['coosto-marked.csv', 'queued'],
    ]);
    const handed = result.handedIn[0]!;
    if (handed.outcome !== 'queued') throw new Error('expected a queued file');
    const detail = await importOf(handed.importId);
    expect(detail).toMatchObject({ status: 'done', rowsRead: 30, imported: 30 });
    expect(fs.existsSync(path.join(drop, 'processed', 'coosto-marked.csv'))).toBe(true);
    expect(fs.existsSync(file)).toBe(false);
    expect(fs.existsSync(`${file}.done`)).toBe(false);
    expect((await folderSource()).itemsStored).toBe(2030);
  });

  it('imports the same file dropped twice once: the second copy goes to processed/ naming the first import', async () => {
    const before = await mentionsOf(firstId);
    // Under another name, and under the same name as the first (processed/ already holds that name).
    fs.copyFileSync(SAMPLE, path.join(drop, 'again.csv'));
    fs.copyFileSync(SAMPLE, path.join(drop, 'obi4wan-week3.csv'));
    fs.writeFileSync(path.join(drop, 'again.csv.done'), '');
    fs.writeFileSync(path.join(drop, 'obi4wan-week3.csv.done'), '');
    const result = await scan();
    expect(result.handedIn).toEqual([
      {
        outcome: 'existing',
        importId: firstId,
        movedTo: path.join(drop, 'processed', 'again.csv'),
        file: 'again.csv',
      },
      {
        outcome: 'existing',
        importId: firstId,
        movedTo: path.join(drop, 'processed', `obi4wan-week3.dup-${firstId}.csv`),
        file: 'obi4wan-week3.csv',
      },
    ]);
    expect(readReport(path.join(drop, 'processed', 'again.csv'))).toMatchObject({
      outcome: 'duplicate',
      duplicateOf: firstId,
    });
    const imports = await context.repositories.imports.list(50);
    expect(imports.filter((entry) => entry.origin === 'folder')).toHaveLength(2);
    expect(await mentionsOf(firstId)).toBe(before);
    expect((await folderSource()).itemsStored).toBe(2030);
    expect(fs.readdirSync(drop).filter((name) => !['processed', 'failed'].includes(name))).toEqual([]);
  });

  it('moves a file that is not an export to failed/ with its reason, and stores nothing for it', async () => {
    const importsBefore = (await context.repositories.imports.list(50)).length;
    fs.writeFileSync(path.join(drop, 'notities.csv'), 'naam;telefoon\nJan;0612345678\n');
    fs.writeFileSync(
      path.join(drop, 'foto.csv'),
      Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 1, 2]),
    );
    fs.writeFileSync(path.join(drop, 'verslag.pdf'), '%PDF-1.4\n');
    fs.writeFileSync(path.join(drop, 'leeg.csv'), '');
    for (const name of ['notities.csv', 'foto.csv', 'verslag.pdf', 'leeg.csv'])
      fs.writeFileSync(path.join(drop, `${name}.done`), '');
    const result = await scan();
    expect(result.handedIn.map((entry) => [entry.file, entry.outcome])).toEqual([
      ['foto.csv', 'refused'],
      ['leeg.csv', 'refused'],
      ['notities.csv', 'refused'],
      ['verslag.pdf', 'refused'],
    ]);
    const reasons = Object.fromEntries(
      result.handedIn.map((entry) => [entry.file, entry.outcome === 'refused' ? entry.reason : '']),
    );
    expect(reasons['verslag.pdf']).toMatch(/not a CSV or XLSX export/);
    expect(reasons['foto.csv']).toMatch(/named \.csv but its content is/);
    expect(reasons['notities.csv']).not.toBe('');
    expect(reasons['leeg.csv']).not.toBe('');
    for (const name of ['notities.csv', 'foto.csv', 'verslag.pdf', 'leeg.csv']) {
      const moved = path.join(drop, 'failed', name);
      expect(fs.existsSync(moved)).toBe(true);
      expect(readReport(moved)).toEqual({ file: name, outcome: 'refused', error: reasons[name] });
      expect(fs.existsSync(path.join(drop, `${name}.done`))).toBe(false);
    }
    expect((await context.repositories.imports.list(50)).length).toBe(importsBefore);
    const source = await folderSource();
    expect(source.lastError).toMatch(/^verslag\.pdf: /);
    expect(source.itemsStored).toBe(2030);
  });

  it('leaves hidden files, partial uploads, stray markers and folders alone', async () => {
    const ignored = ['.verborgen.csv', 'upload.csv.part', 'upload2.csv.tmp', 'kladje.csv~'];
    for (const name of ignored) fs.writeFileSync(path.join(drop, name), smallExport('ignored', 3));
    fs.mkdirSync(path.join(drop, 'archief'));
    fs.writeFileSync(path.join(drop, 'archief', 'oud.csv'), smallExport('archief', 3));
    fs.writeFileSync(path.join(drop, 'los.csv.done'), ''); // a marker without its file
    later(SETTLE_MS * 3);
    await scan();
    later(SETTLE_MS * 3);
    const result = await scan();
    expect(result.handedIn).toEqual([]);
    expect(result.waiting).toEqual([]);
    for (const name of ignored) expect(fs.existsSync(path.join(drop, name))).toBe(true);
    expect(fs.existsSync(path.join(drop, 'archief', 'oud.csv'))).toBe(true);
    for (const name of [...ignored, 'los.csv.done']) fs.rmSync(path.join(drop, name));
    fs.rmSync(path.join(drop, 'archief'), { recursive: true });
  });

  it('resumes a file queued but not moved when the process stopped, and imports it once', async () => {
    // The process stopped right after recording the import: its job never reached Redis.
    const file = path.join(drop, 'na-herstart.csv');
    fs.writeFileSync(file, smallExport('restart', 40));
    fs.writeFileSync(`${file}.done`, '');
    const lost = { add: () => Promise.resolve(), readd: () => Promise.resolve() };
    const first = await scan(lost);
    const handed = first.handedIn[0]!;
    if (handed.outcome !== 'queued') throw new Error('expected a queued file');
    const id = handed.importId;
    expect((await context.repositories.imports.get(id))?.status).toBe('queued');

    // After the restart the folder is listed again: the file is held by its import, so it is not handed in twice.
    later(SETTLE_MS * 2);
    const again = await scan();
    expect(again.handedIn).toEqual([]);
    expect(fs.existsSync(file)).toBe(true);

    // The scheduler's recovery adds the job of a queued import again; the worker imports and moves it.
    expect(await context.importQueue.readdWaiting(queues.importJobs(), 0)).toContain(id);
    const detail = await importOf(id);
    expect(detail).toMatchObject({ status: 'done', rowsRead: 40, imported: 40, duplicates: 0 });
    expect(await mentionsOf(id)).toBe(40);
    expect(fs.existsSync(path.join(drop, 'processed', 'na-herstart.csv'))).toBe(true);
    expect((await folderSource()).itemsStored).toBe(2070);
  });

  it('moves and counts once an import that finished before its process could move the file', async () => {
    const file = path.join(drop, 'klaar-niet-verplaatst.csv');
    fs.writeFileSync(file, smallExport('unmoved', 25));
    fs.writeFileSync(`${file}.done`, '');
    const handed = (await scan({ add: () => Promise.resolve(), readd: () => Promise.resolve() }))
      .handedIn[0]!;
    if (handed.outcome !== 'queued') throw new Error('expected a queued file');
    // The import runs to the end (as a worker would) and the process dies before the move.
    await context.imports.importQueued(handed.importId);
    expect((await context.repositories.imports.get(handed.importId))?.status).toBe('done');
    expect(fs.existsSync(file)).toBe(true);

    const next = await scan();
    expect(next.settled).toEqual([handed.importId]);
    expect(next.handedIn).toEqual([]);
    expect(fs.existsSync(path.join(drop, 'processed', 'klaar-niet-verplaatst.csv'))).toBe(true);
    expect((await folderSource()).itemsStored).toBe(2095);
    // A settle repeated (two listings racing a crash) counts nothing again.
    await context.importQueue.settleFolderImport(handed.importId);
    expect((await scan()).settled).toEqual([]);
    expect((await folderSource()).itemsStored).toBe(2095);
    expect(await mentionsOf(handed.importId)).toBe(25);
  });

  it('moves a file whose import fails for good to failed/ with the error, counting nothing', async () => {
    const file = path.join(drop, 'veranderd.csv');
    fs.writeFileSync(file, smallExport('changed', 5));
    fs.writeFileSync(`${file}.done`, '');
    const handed = (await scan({ add: () => Promise.resolve(), readd: () => Promise.resolve() }))
      .handedIn[0]!;
    if (handed.outcome !== 'queued') throw new Error('expected a queued file');
    // The uploader overwrote the file after it was handed in: what lies there now is no export.
    fs.writeFileSync(file, 'iets heel anders\n');
    const itemsBefore = (await folderSource()).itemsStored;
    await expect(context.importQueue.run(handed.importId)).rejects.toThrow(/is not an OBI4wan export/);
    const detail = await context.repositories.imports.get(handed.importId);
    expect(detail).toMatchObject({ status: 'failed', storedPath: null });
    const moved = path.join(drop, 'failed', 'veranderd.csv');
    expect(readReport(moved)).toMatchObject({
      outcome: 'failed',
      importId: handed.importId,
      error: expect.stringMatching(/is not an OBI4wan export/) as string,
    });
    expect(fs.existsSync(file)).toBe(false);
    const source = await folderSource();
    expect(source.itemsStored).toBe(itemsBefore);
    expect(source.lastError).toMatch(/^veranderd\.csv: /);
  });

  it('is listed by its scheduled job: the scheduler upserts folder:<id>, and a poll.folder job hands files in', async () => {
    expect(
      expectedSchedules(context)
        .filter((entry) => entry.name === 'poll.folder')
        .map((entry) => ({ id: entry.id, data: entry.data, everyMs: entry.everyMs })),
    ).toEqual([{ id: 'folder:drop', data: { sourceId: 'drop' }, everyMs: 1_000 }]);
    const file = path.join(drop, 'via-job.csv');
    fs.writeFileSync(file, smallExport('job', 12));
    fs.writeFileSync(`${file}.done`, '');
    // The job runs the context's own service (the real clock): the marker makes the file complete at once.
    await queues.add('poll.folder', { sourceId: 'drop' });
    const moved = path.join(drop, 'processed', 'via-job.csv');
    await waitFor(
      () => Promise.resolve(fs.existsSync(moved) ? true : null),
      'the job to import and move the file',
      60_000,
    );
    expect(readReport(moved)).toMatchObject({ outcome: 'imported', summary: { rows: 12, imported: 12 } });
    expect((await folderSource()).itemsStored).toBe(2107);
  });

  it('records a folder that went away as needs_attention, and goes on when it is back', async () => {
    const away = `${drop}-weg`;
    fs.renameSync(drop, away);
    try {
      const result = await scan();
      expect(result.problem).toMatch(/does not exist/);
      expect(await folderSource()).toMatchObject({ state: 'needs_attention' });
    } finally {
      fs.renameSync(away, drop);
    }
    expect((await scan()).problem).toBeUndefined();
    expect((await folderSource()).state).toBe('ok');
    const [status] = (await context.sourceStatus.list()).filter((entry) => entry.id === 'drop');
    expect(status).toMatchObject({
      kind: 'export-folder',
      configured: true,
      state: 'ok',
      every: '1s',
      items_stored: 2107,
    });
    expect(status?.next_poll_at).not.toBeNull();
  });

  it('records a folder whose processed/ became a file as needs_attention, naming the source and the path', async () => {
    const processed = path.join(drop, 'processed');
    fs.renameSync(processed, `${processed}-bewaard`);
    fs.writeFileSync(processed, '');
    const waiting = path.join(drop, 'tijdens-blokkade.csv');
    fs.writeFileSync(waiting, smallExport('blocked', 4));
    fs.writeFileSync(`${waiting}.done`, '');
    try {
      const result = await scan();
      expect(result.problem).toBe(
        `path ${processed} is not a folder: handled exports are moved into it; remove or rename it`,
      );
      // Nothing is handed in while its file could not be moved afterwards.
      expect(result.handedIn).toEqual([]);
      expect(await folderSource()).toMatchObject({
        state: 'needs_attention',
        lastError: `export folder "drop": path ${processed} is not a folder: handled exports are moved into it; remove or rename it`,
      });
      expect(fs.existsSync(waiting)).toBe(true);
    } finally {
      fs.rmSync(processed);
      fs.renameSync(`${processed}-bewaard`, processed);
    }
    const result = await scan();
    expect(result.problem).toBeUndefined();
    expect(result.handedIn.map((entry) => [entry.file, entry.outcome])).toEqual([
      ['tijdens-blokkade.csv', 'queued'],
    ]);
    expect((await folderSource()).state).toBe('ok');
    const moved = path.join(processed, 'tijdens-blokkade.csv');
    await waitFor(
      () => Promise.resolve(fs.existsSync(moved) ? true : null),
      'the file to be imported and moved',
      60_000,
    );
    expect(readReport(moved)).toMatchObject({ outcome: 'imported', summary: { imported: 4 } });
  });
});

describe('export-folder configuration', () => {
  it('refuses a folder whose processed/ or failed/ is a file, naming the source and the path', () => {
    const base = fs.mkdtempSync(path.join(os.tmpdir(), 'onderstroom-blocked-'));
    try {
      for (const name of ['a', 'b']) fs.mkdirSync(path.join(base, name));
      fs.writeFileSync(path.join(base, 'a', 'processed'), '');
      fs.writeFileSync(path.join(base, 'b', 'failed'), '');
      fs.mkdirSync(path.join(base, 'b', 'processed'));
      const { problems } = parseSources([
        { id: 'obi', kind: 'export-folder', path: path.join(base, 'a') },
        { id: 'coosto', kind: 'export-folder', path: path.join(base, 'b') },
      ]);
      const moved = 'is not a folder: handled exports are moved into it; remove or rename it';
      expect(problems).toEqual([
        `sources[0] "obi" (export-folder): path ${path.join(base, 'a', 'processed')} ${moved}`,
        `sources[1] "coosto" (export-folder): path ${path.join(base, 'b', 'failed')} ${moved}`,
      ]);
      // The check leaves nothing behind in a folder it passes.
      fs.rmSync(path.join(base, 'a', 'processed'));
      expect(
        parseSources([{ id: 'obi', kind: 'export-folder', path: path.join(base, 'a') }]).problems,
      ).toEqual([]);
      expect(fs.readdirSync(path.join(base, 'a'))).toEqual([]);
    } finally {
      fs.rmSync(base, { recursive: true, force: true });
    }
  });

  // Tests run as root, whom permission bits do not stop: sysfs refuses a new folder even to root.
  it.runIf(fs.existsSync('/sys/kernel'))(
    'refuses a folder this process cannot write into, even as root',
    () => {
      const { problems } = parseSources([{ id: 'kern', kind: 'export-folder', path: '/sys/kernel' }]);
      expect(problems).toEqual([
        expect.stringMatching(
          /^sources\[0\] "kern" \(export-folder\): path \/sys\/kernel (cannot be written by this process \(user \d+, E[A-Z]+\)|is not readable and writable by this process)/,
        ),
      ]);
    },
  );

  it('refuses a folder that does not exist, or a file, naming the source', () => {
    const file = path.join(os.tmpdir(), `onderstroom-not-a-folder-${process.pid}`);
    fs.writeFileSync(file, '');
    try {
      const { problems } = parseSources([
        { id: 'sftp-obi', kind: 'export-folder', path: '/nergens/te/vinden' },
        { id: 'sftp-coosto', kind: 'export-folder', path: file },
        { id: 'uit', kind: 'export-folder', path: '/nergens/te/vinden', enabled: false },
        { id: 'slecht', kind: 'export-folder', path: drop, preset: 'excel', settle: 'lang' },
      ]);
      expect(problems).toEqual([
        'sources[0] "sftp-obi" (export-folder): path /nergens/te/vinden does not exist: create the folder or correct the path',
        `sources[1] "sftp-coosto" (export-folder): path ${file} is not a folder`,
        expect.stringMatching(/^sources\[3\] "slecht" \(export-folder\)\.preset: /),
        'sources[3] "slecht" (export-folder).settle: must be a duration such as 500ms, 30s, 5m or 1h',
      ]);
    } finally {
      fs.rmSync(file);
    }
  });

  it('is a config error at start', () => {
    expect(() =>
      parseConfig(
        'sources:\n  - id: drop\n    kind: export-folder\n    path: /nergens/te/vinden\n',
        'test.yaml',
      ),
    ).toThrow(ConfigError);
    expect(() => parseConfig('sources:\n  - id: drop\n    kind: export-folder\n', 'test.yaml')).toThrow(
      /sources\[0\] "drop" \(export-folder\)/,
    );
  });
});
