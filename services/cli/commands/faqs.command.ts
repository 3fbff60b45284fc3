// onderstroom faqs import: load an existing FAQ list (CSV or JSON) into the FAQ register, all of it or nothing;
// importing the same file again changes nothing, a changed row becomes the next version of its FAQ.
import fs from 'node:fs';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { printJson, printLines } from '../output.js';
import { withContext } from '../context.js';

export function registerFaqsCommand(program: Command): void {
  const faqs = program.command('faqs').description('the FAQ register');

  faqs
    .command('import')
    .description(
      'import an FAQ list (CSV with vraag;antwoord, or JSON); importing the same file again changes nothing',
    )
    .argument('<file>', 'the list (.csv or .json)')
    .addOption(
      new Option('--status <status>', 'the status of FAQs new in this file (existing ones keep theirs)')
        .choices(['concept', 'gepubliceerd', 'verlopen'])
        .default('concept'),
    )
    .option(
      '--json',
      'print {"file","rows","new","changed","unchanged"} as JSON, or {"file","problems"} when refused',
    )
    .action(
      async (file: string, options: { status: 'concept' | 'gepubliceerd' | 'verlopen'; json?: boolean }) => {
        // Loaded on use: `--help` should not import the register.
        const { parseFaqFile, FaqFileError, describeProblem } = await import('../../faqs/faq-file.js');
        const name = path.basename(file);
        const actor = { name: `import:${name}`, role: 'admin' as const, apiKeyId: null };
        try {
          const entries = parseFaqFile(name, fs.readFileSync(file));
          const result = await withContext((context) =>
            context.faqs.faqs.importEntries(actor, name, entries, options.status),
          );
          if (options.json) printJson(result);
          else
            printLines([
              `${result.file}: ${result.rows} FAQs, ${result.new} new, ${result.changed} changed (a new version each), ${result.unchanged} unchanged.`,
            ]);
        } catch (error) {
          if (!(error instanceof FaqFileError)) throw error;
          if (options.json)
            printJson({
              file: name,
              problems: error.problems.map((problem) => ({ ...problem, message: describeProblem(problem) })),
            });
          throw error;
        }
      },
    );
}
