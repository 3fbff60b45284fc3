// Starts one role of a build (`onderstroom start --role <role>`) the way a clone and the image start it: through
// the build's own `onderstroom` script, which gives each role its V8 flags, so a benchmark measures the process as
// it runs in production, and a build compared with --cli runs with the flags it shipped with. This process's node
// comes first on PATH, so the script runs the same node as the benchmark.
import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** The `onderstroom` script beside the `bin/` of the build whose `bin/onderstroom.js` is `cli`. */
export function roleScript(cli: string): string {
  const script = path.resolve(path.dirname(cli), '..', 'onderstroom');
  if (!fs.existsSync(script))
    throw new Error(`${script} does not exist: --cli must name <build>/bin/onderstroom.js`);
  return script;
}

export function spawnRole(
  cli: string,
  role: 'api' | 'worker' | 'scheduler' | 'all',
  env: NodeJS.ProcessEnv,
  stdio: StdioOptions = ['ignore', 'ignore', 'inherit'],
): ChildProcess {
  return spawn(roleScript(cli), ['start', '--role', role], {
    env: { ...env, PATH: `${path.dirname(process.execPath)}${path.delimiter}${env.PATH ?? ''}` },
    stdio,
  });
}
