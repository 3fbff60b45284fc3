// Runs the streaming detector over NAB series and scores it with our NAB scorer: the detector's quality figure.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { listNabFiles, readNabSeries, readNabWindows } from './nab.dataset.js';
import {
  type CostProfiles,
  type ProfileName,
  type RowWindow,
  type ScorableFile,
  PROFILE_NAMES,
  normaliseScore,
  parseProfiles,
  scoreCorpus,
  scoreCorpusAt,
  scoreFileAt,
  windowsToRows,
} from './nab.scorer.js';
import { SPIKE_SETTINGS, SpikeDetector, type SpikeSettings } from './spike.detector.js';

/** Scores every row of one series, causally; the default runs a fresh SpikeDetector. */
export type SeriesScorer = (timestamps: readonly number[], values: readonly number[]) => ArrayLike<number>;

/** The threshold the shipped alert rules open an alert at (onderstroom.example.yaml); frozen, never fitted. */
export const SHIPPED_THRESHOLD = 0.5;

export type ProfileFigures = Record<ProfileName, number>;

export interface NabFileResult {
  file: string;
  category: string;
  rows: number;
  windows: number;
  /** Raw NAB score of this file at each profile's threshold of the run (the shipped one by default). */
  standard: number;
  reward_low_FP_rate: number;
  reward_low_FN_rate: number;
  /** Counts at the standard threshold: windows detected, windows missed, detections outside windows. */
  truePositives: number;
  falseNegatives: number;
  falsePositives: number;
}

export interface NabCategoryResult extends ProfileFigures {
  category: string;
  files: number;
  windows: number;
}

export interface NestedEvaluation extends ProfileFigures {
  /** Parameter sets the nested protocol chose among. */
  grid: number;
  /** Per profile: how many held-out files were scored with the shipped parameter set (grid entry 0). */
  shippedChosen: ProfileFigures;
  categories: NabCategoryResult[];
}

export interface NabEvaluation extends ProfileFigures {
  /** The thresholds the headline figures are scored at: the shipped threshold unless given. */
  thresholds: ProfileFigures;
  raw: ProfileFigures;
  /**
   * Oracle: thresholds re-fitted on the very files being scored. An upper bound for this parameter set, not what
   * users get; never a headline.
   */
  oracle: ProfileFigures & { thresholds: ProfileFigures };
  /**
   * Nested leave-one-out at the headline thresholds: each file scored with the parameter set chosen on the other
   * files (from a small grid around the shipped one). What to expect on a series nothing was fitted to. NaN with
   * fewer than two files.
   */
  nested: NestedEvaluation;
  files: number;
  windows: number;
  rows: number;
  /** Normalised scores per category at the headline thresholds. */
  categories: NabCategoryResult[];
  perFile: NabFileResult[];
}

export interface NabEvaluationOptions {
  /** One or more NAB folders (data/, labels/combined_windows.json); profiles come from the first. */
  dataDirs: string[];
  category?: string;
  profilesPath?: string;
  /** Thresholds to score at; default the shipped threshold for every profile. */
  thresholds?: ProfileFigures;
  /** Replaces the default detector (and its grid), e.g. to score a variant; the default is what production runs. */
  scorer?: SeriesScorer;
}

/** A detector with one parameter set, fed row by row. */
export function spikeScorer(settings: SpikeSettings): SeriesScorer {
  return (timestamps, values) => {
    const detector = new SpikeDetector(settings);
    const scores = new Float64Array(values.length);
    for (let i = 0; i < values.length; i++) scores[i] = detector.update(timestamps[i]!, values[i]!).score;
    return scores;
  };
}

/** The production detector. */
export const spikeDetectorScorer: SeriesScorer = spikeScorer(SPIKE_SETTINGS);

/**
 * The grid the nested protocol chooses from: the shipped set first, then the alert scale and the refractory period
 * halved or doubled (the two settings the score at a fixed threshold depends on most). Kept small: a nested run
 * costs one detector pass per entry.
 */
export const NESTED_GRID: readonly SpikeSettings[] = [
  SPIKE_SETTINGS,
  { ...SPIKE_SETTINGS, halfScore: SPIKE_SETTINGS.halfScore * 0.85 },
  { ...SPIKE_SETTINGS, halfScore: SPIKE_SETTINGS.halfScore * 1.15 },
  {
    ...SPIKE_SETTINGS,
    debounce: { ...SPIKE_SETTINGS.debounce, refractoryMs: SPIKE_SETTINGS.debounce.refractoryMs / 2 },
  },
  {
    ...SPIKE_SETTINGS,
    debounce: { ...SPIKE_SETTINGS.debounce, refractoryMs: SPIKE_SETTINGS.debounce.refractoryMs * 2 },
  },
];

export const shippedThresholds = (): ProfileFigures => ({
  standard: SHIPPED_THRESHOLD,
  reward_low_FP_rate: SHIPPED_THRESHOLD,
  reward_low_FN_rate: SHIPPED_THRESHOLD,
});

