// A backup as docs/operations.md describes it: pg_dump in the custom format of a database holding the sample
// export, a question and an alert, restored with pg_restore into a fresh database. Every table's rows, the rollup
// sums, the sequences and the pseudonyms come back equal; the restored database is up to date with the migrations,
// answers the same series, knows the same keys, and stores nothing twice when the same export is imported again.
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Api } from '../../services/api/app.js';
import { buildCheckedApi } from '../support/openapi.js';
import { createAppContext, type AppContext } from '../../services/app-context.js';
import { readEnv } from '../../services/config/env.js';
import { connectDatabase } from '../../services/db/client.js';
import { migrateToLatest } from '../../services/db/migrate.js';
import { pg } from '../../services/db/pg-defaults.js';
import type { QuestionActor } from '../../services/questions/question.js';
import { ROOT } from '../support/cli.js';
import { createTestEnv } from '../support/context.js';
import { raw } from '../support/mentions.js';
import { adminQuery, urlFor, type TestDatabase } from '../support/postgres.js';

const run = promisify(execFile);
const SAMPLE = path.join(ROOT, 'samples/obi4wan-sample.SYNTHETIC.csv');
const ADMIN: QuestionActor = { name: 'test', role: 'admin', team: null, apiKeyId: null };
const CONFIG = 'alerts:\n  source_failures: { after: 1 }\n';

let database: TestDatabase;
let dir: string;
let variables: Record<string, string>;
let original: AppContext;
let restored: AppContext | null = null;
let restoredName: string;
let dumpFile: string;
let key: string;

/** What a restore must give back: the rows of every table and partition, the rollup sums, sequences, pseudonyms. */
async function snapshot(url: string): Promise<Record<string, string>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const facts: Record<string, string> = {};
    const tables = await client.query<{ name: string }>(
      `select relname as name from pg_class where relnamespace = 'public'::regnamespace and relkind = 'r' order by 1`,
    );
    for (const { name } of tables.rows) {
      const counted = await client.query<{ n: string }>(
        `select count(*) as n from ${pg.escapeIdentifier(name)}`,
      );
      facts[`rows ${name}`] = counted.rows[0]!.n;
    }
    for (const table of ['rollups_5m', 'rollups_1h']) {
      const sums = await client.query(
        `select sum(n) as n, sum(n_pos) as n_pos, sum(n_neu) as n_neu, sum(n_neg) as n_neg, sum(score_sum) as score_sum,
           sum(reach_sum) as reach_sum, sum(engagement_sum) as engagement_sum from ${table}`,
      );
      facts[`sums ${table}`] = JSON.stringify(sums.rows[0]);
    }
    for (const table of ['question_rollups_5m', 'question_rollups_1h']) {
      const sums = await client.query(
        `select sum(n) as n, sum(n_pos) as n_pos, sum(n_neu) as n_neu, sum(n_neg) as n_neg, sum(score_sum) as score_sum
         from ${table}`,
      );
      facts[`sums ${table}`] = JSON.stringify(sums.rows[0]);
    }
    const sequences = await client.query<{ name: string; value: string | null }>(
      `select sequencename as name, last_value::text as value from pg_sequences where schemaname = 'public' order by 1`,
    );
    for (const { name, value } of sequences.rows) facts[`sequence ${name}`] = String(value);
    const pseudonyms = await client.query<{ digest: string }>(
      `select md5(string_agg(coalesce(author_pseudonym, '-'), ',' order by id)) as digest from mentions`,
    );
    facts['mention pseudonyms'] = pseudonyms.rows[0]!.digest;
    return facts;
  } finally {
    await client.end();
  }
}

