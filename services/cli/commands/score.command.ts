// onderstroom score <text>: what the enricher makes of one text (language, sentiment with carriers, topics).
import type { Command } from 'commander';
import { readEnv } from '../../config/env.js';
import { printJson, printLines, table } from '../output.js';

export function registerScoreCommand(program: Command): void {
  program
    .command('score')
    .description('score one text: language, sentiment (score, label, carriers) and topics')
    .argument('<text>', 'the text to score')
    .option('--language <code>', 'the language as a source would state it (nl, en)')
    .option('--title <title>', 'a title that belongs to the text')
    .option('--json', 'print one JSON object')
    .action(async (text: string, options: { language?: string; title?: string; json?: boolean }) => {
      if (text.trim() === '') {
        throw new Error(
          'there is no text to score; give one, e.g. onderstroom score "De avondklok is belachelijk"',
        );
      }
      // Imported here, not at the top: the NLP models and the config loader would slow down every command's start.
      const { loadConfig } = await import('../../config/config.loader.js');
      const { loadTaxonomy } = await import('../../config/taxonomy.loader.js');
      const { createEnricher } = await import('../../nlp/enricher.js');
      const env = readEnv();
      const { config, file } = loadConfig(env.configPath, env.configPathExplicit);
      const enricher = createEnricher({ taxonomy: loadTaxonomy(config, file) });
      const result = enricher.enrich(text, {
        language: options.language ?? null,
        title: options.title ?? null,
      });
      if (options.json) {
        printJson(result);
        return;
      }
      const { sentiment } = result;
      const carriers = sentiment.carriers.map((c) => `${c.word} (${c.weight > 0 ? '+' : ''}${c.weight})`);
      printLines(
        table([
          ['language', result.language],
          ['sentiment', `${sentiment.label} ${sentiment.score} (confidence ${sentiment.confidence})`],
          ['carriers', carriers.length > 0 ? carriers.join(', ') : '(none)'],
          ['topics', result.topics.length > 0 ? result.topics.join(', ') : '(none)'],
          ['model', sentiment.model],
        ]),
      );
    });
}
