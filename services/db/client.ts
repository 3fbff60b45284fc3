// One Kysely instance per process over a pg pool. bigint (int8) comes back as string; counts are parsed where read.
import { Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import { pg } from './pg-defaults.js';
import type { Database } from './database.js';

export type Db = Kysely<Database>;
/** The transaction a service hands on to repositories, so services need not import kysely. */
export type DbTransaction = Transaction<Database>;

export interface DatabaseHandle {
  db: Db;
  pool: pg.Pool;
  /** Answers when the database does (for /health); throws what the connection threw. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export function connectDatabase(
  url: string,
  options: { max?: number; applicationName?: string } = {},
): DatabaseHandle {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    application_name: options.applicationName ?? 'onderstroom',
    // A connection that cannot be made within this time is an outage, not a wait.
    connectionTimeoutMillis: 10_000,
  });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  // The same for a client that is checked out but between queries (inside a transaction) when the server goes:
  // without a listener its 'error' event would crash the process; its next query fails and the caller retries.
  pool.on('connect', (client) => client.on('error', () => undefined));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    pool,
    async ping() {
      await sql`select 1`.execute(db);
    },
    async close() {
      await db.destroy();
    },
  };
}
