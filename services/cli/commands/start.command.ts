// onderstroom start [--role all|api|worker|scheduler]
import { Option, type Command } from 'commander';
import { readEnv, type Env } from '../../config/env.js';

export const ROLE_NAMES = ['all', 'api', 'worker', 'scheduler'] as const;
export type RoleName = (typeof ROLE_NAMES)[number];

/**
 * Runs the roles until SIGTERM. The process entry (workers/main.ts) gives it: starting workers is the one thing a
 * command cannot import from services/, and the entry loads the roles only when start runs (--help stays fast).
 */
export type RunRoles = (env: Env, role: RoleName) => Promise<void>;

export function registerStartCommand(
  program: Command,
  lifecycle: { keepRunning: boolean },
  runRoles: RunRoles,
): void {
  program
    .command('start')
    .description('run migrations, then the API, workers and scheduler (or one role, for production)')
    .addOption(new Option('--role <role>', 'which role to run').choices(ROLE_NAMES).default('all'))
    .action(async (options: { role: RoleName }) => {
      await runRoles(readEnv(), options.role);
      lifecycle.keepRunning = true;
    });
}
