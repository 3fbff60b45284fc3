// Bad files never corrupt what is stored: each problem gets a message naming the row (or the file), valid rows of a
// partly bad file still import, and the counts of earlier imports do not move.
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportFileError } from '../services/importers/import-file.js';
import { createTestContext, type TestContext } from './support/context.js';
import { recomputedRollups, storedRollups } from './support/mentions.js';

const HEADER = 'Publicatiedatum;Bron;Url;Geplaatst door (optioneel);Bericht;Sentiment;PR-waarde';
let t: TestContext;

function row(i: number, overrides: { date?: string; url?: string; text?: string } = {}): string {
  const date =
    overrides.date ??
    `${1 + (i % 28)}-1-2021 ${String(8 + (i % 12)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`;
  return `${date};twitter;${overrides.url ?? `https://twitter.example/status/${i}`};inwoner${i};"${overrides.text ?? `Bericht ${i} over de avondklok in Huizen.`}";neutraal;10`;
}

function write(name: string, content: string | Buffer): string {
  const file = path.join(t.dir, name);
  fs.writeFileSync(file, content);
  return file;
}

async function totals() {
  const result = await sql<{ n: string }>`select count(*) as n from mentions`.execute(t.context.database.db);
  return { mentions: Number(result.rows[0]!.n), rollups: await storedRollups(t.context.database.db) };
}

beforeAll(async () => {
  t = await createTestContext();
  const good = write(
    'good.csv',
    [HEADER, ...Array.from({ length: 50 }, (_, i) => row(i))].join('\r\n') + '\r\n',
  );
  const summary = await t.context.imports.importFile(good, { preset: 'auto' });
  expect(summary).toMatchObject({ rows: 50, imported: 50, duplicates: 0, rejected: [] });
});
afterAll(async () => t.close());

describe('importing bad input', () => {
  const fileErrors: [string, () => string | Buffer, RegExp][] = [
    ['an empty file', () => '', /empty/i],
    [
      'binary junk',
      () => Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)),
      /binary|not a (text|CSV)|cannot/i,
    ],
    ['unknown headers', () => 'Datum;Kanaal;Tekst\n1-1-2021;x;y\n', /header|expects|preset/i],
    [
      'a wrong delimiter',
      () => [HEADER.replace(/;/g, ','), row(1).replace(/;/g, ',')].join('\n'),
      /delimit|separat|header/i,
    ],
  ];
  for (const [name, content, message] of fileErrors) {
    it(`refuses ${name} with a clear message and changes nothing`, async () => {
      const before = await totals();
      const error = await t.context.imports
        .importFile(write(`${name}.csv`, content()), { preset: 'auto' })
        .then(
          () => null,
          (caught: unknown) => caught,
        );
      expect(error).toBeInstanceOf(ImportFileError);
      expect((error as Error).message).toMatch(message);
      expect(await totals()).toEqual(before);
    });
  }

  it('imports the valid rows of a partly bad file and names each bad row', async () => {
    const before = await totals();
    const lines = [
      HEADER,
      row(100),
      row(101, { date: '31-02-2021 10:00' }),
      row(102, { date: 'gisteren' }),
      row(103),
      row(104, { text: 'x'.repeat(10 * 1024 * 1024) }),
      row(105, { url: 'https://twitter.example/status/100' }),
      `${row(106)};extra;fields`,
      row(107),
      '29-1-2021 10:00;twitter;https://twitter.example/status/108;inwoner;"dit bericht is afgebroken',
    ];
    const summary = await t.context.imports.importFile(write('partly-bad.csv', lines.join('\r\n')), {
      preset: 'obi4wan',
    });
    expect(summary.imported).toBe(3);
    const reasons = new Map(summary.rejected.map((r) => [r.row, r.reason]));
    expect(reasons.get(2)).toMatch(/31-02-2021.*does not exist/);
    expect(reasons.get(3)).toMatch(/gisteren/);
    expect(reasons.get(5)).toMatch(/too (long|large)|exceeds|characters/i);
    expect(reasons.get(6)).toMatch(/duplicate of row 1/);
    expect(reasons.get(7)).toMatch(/field/i);
    expect(reasons.get(9)).toMatch(/quote|truncat|end of the file/i);
    expect(summary.rows).toBe(9);
    const after = await totals();
    expect(after.mentions).toBe(before.mentions + 3);
    // Earlier imports' buckets only grew by the new rows: the stored rollups still equal a recount from the mentions.
    expect(after.rollups).toEqual(await recomputedRollups(t.context.database.db));
  });

  it('counts a re-import of the good file as duplicates only', async () => {
    const before = await totals();
    const summary = await t.context.imports.importFile(path.join(t.dir, 'good.csv'), { preset: 'obi4wan' });
    expect(summary).toMatchObject({ imported: 0, duplicates: 50, rejected: [] });
    expect(await totals()).toEqual(before);
  });
});
