// Benchmark: how many rows per second openImport reads from an OBI4wan export, as CSV (Windows-1252 and UTF-8) and
// as XLSX, and how much memory it holds while doing so; also how long the synthetic generator takes to write them. Writes the synthetic exports to a temporary folder, reads
// each back in full, and prints one JSON object. Wall-clock figures on a shared machine are noisy: compare runs on
// the same machine, and read peakHeapMB as the evidence that rows are streamed, not held.
//
//   npm run build:tools; node dist-tools/tools/importers/import-throughput.bench.js [csvRows] [xlsxRows]
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import ExcelJS from 'exceljs';

import { openImport } from '../../services/importers/import-file.js';
import { writeSyntheticObi4wanExport } from './synthetic-export.js';

interface ReadResult {
  file: string;
  format: string;
  encoding: string | null;
  megabytes: number;
  rows: number;
  errors: number;
  seconds: number;
  rowsPerSecond: number;
  microsecondsPerRow: number;
  /** CPU time of this process per row (all its threads, GC included): steadier than wall-clock on a busy machine. */
  cpuMicrosecondsPerRow: number;
  peakHeapMB: number;
}

const START = new Date('2021-01-04T00:00:00+01:00');

async function readBack(path: string): Promise<ReadResult> {
  const size = (await stat(path)).size;
  global.gc?.();
  const began = process.hrtime.bigint();
  const cpuBefore = process.cpuUsage();
  const opened = await openImport(path, { preset: 'auto' });
  let rows = 0;
  let errors = 0;
  let peakHeap = process.memoryUsage().heapUsed;
  for await (const row of opened.rows()) {
    rows++;
    if ('error' in row) errors++;
    if ((rows & 0xffff) === 0) peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  }
  await opened.close();
  const seconds = Number(process.hrtime.bigint() - began) / 1e9;
  const cpu = process.cpuUsage(cpuBefore);
  return {
    file: path.split('/').at(-1) ?? path,
    format: opened.format,
    encoding: opened.encoding,
    megabytes: Math.round(size / 1e5) / 10,
    rows,
    errors,
    seconds: Math.round(seconds * 100) / 100,
    rowsPerSecond: Math.round(rows / seconds),
    microsecondsPerRow: Math.round((seconds / rows) * 1e7) / 10,
    cpuMicrosecondsPerRow: Math.round(((cpu.user + cpu.system) / rows) * 10) / 10,
    peakHeapMB: Math.round(peakHeap / 1e6),
  };
}

/** Copies a CSV export into an XLSX workbook the way a spreadsheet program stores it (shared strings). */
async function toXlsx(csvPath: string, xlsxPath: string): Promise<void> {
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: xlsxPath, useSharedStrings: true });
  const sheet = writer.addWorksheet('Export');
  const opened = await openImport(csvPath, { preset: 'obi4wan' });
  sheet.addRow([
    'Publicatiedatum',
    'Bron',
    'Url',
    'Geplaatst door (optioneel)',
    'Bericht',
    'Sentiment',
    'PR-waarde',
  ]);
  for await (const row of opened.rows()) {
    if (!('mention' in row)) continue;
    const m = row.mention;
    const local = new Date(m.postedAt.getTime() + 3_600_000);
    const date = `${local.getUTCDate()}-${local.getUTCMonth() + 1}-${local.getUTCFullYear()} ${local.getUTCHours()}:${String(local.getUTCMinutes()).padStart(2, '0')}`;
    sheet.addRow([date, m.platform, m.url, m.author, m.text, m.toolSentiment ?? '', '0']).commit();
  }
  await opened.close();
  sheet.commit();
  await writer.commit();
}

async function main(): Promise<void> {
  const csvRows = Number(process.argv[2] ?? 1_000_000);
  const xlsxRows = Number(process.argv[3] ?? 100_000);
  const dir = await mkdtemp(join(tmpdir(), 'onderstroom-bench-'));
  try {
    const results: ReadResult[] = [];
    const generator: { encoding: string; rows: number; seconds: number }[] = [];
    for (const encoding of ['cp1252', 'utf8'] as const) {
      const path = join(dir, `obi4wan-${csvRows}-${encoding}.csv`);
      const began = process.hrtime.bigint();
      await writeSyntheticObi4wanExport(path, { rows: csvRows, seed: 1, start: START, days: 28, encoding });
      const seconds = Number(process.hrtime.bigint() - began) / 1e9;
      generator.push({ encoding, rows: csvRows, seconds: Math.round(seconds * 10) / 10 });
      results.push(await readBack(path));
      await rm(path);
    }
    if (xlsxRows > 0) {
      const csvPath = join(dir, `obi4wan-${xlsxRows}.csv`);
      const xlsxPath = join(dir, `obi4wan-${xlsxRows}.xlsx`);
      await writeSyntheticObi4wanExport(csvPath, { rows: xlsxRows, seed: 2, start: START, days: 28 });
      await toXlsx(csvPath, xlsxPath);
      results.push(await readBack(xlsxPath));
    }
    console.log(JSON.stringify({ node: process.version, generator, results }, null, 2));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
