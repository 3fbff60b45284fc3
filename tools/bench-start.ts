// npm run bench:start [-- --days 28]: a calm start. Two databases get the same 28 days of 5-minute and hourly
// rollups for every followed series (the shipped taxonomy and rules: 42 series and more), no detector state yet, as
// after an import or a detector version change. A fresh process per path builds the app context as the worker does
// and runs detection ticks until every series is caught up: `unbounded` is the path before issue 20 (one tick
// replays every series' whole warm-up), `bounded` the worker's path now (TICK_BUCKET_BUDGET per tick) with its
// ticks back to back until all are warm rather than a minute apart (the harder case for memory: no idle time for
// the collector), `first_minute` the same path on the worker's schedule (a tick at start, the next a minute later).
// Prints one JSON object: peak RSS of each process (the kernel's high-water mark), RSS once the context is built,
// the longest tick, ticks to warm up (or done in the first minute).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { pino } from 'pino';
import { createAppContext } from '../services/app-context.js';
import { TICK_BUCKET_BUDGET } from '../services/alerts/detection.service.js';
import { readEnv } from '../services/config/env.js';
import { pg } from '../services/db/pg-defaults.js';
import { benchQueuePrefix, benchRunId, createBenchDatabase, dropBenchDatabase } from './bench-database.js';
import { numberArg, twoDecimals } from './bench-figures.js';

const DAYS = numberArg('--days', 28);
const MB = 1024 * 1024;
type Path = 'unbounded' | 'bounded' | 'first_minute';

interface ChildResult {
  path: Path;
  series: number;
  rss_after_context_mb: number;
  peak_rss_before_ticks_mb: number;
  peak_rss_mb: number;
  ticks_to_warm_up: number;
  longest_tick_ms: number;
  total_ms: number;
  buckets: number;
}

/** The child: one path in a fresh process, so its peak RSS is its own. */
async function child(database: string, which: Path, dir: string): Promise<void> {
  const env = readEnv(
    {
      ...process.env,
      DATABASE_URL: database,
      ONDERSTROOM_DATA_DIR: dir,
      ONDERSTROOM_QUEUE_PREFIX: benchQueuePrefix('start', benchRunId()),
      LOG_LEVEL: 'warn',
    },
    dir,
  );
  const context = await createAppContext(env, {
    log: pino({ level: 'warn' }, pino.destination(2)),
    migrate: false,
    deliver: false,
  });
  try {
    const rssAfterContext = process.memoryUsage().rss;
    const peakBeforeTicks = process.resourceUsage().maxRSS * 1024;
    const started = performance.now();
    let ticks = 0;
    let longest = 0;
    let buckets = 0;
    for (;;) {
      const begin = performance.now();
      const run =
        which === 'unbounded'
          ? await context.detection.tick(new Date())
          : await context.detection.tick(new Date(), TICK_BUCKET_BUDGET);
      longest = Math.max(longest, performance.now() - begin);
      ticks += 1;
      buckets += run.buckets;
      if (run.behind === 0) break;
      if (which === 'first_minute') {
        // The worker's schedule: one tick at start, the next a minute later; then the first minute is over.
        if (ticks === 2) break;
        await new Promise((resolve) =>
          setTimeout(resolve, Math.max(0, started + 60_000 - performance.now())),
        );
      }
    }
    const result: ChildResult = {
      path: which,
      series: context.detection.followedSeries().length,
      rss_after_context_mb: twoDecimals(rssAfterContext / MB),
      peak_rss_before_ticks_mb: twoDecimals(peakBeforeTicks / MB),
      // maxRSS is in kilobytes: the process's high-water mark, which no sampling interval can miss.
      peak_rss_mb: twoDecimals((process.resourceUsage().maxRSS * 1024) / MB),
      ticks_to_warm_up: ticks,
      longest_tick_ms: twoDecimals(longest),
      total_ms: twoDecimals(performance.now() - started),
      buckets,
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await context.close();
  }
}

/** Rollups for every (source kind, topic) the followed series read, over `days` up to now. */
async function seed(url: string, sourceKinds: readonly string[], topics: readonly string[]): Promise<number> {
  const db = new Kysely<unknown>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 1 }) }),
  });
  try {
    const to = Math.floor(Date.now() / 300_000) * 300_000;
    const from = to - DAYS * 86_400_000;
    // A daily rhythm with noise; a fifth of each bucket negative, the rest neutral.
    const inserted = await sql`
      insert into rollups_5m (source_kind, topic, bucket, n, n_neu, n_neg, score_sum)
      select s, t, b, n, n - n / 5, n / 5, -100 * (n / 5)
      from unnest(${[...sourceKinds]}::text[]) as s, unnest(${[...topics]}::text[]) as t,
        generate_series(${new Date(from).toISOString()}::timestamptz, ${new Date(to - 300_000).toISOString()}::timestamptz, '5 minutes') as b,
        lateral (select (3 + 8 * (1 + sin(extract(epoch from b) / 13751.0)) + 4 * random())::int as n) as x`.execute(
      db,
    );
    await sql`
      insert into rollups_1h (source_kind, topic, bucket, n, n_pos, n_neu, n_neg, score_sum, reach_sum, engagement_sum)
      select source_kind, topic, date_trunc('hour', bucket), sum(n), sum(n_pos), sum(n_neu), sum(n_neg),
        sum(score_sum), sum(reach_sum), sum(engagement_sum)
      from rollups_5m group by 1, 2, 3`.execute(db);
    await sql`analyze`.execute(db);
    return Number(inserted.numAffectedRows ?? 0);
  } finally {
    await db.destroy();
  }
}

