// The database types are written by hand in services/db/database.ts (in the domains' words: AlertKind, Role, ...)
// and generated from the migrated schema into services/db/schema.generated.ts (kysely-codegen). Two checks keep
// them true: the generated file must equal what the migrations make now (run `npm run db:types` after adding a
// migration), and the hand-written tables must agree with it, table by table and column by column (tsc checks the
// type assertions below as part of `npm run check`; a drift names the table and column in the compile error).
/* eslint-disable @typescript-eslint/no-redundant-type-constituents, @typescript-eslint/no-duplicate-type-constituents --
   the drift types below are unions that are `never` when all is well; the lint rules see exactly that. */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { InsertType, SelectType } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../services/db/database.js';
import type { DB, JsonValue } from '../../services/db/schema.generated.js';
import { createTestDatabase, type TestDatabase } from '../support/postgres.js';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');
const GENERATED = 'services/db/schema.generated.ts';

type Common = keyof Database & keyof DB;
type Shared<T extends Common> = keyof Database[T] & keyof DB[T] & string;
type Hand<T extends Common, C extends Shared<T>> = SelectType<Database[T][C]>;
type Gen<T extends Common, C extends Shared<T>> = SelectType<DB[T][C]>;
type Nullable<V> = null extends V ? true : false;
type OptionalOnInsert<V> = undefined extends InsertType<V> ? true : false;

/** Tables the schema has and the hand-written types lack, or the other way round. */
export type TableDrift =
  | `${Exclude<keyof DB, keyof Database> & string}: not typed by hand`
  | `${Exclude<keyof Database, keyof DB> & string}: not in the schema`;

/** For every table both know: columns missing or extra, nullability that differs, a hand type the column cannot hold. */
export type ColumnDrift = {
  [T in Common]:
    | `${T}.${Exclude<keyof DB[T], keyof Database[T]> & string}: not typed by hand`
    | `${T}.${Exclude<keyof Database[T], keyof DB[T]> & string}: not in the schema`
    | {
        // JSON columns carry the domain's own shape by hand; the schema knows only JSON (which includes null).
        [C in Shared<T>]: JsonValue extends Gen<T, C>
          ? never
          : [Nullable<Hand<T, C>>, Nullable<Gen<T, C>>] extends [true, false]
            ? `${T}.${C}: nullable by hand, not in the schema`
            : [Nullable<Hand<T, C>>, Nullable<Gen<T, C>>] extends [false, true]
              ? `${T}.${C}: nullable in the schema, not by hand`
              : Exclude<Hand<T, C>, null> extends Exclude<Gen<T, C>, null>
                ? never
                : `${T}.${C}: the hand-written type is not what the column holds`;
      }[Shared<T>]
    | {
        // A column the hand-written type lets an insert leave out must have a default (or allow null).
        [C in Shared<T>]: OptionalOnInsert<Database[T][C]> extends true
          ? OptionalOnInsert<DB[T][C]> extends true
            ? never
            : `${T}.${C}: optional on insert by hand, required by the schema`
          : never;
      }[Shared<T>];
}[Common];

/** Compiles only when `Drift` is never; otherwise tsc names each drift in the error. */
function noDrift<Drift extends never>(): Drift[] {
  return [];
}

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.drop();
});

describe('database types', () => {
  it('the hand-written tables agree with the generated ones', () => {
    expect(noDrift<TableDrift>()).toEqual([]);
    expect(noDrift<ColumnDrift>()).toEqual([]);
  });

  it(`${GENERATED} is what the migrations make (npm run db:types rewrites it)`, async () => {
    const url = new URL(database.url);
    // kysely-codegen connects with the URL as given; name the OS user when the URL has none (trust auth).
    if (url.username === '') url.username = process.env.PGUSER ?? process.env.USER ?? 'postgres';
    const write = process.env.ONDERSTROOM_WRITE_DB_TYPES === '1';
    const args = [
      '--dialect',
      'postgres',
      '--url',
      url.toString(),
      '--exclude-pattern',
      'schema_migrations*',
      // Calendar dates are selected as text (see CalendarDate in database.ts), not as local-midnight Dates.
      '--date-parser',
      'string',
      '--out-file',
      GENERATED,
      '--log-level',
      'error',
      ...(write ? [] : ['--verify']),
    ];
    const bin = path.join(ROOT, 'node_modules', '.bin', 'kysely-codegen');
    const result = await run(bin, args, { cwd: ROOT }).then(
      () => ({ ok: true, output: '' }),
      (error: { stdout?: string; stderr?: string }) => ({
        ok: false,
        output: `${error.stdout ?? ''}${error.stderr ?? ''}`,
      }),
    );
    expect(result.output, `${GENERATED} is stale: run npm run db:types`).toBe('');
    expect(result.ok).toBe(true);
  });
});
