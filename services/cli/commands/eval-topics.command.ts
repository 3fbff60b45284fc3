// onderstroom eval topics: topic matching quality on a labelled set (default: the one shipped in services/nlp).
import type { Command } from 'commander';
import { printJson, printLines, table } from '../output.js';
import { parseSplit, selectSplit } from './eval-sentiment.command.js';

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

export function registerEvalTopicsCommand(evalCommand: Command): void {
  evalCommand
    .command('topics')
    .description('precision, recall and F1 of topic matching on labelled JSONL {"id","text","topics"}')
    .option('--data <file>', 'labelled JSONL (default: the shipped Dutch set)')
    .option('--split <part>', 'all, tuning or held-out (a fixed quarter chosen by id hash)', 'all')
    .option('--json', 'print one JSON object')
    .action(async (options: { data?: string; split: string; json?: boolean }) => {
      const { createEnricher } = await import('../../nlp/enricher.js');
      const { isHeldOut } = await import('../../nlp/sentiment.evaluation.js');
      const { defaultTaxonomy } = await import('../../nlp/taxonomy.js');
      const { evaluateTopics, readTopicsJsonl, shippedTopicsSetPath } =
        await import('../../nlp/topics.evaluation.js');
      const split = parseSplit(options.split);
      const taxonomy = defaultTaxonomy();
      const enricher = createEnricher({ taxonomy });
      const file = options.data ?? shippedTopicsSetPath();
      const rows = selectSplit(readTopicsJsonl(file, taxonomy), split, isHeldOut);
      const result = evaluateTopics(rows, taxonomy, (text) => enricher.enrich(text).topics);
      if (options.json) {
        printJson(result);
        return;
      }
      const lines = [
        `${file} (${split}): ${result.n} texts`,
        ...table([
          [
            'micro P / R / F1',
            `${pct(result.micro.precision)} / ${pct(result.micro.recall)} / ${pct(result.micro.f1)}`,
          ],
          [
            'macro P / R / F1',
            `${pct(result.macro.precision)} / ${pct(result.macro.recall)} / ${pct(result.macro.f1)}`,
          ],
          ['exact match', pct(result.exact_match)],
          ['no topic kept empty', pct(result.no_topic_accuracy)],
          ['texts per second', Math.round(result.texts_per_second)],
        ]),
        '',
        `  ${'topic'.padEnd(22)} ${'P'.padStart(7)} ${'R'.padStart(7)} ${'F1'.padStart(7)} ${'n'.padStart(5)}`,
      ];
      for (const [id, f] of Object.entries(result.per_topic)) {
        lines.push(
          `  ${id.padEnd(22)} ${pct(f.precision).padStart(7)} ${pct(f.recall).padStart(7)} ${pct(f.f1).padStart(7)} ${String(f.support).padStart(5)}`,
        );
      }
      printLines(lines);
    });
}
