// Runs the streaming detector over NAB series and scores it with our NAB scorer: the detector's quality figure.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { listNabFiles, readNabSeries, readNabWindows } from './nab.dataset.js';
import {
  type CostProfiles,
  type ProfileName,
  type ScorableFile,
  PROFILE_NAMES,
  normaliseScore,
  optimiseThreshold,
  parseProfiles,
  scoreCorpus,
  scoreFileAt,
  windowsToRows,
} from './nab.scorer.js';
import { SpikeDetector } from './spike.detector.js';

/** Scores every row of one series, causally; the default runs a fresh SpikeDetector. */
export type SeriesScorer = (timestamps: readonly number[], values: readonly number[]) => ArrayLike<number>;

export interface NabFileResult {
  file: string;
  category: string;
  rows: number;
  windows: number;
  /** Raw NAB score of this file at each profile's corpus threshold. */
  standard: number;
  reward_low_FP_rate: number;
  reward_low_FN_rate: number;
  /** Counts at the standard threshold: windows detected, windows missed, detections outside windows. */
  truePositives: number;
  falseNegatives: number;
  falsePositives: number;
}

export interface NabCategoryResult {
  category: string;
  files: number;
  windows: number;
  /** Normalised scores of the category's files at the corpus thresholds (not re-optimised per category). */
  standard: number;
  reward_low_FP_rate: number;
  reward_low_FN_rate: number;
}

export interface NabEvaluation {
  /** Normalised NAB scores; NaN (null in JSON) when the evaluated files have no windows at all. */
  standard: number;
  reward_low_FP_rate: number;
  reward_low_FN_rate: number;
  thresholds: Record<ProfileName, number>;
  raw: Record<ProfileName, number>;
  /**
   * Normalised scores when each file is scored at the threshold optimised on the other files: how the detector
   * would do on a series whose threshold was not fitted to it. NaN with fewer than two files.
   */
  leaveOneOut: Record<ProfileName, number>;
  files: number;
  windows: number;
  rows: number;
  categories: NabCategoryResult[];
  perFile: NabFileResult[];
}

export interface NabEvaluationOptions {
  dataDir: string;
  category?: string;
  profilesPath?: string;
  /** Replaces the default detector, e.g. to score a variant; the default is what production runs. */
  scorer?: SeriesScorer;
}

/** The production detector, one parameter set for every series, fed row by row. */
export const spikeDetectorScorer: SeriesScorer = (timestamps, values) => {
  const detector = new SpikeDetector();
  const scores = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) scores[i] = detector.update(timestamps[i]!, values[i]!).score;
  return scores;
};

export async function runNabEvaluation(options: NabEvaluationOptions): Promise<NabEvaluation> {
  const { dataDir, category } = options;
  const profilesPath = options.profilesPath ?? join(dataDir, 'profiles.json');
  const profiles = parseProfiles(JSON.parse(await readFile(profilesPath, 'utf8')));
  const labels = await readNabWindows(join(dataDir, 'labels', 'combined_windows.json'));
  const names = await listNabFiles(dataDir, category);
  if (names.length === 0) throw new Error(`no CSV files under ${join(dataDir, 'data', category ?? '')}`);
  const scorer = options.scorer ?? spikeDetectorScorer;

  const files: ScorableFile[] = [];
  for (const name of names) {
    const series = await readNabSeries(join(dataDir, 'data', name));
    const windows = labels[name];
    if (!windows) throw new Error(`${name} has no entry in combined_windows.json`);
    files.push({
      name,
      scores: scorer(series.timestamps, series.values),
      windows: windowsToRows(series.timestamps, windows),
    });
  }
  return scoreNabFiles(files, profiles);
}

