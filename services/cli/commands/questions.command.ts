// onderstroom questions import|key: import a KCC log (generic or KISS contact moments) into the question register,
// and create a key for a system that posts questions (POST /api/v1/questions).
import { Option, type Command } from 'commander';
import { QUESTION_PRESETS, type QuestionPreset } from '../../questions/question-presets.js';
import { QUESTION_SOURCE_PREFIX } from '../../questions/question-callers.js';
import { printJson, printLines } from '../output.js';
import { withContext } from '../context.js';

export function registerQuestionsCommand(program: Command): void {
  const questions = program.command('questions').description('the question register of the contact centre');

  questions
    .command('import')
    .description('import a KCC question log (CSV or XLSX); importing the same file again adds nothing')
    .argument('<file>', 'the exported log (.csv or .xlsx)')
    .addOption(
      new Option(
        '--preset <preset>',
        'kcc: a generic log with Dutch headers; kiss: KISS contact moments',
      ).choices(QUESTION_PRESETS),
    )
    .option('--source <id>', 'the source the questions are stored under (default: the preset name)')
    .option('--json', 'print {"rows","new","duplicates","errors":[{"row","message"}]} as JSON')
    .action(async (file: string, options: { preset?: QuestionPreset; source?: string; json?: boolean }) => {
      // Loaded on use: `--help` should not import the importers and the question register.
      const { importQuestionLog } = await import('../../questions/question-import.service.js');
      const result = await withContext((context) =>
        importQuestionLog(
          context.questions.questions,
          { name: `import:${file.split('/').pop() ?? file}`, role: 'kcc', team: null, apiKeyId: null },
          file,
          { preset: options.preset, source: options.source, timeZone: context.config.timezone },
        ),
      );
      if (options.json) printJson(result);
      else
        printLines([
          `${result.file} (${result.preset}, ${result.format}): ${result.rows} rows, ${result.new} new questions, ${result.duplicates} already stored, ${result.errors.length} rows with problems.`,
          ...result.errors.slice(0, 50).map((error) => `  ${error.message}`),
          ...(result.errors.length > 50 ? [`  … and ${result.errors.length - 50} more (see --json)`] : []),
        ]);
    });

  questions
    .command('key')
    .description('create an API key that may post questions for one question source (and nothing else)')
    .argument('<source>', 'a question source id from questions.sources in the config')
    .requiredOption('--name <name>', 'who or what posts with it (for example telefonie)')
    .option('--json', 'print {"id","name","source","key"} as JSON')
    .action(async (source: string, options: { name: string; json?: boolean }) => {
      const created = await withContext(async (context) => {
        if (!context.questions.sources.includes(source))
          throw new Error(`no question source "${source}"; add it under questions.sources: in the config`);
        return context.apiKeys.create(options.name, 'viewer', `${QUESTION_SOURCE_PREFIX}${source}`);
      });
      if (options.json) {
        printJson({ id: created.record.id, name: created.record.name, source, key: created.key });
        return;
      }
      printLines([
        `Created question key "${created.record.name}" (id ${created.record.id}) for source ${source}. It is shown only now:`,
        '',
        `  ${created.key}`,
        '',
        'POST batches to /api/v1/questions with: Authorization: Bearer <key>',
      ]);
    });
}
