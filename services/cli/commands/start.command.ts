// onderstroom start [--role all|api|worker|scheduler]
import { Option, type Command } from 'commander';
import { readEnv } from '../../config/env.js';
import { ROLE_NAMES, runRoles, type RoleName } from '../../roles.js';

export function registerStartCommand(program: Command, lifecycle: { keepRunning: boolean }): void {
  program
    .command('start')
    .description('run migrations, then the API, workers and scheduler (or one role, for production)')
    .addOption(new Option('--role <role>', 'which role to run').choices(ROLE_NAMES).default('all'))
    .action(async (options: { role: RoleName }) => {
      await runRoles(readEnv(), options.role);
      lifecycle.keepRunning = true;
    });
}
