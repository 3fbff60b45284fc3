// onderstroom rescore [--from --to]: score stored mentions again with the Dutch scorer in use now and move their
// rollup contributions exactly. Analysts' labels stay; mentions whose text has expired keep their score.
import type { Command } from 'commander';
import { parseTime } from '../../series/range.js';
import { positiveIntegerOption, withContext } from '../context.js';
import { printJson, printLines, table } from '../output.js';
import { createProgressBar } from '../progress-bar.js';

// Mentions are never dated before 2000 nor more than a day ahead (services/ingest/prepare.ts).
const EARLIEST = Date.UTC(2000, 0, 1);
const AHEAD_MS = 2 * 86_400_000;

function time(value: string | undefined, name: string, fallback: number, timeZone: string): Date {
  if (value === undefined) return new Date(fallback);
  const ms = parseTime(value, timeZone);
  if (ms === null) throw new Error(`--${name}: expected a date (2021-01-23), an ISO time or epoch ms`);
  return new Date(ms);
}

export function registerRescoreCommand(program: Command): void {
  program
    .command('rescore')
    .description(
      'score stored mentions again with the current Dutch model (or lexicon) and move their rollup counts exactly; analysts’ corrections stay',
    )
    .option('--from <time>', 'posted at or after (date, ISO time or epoch ms; default: everything)')
    .option('--to <time>', 'posted before (default: everything)')
    .option('--batch-size <n>', 'mentions per transaction', positiveIntegerOption('--batch-size'), 1000)
    .option('--json', 'print one JSON object')
    .action(async (options: { from?: string; to?: string; batchSize: number; json?: boolean }) => {
      const batchSize = options.batchSize;
      const bar = options.json ? null : createProgressBar();
      // A date alone is a local day in the configured time zone, as in the API.
      const { from, to, totals } = await withContext(async (context) => {
        const from = time(options.from, 'from', EARLIEST, context.config.timezone);
        const to = time(options.to, 'to', Date.now() + AHEAD_MS, context.config.timezone);
        const totals = await context.rescore.run({
          from,
          to,
          batchSize,
          onBatch: (t) => bar?.update(0, 0, `${t.read} read, ${t.changed} changed`),
        });
        return { from, to, totals };
      });
      bar?.finish();
      const result = { from: from.toISOString(), to: to.toISOString(), ...totals };
      if (options.json) {
        printJson(result);
        return;
      }
      printLines([
        `Rescored mentions posted from ${result.from} to ${result.to} with ${totals.model}:`,
        ...table([
          ['read', totals.read],
          ['scored', totals.scored],
          ['changed', totals.changed],
          ['label changed', totals.label_changed],
          ['skipped without text', totals.skipped_without_text],
          ['kept analyst labels', totals.kept_corrections],
          ['kept (English, other languages)', totals.kept_other_scorers],
        ]),
      ]);
    });
}
