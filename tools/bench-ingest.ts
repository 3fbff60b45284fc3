// npm run bench:ingest [-- --rows N --threads N --no-in-thread --no-queued --cpu-prof DIR]: end-to-end import of a
// generated OBI4wan export into a fresh database with the scoring pool (--threads, default from the cores as the
// service chooses), then the same file scored in the main thread (ONDERSTROOM_SCORING_THREADS=1; skip with
// --no-in-thread), against the ceiling measured in the same run: COPY of the same, already enriched rows into the
// same table and indexes. Then the same file through the queue: uploaded to an API process, imported by a worker
// process (skip with --no-queued). Prints one JSON object. Each import runs in its own processes, so each peak RSS
// is its own.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { Kysely, PostgresDialect } from 'kysely';
import { writeSyntheticObi4wanExport } from './importers/synthetic-export.js';
import { pg } from '../services/db/pg-defaults.js';
import { PartitionsRepository } from '../services/repositories/partitions.repository.js';
import { benchQueuePrefix, benchRunId, createBenchDatabase, dropBenchDatabase } from './bench-database.js';
import { numberArg } from './bench-figures.js';
import { queuedImport } from './bench-ingest-queued.js';
import { backendCpuMs } from './backend-cpu.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const ROWS = numberArg('--rows', 1_000_000);
const QUEUED = !process.argv.includes('--no-queued');
const IN_THREAD = !process.argv.includes('--no-in-thread');
// The pool's size: as the service picks it (readEnv) unless given.
const THREADS = process.argv.includes('--threads') ? String(numberArg('--threads', 2)) : null;
// `--cpu-prof <dir>`: the import process writes a V8 CPU profile there (node --cpu-prof), to see where its CPU goes.
const profileAt = process.argv.indexOf('--cpu-prof');
const PROFILE_DIR = profileAt > 0 ? path.resolve(process.argv[profileAt + 1] ?? '.') : null;
// This run's own names: another run of this benchmark on the same servers keeps its databases and keys.
const runId = benchRunId();
const queuePrefix = benchQueuePrefix('import', runId);

interface ImportRun {
  summary: Record<string, unknown>;
  scoringThreads: number;
  maxRssKb: number;
  nodeCpuMs: number;
  postgresCpuMs: number | null;
  postgresBackends: number | null;
}

/** CPU ms over a number of mentions, as µs per mention (null when the CPU could not be read). */
function microsPerMention(cpuMs: number | null, mentions: number): number | null {
  return cpuMs === null ? null : Math.round((cpuMs * 1000) / mentions);
}

