// NAB scoring rules as written in ../shared/data/nab/README.md: probation, scaled sigmoid, window values,
// earliest detection per window, one threshold swept over the whole corpus, normalisation against the null detector.

export const PROFILE_NAMES = ['standard', 'reward_low_FP_rate', 'reward_low_FN_rate'] as const;
export type ProfileName = (typeof PROFILE_NAMES)[number];

/** Positive magnitudes; the formulas apply the signs. */
export interface CostProfile {
  tp: number;
  fp: number;
  fn: number;
}

export type CostProfiles = Record<ProfileName, CostProfile>;

/** Inclusive row indices of one anomaly window. */
export interface RowWindow {
  start: number;
  end: number;
}

/** One file ready for scoring: a detector score per row and its windows as row indices. */
export interface ScorableFile {
  name: string;
  scores: ArrayLike<number>;
  windows: readonly RowWindow[];
}

export interface FileScore {
  name: string;
  raw: number;
  truePositives: number;
  falseNegatives: number;
  falsePositives: number;
}

export interface ProfileResult {
  threshold: number;
  raw: number;
  normalised: number;
  windows: number;
  perFile: FileScore[];
}

/** Threshold that no score in [0,1] reaches: the "never fire" candidate of the sweep. */
export const NEVER_FIRE_THRESHOLD = 1.1;

const SIGMA_AT_MINUS_ONE = scaledSigmoid(-1);

export function scaledSigmoid(y: number): number {
  if (y > 3) return -1;
  return 2 / (1 + Math.exp(5 * y)) - 1;
}

export function probationLength(rows: number): number {
  return Math.min(Math.floor(0.15 * rows), 750);
}

/** Reads profiles.json ({ name: { CostMatrix: { tpWeight, fpWeight, fnWeight } } }) into cost magnitudes. */
export function parseProfiles(json: unknown): CostProfiles {
  const read = (name: ProfileName): CostProfile => {
    const entry = (json as Record<string, { CostMatrix?: Record<string, unknown> } | undefined>)[name];
    const matrix = entry?.CostMatrix;
    const tp = matrix?.['tpWeight'];
    const fp = matrix?.['fpWeight'];
    const fn = matrix?.['fnWeight'];
    if (typeof tp !== 'number' || typeof fp !== 'number' || typeof fn !== 'number') {
      throw new Error(`profiles: "${name}" needs numeric CostMatrix.tpWeight, fpWeight and fnWeight`);
    }
    return { tp, fp, fn };
  };
  return {
    standard: read('standard'),
    reward_low_FP_rate: read('reward_low_FP_rate'),
    reward_low_FN_rate: read('reward_low_FN_rate'),
  };
}

/** Timestamps as 'YYYY-MM-DD HH:MM:SS' with optional fraction; compared as UTC milliseconds. */
export function parseNabTimestamp(text: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?$/.exec(text.trim());
  if (!match) throw new Error(`not a NAB timestamp: "${text}"`);
  const [, y, mo, d, h, mi, s, frac] = match;
  const ms = frac ? Math.round(Number(`0.${frac}`) * 1000) : 0;
  return Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
}

/** Maps label windows (timestamp pairs) to inclusive row indices; each edge must equal a data timestamp. */
export function windowsToRows(
  timestamps: readonly number[],
  windows: readonly (readonly [string, string])[],
): RowWindow[] {
  const firstRow = new Map<number, number>();
  timestamps.forEach((t, i) => {
    if (!firstRow.has(t)) firstRow.set(t, i);
  });
  const rows = windows.map(([startText, endText]) => {
    const start = firstRow.get(parseNabTimestamp(startText));
    const end = firstRow.get(parseNabTimestamp(endText));
    if (start === undefined || end === undefined) {
      throw new Error(`window ${startText} .. ${endText} does not match data timestamps`);
    }
    if (end < start) throw new Error(`window ${startText} .. ${endText} ends before it starts`);
    return { start, end };
  });
  rows.sort((a, b) => a.start - b.start);
  for (let k = 1; k < rows.length; k++) {
    if (rows[k]!.start <= rows[k - 1]!.end) throw new Error('anomaly windows overlap');
  }
  return rows;
}

/**
 * Value of each row if it were a detection, plus the index of the window holding it (-1 outside).
 * Rows in probation get their value too; callers skip them.
 */
export function rowValues(
  rows: number,
  windows: readonly RowWindow[],
  profile: CostProfile,
): { values: Float64Array; windowOf: Int32Array } {
  const values = new Float64Array(rows);
  const windowOf = new Int32Array(rows).fill(-1);
  let next = 0;
  let previous: RowWindow | undefined;
  for (let i = 0; i < rows; i++) {
    while (next < windows.length && windows[next]!.end < i) previous = windows[next++];
    const current = windows[next];
    if (current && current.start <= i) {
      const width = current.end - current.start + 1;
      values[i] = (profile.tp * scaledSigmoid(-(current.end - i + 1) / width)) / SIGMA_AT_MINUS_ONE;
      windowOf[i] = next;
    } else if (previous) {
      const width = previous.end - previous.start + 1;
      // The README divides by w - 1; a one-row window would divide by zero, so treat it as fully decayed.
      const y = width > 1 ? (i - previous.end) / (width - 1) : Number.POSITIVE_INFINITY;
      values[i] = profile.fp * scaledSigmoid(y);
    } else {
      values[i] = -profile.fp;
    }
  }
  return { values, windowOf };
}

