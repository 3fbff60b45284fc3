// Bad files never corrupt what is stored: each problem gets a message naming the row (or the file), valid rows of a
// partly bad file still import, and the counts of earlier imports do not move.
import fs from 'node:fs';
import iconv from 'iconv-lite';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportFileError } from '../../services/importers/import-file.js';
import { ImportAbortedError, ImportService } from '../../services/ingest/import.service.js';
import type { IngestService } from '../../services/ingest/ingest.service.js';
import { summaryLines } from '../../services/cli/commands/import.command.js';
import { adminQuery } from '../support/postgres.js';
import { createTestContext, type TestContext } from '../support/context.js';
import { recomputedRollups, storedRollups } from '../support/mentions.js';

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
      'a header with a million extra columns',
      () => `${HEADER}${';x'.repeat(1_000_000)}\n${row(1)}\n`,
      /row 1 \(the header row\) is longer than the first 1024 KiB .* more than [\d,]+ fields so far/,
    ],
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
    expect(reasons.has(6)).toBe(false);
    expect(summary.repeatedRows).toEqual([
      { row: 6, duplicateOf: 1, reason: 'duplicate of row 1 (same Url)' },
    ]);
    expect(summary.duplicates).toBe(1);
    // No reason repeats its row number: the row is printed once, beside it.
    for (const { reason } of summary.rejected) expect(reason).not.toMatch(/^row \d+:/);
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

