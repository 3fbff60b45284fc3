// A full application context for a test file: its own database, data folder, config file and queue prefix.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { createAppContext, type AppContext } from '../../services/app-context.js';
import { readEnv, type Env } from '../../services/config/env.js';
import { createTestDatabase, type TestDatabase } from './postgres.js';

export interface TestContext {
  context: AppContext;
  env: Env;
  database: TestDatabase;
  dir: string;
  close(): Promise<void>;
}

export async function createTestEnv(
  configYaml = '',
  extra: Record<string, string> = {},
): Promise<{
  env: Env;
  database: TestDatabase;
  dir: string;
  variables: Record<string, string>;
}> {
  const database = await createTestDatabase();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onderstroom-test-'));
  const configPath = path.join(dir, 'onderstroom.yaml');
  fs.writeFileSync(configPath, configYaml);
  const variables: Record<string, string> = {
    DATABASE_URL: database.url,
    REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
    ONDERSTROOM_CONFIG: configPath,
    ONDERSTROOM_DATA_DIR: path.join(dir, 'data'),
    ONDERSTROOM_PSEUDONYM_KEY: crypto.randomBytes(32).toString('hex'),
    ONDERSTROOM_QUEUE_PREFIX: `test-${crypto.randomBytes(5).toString('hex')}`,
    ONDERSTROOM_PORT: '0',
    ONDERSTROOM_HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    // Tests run the TypeScript sources, where there is no compiled scoring worker: score in the test's thread.
    // The pool is tested on the build (test/e2e/import.scoring-pool.test.ts).
    ONDERSTROOM_SCORING_THREADS: '1',
    ...extra,
  };
  return { env: readEnv(variables, dir), database, dir, variables };
}

export async function createTestContext(configYaml = ''): Promise<TestContext> {
  const { env, database, dir } = await createTestEnv(configYaml);
  const context = await createAppContext(env, { log: pino({ level: 'warn' }), migrate: false });
  return {
    context,
    env,
    database,
    dir,
    async close() {
      await context.close();
      await database.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
