import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { RawMention } from '../ingest/raw-mention.js';
import { ImportFileError, openImport, sourceKindOf } from './import-file.js';
import type { ImportRow, OpenImportOptions } from './import-file.js';

const testdata = (name: string): string => fileURLToPath(new URL(`./testdata/${name}`, import.meta.url));
const OBI_HEADER = 'Publicatiedatum;Bron;Url;Geplaatst door (optioneel);Bericht;Sentiment;PR-waarde';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'onderstroom-importers-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

let fileCounter = 0;
async function file(content: string | Uint8Array, name = `export-${++fileCounter}.csv`): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

async function readAll(path: string, options: OpenImportOptions = { preset: 'auto' }): Promise<ImportRow[]> {
  const opened = await openImport(path, options);
  const rows: ImportRow[] = [];
  for await (const row of opened.rows()) rows.push(row);
  await opened.close();
  return rows;
}

function mentions(rows: ImportRow[]): RawMention[] {
  return rows.flatMap((row) => ('mention' in row ? [row.mention] : []));
}

function errors(rows: ImportRow[]): string[] {
  return rows.flatMap((row) => ('error' in row ? [row.error] : []));
}

function obi(...lines: string[]): string {
  return [OBI_HEADER, ...lines].join('\r\n') + '\r\n';
}

async function fileError(path: string, options: OpenImportOptions = { preset: 'auto' }): Promise<string> {
  const error = await openImport(path, options).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportFileError);
  return (error as ImportFileError).message;
}

