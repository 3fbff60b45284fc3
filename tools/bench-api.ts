// npm run bench:api [-- --mentions N]: seeds N mentions (default 10M) over a year through a bulk path that fills the
// same rollups the insert path fills, then runs the Overzicht dashboard's queries for a 90-day range at 1h interval
// against the running API: p50/p95 per query, requests per second under concurrent load (autocannon), and the same
// figures computed naively from the raw mentions in the same run. Prints one JSON object. `--keep` leaves the seeded
// database (its name on stderr), `--reuse <database>` runs again on a kept one (migrated, nothing seeded, never
// dropped), `--tag <letters>` adds letters to the database's name (`onderstroom_bench_api_<tag>_<run id>`), so a kept
// database says whose it is on a shared server.
import os from 'node:os';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { buildApi } from '../services/api/app.js';
import { pg } from '../services/db/pg-defaults.js';
import { defaultTaxonomy } from '../services/nlp/taxonomy.js';
import { listQueries, expandQueryUrl } from '../dashboards/src/query.catalogue.js';
import { benchRunId, createBenchDatabase, dropBenchDatabase, reuseBenchDatabase } from './bench-database.js';
import { benchContext } from './bench-context.js';
import { numberArg, percentile, twoDecimals } from './bench-figures.js';
import { prepareSeed, seedMentions } from './bench-seed.js';
import { httpLoad } from './http-load.js';
import { watchDatabaseBackends } from './backend-cpu.js';
import { inlineStatement, recordStatements } from './statement-log.js';

const MENTIONS = numberArg('--mentions', 10_000_000);
// --keep leaves the seeded database in place, to look at query plans afterwards.
const KEEP = process.argv.includes('--keep');
const REUSE = process.argv.includes('--reuse')
  ? process.argv[process.argv.indexOf('--reuse') + 1]
  : undefined;
const TAG = process.argv.includes('--tag') ? process.argv[process.argv.indexOf('--tag') + 1] : undefined;
// Sequential requests per query, then the same query from CONNECTIONS connections at once, LOAD_REQUESTS in all.
const SEQUENTIAL = numberArg('--requests', 60);
const CONNECTIONS = 8;
// --explain prints the plans of every Overzicht query's statements (on a kept database) instead of timing them.
const EXPLAIN = process.argv.includes('--explain');
// --only <text> runs only the queries whose URL contains it.
const ONLY = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
const LOAD_REQUESTS = numberArg('--load-requests', 320);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the bulk connection writes tables Kysely does not need to type here
async function seed(db: Kysely<any>, end: number): Promise<{ seconds: number }> {
  const started = performance.now();
  const span = { endMs: end, days: 365, topics: defaultTaxonomy().topics.map((topic) => topic.id) };
  await prepareSeed(db, span);
  await seedMentions(db, 0, MENTIONS, span);
  return { seconds: (performance.now() - started) / 1000 };
}

// The naive way to answer each mention-based Overzicht query: straight from the raw mentions.
function naiveQuery(endpoint: string, fromIso: string, toIso: string) {
  const range = sql`posted_at >= ${fromIso}::timestamptz and posted_at < ${toIso}::timestamptz`;
  const bucket = sql`date_bin('1 hour', posted_at, 'epoch')`;
  switch (endpoint) {
    case 'summary':
      return sql`select count(*), count(*) filter (where sentiment_label = 'negative')::float8 / nullif(count(*), 0),
        count(*) filter (where sentiment_label = 'positive')::float8 / nullif(count(*), 0), avg(sentiment_score), sum(reach)
        from mentions where ${range}`;
    case 'volume':
      return sql`select ${bucket}, count(*) from mentions where ${range} group by 1 order by 1`;
    case 'negative_share':
      return sql`select ${bucket}, avg((sentiment_label = 'negative')::int) from mentions where ${range} group by 1 order by 1`;
    case 'positive_share':
      return sql`select ${bucket}, avg((sentiment_label = 'positive')::int) from mentions where ${range} group by 1 order by 1`;
    case 'breakdown':
      return sql`select ${bucket}, source_kind, count(*) from mentions where ${range} group by 1, 2 order by 1, 2`;
    default:
      return null;
  }
}

