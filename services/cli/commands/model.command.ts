// onderstroom model train|status|activate|deactivate: the learned Dutch sentiment model of this deployment.
import type { Command } from 'commander';
import { DEFAULT_TRAIN_OPTIONS, LEXICON, SHIPPED } from '../../nlp/model/model-choices.js';
import type { TrainReport } from '../../nlp/model/sentiment-model.service.js';
import type { ScorerFigures } from '../../nlp/model/sentiment-model.training.js';
import { printJson, printLines, table } from '../output.js';
import { withContext, positiveIntegerOption } from '../context.js';

/** Commander's argParser for a number >= 0 (the default stays a number, and `--help` shows it as one). */
function numberOption(name: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n < 0) throw new Error(`${name} must be a number >= 0`);
    return n;
  };
}

function foldsOption(value: string): number {
  const folds = positiveIntegerOption('--folds')(value);
  if (folds < 2) throw new Error('--folds must be at least 2');
  return folds;
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

/** Per-class precision / recall / F1 of each scorer, side by side. */
export function figureLines(scorers: Record<string, ScorerFigures>): string[] {
  const lines: string[] = [];
  for (const [name, f] of Object.entries(scorers)) {
    lines.push(`  ${name}: macro-F1 ${f.macro_f1.toFixed(3)}, accuracy ${pct(f.accuracy)}`);
    lines.push(
      `    ${'class'.padEnd(10)} ${'P'.padStart(7)} ${'R'.padStart(7)} ${'F1'.padStart(7)} ${'n'.padStart(7)}`,
    );
    // A fixed order: per_class read back from jsonb comes with its keys reordered.
    for (const label of ['positive', 'neutral', 'negative']) {
      const c = f.per_class[label];
      if (c === undefined) continue;
      lines.push(
        `    ${label.padEnd(10)} ${pct(c.precision).padStart(7)} ${pct(c.recall).padStart(7)} ${c.f1.toFixed(3).padStart(7)} ${String(c.support).padStart(7)}`,
      );
    }
  }
  return lines;
}

function trainLines(report: TrainReport): string[] {
  const lines = [
    `Labelled mentions: ${report.rows.total} (${report.rows.analyst} analyst corrections, ${report.rows.tool} listening-tool labels; ` +
      `${report.rows.per_class.positive} positive, ${report.rows.per_class.neutral} neutral, ${report.rows.per_class.negative} negative)`,
  ];
  if (report.cross_validation !== null) {
    const cv = report.cross_validation;
    lines.push(`Cross-validated on ${cv.folds} folds (three classes; the same folds for every scorer):`);
    lines.push(...figureLines({ [`new model ${report.version ?? ''}`]: cv.model, ...cv.baselines }));
  }
  lines.push(
    report.activated
      ? `Activated ${report.version}: ${report.reason}. Workers switch to it within a minute.`
      : `Not activated${report.version ? ` (stored as ${report.version})` : ''}: ${report.reason}.`,
  );
  return lines;
}

export function registerModelCommand(program: Command): void {
  const model = program
    .command('model')
    .description('the learned Dutch sentiment model: train, status, activate, deactivate');

  model
    .command('train')
    .description(
      'train on stored labelled mentions (analyst corrections and listening-tool labels), cross-validate against the lexicon and the shipped model on the same folds, store it, and activate it only when its three-class macro-F1 is better',
    )
    .option('--folds <k>', 'cross-validation folds', foldsOption, DEFAULT_TRAIN_OPTIONS.folds)
    .option(
      '--min-gain <f1>',
      'activate only when macro-F1 beats every baseline by this much',
      numberOption('--min-gain'),
      DEFAULT_TRAIN_OPTIONS.minGain,
    )
    .option(
      '--correction-weight <w>',
      'how many tool labels one analyst correction counts for',
      numberOption('--correction-weight'),
      DEFAULT_TRAIN_OPTIONS.correctionWeight,
    )
    .option(
      '--max-rows <n>',
      'train on at most this many labelled mentions (oldest first)',
      positiveIntegerOption('--max-rows'),
      DEFAULT_TRAIN_OPTIONS.maxRows,
    )
    .option(
      '--min-rows <n>',
      'refuse to judge a model on fewer labelled mentions',
      positiveIntegerOption('--min-rows'),
      DEFAULT_TRAIN_OPTIONS.minRows,
    )
    .option('--json', 'print one JSON object')
    .action(
      async (options: {
        folds: number;
        minGain: number;
        correctionWeight: number;
        maxRows: number;
        minRows: number;
        json?: boolean;
      }) => {
        const report = await withContext((context) =>
          context.sentimentModels.train({
            folds: options.folds,
            minGain: options.minGain,
            correctionWeight: options.correctionWeight,
            maxRows: options.maxRows,
            minRows: options.minRows,
            onProgress: options.json ? undefined : (message) => process.stderr.write(`${message}\n`),
          }),
        );
        if (options.json) printJson(report);
        else printLines(trainLines(report));
      },
    );

  model
    .command('status')
    .description(
      'the scorer in use, the active model with its cross-validated figures per class, recent models',
    )
    .option('--json', 'print one JSON object')
    .action(async (options: { json?: boolean }) => {
      const status = await withContext((context) => context.sentimentModels.status());
      if (options.json) {
        printJson(status);
        return;
      }
      const lines = table([
        ['Dutch scorer in use', status.in_use],
        ['lexicon', status.lexicon],
        ['shipped model', status.shipped ?? '(none in this build)'],
        ['default', status.default],
        [
          'chosen',
          status.active === null
            ? '(nothing: the default scores Dutch)'
            : status.active.version === LEXICON
              ? 'the lexicon alone'
              : status.active.version,
        ],
        ['analyst corrections', status.corrections],
      ]);
      const cv = (status.active?.metrics as Partial<TrainReport> | undefined)?.cross_validation;
      if (status.active !== null && cv) {
        lines.push(
          '',
          `Active model, cross-validated when it was trained (${status.active.createdAt.toISOString()}):`,
        );
        lines.push(...figureLines({ [status.active.version]: cv.model, ...cv.baselines }));
      }
      if (status.recent.length > 0) {
        lines.push('', 'Recent models:');
        for (const m of status.recent) {
          const metrics = m.metrics as Partial<TrainReport>;
          const f1 = metrics.cross_validation?.model.macro_f1;
          const origin = (m.metrics as { origin?: string }).origin;
          lines.push(
            `  ${m.version}  ${m.createdAt.toISOString()}  ${m.active ? 'active' : 'stored'}  ${
              origin === 'shipped'
                ? 'the shipped model'
                : origin === 'lexicon'
                  ? 'the lexicon alone'
                  : f1 === undefined
                    ? ''
                    : `${metrics.activated ? 'activated' : 'not activated'}: ${metrics.reason ?? ''}`
            }`,
          );
        }
      }
      printLines(lines);
    });

  model
    .command('activate')
    .description(
      'make a stored model the active one (for example to go back to an earlier one), `shipped` for the model this build ships, or `lexicon` for the lexicon alone',
    )
    .argument('<version>', 'a version from `model status`, shipped or lexicon')
    .action(async (version: string) => {
      const activated = await withContext((context) => context.sentimentModels.activate(version));
      if (activated === null)
        throw new Error(
          version === SHIPPED
            ? 'this build ships no model (assets/model/default-nl.model.bin)'
            : `no stored model ${version}; see \`onderstroom model status\``,
        );
      printLines([
        `Activated ${activated}. Workers switch to it within a minute; \`onderstroom rescore\` rescores stored mentions.`,
      ]);
    });

  model
    .command('deactivate')
    .description('drop the chosen model: Dutch is scored by the default (the shipped model) again')
    .action(async () => {
      const n = await withContext(async (context) => ({
        dropped: await context.sentimentModels.deactivate(),
        inUse: context.enricher.versions.sentiment_nl,
      }));
      printLines([
        n.dropped > 0
          ? `Dropped the chosen model: Dutch is scored by the default, ${n.inUse}, within a minute.`
          : `Nothing was chosen: Dutch is scored by the default, ${n.inUse}.`,
      ]);
    });
}
