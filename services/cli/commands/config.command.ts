// onderstroom config check: validate the environment and the YAML file, listing every problem.
import type { Command } from 'commander';
import { readEnv } from '../../config/env.js';
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
      const { file } = loadConfig(env.configPath, env.configPathExplicit);
      printLines([file === null ? `No file at ${env.configPath}: defaults are valid.` : `${file} is valid.`]);
    });
}