/**
 * --explain: each URL requested once to warm up, then once with its statements recorded; EXPLAIN (ANALYZE, BUFFERS)
 * of every statement that touched a table, on stderr.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the plain bulk connection
async function explainQueries(bulk: Kysely<any>, urls: readonly string[], headers: Record<string, string>) {
  for (const url of urls) {
    await (await fetch(url, { headers })).arrayBuffer();
    const log = await recordStatements(async () => (await fetch(url, { headers })).arrayBuffer());
    process.stderr.write(`\n##### ${url} (${twoDecimals(log.totalMs)} ms)\n`);
    for (const statement of log.statements) {
      const text = inlineStatement(statement);
      const plan = await sql
        .raw<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${text}`)
        .execute(bulk);
      process.stderr.write(
        `\n=== ${twoDecimals(statement.ms)} ms\n${text}\n${plan.rows.map((r) => r['QUERY PLAN']).join('\n')}\n`,
      );
    }
  }
}

/**
 * The naive answer's time: p50 of three runs one at a time, and p50 of one round of `CONNECTIONS` runs at once, each
 * on a connection of its own (the load the API's figures at 8 connections stand beside).
 */
async function naiveFigures(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the plain bulk connection
  bulk: Kysely<any>,
  pool: InstanceType<typeof pg.Pool>,
  kind: string,
  from: number,
  end: number,
): Promise<{ p50Ms: number; loadedP50Ms: number }> {
  const statement = naiveQuery(kind, new Date(from).toISOString(), new Date(end).toISOString())!;
  const compiled = statement.compile(bulk);
  const timed = async (run: () => Promise<unknown>) => {
    const t0 = performance.now();
    await run();
    return performance.now() - t0;
  };
  const alone: number[] = [];
  for (let i = 0; i < 3; i++) alone.push(await timed(() => statement.execute(bulk)));
  const together = await Promise.all(
    Array.from({ length: CONNECTIONS }, () =>
      timed(() => pool.query(compiled.sql, [...compiled.parameters])),
    ),
  );
  return {
    p50Ms: percentile(
      alone.sort((a, b) => a - b),
      50,
    ),
    loadedP50Ms: percentile(
      together.sort((a, b) => a - b),
      50,
    ),
  };
}

function naiveKind(url: string): string | null {
  if (url.startsWith('/grafana/summary')) return 'summary';
  if (url.startsWith('/grafana/series/breakdown')) return 'breakdown';
  const metric = /[?&]metric=([a-z_]+)/.exec(url)?.[1];
  return url.startsWith('/grafana/series?') && metric ? metric : null;
}

/** The label of a kept database of this benchmark, from its name: `api` or `api_<tag>`. */
function reusedLabel(name: string): string {
  const label = /^onderstroom_bench_(api(?:_[a-z0-9]+)?)_[0-9a-f]{10}$/.exec(name)?.[1];
  if (!label)
    throw new Error(`--reuse ${name}: not a database of bench:api (onderstroom_bench_api[_<tag>]_<run id>)`);
  return label;
}

