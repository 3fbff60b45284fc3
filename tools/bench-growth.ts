// npm run bench:growth [-- --steps 1000000,2000000,4000000]: how the store and the dashboard reads behave as
// the tables grow. At each step the database is bulk-filled up to that many mentions over a year (tools/bench-seed.ts),
// then measured: 20 batches of 500 new mentions through the real ingest path (prepare, dedupe gate, rollups, one
// transaction each), the Overzicht queries over 90 days at 1h through the API, and the size of every large table and
// its indexes. Prints one JSON object; docs/scaling.md reads it as "where one machine ends".
import os from 'node:os';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { buildApi } from '../services/api/app.js';
import { pg } from '../services/db/pg-defaults.js';
import type { RawMention } from '../services/ingest/raw-mention.js';
import { defaultTaxonomy } from '../services/nlp/taxonomy.js';
import { listQueries, expandQueryUrl } from '../dashboards/src/query.catalogue.js';
import { benchRunId, createBenchDatabase, dropBenchDatabase } from './bench-database.js';
import { benchContext } from './bench-context.js';
import { percentile, twoDecimals } from './bench-figures.js';
import { prepareSeed, seedMentions } from './bench-seed.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const BATCHES = 20;
const BATCH_SIZE = 500;
const READS_PER_QUERY = 30;

function stepsArg(): number[] {
  const at = process.argv.indexOf('--steps');
  const text = at > 0 ? process.argv[at + 1] : '1000000,2000000,4000000';
  const steps = (text ?? '').split(',').map(Number);
  if (steps.some((n) => !Number.isInteger(n) || n <= 0) || steps.some((n, i) => i > 0 && n <= steps[i - 1]!))
    throw new Error(
      `--steps must be increasing whole numbers separated by commas, got ${JSON.stringify(text)}`,
    );
  return steps;
}

// Short Dutch posts of the kind the pollers store, different on every call so that each is new to the dedupe gate.
const PHRASES = [
  'De nieuwe maatregelen voor de horeca zijn onduidelijk',
  'Waar kan ik me laten testen in Huizen?',
  'Fijn dat de scholen weer open gaan',
  'Weer een avondklok, ik word er moe van',
  'Goede uitleg van de gemeente over de noodverordening',
];