interface NabInputFile {
  name: string;
  timestamps: number[];
  values: number[];
  windows: RowWindow[];
}

async function readCorpus(
  dataDirs: readonly string[],
  category: string | undefined,
): Promise<NabInputFile[]> {
  const files: NabInputFile[] = [];
  const seen = new Set<string>();
  for (const dataDir of dataDirs) {
    const labels = await readNabWindows(join(dataDir, 'labels', 'combined_windows.json'));
    const names = category ? await listCategory(dataDir, category) : await listNabFiles(dataDir);
    for (const name of names) {
      if (seen.has(name)) throw new Error(`${name} is in more than one of the given folders`);
      seen.add(name);
      const series = await readNabSeries(join(dataDir, 'data', name));
      const windows = labels[name];
      if (!windows)
        throw new Error(`${name} has no entry in ${join(dataDir, 'labels', 'combined_windows.json')}`);
      files.push({ name, ...series, windows: windowsToRows(series.timestamps, windows) });
    }
  }
  if (files.length === 0) {
    throw new Error(`no CSV files under ${dataDirs.map((d) => join(d, 'data', category ?? '')).join(', ')}`);
  }
  return files;
}

/** A category may exist in only some of the folders. */
async function listCategory(dataDir: string, category: string): Promise<string[]> {
  if (!existsSync(join(dataDir, 'data', category))) return [];
  return listNabFiles(dataDir, category);
}

export async function runNabEvaluation(options: NabEvaluationOptions): Promise<NabEvaluation> {
  const { dataDirs, category } = options;
  if (dataDirs.length === 0) throw new Error('no NAB folder given');
  const profilesPath = options.profilesPath ?? join(dataDirs[0]!, 'profiles.json');
  const profiles = parseProfiles(JSON.parse(await readFile(profilesPath, 'utf8')));
  const input = await readCorpus(dataDirs, category);
  const scorers = options.scorer ? [options.scorer] : NESTED_GRID.map(spikeScorer);
  const grid = scorers.map((scorer) =>
    input.map((f) => ({ name: f.name, scores: scorer(f.timestamps, f.values), windows: f.windows })),
  );
  return scoreNabFiles(grid, profiles, options.thresholds ?? shippedThresholds());
}

/**
 * Scores files at the given thresholds; `grid[0]` holds the files as scored by the shipped parameter set, further
 * entries the same files scored by the other parameter sets the nested protocol may choose.
 */
export function scoreNabFiles(
  grid: readonly (readonly ScorableFile[])[],
  profiles: CostProfiles,
  thresholds: ProfileFigures,
): NabEvaluation {
  const files = grid[0];
  if (!files) throw new Error('scoreNabFiles: no scored files');
  const byProfile = <T>(f: (p: ProfileName) => T): Record<ProfileName, T> =>
    Object.fromEntries(PROFILE_NAMES.map((p) => [p, f(p)])) as Record<ProfileName, T>;
  const at = byProfile((p) => scoreCorpusAt(files, thresholds[p], profiles[p]));
  const oracle = byProfile((p) => scoreCorpus(files, profiles[p]));
  const perFile: NabFileResult[] = files.map((file, i) => {
    const standard = at.standard.perFile[i]!;
    return {
      file: file.name,
      category: categoryOf(file.name),
      rows: file.scores.length,
      windows: file.windows.length,
      standard: standard.raw,
      reward_low_FP_rate: at.reward_low_FP_rate.perFile[i]!.raw,
      reward_low_FN_rate: at.reward_low_FN_rate.perFile[i]!.raw,
      truePositives: standard.truePositives,
      falseNegatives: standard.falseNegatives,
      falsePositives: standard.falsePositives,
    };
  });
  const rawOf = byProfile((p) => perFile.map((f) => f[p]));
  return {
    standard: at.standard.normalised,
    reward_low_FP_rate: at.reward_low_FP_rate.normalised,
    reward_low_FN_rate: at.reward_low_FN_rate.normalised,
    thresholds: { ...thresholds },
    raw: byProfile((p) => at[p].raw),
    oracle: {
      ...byProfile((p) => oracle[p].normalised),
      thresholds: byProfile((p) => oracle[p].threshold),
    },
    nested: nestedLeaveOneOut(grid, profiles, thresholds),
    files: files.length,
    windows: at.standard.windows,
    rows: files.reduce((sum, f) => sum + f.scores.length, 0),
    categories: byCategory(files, rawOf, profiles),
    perFile,
  };
}

/**
 * Nested leave-one-out: for each file, the parameter set that scores best on all other files (at the fixed
 * thresholds; ties go to the earlier grid entry, the shipped one first) scores the held-out file.
 */
