// Every `onderstroom import` is in the access log with who ran it (`--as`, else the OS user), like an upload.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InvalidArgumentError } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importer } from '../../services/cli/commands/import.command.js';
import { createTestContext, type TestContext } from '../support/context.js';

const HEADER = 'Publicatiedatum;Bron;Url;Geplaatst door (optioneel);Bericht;Sentiment;PR-waarde';
let t: TestContext;
let file: string;

beforeAll(async () => {
  t = await createTestContext();
  file = path.join(t.dir, 'obi4wan-cli.csv');
  fs.writeFileSync(
    file,
    `${HEADER}\n20-1-2021 09:00;twitter;https://twitter.example/cli/status/1;@cli;De avondklok begint om negen uur;neutraal;0,00\n`,
  );
});

afterAll(async () => {
  await t.close();
});

describe('onderstroom import and the access log', () => {
  it('logs each CLI import with the user, and records the user on the import', async () => {
    const first = await t.context.imports.importFile(file, { preset: 'auto', requestedBy: 'cli:amira' });
    expect(first.imported).toBe(1);
    // Importing again imports nothing, and is logged again: the log is of reads and hand-ins, not of new rows.
    await t.context.imports.importFile(file, { preset: 'auto', requestedBy: `cli:${importer(undefined)}` });
    const logged = await t.context.database.pool.query<{ action: string; detail: Record<string, unknown> }>(
      `select action, detail from access_log where action = 'import.cli' order by id`,
    );
    expect(logged.rows).toHaveLength(2);
    expect(logged.rows[0]!.detail).toMatchObject({
      by: 'cli:amira',
      file,
      preset: 'obi4wan',
      origin: 'cli',
      bytes: fs.statSync(file).size,
    });
    expect(logged.rows[1]!.detail).toMatchObject({ by: `cli:${os.userInfo().username}` });
    const records = await t.context.imports.list(10);
    expect(records.map((record) => record.requestedBy).sort()).toEqual(
      ['cli:amira', `cli:${os.userInfo().username}`].sort(),
    );
    const ids = logged.rows.map((row) => row.detail.import_id);
    expect(ids.sort()).toEqual(records.map((record) => record.id).sort());
  });

  it('takes --as as a user name and refuses anything else', () => {
    expect(importer(' amira.k ')).toBe('amira.k');
    expect(importer(undefined)).toBe(os.userInfo().username);
    expect(() => importer('Amira; drop table')).toThrow(InvalidArgumentError);
    expect(() => importer('')).toThrow(/--as must be a user name/);
  });
});
