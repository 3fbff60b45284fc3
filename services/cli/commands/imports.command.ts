// onderstroom imports list [--json]: every import run with its state and counts; one whose process died shows as
// interrupted.
import type { Command } from 'commander';
import { printJson, printLines } from '../output.js';
import { positiveIntegerOption, withContext } from '../context.js';

export function registerImportsCommand(program: Command): void {
  const imports = program.command('imports').description('import runs: state and counts');

  imports
    .command('list')
    .description('list import runs, newest first (running, done, failed or interrupted)')
    .option('--limit <n>', 'how many runs', positiveIntegerOption('--limit'), 50)
    .option('--json', 'print JSON')
    .action(async (options: { limit: number; json?: boolean }) => {
      const records = await withContext((context) => context.imports.list(options.limit));
      if (options.json) {
        printJson(
          records.map((r) => ({
            id: r.id,
            file: r.fileName,
            preset: r.preset,
            status: r.status,
            started_at: r.startedAt.toISOString(),
            finished_at: r.finishedAt?.toISOString() ?? null,
            heartbeat_at: r.heartbeatAt.toISOString(),
            rows_read: r.rowsRead,
            imported: r.imported,
            duplicates: r.duplicates,
            rejected: r.rejectedCount,
            error: r.error,
          })),
        );
        return;
      }
      if (records.length === 0) {
        printLines(['No imports yet: import an export with `onderstroom import <file>`.']);
        return;
      }
      const header = ['id', 'status', 'started (UTC)', 'rows', 'imported', 'duplicates', 'rejected', 'file'];
      const rows = records.map((r) => [
        r.id,
        r.status,
        r.startedAt.toISOString().slice(0, 19).replace('T', ' '),
        String(r.rowsRead),
        String(r.imported),
        String(r.duplicates),
        String(r.rejectedCount),
        r.fileName,
      ]);
      const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
      const line = (cells: string[]) =>
        cells.map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ');
      const lines = [line(header), ...rows.map(line)];
      for (const r of records) if (r.error !== null) lines.push(`  ${r.id}: ${r.error}`);
      printLines(lines);
    });
}