function runImport(
  file: string,
  databaseUrl: string,
  dataDir: string,
  threads: string | null,
): Promise<ImportRun> {
  return new Promise((resolve, reject) => {
    // The same heap cap as the onderstroom command (bin/onderstroom.js).
    const child = spawn(
      process.execPath,
      [
        '--max-old-space-size=1024',
        ...(PROFILE_DIR === null ? [] : ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`]),
        path.join(here, 'bench-ingest-child.js'),
        file,
      ],
      {
        env: {
          ...process.env,
          DATABASE_URL: databaseUrl,
          ONDERSTROOM_DATA_DIR: dataDir,
          ONDERSTROOM_QUEUE_PREFIX: queuePrefix,
          LOG_LEVEL: 'warn',
          ...(threads === null ? {} : { ONDERSTROOM_SCORING_THREADS: threads }),
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`import child exited with ${code}`));
      else resolve(JSON.parse(out) as ImportRun);
    });
  });
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onderstroom-bench-'));
  const file = path.join(dir, 'obi4wan-1m.SYNTHETIC.csv');
  const generated = await writeSyntheticObi4wanExport(file, {
    rows: ROWS,
    seed: 2021,
    start: new Date('2021-01-01T00:00:00Z'),
    days: 90,
    encoding: 'cp1252',
  });

  const importDatabase = await createBenchDatabase('import', runId);
  const importUrl = importDatabase.url;
  const started = performance.now();
  const run = await runImport(file, importUrl, path.join(dir, 'data'), THREADS);
  const { summary, maxRssKb } = run;
  const importSeconds = (performance.now() - started) / 1000;
  const imported = Number(summary.imported);

  // The same file scored in the main thread, into its own database: the pool's gain in the same run.
  let inThread: { run: ImportRun; seconds: number; loadAverage: number } | null = null;
  if (IN_THREAD) {
    const database = await createBenchDatabase('inthread', runId);
    const inThreadStarted = performance.now();
    const threadRun = await runImport(file, database.url, path.join(dir, 'data-in-thread'), '1');
    inThread = {
      run: threadRun,
      seconds: (performance.now() - inThreadStarted) / 1000,
      loadAverage: os.loadavg()[0]!,
    };
    await dropBenchDatabase(database.name);
    if (Number(threadRun.summary.imported) !== imported)
      throw new Error(
        `the in-thread import stored ${String(threadRun.summary.imported)} mentions, the pool's ${imported}`,
      );
  }
  const poolLoadAverage = os.loadavg()[0]!;

  // The ceiling: the same enriched rows, copied straight into an empty mentions table with the same indexes.
  const rowsFile = path.join(dir, 'mentions.copy');
  const source = new pg.Client({ connectionString: importUrl });
  await source.connect();
  const columns =
    'id, source_id, source_kind, external_id, url, platform, author_pseudonym, author_name, author_kind, posted_at, ingested_at, language, title, text, text_expires_at, reach, engagement, sentiment_score, sentiment_label, sentiment_confidence, sentiment_model, tool_sentiment, topics, topics_model, country, import_id';
  await pipeline(
    source.query(copyTo(`copy (select ${columns} from mentions) to stdout`)),
    fs.createWriteStream(rowsFile),
  );
  const months = await source.query<{ m: string }>(
    `select distinct to_char(posted_at at time zone 'UTC', 'YYYY-MM') as m from mentions`,
  );
  await source.end();

  const ceilingDatabase = await createBenchDatabase('ceiling', runId);
  const ceilingUrl = ceilingDatabase.url;
  const ceilingDb = new Kysely<never>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: ceilingUrl, max: 1 }) }),
  });
  await new PartitionsRepository(ceilingDb as never).ensureMonths(months.rows.map((r) => r.m));
  await ceilingDb.destroy();
  const target = new pg.Client({ connectionString: ceilingUrl });
  await target.connect();
  const copyCpuBefore = await backendCpuMs(target);
  const copyStarted = performance.now();
  await pipeline(
    fs.createReadStream(rowsFile),
    target.query(copyFrom(`copy mentions (${columns}) from stdin`)),
  );
  const copySeconds = (performance.now() - copyStarted) / 1000;
  const copyCpuAfter = await backendCpuMs(target);
  const copyCpuMs = copyCpuBefore === null || copyCpuAfter === null ? null : copyCpuAfter - copyCpuBefore;
  await target.end();

  await dropBenchDatabase(importDatabase.name);
  await dropBenchDatabase(ceilingDatabase.name);

  let queued = null;
  if (QUEUED) {
    const queuedDatabase = await createBenchDatabase('queued', runId);
    const result = await queuedImport(
      file,
      queuedDatabase.url,
      path.join(dir, 'queued-data'),
      benchQueuePrefix('queued', runId),
    );
    await dropBenchDatabase(queuedDatabase.name);
    const stored = Number(result.summary.imported);
    if (stored !== imported)
      throw new Error(`the queued import stored ${stored} mentions, the CLI import ${imported}`);
    queued = {
      method:
        'POST /api/v1/imports to an API process, imported by a worker process; from the first byte sent to done',
      seconds: Math.round(result.seconds * 100) / 100,
      upload_seconds: Math.round(result.upload_seconds * 100) / 100,
      mentions_per_second: Math.round(stored / result.seconds),
      share_of_cli: Math.round((importSeconds / result.seconds) * 1000) / 1000,
      api_peak_rss_mb: result.api_peak_rss_mb,
      worker_peak_rss_mb: result.worker_peak_rss_mb,
    };
  }
  fs.rmSync(dir, { recursive: true, force: true });

  const endToEnd = imported / importSeconds;
  const ceiling = imported / copySeconds;
  const cpuFigures = (figures: ImportRun) => ({
    node: microsPerMention(figures.nodeCpuMs, imported),
    postgres: microsPerMention(figures.postgresCpuMs, imported),
    total:
      figures.postgresCpuMs === null
        ? null
        : microsPerMention(figures.nodeCpuMs + figures.postgresCpuMs, imported),
    postgres_backends: figures.postgresBackends,
  });
  process.stdout.write(
    `${JSON.stringify({
      rows: generated.rows,
      scoring_threads: run.scoringThreads,
      file_mb: Math.round(generated.bytes / 1e5) / 10,
      imported,
      duplicates: summary.duplicates,
      rejected: summary.rejected,
      rejected_sample: summary.rejectedSample,
      import_seconds: Math.round(importSeconds * 100) / 100,
      mentions_per_second: Math.round(endToEnd),
      peak_rss_mb: Math.round(maxRssKb / 1024),
      cpu_us_per_mention: {
        method:
          'node: process.cpuUsage() of the importing process over the import (every thread); postgres: utime + stime of its client backends (/proc/<pid>/stat, sampled every 100 ms and once at the end)',
        ...cpuFigures(run),
      },
      ceiling: {
        method: 'COPY of the same enriched rows into mentions (same partitions and indexes)',
        seconds: Math.round(copySeconds * 100) / 100,
        mentions_per_second: Math.round(ceiling),
        postgres_cpu_us_per_mention: microsPerMention(copyCpuMs, imported),
      },
      share_of_ceiling: Math.round((endToEnd / ceiling) * 1000) / 1000,
      load_average_1m_after_import: Math.round(poolLoadAverage * 100) / 100,
      in_thread:
        inThread === null
          ? null
          : {
              method:
                'the same file and build, ONDERSTROOM_SCORING_THREADS=1, into its own database, after the pool run',
              import_seconds: Math.round(inThread.seconds * 100) / 100,
              mentions_per_second: Math.round(imported / inThread.seconds),
              share_of_ceiling: Math.round((imported / inThread.seconds / ceiling) * 1000) / 1000,
              peak_rss_mb: Math.round(inThread.run.maxRssKb / 1024),
              cpu_us_per_mention: cpuFigures(inThread.run),
              load_average_1m_after_import: Math.round(inThread.loadAverage * 100) / 100,
              pool_speedup: Math.round((inThread.seconds / importSeconds) * 1000) / 1000,
            },
      queued,
      load_average_1m: Math.round(os.loadavg()[0]! * 100) / 100,
      cpus: os.cpus().length,
      node: process.version,
    })}\n`,
  );
}

await main();
