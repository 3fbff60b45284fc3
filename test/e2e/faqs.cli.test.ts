// `onderstroom faqs import` as a user runs it (the built CLI): JSON output, twice = once, a changed row a version,
// and a refused file that names row and column, exits non-zero and stores nothing.
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
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

async function versions(): Promise<number> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    return Number((await client.query<{ n: string }>('select count(*) as n from faq_versions')).rows[0]!.n);
  } finally {
    await client.end();
  }
}

describe('onderstroom faqs import', () => {
  it('imports a list once, however often it is run; a changed row is a new version', async () => {
    const file = path.join(dir, 'faqs.json');
    const list = [
      {
        id: 'r1',
        vraag: 'Moet ik een mondkapje dragen?',
        antwoord: 'Ja, in de winkel.',
        onderwerp: 'mondkapjes',
      },
      { id: 'r2', vraag: 'Mag ik op bezoek?', antwoord: 'Ja, met twee personen.', doelgroep: 'inwoners' },
    ];
    fs.writeFileSync(file, JSON.stringify(list));
    const first = await runCli(['faqs', 'import', file, '--status', 'gepubliceerd', '--json'], variables);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toEqual({
      file: 'faqs.json',
      rows: 2,
      new: 2,
      changed: 0,
      unchanged: 0,
    });
    const second = await runCli(['faqs', 'import', file, '--json'], variables);
    expect(JSON.parse(second.stdout)).toMatchObject({ new: 0, changed: 0, unchanged: 2 });
    fs.writeFileSync(file, JSON.stringify([list[0], { ...list[1], antwoord: 'Ja, met drie personen.' }]));
    const third = await runCli(['faqs', 'import', file, '--json'], variables);
    expect(JSON.parse(third.stdout)).toMatchObject({ new: 0, changed: 1, unchanged: 1 });
    expect(await versions()).toBe(3);
  });

  it('refuses a file with problems, naming row and column, and stores nothing', async () => {
    const file = path.join(dir, 'fout.csv');
    fs.writeFileSync(file, 'id;vraag;antwoord;opmerking\nx;Vraag?;;\n');
    const before = await versions();
    const result = await runCli(['faqs', 'import', file], variables);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('row 1, column opmerking: unknown column');
    const json = await runCli(['faqs', 'import', file, '--json'], variables);
    expect(json.code).not.toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({
      file: 'fout.csv',
      problems: [{ row: 1, column: 'opmerking' }],
    });
    expect(await versions()).toBe(before);
  });
});
