// The onderstroom command. Each command lives in commands/; this file wires them and turns errors into
// clear messages and exit codes.
import { Command, CommanderError } from 'commander';
import { debugRequested } from '../config/env.js';
import { readFileSync } from 'node:fs';
import { ConfigError } from '../config/config-error.js';
import { helpConfiguration } from './help.js';
import { ImportFileError } from '../importers/import-file-error.js';
import { registerConfigCommand } from './commands/config.command.js';
import { registerImportCommand } from './commands/import.command.js';
import { registerImportsCommand } from './commands/imports.command.js';
import { registerKeysCommand } from './commands/keys.command.js';
import { registerMigrateCommand } from './commands/migrate.command.js';
import { registerStartCommand, type RunRoles } from './commands/start.command.js';
import { registerSourcesCommand } from './commands/sources.command.js';
import { registerScoreCommand } from './commands/score.command.js';
import { registerEvalFaqsCommand } from './commands/eval-faqs.command.js';
import { registerEvalNabCommand } from './commands/eval-nab.command.js';
import { registerEvalSentimentCommand } from './commands/eval-sentiment.command.js';
import { registerEvalTopicsCommand } from './commands/eval-topics.command.js';
import { registerMeasuresCommand } from './commands/measures.command.js';
import { registerModelCommand } from './commands/model.command.js';
import { registerRescoreCommand } from './commands/rescore.command.js';
import { registerQuestionsCommand } from './commands/questions.command.js';
import { registerUsersCommand } from './commands/users.command.js';
import { registerFaqsCommand } from './commands/faqs.command.js';
import { registerReportCommand } from './commands/report.command.js';

export interface Lifecycle {
  /** Set by commands that keep serving (start); others exit when their action returns. */
  keepRunning: boolean;
}

/** `runRoles` is what `start` runs; the process entry (workers/main.ts) gives it, tests give their own. */
export function buildProgram(lifecycle: Lifecycle, runRoles: RunRoles): Command {
  const program = new Command('onderstroom')
    .description('Onderstroom: what residents say and ask about government measures, measured')
    .version(packageVersion(), '-V, --version', 'print the version')
    .showHelpAfterError()
    .configureHelp(helpConfiguration)
    .exitOverride();
  registerStartCommand(program, lifecycle, runRoles);
  registerMigrateCommand(program);
  registerImportCommand(program);
  registerImportsCommand(program);
  registerKeysCommand(program);
  registerSourcesCommand(program);
  registerScoreCommand(program);
  registerConfigCommand(program);
  registerMeasuresCommand(program);
  registerModelCommand(program);
  registerRescoreCommand(program);
  registerQuestionsCommand(program);
  registerUsersCommand(program);
  registerFaqsCommand(program);
  registerReportCommand(program);
  const evaluate = program.command('eval').description('measure quality on labelled data');
  registerEvalNabCommand(evaluate);
  registerEvalSentimentCommand(evaluate);
  registerEvalTopicsCommand(evaluate);
  registerEvalFaqsCommand(evaluate);
  return program;
}

/** The version in package.json (two folders up from dist/services/cli or services/cli). */
function packageVersion(): string {
  const file = new URL('../../package.json', import.meta.url);
  const fromDist = new URL('../../../package.json', import.meta.url);
  for (const candidate of [fromDist, file]) {
    try {
      const parsed = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string; version?: string };
      if (parsed.name === 'onderstroom' && parsed.version) return parsed.version;
    } catch {
      // not this folder; try the next
    }
  }
  return 'unknown';
}

async function explain(error: unknown): Promise<string> {
  // Imported on failure only: these modules pull in ioredis and kysely, which a plain --help need not load.
  const { RedisUnavailableError } = await import('../jobs/redis-connection.js');
  const { MigrationError } = await import('../db/migrate.js');
  if (
    error instanceof ConfigError ||
    error instanceof RedisUnavailableError ||
    error instanceof ImportFileError
  ) {
    return error.message;
  }
  if (error instanceof MigrationError) return `the database schema could not be updated: ${error.message}`;
  const code = (error as { code?: string }).code;
  if (code === 'ENOENT') return (error as Error).message.replace(/^ENOENT: /, 'file not found: ');
  return error instanceof Error ? error.message : String(error);
}

export async function main(argv: string[], lifecycle: Lifecycle, runRoles: RunRoles): Promise<number> {
  try {
    await buildProgram(lifecycle, runRoles).parseAsync(argv);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    process.stderr.write(`onderstroom: ${await explain(error)}\n`);
    if (debugRequested() && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    return 1;
  }
}

/** Runs the command line of this process (workers/main.ts calls it); importing this module runs nothing. */
export async function run(runRoles: RunRoles): Promise<void> {
  const lifecycle: Lifecycle = { keepRunning: false };
  const exitCode = await main(process.argv, lifecycle, runRoles);
  // The start command keeps running (its servers hold the event loop); other commands exit with their code
  // without waiting for idle sockets or timers of libraries.
  if (exitCode !== 0 || !lifecycle.keepRunning) process.exit(exitCode);
}
