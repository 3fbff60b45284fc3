import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import zlib from 'node:zlib';
import { join } from 'node:path';

import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ImportFileError, openImport } from './import-file.js';
import type { ImportRow } from './import-file.js';
import { xlsxCell, xlsxProblem } from './xlsx-import.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'onderstroom-xlsx-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function workbook(name: string, rows: unknown[][], dateColumns: number[] = []): Promise<string> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Mentions');
  for (const row of rows) sheet.addRow(row);
  for (const column of dateColumns) sheet.getColumn(column).numFmt = 'yyyy-mm-dd hh:mm:ss';
  const path = join(dir, name);
  await book.xlsx.writeFile(path);
  return path;
}

async function readAll(path: string): Promise<{ preset: string; format: string; rows: ImportRow[] }> {
  const opened = await openImport(path, { preset: 'auto' });
  const rows: ImportRow[] = [];
  for await (const row of opened.rows()) rows.push(row);
  await opened.close();
  return { preset: opened.preset, format: opened.format, rows };
}

const BRANDWATCH_HEADER = [
  'Query Id',
  'Query Name',
  'Date',
  'Title',
  'Url',
  'Sentiment',
  'Page Type',
  'Language',
  'Country',
  'Full Text',
  'Author',
  'Impressions',
  'Engagement',
];

