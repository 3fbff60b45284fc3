// onderstroom eval faqs: the FAQ matcher's P@1, MRR, `none` precision and recall and end-to-end accuracy on
// labelled queries, with 95% intervals, beside the two reference baselines on the same queries.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { printJson, printLines } from '../output.js';

const SPLITS = ['dev', 'test', 'all'] as const;
type SplitOption = (typeof SPLITS)[number];

export function parseSplit(text: string): SplitOption {
  if (!(SPLITS as readonly string[]).includes(text)) {
    throw new Error(`--split: expected dev, test or all, got "${text}"`);
  }
  return text as SplitOption;
}

export function registerEvalFaqsCommand(evalCommand: Command): void {
  evalCommand
    .command('faqs')
    .description(
      'FAQ matching quality (P@1, MRR, none precision/recall, end-to-end accuracy, 95% intervals) of the shipped ' +
        'matcher and its two baselines (character 3-5-gram TF-IDF, word BM25) on labelled queries',
    )
    .requiredOption(
      '--faqs <file>',
      'FAQs in the import format of `faqs import` (CSV vraag;antwoord[;onderwerp;doelgroep;url;id] or JSON)',
    )
    .requiredOption('--queries <file.jsonl>', 'one {"q","faq": id | [ids] | null, "split"?} per line')
    .option('--split <dev|test|all>', 'which queries to score', parseSplit, 'all' as SplitOption)
    .option('--json', 'print one JSON object')
    .action(async (options: { faqs: string; queries: string; split: SplitOption; json?: boolean }) => {
      const evaluation = await import('../../faqs/matching/faq-evaluation.js');
      const faqsPath = resolve(options.faqs);
      const queriesPath = resolve(options.queries);
      const faqs = evaluation.parseEvaluationFaqs(await readFile(faqsPath), faqsPath);
      const queries = evaluation.parseFaqQueries(await readFile(queriesPath, 'utf8'), queriesPath);
      evaluation.checkLabels(queries, faqs, queriesPath);
      const result = await evaluation.evaluateFaqMatching(faqs, queries, options.split);
      if (options.json) {
        printJson(result);
        return;
      }
      printLines(evaluation.formatFaqEvaluation(result));
    });
}
