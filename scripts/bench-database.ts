// Databases for benchmarks, on the server DATABASE_URL names (default: the local one): a URL per database name,
// statements on the maintenance database, and a freshly migrated database.
import { Kysely, PostgresDialect } from 'kysely';
import { DEFAULT_DATABASE_URL } from '../services/config/env.js';
import { migrateToLatest } from '../services/db/migrate.js';
import { pg } from '../services/db/pg-defaults.js';

const serverUrl = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;

export function urlFor(database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Runs one statement on the maintenance database (create or drop a database). */
export async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: urlFor('postgres') });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** Drops the database if it exists, creates it and runs every migration; returns its URL. */
export async function freshDatabase(name: string): Promise<string> {
  await admin(`drop database if exists ${name} with (force)`);
  await admin(`create database ${name}`);
  const db = new Kysely<unknown>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: urlFor(name), max: 1 }) }),
  });
  await migrateToLatest(db);
  await db.destroy();
  return urlFor(name);
}