async function main(): Promise<void> {
  if (process.argv.includes('--reuse') && !REUSE)
    throw new Error('--reuse needs the name of a kept database');
  if (process.argv.includes('--tag') && !/^[a-z0-9]{1,8}$/.test(TAG ?? ''))
    throw new Error('--tag needs 1-8 lower-case letters or digits');
  const runId = benchRunId();
  const label = TAG ? `api_${TAG}` : 'api';
  const database = REUSE
    ? await reuseBenchDatabase(reusedLabel(REUSE), REUSE)
    : await createBenchDatabase(label, runId);
  if (KEEP && !REUSE) process.stderr.write(`seeding ${database.name}, kept afterwards\n`);
  const databaseUrl = database.url;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a plain connection for bulk SQL
  const bulk = new Kysely<any>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: databaseUrl, max: 1 }) }),
  });
  const loadBefore = os.loadavg()[0]!;
  let end: number;
  let mentions: number;
  let seeded: { seconds: number } | null = null;
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
    seeded = await seed(bulk, end);
  }

  const bench = await benchContext(label, runId, databaseUrl, { poolSize: 20 });
  const { context } = bench;
  const api = await buildApi({ context, redisHealth: () => Promise.resolve('ok') }, { logger: false });
  await api.listen({ port: 0, host: '127.0.0.1' });
  const address = api.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const { key } = await context.apiKeys.create('bench', 'viewer');
  const headers = { authorization: `Bearer ${key}` };

  const from = end - 90 * DAY;
  const values = { __from: String(from), __to: String(end), source: 'all', topic: 'all', interval: '1h' };
  const queries = listQueries().filter((q) => q.dashboardUid === 'onderstroom-overzicht');
  const distinct = [...new Map(queries.map((q) => [expandQueryUrl(q.url, values), q])).entries()].filter(
    ([url]) => ONLY === undefined || url.includes(ONLY),
  );
  if (EXPLAIN) {
    await explainQueries(
      bulk,
      distinct.map(([url]) => base + url),
      headers,
    );
    await api.close();
    await bench.close();
    await bulk.destroy();
    process.stderr.write(`kept ${database.name}\n`);
    return;
  }
  const naivePool = new pg.Pool({ connectionString: databaseUrl, max: CONNECTIONS });
  const results = [];
  for (const [url, query] of distinct) {
    for (let i = 0; i < 5; i++) await (await fetch(base + url, { headers })).arrayBuffer();
    const times: number[] = [];
    const backends = await watchDatabaseBackends(databaseUrl);
    const nodeBefore = process.cpuUsage();
    for (let i = 0; i < SEQUENTIAL; i++) {
      const t0 = performance.now();
      const response = await fetch(base + url, { headers });
      await response.arrayBuffer();
      if (!response.ok) throw new Error(`${url} answered ${response.status}`);
      times.push(performance.now() - t0);
    }
    const nodeCpu = process.cpuUsage(nodeBefore);
    const postgresCpu = await backends.stop();
    times.sort((a, b) => a - b);
    const load = await httpLoad({
      url: base + url,
      headers,
      connections: CONNECTIONS,
      requests: LOAD_REQUESTS,
    });
    const kind = naiveKind(url);
    const naive = kind ? await naiveFigures(bulk, naivePool, kind, from, end) : null;
    const p50 = percentile(times, 50);
    const loadedP50 = percentile(load.latenciesMs, 50);
    results.push({
      panel: `${query.origin}: ${query.panelTitle} (${query.refId})`,
      url: url.replace(/from=\d+&to=\d+/, 'from=…&to=…'),
      p50_ms: twoDecimals(p50),
      p95_ms: twoDecimals(percentile(times, 95)),
      cpu_ms_per_request: {
        node: twoDecimals((nodeCpu.user + nodeCpu.system) / 1000 / SEQUENTIAL),
        postgres: postgresCpu ? twoDecimals(postgresCpu.cpuMs / SEQUENTIAL) : null,
      },
      at_8: {
        p50_ms: twoDecimals(loadedP50),
        p95_ms: twoDecimals(percentile(load.latenciesMs, 95)),
        requests_per_second: Math.round(load.latenciesMs.length / load.seconds),
      },
      naive_p50_ms: naive ? twoDecimals(naive.p50Ms) : null,
      naive_at_8_p50_ms: naive ? twoDecimals(naive.loadedP50Ms) : null,
      speedup_vs_naive: naive ? Math.round(naive.p50Ms / p50) : null,
      speedup_vs_naive_at_8: naive ? Math.round(naive.loadedP50Ms / loadedP50) : null,
      load_average_1m: twoDecimals(os.loadavg()[0]!),
    });
  }
  await naivePool.end();
  await api.close();
  await bench.close();
  await bulk.destroy();
  if (KEEP || REUSE) process.stderr.write(`kept ${database.name}\n`);
  else await dropBenchDatabase(database.name);
  const withNaive = results.filter((r) => r.speedup_vs_naive !== null);
  process.stdout.write(
    `${JSON.stringify({
      mentions,
      database: REUSE ? 'reused' : KEEP ? 'kept' : 'dropped',
      seed_seconds: seeded ? Math.round(seeded.seconds) : null,
      range_days: 90,
      interval: '1h',
      queries: results,
      connections: CONNECTIONS,
      requests_at_8: LOAD_REQUESTS,
      worst_p95_ms: Math.max(...results.map((r) => r.p95_ms)),
      worst_p95_at_8_ms: Math.max(...results.map((r) => r.at_8.p95_ms)),
      least_speedup_vs_naive: Math.min(...withNaive.map((r) => r.speedup_vs_naive!)),
      least_speedup_vs_naive_at_8: Math.min(...withNaive.map((r) => r.speedup_vs_naive_at_8!)),
      load_average_1m: { before: twoDecimals(loadBefore), after: twoDecimals(os.loadavg()[0]!) },
      cpus: os.cpus().length,
      node: process.version,
    })}\n`,
  );
}

await main();
