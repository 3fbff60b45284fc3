// onderstroom start [--role all|api|worker|scheduler]
import { Option, type Command } from 'commander';
import { readEnv } from '../../config/env.js';
import type { RoleName } from '../../roles.js';

// roles.ts pulls in the whole service; it is imported when start runs, not when the CLI starts (--help, --version).
const ROLE_CHOICES = ['all', 'api', 'worker', 'scheduler'] as const satisfies readonly RoleName[];

export function registerStartCommand(program: Command, lifecycle: { keepRunning: boolean }): void {
  program
    .command('start')
    .description('run migrations, then the API, workers and scheduler (or one role, for production)')
    .addOption(new Option('--role <role>', 'which role to run').choices(ROLE_CHOICES).default('all'))
    .action(async (options: { role: RoleName }) => {
      const { runRoles } = await import('../../roles.js');
      await runRoles(readEnv(), options.role);
      lifecycle.keepRunning = true;
    });
}