describe('XLSX exports', () => {
  it('Brandwatch with metadata rows, a date cell, a text date, a formula and rich text', async () => {
    // exceljs writes a date cell's wall-clock time as if it were UTC; the importer reads it as Amsterdam time.
    const wallClock = new Date(Date.UTC(2021, 0, 23, 21, 15));
    const path = await workbook(
      'brandwatch.xlsx',
      [
        ['Report:', 'Mentions'],
        ['Brand:', 'Synthetic test'],
        [],
        BRANDWATCH_HEADER,
        [
          1,
          'Q',
          wallClock,
          null,
          'https://x.example/1',
          'negative',
          'twitter',
          'nl',
          'Netherlands',
          'Stil op straat.',
          'a',
          900,
          5,
        ],
        [
          1,
          'Q',
          '2021-01-24 08:30:00.0',
          'Titel',
          'https://x.example/2',
          'neutral',
          'news',
          'nl',
          'Netherlands',
          { formula: 'CONCAT("=1","+1")', result: '=1+1' },
          'b',
          null,
          null,
        ],
        [
          1,
          'Q',
          '2021-01-24 09:00:00.0',
          null,
          'https://x.example/3',
          'positive',
          'forum',
          'nl',
          null,
          { richText: [{ text: 'Vet ' }, { font: { bold: true }, text: 'goed' }] },
          'c',
          '1.234',
          '7',
        ],
        [],
        [
          1,
          'Q',
          '31-02-2021',
          null,
          'https://x.example/4',
          'neutral',
          'forum',
          'nl',
          null,
          'Kapotte datum',
          'd',
        ],
      ],
      [3],
    );
    const { preset, format, rows } = await readAll(path);
    expect({ preset, format }).toEqual({ preset: 'brandwatch', format: 'xlsx' });
    expect(rows.map((row) => row.row)).toEqual([1, 2, 3, 5]);
    const [first, second, third, fourth] = rows;
    expect(first).toMatchObject({
      mention: {
        postedAt: new Date('2021-01-23T20:15:00Z'),
        text: 'Stil op straat.',
        reach: 900,
        engagement: 5,
      },
    });
    expect(second).toMatchObject({
      mention: { text: '=1+1', title: 'Titel', postedAt: new Date('2021-01-24T07:30:00Z') },
    });
    expect(third).toMatchObject({ mention: { text: 'Vet goed', reach: 1234, engagement: 7 } });
    expect(fourth).toEqual({
      row: 5,
      error: 'row 5: date "31-02-2021" does not exist',
      problem: 'date "31-02-2021" does not exist',
    });
  });

  it('Talkwalker with epoch milliseconds as numbers and numeric sentiment', async () => {
    const path = await workbook('talkwalker.xlsx', [
      ['url', 'published', 'title', 'content', 'lang', 'source_type', 'sentiment', 'engagement', 'reach'],
      ['https://x.example/1', 1611435600000, null, 'Avondklok.', 'nl', 'SOCIALMEDIA_TWITTER', -2, 3, 100],
      ['https://x.example/2', 1611435660000, 'Kop', null, 'nl', 'ONLINENEWS', 4, null, null],
    ]);
    const { preset, rows } = await readAll(path);
    expect(preset).toBe('talkwalker');
    expect(rows).toMatchObject([
      {
        row: 1,
        mention: { postedAt: new Date(1611435600000), toolSentiment: 'negative', engagement: 3, reach: 100 },
      },
      { row: 2, mention: { text: 'Kop', title: 'Kop', toolSentiment: 'positive' } },
    ]);
  });

  it('a workbook without a known header lists the presets', async () => {
    const path = await workbook('unknown.xlsx', [
      ['naam', 'adres'],
      ['Jan', 'Brink 1'],
    ]);
    const error = await openImport(path, { preset: 'auto' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportFileError);
    expect((error as Error).message).toContain('"naam | adres"');
    expect((error as Error).message).toContain('  - Talkwalker');
  });

  it('a truncated workbook is an ImportFileError, not a crash or a hang', async () => {
    const full = await readFile(
      await workbook('full.xlsx', [
        BRANDWATCH_HEADER,
        ...Array.from({ length: 2000 }, (_, i) => [
          1,
          'Q',
          '2021-01-24 08:30:00.0',
          null,
          `https://x.example/${i}`,
          'neutral',
          'news',
          'nl',
          null,
          `Tekst ${i} `.repeat(20),
          'a',
        ]),
      ]),
    );
    const path = join(dir, 'truncated.xlsx');
    await writeFile(path, full.subarray(0, Math.floor(full.length / 2)));
    const outcome = await readAll(path).then(
      (result) => result,
      (e: unknown) => e,
    );
    expect(outcome).toBeInstanceOf(ImportFileError);
    expect((outcome as Error).message).toMatch(/could not be read as an XLSX workbook/);
  });

  it('a zip archive that is not a workbook is an ImportFileError', async () => {
    // The smallest zip: one empty stored file (its CRC-32 is 0), central directory, end record.
    const name = Buffer.from('a.txt');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(10, 4);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(10, 6);
    central.writeUInt16LE(name.length, 28);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(1, 8);
    end.writeUInt16LE(1, 10);
    end.writeUInt32LE(central.length + name.length, 12);
    end.writeUInt32LE(local.length + name.length, 16);
    const path = join(dir, 'archive.zip');
    await writeFile(path, Buffer.concat([local, name, central, name, end]));
    const error = await openImport(path, { preset: 'auto' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportFileError);
    expect((error as Error).message).toBe('"archive.zip" is a zip file but has no worksheet.');
  });

  it('reduces exceljs cell values to text, numbers and dates without evaluating formulas', () => {
    expect(xlsxCell({ formula: 'A1+1' })).toBe('=A1+1');
    expect(xlsxCell({ sharedFormula: 'B2', result: 4 })).toBe(4);
    expect(xlsxCell({ text: 'link', hyperlink: 'https://x.example' })).toBe('link');
    expect(xlsxCell({ error: '#N/A' })).toBeNull();
    expect(xlsxCell(true)).toBe('TRUE');
    expect(xlsxCell(undefined)).toBeNull();
  });
});

/** A zip archive of stored (uncompressed) entries, enough for a hand-written workbook. */
function storedZip(entries: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(entries)) {
    const data = Buffer.from(content, 'utf8');
    const fileName = Buffer.from(name, 'utf8');
    const crc = zlib.crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(fileName.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, fileName, data);
    centrals.push(central, fileName);
    offset += local.length + fileName.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

describe('XLSX written without cell references', () => {
  it('says what is missing and how to fix it instead of "Cannot read properties of undefined"', async () => {
    const cells = (values: string[]) =>
      `<row>${values.map((v) => `<c t="inlineStr"><is><t>${v}</t></is></c>`).join('')}</row>`;
    const sheet =
      '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
      cells([
        'Publicatiedatum',
        'Bron',
        'Url',
        'Geplaatst door (optioneel)',
        'Bericht',
        'Sentiment',
        'PR-waarde',
      ]) +
      cells(['29-1-2021 10:00', 'twitter', 'https://x.example/1', 'a', 'Hallo', 'neutraal', '0']) +
      '</sheetData></worksheet>';
    const path = join(dir, 'no-references.xlsx');
    await writeFile(
      path,
      storedZip({
        '[Content_Types].xml':
          '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
        '_rels/.rels':
          '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        'xl/workbook.xml':
          '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Mentions" sheetId="1" r:id="rId1"/></sheets></workbook>',
        'xl/_rels/workbook.xml.rels':
          '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        'xl/worksheets/sheet1.xml': sheet,
      }),
    );
    const error = await readAll(path).then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ImportFileError);
    expect((error as Error).message).toMatch(
      /"no-references\.xlsx" could not be read as an XLSX workbook while looking for its header in row 1 of the sheet: its rows or cells have no cell reference \(the r attribute\).*save it again as \.xlsx/,
    );
    expect((error as Error).message).not.toMatch(/Cannot read properties/);
  });

  it('turns "Invalid string length" into a text that is too long', () => {
    expect(xlsxProblem(new RangeError('Invalid string length'))).toMatch(
      /one of its texts is too long to read/,
    );
  });
});
