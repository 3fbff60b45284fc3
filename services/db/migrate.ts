// Runs the migrations in migrations/index.ts. A failed migration throws, and the CLI exits non-zero.
import { Migrator, type Kysely, type MigrationProvider, type MigrationResult } from 'kysely';
import { migrations } from '../../migrations/index.js';

const provider: MigrationProvider = {
  getMigrations: () => Promise.resolve(migrations),
};

export class MigrationError extends Error {}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time and typed loosely
export async function migrateToLatest(db: Kysely<any>): Promise<MigrationResult[]> {
  const migrator = new Migrator({
    db,
    provider,
    migrationTableName: 'schema_migrations',
    migrationLockTableName: 'schema_migrations_lock',
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((result) => result.status === 'Error');
    throw new MigrationError(
      `migration ${failed?.migrationName ?? '(unknown)'} failed: ${error instanceof Error ? error.message : JSON.stringify(error)}`,
      { cause: error },
    );
  }
  return results ?? [];
}
