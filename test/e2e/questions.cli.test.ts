// `onderstroom questions import` as a user runs it (the built CLI): JSON output, row messages, twice = once, and a
// clear error with a non-zero exit for a file that is not a question log.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, runCli } from '../support/cli.js';
import { createTestEnv } from '../support/context.js';
import type { TestDatabase } from '../support/postgres.js';

let variables: Record<string, string>;
let database: TestDatabase;
let dir: string;

beforeAll(async () => {
  assertBuilt();
  ({ variables, database, dir } = await createTestEnv());
});

afterAll(async () => {
  await database.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('onderstroom questions import', () => {
  it('imports a KCC log once, however often it is run', async () => {
    const file = path.join(dir, 'log.csv');
    fs.writeFileSync(
      file,
      'Kenmerk,Ontvangen,Kanaal,Vraag\n' +
        'A1,2026-12-01 09:00,telefoon,Moet ik een mondkapje dragen in de bus?\n' +
        'A2,2026-12-01 09:05,webformulier,Wanneer opent de bibliotheek weer?\n' +
        'A3,gisteren,telefoon,Kapotte datum\n',
    );
    const first = await runCli(['questions', 'import', file, '--json'], variables);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({
      preset: 'kcc',
      rows: 3,
      new: 2,
      duplicates: 0,
      errors: [{ row: 4, message: expect.stringMatching(/^row 4, received: "gisteren"/) as unknown }],
    });
    const second = await runCli(['questions', 'import', file, '--json'], variables);
    expect(JSON.parse(second.stdout)).toMatchObject({ new: 0, duplicates: 2 });
  });

  it('refuses a file that is not a question log', async () => {
    const file = path.join(dir, 'anders.csv');
    fs.writeFileSync(file, 'a;b\n1;2\n');
    const result = await runCli(['questions', 'import', file, '--preset', 'kiss'], variables);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/"anders\.csv" is not a kiss question log: no column for channel/);
  });
});