describe('repeated rows, retention and interrupted imports', () => {
  it('counts rows repeating an earlier Url of the same file as duplicates, naming the row they repeat', async () => {
    const lines = [HEADER, ...Array.from({ length: 5 }, (_, i) => row(300 + i))];
    for (let i = 0; i < 5; i++)
      lines.push(row(400 + i, { url: `https://twitter.example/status/${300 + i}` }));
    const summary = await t.context.imports.importFile(write('repeats.csv', lines.join('\n')), {
      preset: 'auto',
    });
    expect(summary).toMatchObject({ rows: 10, imported: 5, duplicates: 5, rejected: [] });
    expect(summary.repeatedRows.map((r) => [r.row, r.duplicateOf])).toEqual([
      [6, 1],
      [7, 2],
      [8, 3],
      [9, 4],
      [10, 5],
    ]);
    const text = summaryLines(summary).join('\n');
    expect(text).toMatch(/rows rejected\s+0/);
    expect(text).toContain('row 6: duplicate of row 1 (same Url)');
  });

  it('names a future or pre-2000 date as written in the cell', async () => {
    const lines = [
      HEADER,
      row(510, { date: '1-1-2099 10:00' }),
      row(511, { date: '31-12-1999 23:30' }),
      row(512),
    ];
    const summary = await t.context.imports.importFile(write('dates.csv', lines.join('\n')), {
      preset: 'auto',
    });
    expect(summary.rejected).toEqual([
      { row: 1, reason: 'date "1-1-2099 10:00" is in the future' },
      { row: 2, reason: 'date "31-12-1999 23:30" is before 2000' },
    ]);
    expect(summaryLines(summary).join('\n')).toContain('    row 1: date "1-1-2099 10:00" is in the future');
  });

  it('prints each rejected row once, not "row 25: row 25:"', async () => {
    const lines = [HEADER, row(500), row(501, { date: 'gisteren' })];
    const summary = await t.context.imports.importFile(write('one-bad.csv', lines.join('\n')), {
      preset: 'auto',
    });
    const text = summaryLines(summary).join('\n');
    expect(text).toMatch(/^ {4}row 2: date "gisteren" could not be read/m);
    expect(text).not.toMatch(/row 2: row 2/);
  });

  it('counts retention from posting and says so for posts already past it', async () => {
    const recent = new Date(Date.now() - 3 * 86_400_000);
    const recentDate = `${recent.getUTCDate()}-${recent.getUTCMonth() + 1}-${recent.getUTCFullYear()} 12:00`;
    const lines = [HEADER, row(600), row(601), row(602, { date: recentDate })];
    const summary = await t.context.imports.importFile(write('old-posts.csv', lines.join('\n')), {
      preset: 'auto',
    });
    expect(summary.imported).toBe(3);
    expect(summary.pastRetention).toEqual({ rows: 2, retentionDays: 90 });
    expect(summaryLines(summary).join('\n')).toMatch(
      /2 of the imported mentions were posted more than 90 days ago: retention counts from posting/,
    );
    const rows = await sql<{ external_id: string; days: number }>`
      select external_id, extract(epoch from text_expires_at - posted_at) / 86400 as days from mentions
      where external_id like 'https://twitter.example/status/60_'`.execute(t.context.database.db);
    expect(rows.rows.map((r) => Number(r.days))).toEqual([90, 90, 90]);
    // The next retention run clears the two old posts' text and keeps the recent one.
    await t.context.retention.expireDueText(100);
    const left = await sql<{ external_id: string }>`
      select external_id from mentions where external_id like 'https://twitter.example/status/60_' and text is not null`.execute(
      t.context.database.db,
    );
    expect(left.rows.map((r) => r.external_id)).toEqual(['https://twitter.example/status/602']);
  });

  it('finishes exactly when the database drops its connections during the import', async () => {
    const before = await totals();
    const lines = [HEADER, ...Array.from({ length: 3_000 }, (_, i) => row(10_000 + i))];
    const file = write('dropped.csv', lines.join('\n'));
    let drops = 0;
    const terminate = () =>
      adminQuery(
        `select pg_terminate_backend(pid) from pg_stat_activity
         where datname = '${t.database.name}' and pid <> pg_backend_pid()`,
      );
    const importer = new ImportService(
      t.context.ingest,
      t.context.repositories.sources,
      t.context.repositories.imports,
      { retentionDays: 90, retry: { delaysMs: [50, 100, 200, 400, 800, 1_600] } },
    );
    const pending: Promise<unknown>[] = [];
    const summary = await importer.importFile(file, {
      preset: 'auto',
      batchSize: 200,
      onProgress: () => {
        if (drops < 3) {
          drops++;
          pending.push(terminate());
        }
      },
    });
    await Promise.all(pending);
    expect(drops).toBe(3);
    expect(summary.rows).toBe(3_000);
    // A batch whose commit was lost with its connection is stored by the retry, or was stored and then counts as a
    // duplicate of itself: either way every row is stored once.
    expect(summary.imported + summary.duplicates).toBe(3_000);
    const after = await totals();
    expect(after.mentions).toBe(before.mentions + 3_000);
    expect(after.rollups).toEqual(await recomputedRollups(t.context.database.db));
    const again = await importer.importFile(file, { preset: 'auto' });
    expect(again).toMatchObject({ imported: 0, duplicates: 3_000, rejected: [] });
  });

  it('gives up with a clear message when the database stays away, and records the run as failed', async () => {
    const unavailable: IngestService = Object.assign(Object.create(t.context.ingest) as IngestService, {
      store: () => Promise.reject(Object.assign(new Error('Connection terminated unexpectedly'), {})),
    });
    const importer = new ImportService(
      unavailable,
      t.context.repositories.sources,
      t.context.repositories.imports,
      {
        retentionDays: 90,
        retry: { delaysMs: [1, 1] },
      },
    );
    const lines = [HEADER, ...Array.from({ length: 3 }, (_, i) => row(700 + i))];
    const error = await importer
      .importFile(write('unavailable.csv', lines.join('\n')), { preset: 'auto' })
      .then(
        () => null,
        (caught: unknown) => caught,
      );
    expect(error).toBeInstanceOf(ImportAbortedError);
    expect((error as Error).message).toMatch(
      /the database stayed unavailable while storing the rows from row 1 \(3 attempts .*Connection terminated unexpectedly\).*import the file again/,
    );
    const [latest] = await t.context.imports.list(1);
    expect(latest).toMatchObject({ fileName: 'unavailable.csv', status: 'failed' });
    expect(latest!.error).toMatch(/stayed unavailable/);
  });

  it('shows an import whose process died as interrupted, and a live one as running', async () => {
    const start = (fileName: string) =>
      t.context.repositories.imports.start({
        fileName,
        fileSha256: '0'.repeat(64),
        fileBytes: 10,
        preset: 'obi4wan',
        sourceId: 'obi4wan',
      });
    const dead = await start('killed.csv');
    const alive = await start('busy.csv');
    await sql`update imports set heartbeat_at = now() - interval '5 minutes', rows_read = 1200, imported = 1000
      where id = ${dead}`.execute(t.context.database.db);
    await t.context.repositories.imports.beat(alive, {
      rowsRead: 10,
      imported: 8,
      duplicates: 2,
      rejectedCount: 0,
    });
    const listed = await t.context.imports.list(10);
    expect(listed.find((r) => r.id === dead)).toMatchObject({
      status: 'interrupted',
      rowsRead: 1200,
      imported: 1000,
    });
    expect(listed.find((r) => r.id === alive)).toMatchObject({
      status: 'running',
      imported: 8,
      duplicates: 2,
    });
  });
});

