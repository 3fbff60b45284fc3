// The import's scoring pool (services/nlp/enrichment-pool.ts) on the build, since worker threads run compiled
// JavaScript: (1) the built CLI imports one export with 3 threads (two scoring workers) and with 1 (scoring in the main thread)
// into two databases, and the stored mentions, dedupe keys and rollups are the same byte for byte; (2) a scoring
// worker that crashes in the middle of a queued import fails it cleanly, and the next attempt resumes it: every row
// stored once, the rollups exactly the stored mentions, the dead run's rows counted as the import's own.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppContext, type AppContext } from '../../services/app-context.js';
import type { Db } from '../../services/db/client.js';
import { ImportAbortedError } from '../../services/ingest/import.service.js';
import { createIngestModule } from '../../services/ingest/ingest.module.js';
import { createEnrichmentPool, type EnrichmentPool } from '../../services/nlp/enrichment-pool.js';
import { writeSyntheticObi4wanExport } from '../../tools/importers/synthetic-export.js';
import { assertBuilt, ROOT, runCli } from '../support/cli.js';
import { createTestEnv } from '../support/context.js';
import { recomputedRollups, storedRollups } from '../support/mentions.js';
import type { TestDatabase } from '../support/postgres.js';

const databases: TestDatabase[] = [];
const dirs: string[] = [];
const contexts: AppContext[] = [];
const pools: EnrichmentPool[] = [];

beforeAll(() => {
  assertBuilt();
});

