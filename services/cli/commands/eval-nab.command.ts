// onderstroom eval nab: the spike detector's NAB score on folders laid out like the Numenta Anomaly Benchmark, at the
// threshold the product alerts at; nested leave-one-out and oracle figures beside it, labelled as such.
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { type ProfileFigures, formatNabEvaluation, runNabEvaluation } from '../../detector/nab.eval.js';
import { printJson, printLines } from '../output.js';

/** `--thresholds <standard>,<low_fp>,<low_fn>`: three numbers, each a score threshold. */
export function parseThresholds(text: string): ProfileFigures {
  const parts = text.split(',').map((part) => part.trim());
  const values = parts.map(Number);
  if (parts.length !== 3 || parts.some((p) => p === '') || values.some((v) => !Number.isFinite(v))) {
    throw new Error(
      `--thresholds: expected three numbers "<standard>,<low_fp>,<low_fn>" (e.g. 0.5,0.5,0.5), got "${text}"`,
    );
  }
  return { standard: values[0]!, reward_low_FP_rate: values[1]!, reward_low_FN_rate: values[2]! };
}

export function registerEvalNabCommand(evalCommand: Command): void {
  evalCommand
    .command('nab')
    .description(
      'NAB score (standard, low FP, low FN) of the spike detector on <dir>/data/*/*.csv and <dir>/labels, at the ' +
        'shipped alert threshold; nested leave-one-out and oracle (thresholds re-fitted) figures beside it',
    )
    .requiredOption(
      '--data <dir...>',
      'NAB folders with data/ and labels/combined_windows.json (profiles.json from the first)',
    )
    .option('--category <name>', 'only this subfolder of data/, e.g. realTweets')
    .option('--profiles <file>', 'cost profiles (default: <first dir>/profiles.json)')
    .option('--thresholds <standard,low_fp,low_fn>', 'score at these thresholds instead of the shipped one')
    .option('--json', 'print one JSON object')
    .action(
      async (options: {
        data: string[];
        category?: string;
        profiles?: string;
        thresholds?: string;
        json?: boolean;
      }) => {
        const thresholds = options.thresholds === undefined ? undefined : parseThresholds(options.thresholds);
        const result = await runNabEvaluation({
          dataDirs: options.data.map((d) => resolve(d)),
          ...(options.category ? { category: options.category } : {}),
          ...(options.profiles ? { profilesPath: resolve(options.profiles) } : {}),
          ...(thresholds ? { thresholds } : {}),
        });
        if (options.json) {
          printJson(result);
          return;
        }
        printLines([formatNabEvaluation(result)]);
      },
    );
}
