// Test databases: one migrated template per migration set, and a fresh copy of it for every test file.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pg } from '../../services/db/pg-defaults.js';

export const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://127.0.0.1:5432/postgres';

export function urlFor(database: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

/** The template's name changes whenever a migration changes, so a stale template is never used. */
export function templateName(): string {
  const dir = path.resolve(import.meta.dirname, '../../migrations');
  const hash = crypto.createHash('sha256');
  for (const file of fs.readdirSync(dir).sort())
    hash.update(file).update(fs.readFileSync(path.join(dir, file)));
  return `onderstroom_tpl_${hash.digest('hex').slice(0, 12)}`;
}

export async function adminQuery<T extends pg.QueryResultRow = pg.QueryResultRow>(
  text: string,
): Promise<pg.QueryResult<T>> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await client.query<T>(text);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `onderstroom_t_${crypto.randomBytes(6).toString('hex')}`;
  await adminQuery(`create database ${name} template ${templateName()}`);
  return {
    name,
    url: urlFor(name),
    async drop() {
      await adminQuery(`drop database if exists ${name} with (force)`);
    },
  };
}
