// onderstroom import <file> [--preset ...] [--json]: works with or without a running service, and returns when
// every row is stored.
import os from 'node:os';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { createAppContext } from '../context.js';
import { readEnv } from '../../config/env.js';
import type { ImportSummary } from '../../ingest/import.service.js';
import { createProgressBar } from '../progress-bar.js';
import { printJson, printLines, table } from '../output.js';
import { PRESET_CHOICES } from '../../importers/export-presets.js';

const PRESETS = PRESET_CHOICES;

function formatBytes(bytes: number): string {
  return bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${Math.round(bytes / 1e3)} kB`;
}

export function summaryLines(summary: ImportSummary): string[] {
  const lines = [
    `Imported ${summary.file} (${summary.preset}) in ${summary.seconds} s`,
    ...table([
      ['rows read', summary.rows],
      ['mentions imported', summary.imported],
      ['duplicates skipped', summary.duplicates],
      ['rows rejected', summary.rejected.length],
    ]),
  ];
  // Reasons carry no row prefix of their own: the row is printed once, here.
  for (const { row, reason } of summary.rejected) lines.push(`    row ${row}: ${reason}`);
  if (summary.repeatedRows.length > 0) {
    lines.push(`  ${summary.repeatedRows.length} of the duplicates repeat an earlier row of this file:`);
    for (const { row, reason } of summary.repeatedRows) lines.push(`    row ${row}: ${reason}`);
  }
  if (summary.pastRetention !== null) {
    const { rows, retentionDays } = summary.pastRetention;
    lines.push(
      `  ${rows} of the imported mentions were posted more than ${retentionDays} days ago: retention counts from ` +
        'posting, so their text (and the id and URL of people) is cleared at the next hourly retention run of the ' +
        'service; their counts stay.',
    );
  }
  return lines;
}

/** `--as <user>`, else the OS account that runs the command: every CLI import is logged with a name. */
export function importer(as: string | undefined): string {
  if (as !== undefined) {
    const name = as.trim();
    if (!/^[\p{L}\p{N}._@-]{1,64}$/u.test(name)) {
      throw new InvalidArgumentError(
        `--as must be a user name (letters, digits, . _ @ -, at most 64 characters), not "${as}"`,
      );
    }
    return name;
  }
  try {
    return os.userInfo().username;
  } catch {
    return `uid-${process.getuid?.() ?? 'unknown'}`;
  }
}

export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .description('import a social-listening export (CSV or XLSX)')
    .argument('<file>', 'the export file')
    .addOption(
      new Option('--preset <preset>', 'the tool that made the export').choices(PRESETS).default('auto'),
    )
    .option('--json', 'print the summary as one JSON object')
    .addOption(
      new Option('--as <user>', 'who imports, for the access log (default: the OS user name)').argParser(
        (value: string) => importer(value),
      ),
    )
    .action(
      async (file: string, options: { preset: (typeof PRESETS)[number]; json?: boolean; as?: string }) => {
        const who = importer(options.as);
        const env = readEnv();
        const context = await createAppContext(env, { migrate: true });
        const bar = createProgressBar();
        try {
          const summary = await context.imports.importFile(file, {
            preset: options.preset,
            requestedBy: `cli:${who}`,
            onProgress: (p) =>
              bar.update(
                p.bytesRead,
                p.bytesTotal,
                `${p.rows} rows, ${p.imported} new, ${formatBytes(p.bytesRead)}`,
              ),
          });
          bar.finish();
          if (options.json) printJson(summary);
          else printLines(summaryLines(summary));
        } finally {
          bar.finish();
          await context.close();
        }
      },
    );
}
