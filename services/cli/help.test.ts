// What `--help` shows: required options marked as required, numeric defaults as numbers.
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from './main.js';

// These tests read the program; none of them runs `start`.
const refuseStart = () => Promise.reject(new Error('this test does not start roles'));

function allCommands(command: Command): Command[] {
  return [command, ...command.commands.flatMap(allCommands)];
}

const program = buildProgram({ keepRunning: false }, refuseStart);
const commands = allCommands(program);
const find = (path: string) => commands.find((c) => `${c.parent?.name() ?? ''} ${c.name()}` === path)!;

describe('--help', () => {
  it('marks every required option as required, in the option list and in the usage line', () => {
    const required = commands.flatMap((command) =>
      command.options.filter((option) => option.mandatory).map((option) => ({ command, option })),
    );
    expect(required.length).toBeGreaterThanOrEqual(5);
    for (const { command, option } of required) {
      const help = command.helpInformation();
      const usage = help.split('\n')[0]!;
      expect(usage, command.name()).toContain(option.flags);
      const listed = help.slice(help.indexOf('Options:'));
      const entry = listed.slice(listed.indexOf(`  ${option.flags}`)).split(/\n {2}-/)[0]!;
      expect(entry.replace(/\s+/g, ' '), `${command.name()} ${option.flags}`).toMatch(/\(required\)$/);
    }
    expect(find('keys create').helpInformation()).toMatch(
      /^Usage: onderstroom keys create --role <role> --name <name> \[options\]$/m,
    );
  });

  it('never shows a number as a quoted string default', () => {
    for (const command of commands) {
      for (const option of command.options) {
        const value: unknown = option.defaultValue;
        expect(
          typeof value === 'string' && /^\d+(\.\d+)?$/.test(value),
          `${command.name()} ${option.flags}`,
        ).toBe(false);
      }
      expect(command.helpInformation(), command.name()).not.toMatch(/default: "\d+(\.\d+)?"/);
    }
    expect(find('measures effect').helpInformation()).toMatch(/--weeks <n>.*\(default: 4\)/);
    expect(find('imports list').helpInformation()).toMatch(/\(default: 50\)/);
  });

  it('still refuses a bad number, naming the option, before any database is opened', async () => {
    const run = (args: string[]) =>
      buildProgram({ keepRunning: false }, refuseStart).parseAsync(['node', 'onderstroom', ...args]);
    await expect(run(['measures', 'effect', 'x', '--weeks', '13'])).rejects.toThrow(
      '--weeks: a whole number 0-12',
    );
    await expect(run(['imports', 'list', '--limit', '0'])).rejects.toThrow(
      '--limit must be a positive whole number',
    );
    await expect(run(['model', 'train', '--folds', '1'])).rejects.toThrow('--folds must be at least 2');
    await expect(run(['eval', 'sentiment', '--data', 'x', '--classes', '4'])).rejects.toThrow(
      '--classes must be 2 or 3',
    );
  });
});
