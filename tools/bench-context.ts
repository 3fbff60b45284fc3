// The app context a benchmark runs the service's code with: its own database (from tools/bench-database.ts), its own
// Redis prefix, a fresh data directory and pseudonym key, and a log that shows only warnings on stderr (stdout is
// the benchmark's JSON). `close()` closes the context and removes the data directory; the database is the caller's.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { createAppContext, type AppContext, type ContextOptions } from '../services/app-context.js';
import { readEnv } from '../services/config/env.js';
import { benchQueuePrefix } from './bench-database.js';

export interface BenchContext {
  context: AppContext;
  close(): Promise<void>;
}

/**
 * Builds the context for bench `label`'s run `runId` on `databaseUrl` (already migrated: nothing is migrated here).
 * `options` passes the pool size and whether channels must be able to deliver.
 */
export async function benchContext(
  label: string,
  runId: string,
  databaseUrl: string,
  options: Pick<ContextOptions, 'poolSize' | 'deliver'> = {},
): Promise<BenchContext> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `onderstroom-bench-${label}-`));
  try {
    const env = readEnv({
      ...process.env,
      DATABASE_URL: databaseUrl,
      ONDERSTROOM_QUEUE_PREFIX: benchQueuePrefix(label, runId),
      ONDERSTROOM_DATA_DIR: dataDir,
      ONDERSTROOM_PSEUDONYM_KEY: randomBytes(32).toString('hex'),
      LOG_LEVEL: 'warn',
    });
    const context = await createAppContext(env, {
      log: pino({ level: 'warn' }, pino.destination(2)),
      migrate: false,
      ...options,
    });
    return {
      context,
      async close() {
        try {
          await context.close();
        } finally {
          fs.rmSync(dataDir, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}