async function series(api: Api, metric: string): Promise<unknown> {
  const response = await api.inject({
    url: `/api/v1/series?metric=${metric}&from=2021-01-01&to=2021-02-01&interval=1h`,
    headers: { authorization: `Bearer ${key}` },
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

beforeAll(async () => {
  ({ database, dir, variables } = await createTestEnv(CONFIG));
  original = await createAppContext(readEnv(variables, dir), {
    log: pino({ level: 'warn' }),
    migrate: false,
  });
  const summary = await original.imports.importFile(SAMPLE, { preset: 'auto' });
  expect(summary).toMatchObject({ rows: 2_000, imported: 2_000, rejected: [] });
  const question = await original.questions.questions.register(ADMIN, 'test', [
    {
      external_id: 'backup-q1',
      received_at: '2021-01-23T10:15:00Z',
      channel: 'telefoon',
      text: 'Moet ik een mondkapje dragen in de bus?',
    },
  ]);
  expect(question.new).toHaveLength(1);
  expect(
    await original.alerts.sourceFailing({ id: 'mastodon-huizen', kind: 'mastodon' }, 1, 'HTTP 503'),
  ).not.toBeNull();
  key = (await original.apiKeys.create('backup test', 'analyst')).key;
  dumpFile = path.join(dir, 'onderstroom.dump');
  restoredName = `${database.name}_restored`;
}, 120_000);

afterAll(async () => {
  await restored?.close();
  await original?.close();
  await adminQuery(`drop database if exists ${restoredName} with (force)`);
  await database?.drop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('backup and restore with pg_dump and pg_restore', () => {
  it('uses client tools of the server major version', async () => {
    const server = await adminQuery<{ server_version: string }>(`show server_version`);
    const major = server.rows[0]!.server_version.split('.')[0];
    for (const tool of ['pg_dump', 'pg_restore']) {
      const { stdout } = await run(tool, ['--version']);
      expect(stdout, tool).toMatch(new RegExp(`\\(PostgreSQL\\) ${major}\\.`));
    }
  });

  it('restores every row, rollup sum, sequence and pseudonym into a fresh database', async () => {
    await run('pg_dump', ['--format=custom', '--no-owner', `--file=${dumpFile}`, `--dbname=${database.url}`]);
    expect(fs.statSync(dumpFile).size).toBeGreaterThan(0);
    await adminQuery(`create database ${restoredName} template template0`);
    await run('pg_restore', ['--no-owner', '--exit-on-error', `--dbname=${urlFor(restoredName)}`, dumpFile]);

    const before = await snapshot(database.url);
    const after = await snapshot(urlFor(restoredName));
    expect(after).toEqual(before);
    // The comparison is about something: the sample, the question and the alert are all in it.
    expect(before['rows mention_keys']).toBe('2000');
    expect(Number((JSON.parse(before['sums rollups_5m']!) as { n: string }).n)).toBeGreaterThan(2_000);
    expect(before['rows questions']).toBe('1');
    expect(before['rows alerts']).toBe('1');
    expect(
      Object.keys(before).filter((fact) => /^rows mentions_y\d{4}m\d{2}$/.test(fact)).length,
    ).toBeGreaterThan(0);
  }, 120_000);

  it('leaves a restored database that is up to date, answers the same and dedupes the same', async () => {
    const handle = connectDatabase(urlFor(restoredName), { max: 1 });
    try {
      expect(await migrateToLatest(handle.db)).toEqual([]);
    } finally {
      await handle.close();
    }
    restored = await createAppContext(readEnv({ ...variables, DATABASE_URL: urlFor(restoredName) }, dir), {
      log: pino({ level: 'warn' }),
      migrate: true,
    });
    const redisHealth = () => Promise.resolve('ok');
    const [apiBefore, apiAfter] = await Promise.all([
      buildCheckedApi({ context: original, redisHealth }, { logger: false }),
      buildCheckedApi({ context: restored, redisHealth }, { logger: false }),
    ]);
    try {
      for (const metric of ['volume', 'negative_share', 'mean_score', 'reach', 'questions']) {
        const answer = await series(apiAfter, metric);
        expect(answer, metric).toEqual(await series(apiBefore, metric));
        if (metric === 'volume') {
          expect((answer as { value: number }[]).reduce((sum, row) => sum + row.value, 0)).toBe(2_000);
        }
      }
    } finally {
      await Promise.all([apiBefore.close(), apiAfter.close()]);
    }
    // The dedupe gate came back: the same export again stores nothing; the id sequence hands out fresh ids.
    const again = await restored.imports.importFile(SAMPLE, { preset: 'auto' });
    expect(again).toMatchObject({ rows: 2_000, imported: 0, duplicates: 2_000 });
    await restored.repositories.sources.ensure('backup-push', 'push');
    const stored = await restored.ingest.ingest(
      [raw({ externalId: `after-restore-${crypto.randomBytes(4).toString('hex')}` })],
      { sourceId: 'backup-push', sourceKind: 'push' },
    );
    expect(stored.inserted).toHaveLength(1);
  }, 120_000);
});
