// npm run profile:analysis -- --reuse <database> [--analyst] [--explain 5] [--document file]: where the time of one environment analysis
// goes, on a database kept by `npm run bench:analysis -- --keep`. Runs the analysis of the bench's week once to warm
// up, then once with every statement timed (when it started and how long it took, relative to the call, so the
// critical path of the concurrent parts shows), then EXPLAIN (ANALYZE, BUFFERS) of the slowest statements. Prints
// one JSON object; the plans go to stderr. `--document` writes the document itself, to check that a faster reading
// gives the same one.
import fs from 'node:fs';
import os from 'node:os';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { pg } from '../services/db/pg-defaults.js';
import { lastCompleteWeek, weekPeriod } from '../services/reports/weekly/report-week.js';
import { benchContext } from './bench-context.js';
import { benchRunId, reuseBenchDatabase } from './bench-database.js';
import { numberArg, twoDecimals } from './bench-figures.js';
import { inlineStatement as inline, recordStatements } from './statement-log.js';

const REUSE = process.argv.includes('--reuse')
  ? process.argv[process.argv.indexOf('--reuse') + 1]
  : undefined;
const ANALYST = process.argv.includes('--analyst');
const EXPLAIN = numberArg('--explain', 5);
const DOCUMENT = process.argv.includes('--document')
  ? process.argv[process.argv.indexOf('--document') + 1]
  : undefined;
const HOUR = 3_600_000;

async function main(): Promise<void> {
  if (!REUSE) throw new Error('--reuse <database> names a database kept by bench:analysis --keep');
  const database = await reuseBenchDatabase('analysis', REUSE);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a plain connection for EXPLAIN
  const plain = new Kysely<any>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: database.url, max: 1 }) }),
  });
  const stored = await sql<{ newest: Date }>`select max(posted_at) as newest from mentions`.execute(plain);
  const end = Math.floor(stored.rows[0]!.newest.getTime() / HOUR) * HOUR + HOUR;
  const bench = await benchContext('analysis', benchRunId(), database.url, { deliver: false });
  const { context } = bench;
  try {
    const tz = context.config.timezone;
    const week = weekPeriod(lastCompleteWeek(end, tz), tz);
    const iso = (ms: number) => new Date(ms).toISOString();
    const query = { from: iso(week.fromMs), to: iso(week.toMs), compare: 'previous' };
    const reader = { apiKeyId: null, actor: 'system:profile', mayReadText: ANALYST };
    const document = await context.analyses.environment(query, reader);
    if (DOCUMENT) fs.writeFileSync(DOCUMENT, `${JSON.stringify(document, null, 1)}\n`);
    const log = await recordStatements(() => context.analyses.environment(query, reader));
    const { totalMs } = log;
    const slowest = [...log.statements].sort((a, b) => b.ms - a.ms);
    for (const statement of slowest.slice(0, EXPLAIN)) {
      const plan = await sql
        .raw<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${inline(statement)}`)
        .execute(plain);
      process.stderr.write(
        `\n=== ${twoDecimals(statement.ms)} ms\n${inline(statement)}\n${plan.rows.map((r) => r['QUERY PLAN']).join('\n')}\n`,
      );
    }
    process.stdout.write(
      `${JSON.stringify({
        week: week.key,
        reader: ANALYST ? 'analyst' : 'viewer',
        total_ms: twoDecimals(totalMs),
        statements: log.statements
          .sort((a, b) => a.startMs - b.startMs)
          .map((s) => ({
            start_ms: twoDecimals(s.startMs),
            ms: twoDecimals(s.ms),
            sql: s.text.replace(/\s+/g, ' ').slice(0, 160),
          })),
        load_average_1m: twoDecimals(os.loadavg()[0]!),
      })}\n`,
    );
  } finally {
    await bench.close();
    await plain.destroy();
  }
}

await main();
