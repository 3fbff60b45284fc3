// npm run bench:analysis [-- --mentions N --runs 20 --pdfs 3 --keep | --reuse <database>]: the environment analysis and
// the weekly report on a database the size of bench:api's (default 10M mentions over a year, bulk-seeded by
// tools/bench-seed.ts). Times the analysis of the last complete week against the week before (p50/p95 over `runs`, as
// an analyst without text and with text), and the weekly report's PDF end to end (model, charts, Chromium) over
// `pdfs`. Prints one JSON object. `--keep` leaves the seeded database in place (its name goes to stderr); `--reuse`
// runs on such a database again (migrated to the latest schema, nothing seeded, never dropped), so before and after
// are timed on the same rows without seeding 10M mentions for each.
import os from 'node:os';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { pg } from '../services/db/pg-defaults.js';
import { defaultTaxonomy } from '../services/nlp/taxonomy.js';
import { lastCompleteWeek, weekPeriod } from '../services/reports/weekly/report-week.js';
import { benchRunId, createBenchDatabase, dropBenchDatabase, reuseBenchDatabase } from './bench-database.js';
import { benchContext } from './bench-context.js';
import { numberArg, percentile, twoDecimals } from './bench-figures.js';
import { prepareSeed, seedMentions } from './bench-seed.js';

const MENTIONS = numberArg('--mentions', 10_000_000);
const RUNS = numberArg('--runs', 20);
const PDFS = numberArg('--pdfs', 3);
const KEEP = process.argv.includes('--keep');
const REUSE = process.argv.includes('--reuse')
  ? process.argv[process.argv.indexOf('--reuse') + 1]
  : undefined;
const HOUR = 3_600_000;

async function timed(runs: number, run: () => Promise<unknown>): Promise<{ p50_ms: number; p95_ms: number }> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { p50_ms: twoDecimals(percentile(times, 50)), p95_ms: twoDecimals(percentile(times, 95)) };
}

async function main(): Promise<void> {
  if (process.argv.includes('--reuse') && !REUSE)
    throw new Error('--reuse needs the name of a kept database');
  const runId = benchRunId();
  const database = REUSE
    ? await reuseBenchDatabase('analysis', REUSE)
    : await createBenchDatabase('analysis', runId);
  if (KEEP && !REUSE) process.stderr.write(`seeding ${database.name}, kept afterwards\n`);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a plain connection for bulk SQL
  const bulk = new Kysely<any>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: database.url, max: 1 }) }),
  });
  const loadBefore = os.loadavg()[0]!;
  const seedStarted = performance.now();
  let end: number;
  let mentions: number;
  if (REUSE) {
    // The seed spread its mentions over whole hours up to its end; with over a thousand an hour, the newest lies in
    // the seed's last hour.
    const stored = await sql<{ newest: Date; n: string }>`
      select max(posted_at) as newest, count(*) as n from mentions`.execute(bulk);
    end = Math.floor(stored.rows[0]!.newest.getTime() / HOUR) * HOUR + HOUR;
    mentions = Number(stored.rows[0]!.n);
  } else {
    end = Math.floor(Date.now() / HOUR) * HOUR;
    mentions = MENTIONS;
    const span = { endMs: end, days: 365, topics: defaultTaxonomy().topics.map((topic) => topic.id) };
    await prepareSeed(bulk, span);
    await seedMentions(bulk, 0, MENTIONS, span);
  }
  const seedSeconds = (performance.now() - seedStarted) / 1000;

  const bench = await benchContext('analysis', runId, database.url, { deliver: false });
  const { context } = bench;
  try {
    const tz = context.config.timezone;
    // The last complete ISO week before the seed's end, against the week before it.
    const week = weekPeriod(lastCompleteWeek(end, tz), tz);
    const iso = (ms: number) => new Date(ms).toISOString();
    const query = { from: iso(week.fromMs), to: iso(week.toMs), compare: 'previous' };
    const document = await context.analyses.environment(query, {
      apiKeyId: null,
      actor: 'system:bench',
      mayReadText: false,
    });
    const withoutText = await timed(RUNS, () =>
      context.analyses.environment(query, { apiKeyId: null, actor: 'system:bench', mayReadText: false }),
    );
    const withText = await timed(RUNS, () =>
      context.analyses.environment(query, { apiKeyId: null, actor: 'system:bench', mayReadText: true }),
    );
    const pdf = await timed(PDFS, () =>
      context.weeklyReport.pdf(week, { apiKeyId: null, actor: 'system:bench' }),
    );
    process.stdout.write(
      `${JSON.stringify({
        mentions,
        database: REUSE ? 'reused' : KEEP ? 'kept' : 'dropped',
        seed_seconds: REUSE ? null : Math.round(seedSeconds),
        week: week.key,
        week_mentions: document.betekenisgeving.volume,
        analysis_viewer: withoutText,
        analysis_analyst: withText,
        weekly_pdf: { p50_s: twoDecimals(pdf.p50_ms / 1000), max_s: twoDecimals(pdf.p95_ms / 1000) },
        targets: { analysis_p95_ms: 500, weekly_pdf_s: 10 },
        load_average_1m: { before: twoDecimals(loadBefore), after: twoDecimals(os.loadavg()[0]!) },
        cpus: os.cpus().length,
        node: process.version,
      })}\n`,
    );
  } finally {
    await bench.close();
    await bulk.destroy();
    if (REUSE || KEEP) process.stderr.write(`kept ${database.name}\n`);
    else await dropBenchDatabase(database.name);
  }
}

await main();
