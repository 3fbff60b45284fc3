// Databases and Redis prefixes for benchmarks, on the servers DATABASE_URL and REDIS_URL name (default: the local
// ones). Every run names its own (`onderstroom_bench_<label>_<run id>`), creates them without dropping anything
// first, and can drop only the databases this process created: two runs of one benchmark on a shared server, or
// a benchmark beside the tests, never destroy each other's data.
import crypto from 'node:crypto';
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

/** A random id for one benchmark run: part of every database name and Redis prefix the run uses. */
export function benchRunId(): string {
  return crypto.randomBytes(5).toString('hex');
}

const LABEL = /^[a-z][a-z0-9_]{0,20}$/;

function checkedLabel(label: string): string {
  if (!LABEL.test(label))
    throw new Error(`benchmark label ${JSON.stringify(label)} must be lower-case letters, digits or _`);
  return label;
}

export function benchDatabaseName(label: string, run: string): string {
  if (!/^[0-9a-f]{10}$/.test(run))
    throw new Error(`benchmark run id ${JSON.stringify(run)} is not one of benchRunId()'s`);
  return `onderstroom_bench_${checkedLabel(label)}_${run}`;
}

/** The BullMQ prefix of one run (ONDERSTROOM_QUEUE_PREFIX): its queues' keys are `<prefix>:*`. */
export function benchQueuePrefix(label: string, run: string): string {
  return benchDatabaseName(label, run).replaceAll('_', '-');
}

const created = new Set<string>();

/** Runs every migration on one database, over a connection of its own. */
async function migrate(name: string): Promise<void> {
  const db = new Kysely<unknown>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: urlFor(name), max: 1 }) }),
  });
  try {
    await migrateToLatest(db);
  } finally {
    await db.destroy();
  }
}

export interface BenchDatabase {
  name: string;
  url: string;
}

/**
 * Creates the run's database (an existing one of that name is an error, never dropped) and, unless told not to,
 * runs every migration.
 */
export async function createBenchDatabase(
  label: string,
  run: string,
  options: { migrate?: boolean } = {},
): Promise<BenchDatabase> {
  const name = benchDatabaseName(label, run);
  await admin(`create database ${name}`);
  created.add(name);
  if (options.migrate ?? true) await migrate(name);
  return { name, url: urlFor(name) };
}

/**
 * An existing database of an earlier run of the same benchmark (`--reuse <name>`), migrated to the latest schema.
 * It is never added to what this process may drop: a reused database stays.
 */
export async function reuseBenchDatabase(label: string, name: string): Promise<BenchDatabase> {
  const prefix = `onderstroom_bench_${checkedLabel(label)}_`;
  if (!name.startsWith(prefix))
    throw new Error(`${name} is not a database of bench ${label} (${prefix}<run id>)`);
  benchDatabaseName(label, name.slice(prefix.length));
  await migrate(name);
  return { name, url: urlFor(name) };
}

/** Drops a database this process created (its own connections are ended); any other name is refused. */
export async function dropBenchDatabase(name: string): Promise<void> {
  if (!created.has(name))
    throw new Error(`${name} was not created by this benchmark run; refusing to drop it`);
  await admin(`drop database if exists ${name} with (force)`);
  created.delete(name);
}

/** The slice of ioredis used to clear a prefix. */
export interface PrefixKeys {
  scan(
    cursor: string,
    match: 'MATCH',
    pattern: string,
    count: 'COUNT',
    n: number,
  ): Promise<[string, string[]]>;
  del(...keys: string[]): Promise<number>;
}

/** Removes every key under one run's prefix (and nothing else); returns how many went. */
export async function removeQueuePrefix(redis: PrefixKeys, prefix: string): Promise<number> {
  if (!prefix.startsWith('onderstroom-bench-'))
    throw new Error(`${prefix} is not a benchmark run's prefix; refusing to remove its keys`);
  let cursor = '0';
  let removed = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
    if (keys.length > 0) removed += await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  return removed;
}
