// onderstroom config check: validate the environment and the YAML file, listing every problem.
import type { Command } from 'commander';
import { ConfigError } from '../../config/config-error.js';
import { readEnv, readSecret } from '../../config/env.js';
import { printLines } from '../output.js';

export function registerConfigCommand(program: Command): void {
  program
    .command('config')
    .description('configuration')
    .command('check')
    .description('validate the environment and the configuration file')
    .action(async () => {
      const { loadConfig } = await import('../../config/config.loader.js');
      const env = readEnv();
      const { runtimeProblems } = await import('../../config/runtime-checks.js');
      const { config, file } = loadConfig(env.configPath, env.configPathExplicit);
      const problems = runtimeProblems(config, readSecret);
      if (problems.length > 0) {
        // Well formed, but these would fail once it runs: list them all and exit 1, as for any config problem.
        throw new ConfigError(
          `${file ?? 'the default configuration'} (what would fail at run time)`,
          problems,
        );
      }
      printLines([file === null ? `No file at ${env.configPath}: defaults are valid.` : `${file} is valid.`]);
    });
}