describe('OBI4wan CSV', () => {
  it('reads quoted fields with delimiters, doubled quotes and line breaks, and keeps formula-like text as text', async () => {
    const opened = await openImport(testdata('obi4wan-quoting.csv'), { preset: 'auto' });
    expect(opened).toMatchObject({ preset: 'obi4wan', format: 'csv' });
    const rows: ImportRow[] = [];
    for await (const row of opened.rows()) rows.push(row);
    await opened.close();
    expect(errors(rows)).toEqual([]);
    const [first, news, multiline, formula, minus, plus] = mentions(rows);
    expect(first).toEqual({
      externalId: 'https://twitter.example/annevdb/status/1001',
      url: 'https://twitter.example/annevdb/status/1001',
      postedAt: new Date('2021-01-29T13:05:00Z'),
      author: '@annevdb',
      platform: 'twitter',
      title: null,
      text: 'Avondklok om 21.00 uur, ik snap het niet.',
      language: null,
      reach: null,
      engagement: null,
      toolSentiment: 'negative',
      country: null,
    } satisfies RawMention);
    expect(news?.text).toBe('Teststraat in Hilversum; lange rij auto\'s bij de "XL-testlocatie"');
    expect(news?.postedAt).toEqual(new Date('2021-01-28T23:00:00Z'));
    expect(news?.toolSentiment).toBe('neutral');
    expect(multiline?.text).toBe('Eerste regel.\nTweede regel; met puntkomma.\nDerde regel.');
    expect(formula?.text).toBe('=HYPERLINK("https://evil.example","klik")');
    expect(formula?.url).toBeNull();
    expect(formula?.externalId).toMatch(/^sha256:[0-9a-f]{32}$/);
    expect(minus?.text).toBe('-5 graden en nog steeds rijen bij de teststraat');
    expect(minus?.author).toBe('@buurman');
    expect(minus?.toolSentiment).toBeNull();
    expect(plus?.author).toBe('+31 6 nummer');
    expect(plus?.text).toBe('@GemeenteHuizen waarom is de Oude Haven dicht?');
    expect(plus?.toolSentiment).toBe('negative');
    expect(rows.map((row) => row.row)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('reads the header variant with dots and converts the DST edge hours by the documented rule', async () => {
    const rows = await readAll(testdata('obi4wan-dotted-header.csv'), { preset: 'obi4wan' });
    const [autumn, spring] = mentions(rows);
    expect(autumn?.author).toBe('@a');
    // 02:30 occurs twice on 31-10-2021: the first occurrence, still summer time (UTC+2).
    expect(autumn?.postedAt).toEqual(new Date('2021-10-31T00:30:00Z'));
    // 02:30 does not exist on 28-3-2021: read with the winter offset, which is 03:30 summer time.
    expect(spring?.postedAt).toEqual(new Date('2021-03-28T01:30:00Z'));
  });

  it('detects Windows-1252 and UTF-8 (with a BOM) and reads the same text from both', async () => {
    const text = 'Café in Blaricum dicht, €50 boete… “belachelijk”';
    const content = obi(`29-1-2021 14:05;twitter;https://twitter.example/a/status/1;@a;${text};negatief;0`);
    const cp1252 = await openImport(await file(iconv.encode(content, 'win1252')), { preset: 'auto' });
    const utf8 = await openImport(
      await file(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(content)])),
      {
        preset: 'auto',
      },
    );
    expect(cp1252.encoding).toBe('windows-1252');
    expect(utf8.encoding).toBe('utf-8');
    for (const opened of [cp1252, utf8]) {
      const rows: ImportRow[] = [];
      for await (const row of opened.rows()) rows.push(row);
      expect(mentions(rows)[0]?.text).toBe(text);
    }
  });

  it('decides the encoding when the first non-ASCII byte comes after the first megabyte', async () => {
    const filler = Array.from(
      { length: 6000 },
      (_, i) =>
        `29-1-2021 14:05;twitter;https://twitter.example/a/status/${i};@a;${'x'.repeat(180)};neutraal;0`,
    );
    const content = obi(
      ...filler,
      '29-1-2021 14:06;twitter;https://twitter.example/b/status/1;@b;Één café;positief;0',
    );
    const opened = await openImport(await file(iconv.encode(content, 'win1252')), { preset: 'obi4wan' });
    const rows: ImportRow[] = [];
    for await (const row of opened.rows()) rows.push(row);
    expect(errors(rows)).toEqual([]);
    expect(mentions(rows).at(-1)?.text).toBe('Één café');
    expect(opened.encoding).toBe('windows-1252');
  });

  it('gives a row without Url the same content id in a re-import, and a different one for other content', async () => {
    const content = obi(
      '29-1-2021 14:05;forum;;buurman;Zelfde tekst;neutraal;0',
      '29-01-2021 14:05;forum;;buurman;Andere tekst;neutraal;0',
    );
    const first = mentions(await readAll(await file(content)));
    const again = mentions(await readAll(await file(content)));
    expect(first[0]?.externalId).toBe(again[0]?.externalId);
    expect(first[0]?.externalId).not.toBe(first[1]?.externalId);
  });

  it('reports impossible and unreadable dates, missing values and wrong field counts, and keeps the good rows', async () => {
    const rows = await readAll(
      await file(
        obi(
          '31-02-2021;twitter;https://twitter.example/a/status/1;@a;Tekst;neutraal;0',
          'gisteren;twitter;https://twitter.example/a/status/2;@a;Tekst;neutraal;0',
          '29-1-2021 25:10;twitter;https://twitter.example/a/status/3;@a;Tekst;neutraal;0',
          ';twitter;https://twitter.example/a/status/4;@a;Tekst;neutraal;0',
          '29-1-2021;twitter;https://twitter.example/a/status/5;@a;  ;neutraal;0',
          '29-1-2021;twitter;https://twitter.example/a/status/6;@a;Te weinig velden',
          '29-1-2021;twitter;https://twitter.example/a/status/7;@a;Te;veel;velden;hier',
          '29-1-2021;twitter;https://twitter.example/a/status/8;@a;Goed;neutraal;0',
          '29-1-2021;twitter;https://twitter.example/a/status/9;@a;Lege extra velden;neutraal;0;;',
        ),
      ),
    );
    expect(errors(rows)).toEqual([
      'row 1: date "31-02-2021" does not exist',
      'row 2: date "gisteren" could not be read (expected D-M-YYYY, optionally with a time H:MM)',
      'row 3: date "29-1-2021 25:10" does not exist',
      'row 4: Publicatiedatum is empty',
      'row 5: Bericht is empty',
      'row 6: has 5 fields where the header has 7 (a broken line, or a quote in the wrong place)',
      'row 7: has 8 fields where the header has 7 (a ; inside a value that is not quoted?)',
      'row 9: has 9 fields where the header has 7 (a ; inside a value that is not quoted?)',
    ]);
    expect(mentions(rows).map((m) => m.text)).toEqual(['Goed']);
    expect(rows.map((row) => row.row)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('accepts rows that all end with a delimiter the header does not have, and nothing more', async () => {
    const rows = await readAll(
      await file(
        obi(
          '29-1-2021;twitter;https://x.example/1;@a;Een;neutraal;0;',
          '29-1-2021;twitter;https://x.example/2;@a;Twee;neutraal;0;',
          '29-1-2021;twitter;https://x.example/3;@a;Drie;neutraal;0;',
          '29-1-2021;twitter;https://x.example/4;@a;Vier;neutraal;0;niet leeg',
        ),
      ),
    );
    expect(mentions(rows).map((m) => m.text)).toEqual(['Een', 'Twee', 'Drie']);
    expect(errors(rows)).toEqual([
      'row 4: has 8 fields where the header has 7 (a ; inside a value that is not quoted?)',
    ]);
  });

  it('reports a repeated row as a duplicate of the row it repeats, not as an error', async () => {
    const lines = Array.from(
      { length: 13 },
      (_, i) =>
        `29-1-2021 14:${String(i).padStart(2, '0')};twitter;https://twitter.example/a/status/${i};@a;Post ${i};neutraal;0`,
    );
    lines.push('30-1-2021 10:00;twitter;https://twitter.example/a/status/11;@a;Opnieuw;neutraal;0');
    lines.push(
      '30-1-2021 10:00;forum;;@b;Zonder url;neutraal;0',
      '30-1-2021 10:00;forum;;@b;Zonder url;neutraal;0',
    );
    const rows = await readAll(await file(obi(...lines)));
    expect(errors(rows)).toEqual([]);
    expect(rows.flatMap((row) => ('duplicateOf' in row ? [row] : []))).toEqual([
      { row: 14, duplicateOf: 12, problem: 'duplicate of row 12 (same Url)' },
      { row: 16, duplicateOf: 15, problem: 'duplicate of row 15 (same date, author and text)' },
    ]);
    expect(mentions(rows)).toHaveLength(14);
  });

  it('reports a file cut off inside a quoted value as an error on its last row', async () => {
    const content =
      obi('29-1-2021;twitter;https://twitter.example/a/status/1;@a;Heel;neutraal;0') +
      '29-1-2021;twitter;https://twitter.example/a/status/2;@a;"Afgebroken midden in';
    const rows = await readAll(await file(content));
    expect(mentions(rows)).toHaveLength(1);
    expect(errors(rows)).toEqual([
      'row 2: a quoted value in "Bericht" is not closed before the end of the file (is the file cut off, or is a closing quote missing?)',
    ]);
  });

  it('refuses a 10 MB cell for its row only and carries on after it', async () => {
    const huge = 'a'.repeat(10 * 1024 * 1024);
    const content = obi(
      '29-1-2021;twitter;https://twitter.example/a/status/1;@a;Ervoor;neutraal;0',
      `29-1-2021;twitter;https://twitter.example/a/status/2;@a;"${huge}";neutraal;0`,
      '29-1-2021;twitter;https://twitter.example/a/status/3;@a;Erna;neutraal;0',
    );
    const rows = await readAll(await file(content));
    expect(errors(rows)).toEqual([
      `row 2: "Bericht" has ${huge.length} characters, more than the limit of 1000000`,
    ]);
    expect(mentions(rows).map((m) => m.text)).toEqual(['Ervoor', 'Erna']);
  });

  it('reports progress in bytes and can be closed early', async () => {
    const lines = Array.from(
      { length: 20000 },
      (_, i) =>
        `29-1-2021 14:05;twitter;https://twitter.example/a/status/${i};@a;${'tekst '.repeat(30)};neutraal;0`,
    );
    const opened = await openImport(await file(obi(...lines)), { preset: 'obi4wan' });
    expect(opened.bytesRead()).toBe(0);
    let seen = 0;
    for await (const _row of opened.rows()) {
      if (++seen === 10) break;
    }
    expect(opened.bytesRead()).toBeGreaterThan(0);
    expect(opened.bytesRead()).toBeLessThan(opened.bytesTotal);
    await opened.close();
    await opened.close();
    expect(() => opened.rows()).toThrow(/once/);
  });
});

describe('file-level problems', () => {
  it('a header without rows is not a problem: it has no rows', async () => {
    expect(await readAll(await file(obi()))).toEqual([]);
    expect(await readAll(await file(OBI_HEADER))).toEqual([]);
  });

  it('an Excel "sep=;" line above the header is skipped', async () => {
    const rows = await readAll(
      await file('sep=;\r\n' + obi('29-1-2021;twitter;https://x.example/1;@a;Tekst;neutraal;0')),
    );
    expect(rows).toMatchObject([{ row: 1, mention: { text: 'Tekst' } }]);
  });

  it('an empty file', async () => {
    expect(await fileError(await file(''))).toMatch(/is empty \(0 bytes\)/);
    expect(await fileError(await file('\uFEFF  \r\n'))).toMatch(/has no content/);
  });

  it('binary junk', async () => {
    const junk = Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256);
    expect(await fileError(await file(junk))).toMatch(/contains binary data/);
  });

  it('a PDF, an old .xls and a file that does not exist', async () => {
    expect(await fileError(await file('%PDF-1.4\n...'))).toMatch(/PDF document/);
    const xls = Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    expect(await fileError(await file(xls))).toMatch(/Excel 97-2003/);
    expect(await fileError(join(dir, 'missing.csv'))).toMatch(/does not exist/);
  });

  it('an unknown header lists what each preset expects', async () => {
    const message = await fileError(await file('naam;adres;woonplaats\r\nJan;Dorpsstraat 1;Laren\r\n'));
    expect(message).toContain('has no header row of a supported export');
    expect(message).toContain('"naam;adres;woonplaats"');
    for (const expected of ['OBI4wan', 'Coosto', 'Brandwatch', 'Meltwater', 'Talkwalker']) {
      expect(message).toContain(`  - ${expected}`);
    }
    expect(message).toContain(
      'Publicatiedatum;Bron;Url;Geplaatst door (optioneel);Bericht;Sentiment;PR-waarde',
    );
  });

  it('a header that lacks required columns names the closest preset and what it misses', async () => {
    const message = await fileError(
      await file('Publicatiedatum;Bron;Url\r\n29-1-2021;twitter;https://x.example/1\r\n'),
    );
    expect(message).toContain('Closest is OBI4wan (row 1), which also needs: Bericht.');
  });

  it('a header of another tool than the preset asked for', async () => {
    const message = await fileError(testdata('coosto-nl.csv'), { preset: 'obi4wan' });
    expect(message).toContain('is not an OBI4wan export');
    expect(message).toContain('It looks like a Coosto export: import it with preset "coosto" or "auto".');
  });

  it('says "an OBI4wan export" when an OBI4wan file is imported with another preset', async () => {
    const message = await fileError(
      await file(`${OBI_HEADER}\r\n29-1-2021;twitter;https://x.example/1;@a;Tekst;neutraal;0\r\n`),
      { preset: 'coosto' },
    );
    expect(message).toContain('It looks like an OBI4wan export: import it with preset "obi4wan" or "auto".');
  });

  it('a wrong delimiter in the header', async () => {
    const content =
      OBI_HEADER.replace(/;/g, ',') + '\r\n29-1-2021,twitter,https://x.example/1,@a,Tekst,neutraal,0\r\n';
    const message = await fileError(await file(content));
    expect(message).toContain("has OBI4wan's header row, but its columns are separated by commas (,)");
    expect(message).toContain('OBI4wan exports use semicolons (;)');
  });

  it('rows separated by another delimiter than the header', async () => {
    const rows = Array.from(
      { length: 5 },
      (_, i) => `29-1-2021,twitter,https://x.example/${i},@a,Tekst ${i},neutraal,0`,
    );
    const message = await fileError(await file(obi(...rows)));
    expect(message).toContain(
      'the header row is separated by semicolons (;), but the rows below it by commas (,)',
    );
  });
});

describe('other tools', () => {
  it('names the source kind after the preset', () => {
    expect(sourceKindOf('obi4wan')).toBe('obi4wan');
    expect(sourceKindOf('talkwalker')).toBe('talkwalker');
  });

  it('Coosto with Dutch and with English headers', async () => {
    const dutch = mentions(await readAll(testdata('coosto-nl.csv')));
    expect(dutch).toHaveLength(2);
    expect(dutch[0]).toMatchObject({
      postedAt: new Date('2021-01-20T18:45:00Z'),
      platform: 'twitter',
      reach: 1200,
      author: 'laurens',
      toolSentiment: 'negative',
    });
    expect(dutch[1]).toMatchObject({
      postedAt: new Date('2021-01-21T06:00:00Z'),
      title: 'Avondklok vanaf zaterdag',
      reach: 54000,
    });
    const english = await openImport(testdata('coosto-en.csv'), { preset: 'auto' });
    expect(english.preset).toBe('coosto');
    await english.close();
    expect(mentions(await readAll(testdata('coosto-en.csv')))[0]).toMatchObject({
      text: 'Fijn dat de GGD zo snel test.',
      toolSentiment: 'positive',
    });
  });

  it('Brandwatch CSV with metadata rows above the header', async () => {
    const opened = await openImport(testdata('brandwatch-mentions.csv'), { preset: 'auto' });
    expect(opened.preset).toBe('brandwatch');
    const rows: ImportRow[] = [];
    for await (const row of opened.rows()) rows.push(row);
    expect(errors(rows)).toEqual([]);
    const [tweet, news, facebook] = mentions(rows);
    expect(tweet).toMatchObject({
      postedAt: new Date('2021-01-23T20:15:00Z'),
      author: 'jan_bakker',
      platform: 'twitter',
      language: 'nl',
      country: 'Netherlands',
      reach: 1250,
      engagement: 16,
      toolSentiment: 'negative',
    });
    expect(news).toMatchObject({
      text: 'Drukte bij de teststraat in Bussum.',
      title: 'Teststraat druk',
      author: 'Meerbode',
    });
    expect(facebook).toMatchObject({
      language: 'en',
      engagement: 36,
      reach: null,
      toolSentiment: 'positive',
    });
    expect(rows.map((row) => row.row)).toEqual([1, 2, 3]);
  });

  it('Meltwater in UTF-16LE with tabs, with the time in its own column', async () => {
    const opened = await openImport(testdata('meltwater-utf16le.csv'), { preset: 'auto' });
    expect(opened).toMatchObject({ preset: 'meltwater', encoding: 'utf-16le' });
    const rows: ImportRow[] = [];
    for await (const row of opened.rows()) rows.push(row);
    expect(errors(rows)).toEqual([]);
    const [tweet, article] = mentions(rows);
    expect(tweet).toMatchObject({
      postedAt: new Date('2021-01-23T20:05:00Z'),
      text: 'Eerste avond avondklok in Hilversum, het is erg rustig.',
      title: 'Avondklok in Hilversum',
      platform: 'twitter',
      author: '@hsum',
      language: 'nl',
      reach: 2300,
      engagement: 17,
      toolSentiment: 'neutral',
    });
    expect(article).toMatchObject({
      postedAt: new Date('2021-01-24T07:15:00Z'),
      text: 'Bij de teststraat in Huizen stonden zondag lange rijen. Bezoekers wachtten tot een uur.',
      toolSentiment: 'negative',
      engagement: null,
    });
  });

  it('Meltwater as comma-separated UTF-8', async () => {
    const content = [
      'Date,Headline,URL,Opening Text,Hit Sentence,Source,Influencer,Country,Language,Reach,Engagement,Sentiment,Keywords',
      '"25-Jan-2021 10:30AM","Rellen","https://x.example/1","","Onrust in het centrum.","Twitter","@b","Netherlands","nl","10","0","Not Rated",""',
    ].join('\n');
    const [mention] = mentions(await readAll(await file(content), { preset: 'meltwater' }));
    expect(mention).toMatchObject({ postedAt: new Date('2021-01-25T09:30:00Z'), toolSentiment: null });
  });

  it('Talkwalker with epoch and ISO dates, numeric and word sentiment, and source type lists', async () => {
    const rows = await readAll(testdata('talkwalker.csv'));
    expect(errors(rows)).toEqual([]);
    const [tweet, news, instagram] = mentions(rows);
    expect(tweet).toMatchObject({
      postedAt: new Date(1611435600000),
      platform: 'socialmedia_twitter',
      toolSentiment: 'negative',
      engagement: 14,
      reach: 880,
      author: 'Weesper Opa',
      country: 'Netherlands',
    });
    expect(news).toMatchObject({
      postedAt: new Date('2021-01-25T07:30:00Z'),
      title: 'Rustige nacht in Weesp',
      toolSentiment: 'neutral',
      platform: 'onlinenews_newspaper',
    });
    expect(instagram).toMatchObject({
      postedAt: new Date('2021-01-25T17:45:00Z'),
      toolSentiment: 'positive',
      platform: 'socialmedia_instagram',
      language: 'en',
    });
  });
});
