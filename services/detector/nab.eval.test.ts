import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatNabEvaluation, runNabEvaluation } from './nab.eval.js';

const PROFILES = {
  standard: { CostMatrix: { tpWeight: 1, fnWeight: 1, fpWeight: 0.11, tnWeight: 1 } },
  reward_low_FP_rate: { CostMatrix: { tpWeight: 1, fnWeight: 1, fpWeight: 0.22, tnWeight: 1 } },
  reward_low_FN_rate: { CostMatrix: { tpWeight: 1, fnWeight: 2, fpWeight: 0.11, tnWeight: 1 } },
};

/** Hourly timestamps in NAB's format. */
const stamp = (i: number): string =>
  new Date(Date.UTC(2020, 0, 1) + i * 3_600_000).toISOString().replace('T', ' ').slice(0, 19);

let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nab-'));
  const csv = (n: number, spikeAt: number): string =>
    [
      'timestamp,value',
      ...Array.from({ length: n }, (_, i) => `${stamp(i)},${i === spikeAt ? 500 : 10 + (i % 3)}`),
    ].join('\n');
  await mkdir(join(dir, 'data', 'alpha'), { recursive: true });
  await mkdir(join(dir, 'data', 'beta'), { recursive: true });
  await mkdir(join(dir, 'labels'));
  await writeFile(join(dir, 'data', 'alpha', 'one.csv'), csv(400, 300));
  await writeFile(join(dir, 'data', 'beta', 'two.csv'), csv(300, -1));
  await writeFile(
    join(dir, 'labels', 'combined_windows.json'),
    JSON.stringify({ 'alpha/one.csv': [[`${stamp(290)}.000000`, stamp(310)]], 'beta/two.csv': [] }),
  );
  await writeFile(join(dir, 'profiles.json'), JSON.stringify(PROFILES));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('NAB evaluation on a small fixture', () => {
  it('scores a detector that fires at the left edge of every window as perfect', async () => {
    const result = await runNabEvaluation({
      dataDir: dir,
      scorer: (timestamps) => timestamps.map((_, i) => (i === 290 && timestamps.length === 400 ? 1 : 0)),
    });
    expect(result.files).toBe(2);
    expect(result.windows).toBe(1);
    expect(result.standard).toBeCloseTo(100, 9);
    expect(result.reward_low_FN_rate).toBeCloseTo(100, 9);
    expect(result.thresholds.standard).toBe(1);
    expect(result.perFile.map((f) => f.file)).toEqual(['alpha/one.csv', 'beta/two.csv']);
    expect(result.perFile[0]).toMatchObject({ category: 'alpha', truePositives: 1, falsePositives: 0 });
    expect(result.categories.map((c) => c.category)).toEqual(['alpha', 'beta']);
    // Scored at the threshold fitted on beta alone (never fire), alpha's window is missed.
    expect(result.leaveOneOut.standard).toBeCloseTo(0, 9);
  });

  it('runs the real detector, one category at a time, and formats a readable table', async () => {
    const result = await runNabEvaluation({ dataDir: dir, category: 'alpha' });
    expect(result.files).toBe(1);
    expect(result.perFile[0]!.truePositives).toBe(1);
    expect(result.standard).toBeGreaterThan(90);
    const text = formatNabEvaluation(result);
    expect(text).toContain('reward_low_FP_rate');
    expect(text).toContain('alpha/one.csv');
  });

  it('complains about a file without labels and an empty folder', async () => {
    await writeFile(join(dir, 'labels', 'combined_windows.json'), JSON.stringify({ 'alpha/one.csv': [] }));
    await expect(runNabEvaluation({ dataDir: dir })).rejects.toThrow(/beta\/two.csv/);
    await expect(runNabEvaluation({ dataDir: dir, category: 'gamma' })).rejects.toThrow();
  });
});

const NAB_DIR = fileURLToPath(new URL('../../../shared/data/nab', import.meta.url));
const HAVE_NAB = existsSync(join(NAB_DIR, 'labels', 'combined_windows.json'));
if (!HAVE_NAB) console.warn(`NAB quality check skipped: ${NAB_DIR} is missing`);

describe.skipIf(!HAVE_NAB)('detector quality on the NAB development set (needs ../shared/data/nab)', () => {
  it('meets the realTweets targets: standard >= 75, reward_low_FP_rate >= 65', async () => {
    const result = await runNabEvaluation({ dataDir: NAB_DIR, category: 'realTweets' });
    expect(result.files).toBe(5);
    expect(result.standard).toBeGreaterThanOrEqual(75);
    expect(result.reward_low_FP_rate).toBeGreaterThanOrEqual(65);
  });
});
