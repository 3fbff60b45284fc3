// The onderstroom command. Each command lives in commands/; this file wires them and turns errors into
// clear messages and exit codes.
import { Command, CommanderError } from 'commander';
import { debugRequested } from '../config/env.js';
import { ConfigError } from '../config/config-error.js';
import { RedisUnavailableError } from '../jobs/redis-connection.js';
import { ImportFileError } from '../importers/import-file.js';
import { MigrationError } from '../db/migrate.js';
import { registerConfigCommand } from './commands/config.command.js';
import { registerImportCommand } from './commands/import.command.js';
import { registerImportsCommand } from './commands/imports.command.js';
import { registerKeysCommand } from './commands/keys.command.js';
import { registerMigrateCommand } from './commands/migrate.command.js';
import { registerStartCommand } from './commands/start.command.js';
import { registerSourcesCommand } from './commands/sources.command.js';
import { registerScoreCommand } from './commands/score.command.js';
import { registerEvalNabCommand } from './commands/eval-nab.command.js';
import { registerEvalSentimentCommand } from './commands/eval-sentiment.command.js';
import { registerEvalTopicsCommand } from './commands/eval-topics.command.js';
import { registerMeasuresCommand } from './commands/measures.command.js';
import { registerModelCommand } from './commands/model.command.js';
import { registerRescoreCommand } from './commands/rescore.command.js';

export interface Lifecycle {
  /** Set by commands that keep serving (start); others exit when their action returns. */
  keepRunning: boolean;
}

export function buildProgram(lifecycle: Lifecycle): Command {
  const program = new Command('onderstroom')
    .description('Onderstroom: what residents say and ask about government measures, measured')
    .showHelpAfterError()
    .exitOverride();
  registerStartCommand(program, lifecycle);
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
  const evaluate = program.command('eval').description('measure quality on labelled data');
  registerEvalNabCommand(evaluate);
  registerEvalSentimentCommand(evaluate);
  registerEvalTopicsCommand(evaluate);
  return program;
}

function explain(error: unknown): string {
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

export async function main(argv: string[], lifecycle: Lifecycle): Promise<number> {
  try {
    await buildProgram(lifecycle).parseAsync(argv);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    process.stderr.write(`onderstroom: ${explain(error)}\n`);
    if (debugRequested() && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    return 1;
  }
}

const lifecycle: Lifecycle = { keepRunning: false };
const exitCode = await main(process.argv, lifecycle);
// The start command keeps running (its servers hold the event loop); other commands exit with their code
// without waiting for idle sockets or timers of libraries.
if (exitCode !== 0 || !lifecycle.keepRunning) process.exit(exitCode);
