import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../../test/support/command.js';
import { registerEvalNabCommand } from './eval-nab.command.js';

const stamp = (i: number): string =>
  new Date(Date.UTC(2020, 0, 1) + i * 300_000).toISOString().replace('T', ' ').slice(0, 19);
const profile = (fp: number, fn: number) => ({
  CostMatrix: { tpWeight: 1, fpWeight: fp, fnWeight: fn, tnWeight: 1 },
});

let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'eval-nab-'));
  await mkdir(join(dir, 'data', 'tweets'), { recursive: true });
  await mkdir(join(dir, 'labels'));
  const rows = Array.from({ length: 1000 }, (_, i) => `${stamp(i)},${i === 800 ? 400 : 20 + (i % 5)}`);
  await writeFile(join(dir, 'data', 'tweets', 'a.csv'), ['timestamp,value', ...rows].join('\n'));
  await writeFile(
    join(dir, 'labels', 'combined_windows.json'),
    JSON.stringify({ 'tweets/a.csv': [[stamp(780), stamp(820)]] }),
  );
  await writeFile(
    join(dir, 'profiles.json'),
    JSON.stringify({
      standard: profile(0.11, 1),
      reward_low_FP_rate: profile(0.22, 1),
      reward_low_FN_rate: profile(0.11, 2),
    }),
  );
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const runCli = (args: string[]): Promise<string> =>
  runCommand(registerEvalNabCommand, 'eval', ['nab', ...args]);

describe('onderstroom eval nab', () => {
  it('prints exactly one JSON object with --json', async () => {
    const out = await runCli(['--data', dir, '--json']);
    const result = JSON.parse(out) as Record<string, unknown>;
    expect(Object.keys(result)).toEqual(
      expect.arrayContaining([
        'standard',
        'reward_low_FP_rate',
        'reward_low_FN_rate',
        'thresholds',
        'files',
        'windows',
      ]),
    );
    expect(result['files']).toBe(1);
    expect(result['windows']).toBe(1);
    expect(out.trim().split('\n')).toHaveLength(1);
  });

  it('prints a table by default and accepts a category', async () => {
    const out = await runCli(['--data', dir, '--category', 'tweets']);
    expect(out).toContain('tweets/a.csv');
    expect(out).toContain('threshold');
  });

  it('requires --data', async () => {
    await expect(runCli([])).rejects.toThrow(/--data/);
  });
});
