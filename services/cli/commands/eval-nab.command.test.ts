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
        'oracle',
        'nested',
        'files',
        'windows',
      ]),
    );
    expect(Object.keys(result['oracle'] as object)).toEqual(
      expect.arrayContaining(['standard', 'reward_low_FP_rate', 'reward_low_FN_rate']),
    );
    expect(result['thresholds']).toEqual({ standard: 0.5, reward_low_FP_rate: 0.5, reward_low_FN_rate: 0.5 });
    expect(result['files']).toBe(1);
    expect(result['windows']).toBe(1);
    expect(out.trim().split('\n')).toHaveLength(1);
  });

  it('prints a table by default and accepts a category', async () => {
    const out = await runCli(['--data', dir, '--category', 'tweets']);
    expect(out).toContain('tweets/a.csv');
    expect(out).toContain('threshold');
  });

  it('scores at --thresholds and refuses a malformed list', async () => {
    const out = await runCli(['--data', dir, '--json', '--thresholds', '0.3,0.4,0.6']);
    const result = JSON.parse(out) as { thresholds: Record<string, number> };
    expect(result.thresholds).toEqual({ standard: 0.3, reward_low_FP_rate: 0.4, reward_low_FN_rate: 0.6 });
    await expect(runCli(['--data', dir, '--thresholds', '0.3,x'])).rejects.toThrow(/--thresholds.*0\.3,x/);
  });

  it('reads several folders as one corpus, and refuses a file found twice', async () => {
    const other = await mkdtemp(join(tmpdir(), 'eval-nab-more-'));
    try {
      await mkdir(join(other, 'data', 'traffic'), { recursive: true });
      await mkdir(join(other, 'labels'));
      const rows = Array.from({ length: 500 }, (_, i) => `${stamp(i)},${10 + (i % 3)}`);
      await writeFile(join(other, 'data', 'traffic', 'b.csv'), ['timestamp,value', ...rows].join('\n'));
      await writeFile(
        join(other, 'labels', 'combined_windows.json'),
        JSON.stringify({ 'traffic/b.csv': [] }),
      );
      const result = JSON.parse(await runCli(['--data', dir, other, '--json'])) as { files: number };
      expect(result.files).toBe(2);
      await expect(runCli(['--data', dir, dir, '--json'])).rejects.toThrow(/more than one/);
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });

  it('requires --data', async () => {
    await expect(runCli([])).rejects.toThrow(/--data/);
  });
});