describe('mixed encodings and NUL bytes', () => {
  const textOf = async (urlPrefix: string) => {
    const rows = await sql<{ external_id: string; text: string }>`
      select external_id, text from mentions where external_id like ${`${urlPrefix}%`} order by external_id`.execute(
      t.context.database.db,
    );
    return new Map(rows.rows.map((r) => [r.external_id, r.text]));
  };
  const cp1252 = (text: string) => iconv.encode(text, 'win1252');

  it('reads Windows-1252 rows after the first MiB of a UTF-8 file, not garbled', async () => {
    const utf8Rows = Array.from({ length: 9_000 }, (_, i) =>
      row(20_000 + i, {
        url: `https://mixed.example/a/${i}`,
        text: `Café ${i} over de avondklok, één keer.`,
      }),
    );
    const head = Buffer.from([HEADER, ...utf8Rows].join('\n') + '\n', 'utf8');
    expect(head.length).toBeGreaterThan(1024 * 1024);
    const tail = cp1252(
      [
        row(30_000, { url: 'https://mixed.example/b/1', text: 'Geen €50 boete, maar één waarschuwing' }),
        row(30_001, { url: 'https://mixed.example/b/2', text: '“Privé” blijft privé' }),
      ].join('\n'),
    );
    const summary = await t.context.imports.importFile(
      write('late-cp1252.csv', Buffer.concat([head, tail])),
      {
        preset: 'auto',
      },
    );
    expect(summary).toMatchObject({ rows: 9_002, imported: 9_002, rejected: [] });
    const texts = await textOf('https://mixed.example/b/');
    expect(texts.get('https://mixed.example/b/1')).toBe('Geen €50 boete, maar één waarschuwing');
    expect(texts.get('https://mixed.example/b/2')).toBe('“Privé” blijft privé');
    expect((await textOf('https://mixed.example/a/1')).get('https://mixed.example/a/1')).toBe(
      'Café 1 over de avondklok, één keer.',
    );
  });

  it('reads UTF-8 and Windows-1252 rows mixed in the first lines, each as written', async () => {
    const content = Buffer.concat([
      Buffer.from(
        `${HEADER}\n${row(40_000, { url: 'https://mixed.example/c/1', text: 'Één café' })}\n`,
        'utf8',
      ),
      cp1252(`${row(40_001, { url: 'https://mixed.example/c/2', text: 'Twee cafés à €3' })}\n`),
      Buffer.from(`${row(40_002, { url: 'https://mixed.example/c/3', text: 'Drie “cafés” 😀' })}\n`, 'utf8'),
    ]);
    const summary = await t.context.imports.importFile(write('mixed-head.csv', content), { preset: 'auto' });
    expect(summary).toMatchObject({ rows: 3, imported: 3, rejected: [] });
    expect([...(await textOf('https://mixed.example/c/')).values()]).toEqual([
      'Één café',
      'Twee cafés à €3',
      'Drie “cafés” 😀',
    ]);
  });

  it('rejects only the row with a NUL byte in a cell, naming the row and the column', async () => {
    const before = await totals();
    const lines = [
      HEADER,
      row(50_000, { url: 'https://nul.example/1' }),
      row(50_001, { url: 'https://nul.example/2' }).replace('inwoner50001', 'inwo\u0000ner'),
      row(50_002, { url: 'https://nul.example/3' }),
    ];
    const summary = await t.context.imports.importFile(write('nul.csv', lines.join('\n')), {
      preset: 'auto',
    });
    expect(summary.imported).toBe(2);
    expect(summary.rejected).toEqual([
      {
        row: 2,
        reason:
          '"Geplaatst door (optioneel)" contains a NUL byte (binary data in a text cell); the row is left out',
      },
    ]);
    expect((await totals()).mentions).toBe(before.mentions + 2);
  });
});
