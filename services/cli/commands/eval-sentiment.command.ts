// onderstroom eval sentiment: the enricher's sentiment on labelled JSONL {"id","text","label"}.
import type { Command } from 'commander';
import { printJson, printLines, table } from '../output.js';

export type Split = 'all' | 'tuning' | 'held-out';

export function parseSplit(value: string): Split {
  if (value === 'all' || value === 'tuning' || value === 'held-out') return value;
  throw new Error(`--split must be all, tuning or held-out (got '${value}')`);
}

export function selectSplit<T extends { id: string }>(
  rows: T[],
  split: Split,
  heldOut: (id: string) => boolean,
): T[] {
  if (split === 'all') return rows;
  return rows.filter((row) => heldOut(row.id) === (split === 'held-out'));
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

export function registerEvalSentimentCommand(evalCommand: Command): void {
  evalCommand
    .command('sentiment')
    .description(
      'accuracy, macro-F1, per-class precision/recall, coverage and speed on labelled JSONL {"id","text","label"}',
    )
    .requiredOption(
      '--data <file>',
      'labelled JSONL (labels positive, negative, neutral; others are skipped)',
    )
    .option(
      '--classes <n>',
      '2: positive/negative (neutral texts skipped), 3: with neutral',
      (value: string) => {
        if (value !== '2' && value !== '3') throw new Error('--classes must be 2 or 3');
        return value === '2' ? 2 : 3;
      },
      3,
    )
    .option('--split <part>', 'all, tuning or held-out (a fixed quarter chosen by id hash)', 'all')
    .option('--scorer <name>', 'default (the shipped model) or lexicon (the lexicon alone)', 'default')
    .option('--json', 'print one JSON object')
    .action(
      async (options: { data: string; classes: 2 | 3; split: string; scorer: string; json?: boolean }) => {
        const classes = options.classes;
        const { createEnricher } = await import('../../nlp/enricher.js');
        const { evaluateSentiment, isHeldOut, readLabelledJsonl } =
          await import('../../nlp/sentiment.evaluation.js');
        const split = parseSplit(options.split);
        if (options.scorer !== 'default' && options.scorer !== 'lexicon')
          throw new Error(`--scorer must be default or lexicon (got '${options.scorer}')`);
        const rows = selectSplit(readLabelledJsonl(options.data, classes), split, isHeldOut);
        // Dutch evaluation data: the language is stated, as a listening tool's export would.
        const enricher = createEnricher(options.scorer === 'lexicon' ? { dutchModel: null } : {});
        const result = evaluateSentiment(
          rows,
          (text) => enricher.enrich(text, { language: 'nl' }).sentiment,
          classes,
        );
        if (options.json) {
          printJson(result);
          return;
        }
        const lines = [
          `${options.data} (${split}, ${classes} classes, ${enricher.versions.sentiment_nl}): ${result.n} texts`,
          ...table([
            [
              'accuracy',
              `${pct(result.accuracy)} (95% interval ${pct(result.interval_95.accuracy[0])} .. ${pct(result.interval_95.accuracy[1])})`,
            ],
            [
              'macro-F1',
              `${result.macro_f1.toFixed(3)} (95% interval ${result.interval_95.macro_f1[0].toFixed(3)} .. ${result.interval_95.macro_f1[1].toFixed(3)})`,
            ],
            ['coverage', pct(result.coverage)],
            ['texts per second', Math.round(result.texts_per_second)],
            ...(classes === 2
              ? ([['neutral predictions', result.neutral_predictions]] as [string, number][])
              : []),
          ]),
          '',
          `  ${'class'.padEnd(10)} ${'P'.padStart(7)} ${'R'.padStart(7)} ${'F1'.padStart(7)} ${'n'.padStart(6)}`,
        ];
        for (const [label, f] of Object.entries(result.per_class)) {
          lines.push(
            `  ${label.padEnd(10)} ${pct(f.precision).padStart(7)} ${pct(f.recall).padStart(7)} ${pct(f.f1).padStart(7)} ${String(f.support).padStart(6)}`,
          );
        }
        printLines(lines);
      },
    );
}