function runChild(database: string, which: Path, dir: string): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [fileURLToPath(import.meta.url), '--child', which, database, dir], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    proc.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    proc.on('error', reject);
    proc.on('exit', (code) => {
      if (code !== 0) reject(new Error(`bench-start child (${which}) exited with ${String(code)}`));
      else resolve(JSON.parse(out.trim()) as ChildResult);
    });
  });
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onderstroom-bench-start-'));
  const run = benchRunId();
  const databases = {
    unbounded: await createBenchDatabase('start_unbounded', run),
    bounded: await createBenchDatabase('start_bounded', run),
    first_minute: await createBenchDatabase('start_minute', run),
  };
  try {
    // The series the shipped configuration follows, and the rollup rows they read.
    const env = readEnv(
      { ...process.env, DATABASE_URL: databases.bounded.url, ONDERSTROOM_DATA_DIR: dir, LOG_LEVEL: 'warn' },
      dir,
    );
    const probe = await createAppContext(env, {
      log: pino({ level: 'warn' }, pino.destination(2)),
      migrate: false,
      deliver: false,
    });
    const followed = probe.detection.followedSeries();
    await probe.close();
    const sources = [...new Set(followed.map((s) => s.source))];
    const topics = [...new Set(followed.map((s) => s.topic))];
    let rows = 0;
    for (const database of Object.values(databases)) rows = await seed(database.url, sources, topics);

    const results: ChildResult[] = [];
    results.push(await runChild(databases.unbounded.url, 'unbounded', dir));
    results.push(await runChild(databases.bounded.url, 'bounded', dir));
    results.push(await runChild(databases.first_minute.url, 'first_minute', dir));
    const [before, after, firstMinute] = results;
    process.stdout.write(
      `${JSON.stringify(
        {
          days: DAYS,
          series: followed.length,
          rollup_rows_5m: rows,
          tick_bucket_budget: TICK_BUCKET_BUDGET,
          load_average: os.loadavg().map(twoDecimals),
          before: before,
          after: after,
          after_first_minute_at_the_worker_schedule: firstMinute,
          targets: { peak_rss_mb: 250, longest_tick_ms: 1000 },
        },
        null,
        2,
      )}\n`,
    );
  } finally {
    for (const database of Object.values(databases)) await dropBenchDatabase(database.name);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const args = process.argv.slice(2);
if (args[0] === '--child') {
  await child(args[2]!, args[1] as Path, args[3]!);
} else {
  await main();
}