afterAll(async () => {
  for (const pool of pools) await pool.close();
  for (const context of contexts) await context.close();
  for (const database of databases) await database.drop();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

async function environment(extra: Record<string, string>) {
  const created = await createTestEnv('', extra);
  databases.push(created.database);
  dirs.push(created.dir);
  return created;
}

/** Every stored row of the tables an import writes, as text, without what differs between two runs by design. */
async function storedRows(db: Db) {
  const mentions = await sql<{ row: string }>`
    select (to_jsonb(m) - 'id' - 'ingested_at' - 'import_id')::text as row
    from mentions m order by source_id, external_id`.execute(db);
  const keys = await sql<{ row: string }>`
    select concat_ws(' ', source_id, encode(external_hash, 'hex'), posted_at::text) as row
    from mention_keys order by source_id, external_hash`.execute(db);
  const hourly = await sql<{ row: string }>`
    select (to_jsonb(r))::text as row from rollups_1h r where n > 0 order by source_kind, topic, bucket`.execute(
    db,
  );
  return {
    mentions: mentions.rows.map((r) => r.row),
    keys: keys.rows.map((r) => r.row),
    rollups5m: await storedRollups(db),
    rollups1h: hourly.rows.map((r) => r.row),
  };
}

describe('the scoring pool', () => {
  it('stores the same mentions, keys and rollups as scoring in the main thread', async () => {
    // One pseudonym key for both: pseudonyms are part of the rows compared.
    const key = crypto.randomBytes(32).toString('hex');
    // 3 threads: two scoring workers, so batches scored side by side must still be applied in file order.
    const pooled = await environment({ ONDERSTROOM_SCORING_THREADS: '3', ONDERSTROOM_PSEUDONYM_KEY: key });
    const inThread = await environment({ ONDERSTROOM_SCORING_THREADS: '1', ONDERSTROOM_PSEUDONYM_KEY: key });
    const file = path.join(pooled.dir, 'export.csv');
    const written = await writeSyntheticObi4wanExport(file, {
      rows: 9_000,
      seed: 31,
      start: new Date('2021-01-01T00:00:00Z'),
      days: 20,
    });
    const summaries = [];
    for (const created of [pooled, inThread]) {
      const result = await runCli(['import', file, '--json'], created.variables, { timeoutMs: 600_000 });
      expect(result.code, result.stderr).toBe(0);
      const { seconds: _seconds, ...summary } = JSON.parse(result.stdout) as Record<string, unknown>;
      summaries.push(summary);
    }
    expect(summaries[0]).toMatchObject({ rows: written.rows });
    expect(Number(summaries[0]!.imported)).toBeGreaterThan(written.rows / 2);
    expect(summaries[0]).toEqual(summaries[1]);

    const opened = [];
    for (const created of [pooled, inThread]) {
      const context = await createAppContext(created.env, { log: pino({ level: 'warn' }), migrate: false });
      contexts.push(context);
      opened.push(await storedRows(context.database.db));
    }
    const [fromPool, fromThread] = opened;
    expect(fromPool!.mentions).toHaveLength(Number(summaries[0]!.imported));
    expect(fromPool!.keys).toHaveLength(fromPool!.mentions.length);
    expect(fromPool!.rollups5m.length).toBeGreaterThan(0);
    expect(fromPool).toEqual(fromThread);
  }, 900_000);

  it('fails a queued import cleanly when a scoring worker crashes, and the next attempt resumes it', async () => {
    const created = await environment({});
    const context = await createAppContext(created.env, { log: pino({ level: 'warn' }), migrate: false });
    contexts.push(context);
    const file = path.join(created.dir, 'export.csv');
    const written = await writeSyntheticObi4wanExport(file, {
      rows: 12_000,
      seed: 32,
      start: new Date('2021-01-01T00:00:00Z'),
      days: 20,
    });

    // Two workers of the crashing script: the first to reach its 4th batch throws, once (the marker file).
    const marker = path.join(created.dir, 'crashed');
    const script = pathToFileURL(path.join(created.dir, 'crash-once.worker.mjs'));
    const fake = pathToFileURL(path.join(ROOT, 'test/fakes/crashing-scoring.worker.mjs')).href;
    fs.writeFileSync(
      script,
      `import { crashOnce } from ${JSON.stringify(fake)};\n` +
        `await crashOnce({ after: 4, marker: ${JSON.stringify(marker)} });\n`,
    );
    const { enricher } = await context.nlp.load();
    const pool = createEnrichmentPool({
      size: 2,
      taxonomy: context.taxonomy,
      model: () => ({ version: enricher.versions.sentiment_nl, model: enricher.dutchModel() }),
      script,
    });
    pools.push(pool);
    const module = createIngestModule({
      mentions: context.repositories.mentions,
      sources: context.repositories.sources,
      imports: context.repositories.imports,
      accessLog: context.repositories.accessLog,
      prepareContext: () =>
        Promise.resolve({
          enricher,
          pseudonymise: context.pseudonymise,
          now: new Date(),
          enrichMany: (inputs) => pool.enrichMany(inputs),
        }),
      metrics: context.metrics,
      retentionDays: context.config.privacy.retention_days,
      uploadDir: path.join(created.dir, 'uploads'),
      uploadMaxBytes: 1024 ** 3,
      configured: [],
      // The main thread and the pool's two workers.
      scoringThreads: 3,
    });

    await context.repositories.sources.ensure('obi4wan', 'obi4wan');
    const { id } = await context.repositories.imports.enqueue({
      fileName: 'export.csv',
      fileSha256: crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex'),
      fileBytes: fs.statSync(file).size,
      preset: 'obi4wan',
      sourceId: 'obi4wan',
      origin: 'upload',
      requestedBy: 'user:test',
      storedPath: file,
    });
    const storedBy = async () => context.repositories.imports.storedBy(id);

    // Batches of 500: 24 of them, the crash in the middle.
    const failure = await module.imports.importQueued(id, { batchSize: 500 }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(fs.existsSync(marker)).toBe(true);
    expect(failure).toBeInstanceOf(ImportAbortedError);
    expect((failure as Error).message).toMatch(/scoring worker \d of 2 stopped .*crashed on purpose/);
    const failed = await context.repositories.imports.get(id);
    expect(failed?.status).toBe('failed');
    const storedByCrashedRun = await storedBy();
    // Stored before the crash, each mention counted once in the rollups.
    expect(storedByCrashedRun).toBeGreaterThan(0);
    expect(await storedRollups(context.database.db)).toEqual(await recomputedRollups(context.database.db));

    // The next attempt (what BullMQ's retry of the job runs): the same pool, its dead worker replaced.
    const summary = await module.imports.importQueued(id, { batchSize: 500 });
    expect(summary).not.toBeNull();
    const done = await context.repositories.imports.get(id);
    expect(done?.status).toBe('done');
    expect(done?.attempts).toBe(2);
    expect(storedByCrashedRun).toBeLessThan(summary!.imported);
    expect(summary!.rows).toBe(written.rows);
    expect(summary!.imported + summary!.duplicates + summary!.rejected.length).toBe(written.rows);
    expect(await storedBy()).toBe(summary!.imported);
    const total = await context.database.db
      .selectFrom('mentions')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(total.n)).toBe(summary!.imported);
    expect(await storedRollups(context.database.db)).toEqual(await recomputedRollups(context.database.db));
  }, 900_000);
});
