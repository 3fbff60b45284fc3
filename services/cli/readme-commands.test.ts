// The README's command table against the CLI definition: every command and every option of it must appear in
// the table row that names the command. A new command or option only needs its README row.
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from './main.js';

// These tests read the program; none of them runs `start`.
const refuseStart = () => Promise.reject(new Error('this test does not start roles'));

const readme = fs.readFileSync(path.resolve(import.meta.dirname, '../../README.md'), 'utf8');
const table = readme.slice(readme.indexOf('## Commands'), readme.indexOf('## API'));
const rows = table.split('\n').filter((line) => line.startsWith('| `'));

function leaves(command: Command, prefix: string[] = []): { path: string; options: string[] }[] {
  return command.commands.flatMap((child) => {
    const at = [...prefix, child.name()];
    const own =
      child.commands.length === 0
        ? [{ path: at.join(' '), options: child.options.map((o) => o.long ?? '') }]
        : [];
    return [...own, ...leaves(child, at)];
  });
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const commands = leaves(buildProgram({ keepRunning: false }, refuseStart));

describe('the README command table', () => {
  it('finds the CLI definition', () => {
    expect(commands.length).toBeGreaterThan(10);
    expect(rows.length).toBeGreaterThan(5);
  });

  it.each(commands.map((c) => [c.path, c.options] as const))(
    'has a row for %s with all its options',
    (name, options) => {
      const mention = new RegExp(`(onderstroom |\`)${escape(name)}(\\b|\`)`);
      const row = rows.find((line) => mention.test(line));
      expect(row, `no README row names \`${name}\``).toBeDefined();
      for (const option of options.filter((o) => o !== '' && o !== '--help')) {
        expect(row, `the README row of \`${name}\` does not list ${option}`).toContain(option);
      }
    },
  );
});
