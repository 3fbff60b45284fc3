// onderstroom eval nab: the spike detector's NAB score on a folder laid out like the Numenta Anomaly Benchmark.
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { formatNabEvaluation, runNabEvaluation } from '../../detector/nab.eval.js';
import { printJson, printLines } from '../output.js';

export function registerEvalNabCommand(evalCommand: Command): void {
  evalCommand
    .command('nab')
    .description(
      'NAB score (standard, low FP, low FN) of the spike detector on <dir>/data/*/*.csv and <dir>/labels',
    )
    .requiredOption('--data <dir>', 'NAB folder with data/, labels/combined_windows.json and profiles.json')
    .option('--category <name>', 'only this subfolder of data/, e.g. realTweets')
    .option('--profiles <file>', 'cost profiles (default: <dir>/profiles.json)')
    .option('--json', 'print one JSON object')
    .action(async (options: { data: string; category?: string; profiles?: string; json?: boolean }) => {
      const result = await runNabEvaluation({
        dataDir: resolve(options.data),
        ...(options.category ? { category: options.category } : {}),
        ...(options.profiles ? { profilesPath: resolve(options.profiles) } : {}),
      });
      if (options.json) {
        printJson(result);
        return;
      }
      printLines([formatNabEvaluation(result)]);
    });
}