export function nestedLeaveOneOut(
  grid: readonly (readonly ScorableFile[])[],
  profiles: CostProfiles,
  thresholds: ProfileFigures,
): NestedEvaluation {
  const files = grid[0]!;
  const heldOut: Record<ProfileName, number[]> = {
    standard: [],
    reward_low_FP_rate: [],
    reward_low_FN_rate: [],
  };
  const shippedChosen: ProfileFigures = { standard: 0, reward_low_FP_rate: 0, reward_low_FN_rate: 0 };
  const nested = {} as ProfileFigures;
  for (const p of PROFILE_NAMES) {
    const raw = grid.map((scored) => scored.map((f) => scoreFileAt(f, thresholds[p], profiles[p]).raw));
    const totals = raw.map((r) => r.reduce((a, b) => a + b, 0));
    let sum = 0;
    for (let i = 0; i < files.length; i++) {
      let best = 0;
      for (let g = 1; g < grid.length; g++) {
        if (totals[g]! - raw[g]![i]! > totals[best]! - raw[best]![i]!) best = g;
      }
      if (best === 0) shippedChosen[p]++;
      heldOut[p].push(raw[best]![i]!);
      sum += raw[best]![i]!;
    }
    const windows = files.reduce((n, f) => n + f.windows.length, 0);
    nested[p] = files.length < 2 ? Number.NaN : normaliseScore(sum, windows, profiles[p]);
  }
  return {
    ...nested,
    grid: grid.length,
    shippedChosen,
    categories: files.length < 2 ? [] : byCategory(files, heldOut, profiles),
  };
}

function byCategory(
  files: readonly ScorableFile[],
  raw: Record<ProfileName, readonly number[]>,
  profiles: CostProfiles,
): NabCategoryResult[] {
  const names = files.map((f) => categoryOf(f.name));
  return [...new Set(names)].map((category) => {
    const members = files.flatMap((f, i) => (names[i] === category ? [i] : []));
    const windows = members.reduce((sum, i) => sum + files[i]!.windows.length, 0);
    const normalise = (p: ProfileName): number => {
      const total = members.reduce((sum, i) => sum + raw[p][i]!, 0);
      return windows === 0 ? Number.NaN : normaliseScore(total, windows, profiles[p]);
    };
    return {
      category,
      files: members.length,
      windows,
      standard: normalise('standard'),
      reward_low_FP_rate: normalise('reward_low_FP_rate'),
      reward_low_FN_rate: normalise('reward_low_FN_rate'),
    };
  });
}

function categoryOf(name: string): string {
  const slash = name.indexOf('/');
  return slash < 0 ? '' : name.slice(0, slash);
}

/** A plain-text report: headline at the thresholds of the run, nested and oracle figures, per category and file. */
export function formatNabEvaluation(result: NabEvaluation): string {
  const f2 = (x: number): string => (Number.isNaN(x) ? '-' : x.toFixed(2));
  const lines: string[] = [];
  lines.push(`NAB score over ${result.files} files, ${result.windows} windows, ${result.rows} rows`);
  lines.push('');
  lines.push(
    table(
      [
        'profile',
        'score',
        'threshold',
        'nested leave-one-out',
        'oracle (re-fitted here)',
        'oracle threshold',
      ],
      PROFILE_NAMES.map((p) => [
        p,
        f2(result[p]),
        result.thresholds[p].toFixed(4),
        f2(result.nested[p]),
        f2(result.oracle[p]),
        result.oracle.thresholds[p].toFixed(4),
      ]),
    ),
  );
  lines.push('');
  lines.push(
    table(
      [
        'category',
        'files',
        'windows',
        'standard',
        'low FP',
        'low FN',
        'nested std',
        'nested low FP',
        'nested low FN',
      ],
      result.categories.map((c, i) => {
        const n = result.nested.categories[i];
        return [
          c.category,
          String(c.files),
          String(c.windows),
          f2(c.standard),
          f2(c.reward_low_FP_rate),
          f2(c.reward_low_FN_rate),
          n ? f2(n.standard) : '-',
          n ? f2(n.reward_low_FP_rate) : '-',
          n ? f2(n.reward_low_FN_rate) : '-',
        ];
      }),
    ),
  );
  lines.push('');
  lines.push(
    table(
      ['file', 'windows', 'TP', 'FN', 'FP', 'standard', 'low FP', 'low FN'],
      result.perFile.map((f) => [
        f.file,
        String(f.windows),
        String(f.truePositives),
        String(f.falseNegatives),
        String(f.falsePositives),
        f.standard.toFixed(3),
        f.reward_low_FP_rate.toFixed(3),
        f.reward_low_FN_rate.toFixed(3),
      ]),
    ),
  );
  lines.push('');
  lines.push(
    'score: at the threshold (the shipped alert threshold unless --thresholds); TP/FN/FP at the standard one.',
  );
  lines.push(
    `nested leave-one-out: each file scored with the parameter set (of ${result.nested.grid}) chosen on the other files.`,
  );
  lines.push('oracle: thresholds re-fitted on these very files; an upper bound, not what alerts do.');
  return lines.join('\n');
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const render = (cells: string[]): string =>
    cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
  return [render(header), render(widths.map((w) => '-'.repeat(w))), ...rows.map(render)].join('\n');
}
