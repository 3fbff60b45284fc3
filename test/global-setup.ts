// Runs once before the integration tests: builds the migrated template database they copy.
import { Kysely, PostgresDialect } from 'kysely';
import { pg } from '../services/db/pg-defaults.js';
import { migrateToLatest } from '../services/db/migrate.js';
import { adminQuery, templateName, urlFor } from './support/postgres.js';

/** Templates of other migration sets are removed only after this long unused, so a second checkout or a CI run
 * on the same PostgreSQL (which may use another migration set) never loses the template it is running from. */
const STALE_AFTER_DAYS = 7;
const CREATED_PREFIX = 'onderstroom test template, created ';

export default async function setup(): Promise<void> {
  const name = templateName();
  const exists = await adminQuery(`select 1 from pg_database where datname = '${name}'`);
  if (exists.rowCount === 0) {
    const building = `${name}_build_${process.pid}`;
    await adminQuery(`create database ${building}`);
    await adminQuery(`comment on database ${building} is '${CREATED_PREFIX}${new Date().toISOString()}'`);
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
  await dropStaleTemplates(name);
}

/** Removes templates (and half-built ones) whose recorded creation is older than STALE_AFTER_DAYS. A template
 * without that record was made by an older setup and is left alone; one still in use is left alone too
 * (no `force`: the drop fails while another run is connected or copying from it). */
async function dropStaleTemplates(current: string): Promise<void> {
  const candidates = await adminQuery<{ datname: string; note: string | null }>(
    `select datname, shobj_description(oid, 'pg_database') as note from pg_database
      where datname like 'onderstroom_tpl_%' and datname <> '${current}'`,
  );
  const cutoff = Date.now() - STALE_AFTER_DAYS * 86_400_000;
  for (const row of candidates.rows) {
    if (!row.note?.startsWith(CREATED_PREFIX)) continue;
    const created = Date.parse(row.note.slice(CREATED_PREFIX.length));
    if (!Number.isFinite(created) || created > cutoff) continue;
    await adminQuery(`drop database if exists ${row.datname}`).catch(() => undefined);
  }
}
