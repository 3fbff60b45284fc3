// onderstroom migrate: bring the database schema up to date and exit.
import type { Command } from 'commander';
import { createAppContext } from '../context.js';
import { readEnv } from '../../config/env.js';

export function registerMigrateCommand(program: Command): void {
  program
    .command('migrate')
    .description('create the database if needed and run pending migrations')
    .action(async () => {
      const context = await createAppContext(readEnv(), { migrate: true });
      await context.close();
    });
}
