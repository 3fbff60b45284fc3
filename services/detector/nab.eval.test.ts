import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DEFAULT_RULES } from '../config/alerts.schema.js';
import { SHIPPED_THRESHOLD, formatNabEvaluation, runNabEvaluation, scoreNabFiles } from './nab.eval.js';
import { parseProfiles } from './nab.scorer.js';

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
      dataDirs: [dir],
      scorer: (timestamps) => timestamps.map((_, i) => (i === 290 && timestamps.length === 400 ? 1 : 0)),
    });
    expect(result.files).toBe(2);
    expect(result.windows).toBe(1);
    expect(result.standard).toBeCloseTo(100, 9);
    expect(result.reward_low_FN_rate).toBeCloseTo(100, 9);
    expect(result.thresholds.standard).toBe(SHIPPED_THRESHOLD);
    expect(result.oracle.thresholds.standard).toBe(1);
    expect(result.perFile.map((f) => f.file)).toEqual(['alpha/one.csv', 'beta/two.csv']);
    expect(result.perFile[0]).toMatchObject({ category: 'alpha', truePositives: 1, falsePositives: 0 });
    expect(result.categories.map((c) => c.category)).toEqual(['alpha', 'beta']);
    // One parameter set: the nested figure is the figure at the shipped threshold.
    expect(result.nested.standard).toBeCloseTo(100, 9);
  });

  it('reports the shipped threshold as the headline and the re-fitted one only as the oracle', async () => {
    // Fires in the window, but below the threshold the product alerts at.
    const scorer = (timestamps: readonly number[]): number[] =>
      timestamps.map((_, i) => (i === 290 && timestamps.length === 400 ? 0.45 : 0));
    const result = await runNabEvaluation({ dataDirs: [dir], scorer });
    expect(result.standard).toBeCloseTo(0, 9);
    expect(result.oracle.standard).toBeCloseTo(100, 9);
    expect(result.oracle.thresholds.standard).toBe(0.45);
    const given = await runNabEvaluation({
      dataDirs: [dir],
      scorer,
      thresholds: { standard: 0.4, reward_low_FP_rate: 0.5, reward_low_FN_rate: 0.4 },
    });
    expect(given.standard).toBeCloseTo(100, 9);
    expect(given.reward_low_FP_rate).toBeCloseTo(0, 9);
    expect(given.thresholds).toEqual({ standard: 0.4, reward_low_FP_rate: 0.5, reward_low_FN_rate: 0.4 });
  });

  it('nests: each file is scored with the parameter set chosen on the other files only', () => {
    const profiles = parseProfiles(PROFILES);
    const windows = [{ start: 300, end: 320 }];
    const fires = (at: number): Float64Array => {
      const scores = new Float64Array(1000);
      if (at >= 0) scores[at] = 0.9;
      return scores;
    };
    // Set 0 detects a's window only, set 1 b's only: chosen on the other file, each misses the file held out.
    const grid = [
      [
        { name: 'x/a.csv', scores: fires(300), windows },
        { name: 'x/b.csv', scores: fires(-1), windows },
      ],
      [
        { name: 'x/a.csv', scores: fires(-1), windows },
        { name: 'x/b.csv', scores: fires(300), windows },
      ],
    ];
    const result = scoreNabFiles(grid, profiles, {
      standard: 0.5,
      reward_low_FP_rate: 0.5,
      reward_low_FN_rate: 0.5,
    });
    expect(result.standard).toBeCloseTo(50, 9);
    expect(result.nested.standard).toBeCloseTo(0, 9);
    expect(result.nested.grid).toBe(2);
    expect(result.nested.shippedChosen.standard).toBe(1);
  });

  it('runs the real detector, one category at a time, and formats a readable table', async () => {
    const result = await runNabEvaluation({ dataDirs: [dir], category: 'alpha' });
    expect(result.files).toBe(1);
    expect(result.perFile[0]!.truePositives).toBe(1);
    expect(result.standard).toBeGreaterThan(90);
    const text = formatNabEvaluation(result);
    expect(text).toContain('reward_low_FP_rate');
    expect(text).toContain('alpha/one.csv');
  });

  it('complains about a file without labels and an empty folder', async () => {
    await writeFile(join(dir, 'labels', 'combined_windows.json'), JSON.stringify({ 'alpha/one.csv': [] }));
    await expect(runNabEvaluation({ dataDirs: [dir] })).rejects.toThrow(/beta\/two.csv/);
    await expect(runNabEvaluation({ dataDirs: [dir], category: 'gamma' })).rejects.toThrow();
  });
});

const NAB_DIR = fileURLToPath(new URL('../../../shared/data/nab', import.meta.url));
const MORE_DIR = fileURLToPath(new URL('../../../shared/data/nab-more', import.meta.url));
const HAVE_NAB = [NAB_DIR, MORE_DIR].every((d) => existsSync(join(d, 'labels', 'combined_windows.json')));
if (!HAVE_NAB) console.warn(`NAB quality check skipped: ${NAB_DIR} or ${MORE_DIR} is missing`);

describe.skipIf(!HAVE_NAB)(
  'detector quality on the 36 NAB development series (../shared/data/nab, nab-more)',
  () => {
    it('holds its floor at the shipped threshold, nested leave-one-out: standard >= 55, low FP >= 45', async () => {
      const result = await runNabEvaluation({ dataDirs: [NAB_DIR, MORE_DIR] });
      expect(result.files).toBe(36);
      expect(result.thresholds.standard).toBe(SHIPPED_THRESHOLD);
      expect(result.nested.standard).toBeGreaterThanOrEqual(55);
      expect(result.nested.reward_low_FP_rate).toBeGreaterThanOrEqual(45);
    });
  },
);

describe('the shipped threshold', () => {
  it('is the one the shipped mention rules alert at, in the defaults and in the example spike rule', () => {
    const counts = DEFAULT_RULES.filter((rule) => rule.metric === 'volume' || rule.metric === 'questions');
    expect(counts.length).toBeGreaterThan(0);
    for (const rule of counts) expect(rule.threshold).toBe(SHIPPED_THRESHOLD);
    const example = parse(
      readFileSync(fileURLToPath(new URL('../../onderstroom.example.yaml', import.meta.url)), 'utf8'),
    ) as { alerts: { rules: { id: string; threshold: number }[] } };
    // The example's mention spike rule; its other rules show a site's own choices (a stricter drop rule).
    expect(example.alerts.rules.find((rule) => rule.id === 'volume')?.threshold).toBe(SHIPPED_THRESHOLD);
  });
});