function freshBatch(step: number, batch: number, nowMs: number): RawMention[] {
  return Array.from({ length: BATCH_SIZE }, (_, i) => ({
    externalId: `growth-${step}-${batch}-${i}`,
    url: null,
    postedAt: new Date(nowMs - ((i * 7919) % DAY)),
    author: `bewoner${i % 97}`,
    platform: 'mastodon',
    title: null,
    text: `${PHRASES[i % PHRASES.length]} (${step}.${batch}.${i})`,
    language: null,
    reach: i % 300,
    engagement: i % 11,
    toolSentiment: null,
    country: null,
  }));
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- sizes are read from the catalogue, outside the typed schema
async function sizes(db: Kysely<any>): Promise<Record<string, number>> {
  const mb = (bytes: unknown) => twoDecimals(Number(bytes) / 1_048_576);
  const { rows } = await sql<{ name: string; table_bytes: string; index_bytes: string }>`
    select t.name,
      sum(pg_table_size(p.relid)) as table_bytes, sum(pg_indexes_size(p.relid)) as index_bytes
    from (values ('mentions'), ('mention_keys'), ('rollups_5m'), ('rollups_1h')) as t(name)
    cross join lateral (select relid from pg_partition_tree(t.name::regclass)
      union select t.name::regclass) p
    group by t.name`.execute(db);
  const out: Record<string, number> = {};
  for (const row of rows) {
    out[`${row.name}_table_mb`] = mb(row.table_bytes);
    out[`${row.name}_indexes_mb`] = mb(row.index_bytes);
  }
  const database = await sql<{ bytes: string }>`select pg_database_size(current_database()) as bytes`.execute(
    db,
  );
  out.database_mb = mb(database.rows[0]!.bytes);
  return out;
}

async function main(): Promise<void> {
  const steps = stepsArg();
  const runId = benchRunId();
  const database = await createBenchDatabase('growth', runId);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a plain connection for bulk SQL
  const bulk = new Kysely<any>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: database.url, max: 1 }) }),
  });
  const end = Math.floor(Date.now() / HOUR) * HOUR;
  const span = { endMs: end, days: 365, topics: defaultTaxonomy().topics.map((topic) => topic.id) };
  await prepareSeed(bulk, span);

  const bench = await benchContext('growth', runId, database.url, { deliver: false });
  const { context } = bench;
  const api = await buildApi({ context, redisHealth: () => Promise.resolve('ok') }, { logger: false });
  const { key } = await context.apiKeys.create('bench', 'viewer');
  const headers = { authorization: `Bearer ${key}` };
  const values = {
    __from: String(end - 90 * DAY),
    __to: String(end),
    source: 'all',
    topic: 'all',
    interval: '1h',
  };
  const urls = [
    ...new Set(
      listQueries()
        .filter((q) => q.dashboardUid === 'onderstroom-overzicht')
        .map((q) => expandQueryUrl(q.url, values)),
    ),
  ];

  const results = [];
  let seeded = 0;
  for (const [stepIndex, target] of steps.entries()) {
    const t0 = performance.now();
    await seedMentions(bulk, seeded, target, span);
    seeded = target;
    const seedSeconds = (performance.now() - t0) / 1000;

    const storeMs: number[] = [];
    let stored = 0;
    for (let batch = 0; batch < BATCHES; batch++) {
      const items = freshBatch(stepIndex, batch, end);
      const s0 = performance.now();
      const result = await context.ingest.ingest(items, { sourceId: 'mastodon', sourceKind: 'mastodon' });
      storeMs.push(performance.now() - s0);
      stored += result.inserted.length;
    }
    if (stored !== BATCHES * BATCH_SIZE)
      throw new Error(`stored ${stored} of ${BATCHES * BATCH_SIZE} new mentions`);
    const storeSorted = [...storeMs].sort((a, b) => a - b);

    const reads = [];
    for (const url of urls) {
      for (let i = 0; i < 3; i++) await api.inject({ url, headers });
      const times: number[] = [];
      for (let i = 0; i < READS_PER_QUERY; i++) {
        const r0 = performance.now();
        const response = await api.inject({ url, headers });
        if (response.statusCode !== 200) throw new Error(`${url} answered ${response.statusCode}`);
        times.push(performance.now() - r0);
      }
      times.sort((a, b) => a - b);
      reads.push({
        url: url.replace(/from=\d+&to=\d+/, 'from=…&to=…'),
        p95_ms: twoDecimals(percentile(times, 95)),
      });
    }
    results.push({
      mentions: target + (stepIndex + 1) * BATCHES * BATCH_SIZE,
      seed_seconds: Math.round(seedSeconds),
      store_mentions_per_second: Math.round((stored / storeMs.reduce((a, b) => a + b, 0)) * 1000),
      store_batch_p50_ms: twoDecimals(percentile(storeSorted, 50)),
      store_batch_p95_ms: twoDecimals(percentile(storeSorted, 95)),
      reads_worst_p95_ms: Math.max(...reads.map((r) => r.p95_ms)),
      reads,
      ...(await sizes(bulk)),
      load_average_1m: twoDecimals(os.loadavg()[0]!),
    });
    process.stderr.write(`${JSON.stringify(results.at(-1))}\n`);
  }

  await api.close();
  await bench.close();
  await bulk.destroy();
  await dropBenchDatabase(database.name);
  process.stdout.write(
    `${JSON.stringify({
      batches_per_step: BATCHES,
      batch_size: BATCH_SIZE,
      range_days: 90,
      interval: '1h',
      steps: results,
      cpus: os.cpus().length,
      node: process.version,
    })}\n`,
  );
}

await main();