/** Windows that hold at least one row past probation: only these can be detected or missed. */
function scorableWindowCount(rows: number, windows: readonly RowWindow[]): number {
  const probation = probationLength(rows);
  return windows.filter((w) => w.end >= probation).length;
}

export function scoreFileAt(file: ScorableFile, threshold: number, profile: CostProfile): FileScore {
  const rows = file.scores.length;
  const probation = probationLength(rows);
  const { values, windowOf } = rowValues(rows, file.windows, profile);
  const best = new Float64Array(file.windows.length).fill(Number.NEGATIVE_INFINITY);
  let outside = 0;
  let falsePositives = 0;
  for (let i = probation; i < rows; i++) {
    if (!(file.scores[i]! >= threshold)) continue;
    const k = windowOf[i]!;
    if (k >= 0) {
      if (values[i]! > best[k]!) best[k] = values[i]!;
    } else {
      outside += values[i]!;
      falsePositives++;
    }
  }
  let raw = outside;
  let truePositives = 0;
  let falseNegatives = 0;
  file.windows.forEach((w, k) => {
    if (w.end < probation) return;
    if (best[k] === Number.NEGATIVE_INFINITY) {
      raw -= profile.fn;
      falseNegatives++;
    } else {
      raw += best[k]!;
      truePositives++;
    }
  });
  return { name: file.name, raw, truePositives, falseNegatives, falsePositives };
}

export function normaliseScore(raw: number, windows: number, profile: CostProfile): number {
  const nullScore = -profile.fn * windows;
  const perfect = profile.tp * windows;
  // Without windows NAB's normalisation divides by zero; the raw score (false positives only) is what remains.
  if (perfect === nullScore) return Number.NaN;
  return (100 * (raw - nullScore)) / (perfect - nullScore);
}

/** The O(M log M) sweep: the threshold that maximises the corpus score, ties going to the highest threshold. */
export function optimiseThreshold(
  files: readonly ScorableFile[],
  profile: CostProfile,
): { threshold: number; raw: number } {
  let total = 0;
  let count = 0;
  const prepared = files.map((file) => {
    const rows = file.scores.length;
    const probation = probationLength(rows);
    total -= profile.fn * scorableWindowCount(rows, file.windows);
    count += rows - probation;
    return { file, probation, ...rowValues(rows, file.windows, profile) };
  });
  // Flat arrays keep the sort cheap on a corpus of a few hundred thousand rows.
  const score = new Float64Array(count);
  const value = new Float64Array(count);
  const windowId = new Int32Array(count);
  let windowBase = 0;
  let m = 0;
  for (const { file, probation, values, windowOf } of prepared) {
    for (let i = probation; i < file.scores.length; i++) {
      score[m] = file.scores[i]!;
      value[m] = values[i]!;
      windowId[m] = windowOf[i]! >= 0 ? windowBase + windowOf[i]! : -1;
      m++;
    }
    windowBase += file.windows.length;
  }
  const order = Array.from({ length: count }, (_, i) => i).sort((a, b) => score[b]! - score[a]!);
  const bestInWindow = new Float64Array(windowBase).fill(-profile.fn);

  let bestTotal = total;
  let bestThreshold = NEVER_FIRE_THRESHOLD;
  for (let j = 0; j < count; j++) {
    const row = order[j]!;
    const k = windowId[row]!;
    if (k < 0) {
      total += value[row]!;
    } else if (value[row]! > bestInWindow[k]!) {
      total += value[row]! - bestInWindow[k]!;
      bestInWindow[k] = value[row]!;
    }
    const nextRow = order[j + 1];
    const endOfValue = nextRow === undefined || score[nextRow] !== score[row];
    // Strictly greater: on a tie the earlier (higher) threshold stays.
    if (endOfValue && total > bestTotal) {
      bestTotal = total;
      bestThreshold = score[row]!;
    }
  }
  return { threshold: bestThreshold, raw: bestTotal };
}

/** Sweeps the threshold for one profile, then reports the corpus and per-file scores at that threshold. */
export function scoreCorpus(files: readonly ScorableFile[], profile: CostProfile): ProfileResult {
  const { threshold } = optimiseThreshold(files, profile);
  return scoreCorpusAt(files, threshold, profile);
}

/** Corpus score at a given threshold (the test vector fixes thresholds; the sweep finds them). */
export function scoreCorpusAt(
  files: readonly ScorableFile[],
  threshold: number,
  profile: CostProfile,
): ProfileResult {
  const perFile = files.map((file) => scoreFileAt(file, threshold, profile));
  const raw = perFile.reduce((sum, f) => sum + f.raw, 0);
  const windows = files.reduce((sum, f) => sum + f.windows.length, 0);
  return { threshold, raw, normalised: normaliseScore(raw, windows, profile), windows, perFile };
}
