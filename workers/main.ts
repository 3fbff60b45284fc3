// The process entry (bin/onderstroom.js): the command line of services/cli, with `start` given the roles. It sits
// here, above services/, because only this layer may start workers; roles.ts pulls in the whole service, so it is
// imported when start runs, not when the CLI starts (--help, --version).
import { run as runCommandLine } from '../services/cli/main.js';

export function run(): Promise<void> {
  return runCommandLine(async (env, role) => {
    const { runRoles } = await import('./roles.js');
    await runRoles(env, role);
  });
}