/** Threshold per profile optimised over all given files, then broken down per category and file. */
export function scoreNabFiles(files: readonly ScorableFile[], profiles: CostProfiles): NabEvaluation {
  const results = Object.fromEntries(
    PROFILE_NAMES.map((p) => [p, scoreCorpus(files, profiles[p])]),
  ) as Record<ProfileName, ReturnType<typeof scoreCorpus>>;
  const perFile: NabFileResult[] = files.map((file, i) => {
    const standard = results.standard.perFile[i]!;
    return {
      file: file.name,
      category: categoryOf(file.name),
      rows: file.scores.length,
      windows: file.windows.length,
      standard: standard.raw,
      reward_low_FP_rate: results.reward_low_FP_rate.perFile[i]!.raw,
      reward_low_FN_rate: results.reward_low_FN_rate.perFile[i]!.raw,
      truePositives: standard.truePositives,
      falseNegatives: standard.falseNegatives,
      falsePositives: standard.falsePositives,
    };
  });
  const categories = [...new Set(perFile.map((f) => f.category))].map((category) => {
    const members = perFile.filter((f) => f.category === category);
    const windows = members.reduce((sum, f) => sum + f.windows, 0);
    const normalise = (p: ProfileName): number => {
      const raw = members.reduce((sum, f) => sum + f[p], 0);
      const { tp, fn } = profiles[p];
      return windows === 0 ? Number.NaN : (100 * (raw + fn * windows)) / ((tp + fn) * windows);
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
  return {
    standard: results.standard.normalised,
    reward_low_FP_rate: results.reward_low_FP_rate.normalised,
    reward_low_FN_rate: results.reward_low_FN_rate.normalised,
    thresholds: {
      standard: results.standard.threshold,
      reward_low_FP_rate: results.reward_low_FP_rate.threshold,
      reward_low_FN_rate: results.reward_low_FN_rate.threshold,
    },
    raw: {
      standard: results.standard.raw,
      reward_low_FP_rate: results.reward_low_FP_rate.raw,
      reward_low_FN_rate: results.reward_low_FN_rate.raw,
    },
    leaveOneOut: {
      standard: leaveOneOut(files, profiles.standard),
      reward_low_FP_rate: leaveOneOut(files, profiles.reward_low_FP_rate),
      reward_low_FN_rate: leaveOneOut(files, profiles.reward_low_FN_rate),
    },
    files: files.length,
    windows: results.standard.windows,
    rows: files.reduce((sum, f) => sum + f.scores.length, 0),
    categories,
    perFile,
  };
}

function leaveOneOut(files: readonly ScorableFile[], profile: CostProfiles[ProfileName]): number {
  if (files.length < 2) return Number.NaN;
  let raw = 0;
  let windows = 0;
  for (const file of files) {
    const { threshold } = optimiseThreshold(
      files.filter((other) => other !== file),
      profile,
    );
    raw += scoreFileAt(file, threshold, profile).raw;
    windows += file.windows.length;
  }
  return normaliseScore(raw, windows, profile);
}

function categoryOf(name: string): string {
  const slash = name.indexOf('/');
  return slash < 0 ? '' : name.slice(0, slash);
}

/** A plain-text report: corpus scores and thresholds, then per category and per file. */
export function formatNabEvaluation(result: NabEvaluation): string {
  const f2 = (x: number): string => (Number.isNaN(x) ? '-' : x.toFixed(2));
  const lines: string[] = [];
  lines.push(`NAB score over ${result.files} files, ${result.windows} windows, ${result.rows} rows`);
  lines.push('');
  lines.push(
    table(
      ['profile', 'score', 'raw', 'threshold', 'leave-one-out'],
      PROFILE_NAMES.map((p) => [
        p,
        f2(result[p]),
        result.raw[p].toFixed(4),
        result.thresholds[p].toFixed(6),
        f2(result.leaveOneOut[p]),
      ]),
    ),
  );
  lines.push('');
  lines.push(
    table(
      ['category', 'files', 'windows', 'standard', 'low FP', 'low FN'],
      result.categories.map((c) => [
        c.category,
        String(c.files),
        String(c.windows),
        f2(c.standard),
        f2(c.reward_low_FP_rate),
        f2(c.reward_low_FN_rate),
      ]),
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
    'Category scores use the corpus thresholds; TP/FN/FP count windows and detections at the standard threshold;',
  );
  lines.push('leave-one-out scores each file at the threshold optimised on the other files.');
  return lines.join('\n');
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const render = (cells: string[]): string =>
    cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
  return [render(header), render(widths.map((w) => '-'.repeat(w))), ...rows.map(render)].join('\n');
}
