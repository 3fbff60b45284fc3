// Runs once before the integration tests: builds the migrated template database they copy.
import { Kysely, PostgresDialect } from 'kysely';
import { pg } from '../services/db/pg-defaults.js';
import { migrateToLatest } from '../services/db/migrate.js';
import { adminQuery, templateName, urlFor } from './support/postgres.js';

export default async function setup(): Promise<void> {
  const name = templateName();
  const exists = await adminQuery(`select 1 from pg_database where datname = '${name}'`);
  if (exists.rowCount === 0) {
    const building = `${name}_build_${process.pid}`;
    await adminQuery(`create database ${building}`);
    const db = new Kysely<unknown>({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: urlFor(building), max: 1 }) }),
    });
    try {
      await migrateToLatest(db);
    } finally {
      await db.destroy();
    }
    // Renamed only when complete, so an interrupted build never leaves a half-migrated template behind.
    await adminQuery(`alter database ${building} rename to ${name}`).catch(async (error: unknown) => {
      await adminQuery(`drop database if exists ${building}`);
      if ((error as { code?: string }).code !== '42P04') throw error;
    });
  }
  // Old templates and databases left by killed runs are removed.
  const stale = await adminQuery<{ datname: string }>(
    `select datname from pg_database where (datname like 'onderstroom_tpl_%' and datname <> '${name}' and datname not like '%_build_%')`,
  );
  for (const row of stale.rows) await adminQuery(`drop database if exists ${row.datname} with (force)`);
}
