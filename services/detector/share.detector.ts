// Streaming detector for a share (negative mentions out of all mentions per bucket), judged together with its volume:
// 5 negatives out of 6 is weak evidence that the mood turned, 500 out of 600 is strong. Evidence is the binomial
// deviance of the observed count against the baseline share, corrected for the extra variation real series show.
import { type StateShape, isNumber, numbers, parseStoredState, StatefulDetector } from './detector.state.js';
import { STEP_FIELDS, learnStep } from './sampling.step.js';
import {
  type OnsetScores,
  type OnsetSettings,
  type OnsetState,
  NO_ONSET,
  isOnsetState,
  newOnsetState,
  scoreOnsets,
  studentSurprise,
} from './tail.calibration.js';
import { SPIKE_SETTINGS } from './spike.detector.js';

// Bump on any change of state shape or of SHARE_SETTINGS.
export const SHARE_STATE_VERSION = 4;

export interface ShareSettings extends OnsetSettings {
  /** Buckets with mentions judged but not scored while the baseline share forms. */
  warmup: number;
  /** Per bucket: how fast the baseline share follows (0.005 is about a day and a half of 5-minute buckets). */
  baselinePerPoint: number;
  /** Exponential windows over which negatives and totals are summed: 1 is the bucket itself. */
  windows: number[];
  windowPenalty: number;
  /** Per bucket with mentions: how fast the over-dispersion factor follows. */
  dispersionPerPoint: number;
  dof: number;
}

export const SHARE_SETTINGS: ShareSettings = {
  warmup: 12,
  baselinePerPoint: 0.005,
  windows: [1, 0.1],
  windowPenalty: SPIKE_SETTINGS.windowPenalty,
  dispersionPerPoint: 0.01,
  dof: SPIKE_SETTINGS.dof,
  tail: SPIKE_SETTINGS.tail,
  debounce: SPIKE_SETTINGS.debounce,
  halfScore: SPIKE_SETTINGS.halfScore,
};

export interface ShareBaseline {
  kind: 'recent-share';
  /** The baseline share in [0,1]. */
  expected: number;
  /** Typical deviation of the share at this bucket's volume (binomial, widened by the learned over-dispersion). */
  spread: number;
  /** Mentions the baseline share rests on (exponentially weighted). */
  samples: number;
}

export interface SharePoint extends OnsetScores {
  /** negatives / total, or NaN for an empty bucket. */
  observed: number;
  expected: number;
  negatives: number;
  total: number;
  baseline: ShareBaseline;
}

export interface ShareDetectorState {
  version: typeof SHARE_STATE_VERSION;
  /** Buckets with at least one mention. */
  points: number;
  lastTime: number | null;
  stepMs: number | null;
  /** Exponentially weighted negatives and totals behind the baseline share. */
  baseNegatives: number;
  baseTotal: number;
  /** Per window: exponentially weighted negatives and totals, and the learned over-dispersion factor. */
  negatives: number[];
  totals: number[];
  dispersion: number[];
  onsets: OnsetState;
}

export class ShareDetector extends StatefulDetector<ShareDetectorState> {
  constructor(
    private readonly settings: ShareSettings = SHARE_SETTINGS,
    state?: ShareDetectorState,
  ) {
    super(SHARE_STATE, state ?? newShareState(settings), settings.windows.length);
  }

  static fromState(state: unknown, settings: ShareSettings = SHARE_SETTINGS): ShareDetector {
    return new ShareDetector(settings, parseShareState(state));
  }

  /** One bucket: `negatives` of `total` mentions were negative. An empty bucket carries no evidence. */
  update(time: number, negatives: number, total: number): SharePoint {
    if (!Number.isFinite(time) || !(total >= 0) || !(negatives >= 0) || negatives > total) {
      throw new Error('share detector: need finite time and 0 <= negatives <= total');
    }
    const s = this.s;
    const cfg = this.settings;
    learnStep(s, time);
    // Jeffreys-style half counts keep the share away from exactly 0 or 1 before much is known.
    const p0 = (s.baseNegatives + 0.5) / (s.baseTotal + 1);
    const baseline = (spread: number): ShareBaseline => ({
      kind: 'recent-share',
      expected: p0,
      spread,
      samples: Math.round(s.baseTotal * Math.min(s.points, 1 / cfg.baselinePerPoint)),
    });
    for (let k = 0; k < cfg.windows.length; k++) {
      const a = cfg.windows[k]!;
      s.negatives[k] = s.negatives[k]! + a * (negatives - s.negatives[k]!);
      s.totals[k] = s.totals[k]! + a * (total - s.totals[k]!);
    }
    if (total === 0) {
      return {
        ...NO_ONSET,
        observed: Number.NaN,
        expected: p0,
        negatives,
        total,
        baseline: baseline(Number.NaN),
      };
    }
    s.points++;

    let up = 0;
    let down = 0;
    for (let k = 0; k < cfg.windows.length; k++) {
      const a = cfg.windows[k]!;
      // An exponential average of counts is a sum over about (2 - a) / a buckets.
      const span = (2 - a) / a;
      const n = s.totals[k]! * span;
      const x = s.negatives[k]! * span;
      const deviance = binomialDeviance(x, n, p0);
      const phi = Math.max(1, s.dispersion[k]!);
      const z = Math.sign(x - n * p0) * Math.sqrt(deviance / phi);
      const penalty = k * cfg.windowPenalty;
      up = Math.max(up, studentSurprise(z, cfg.dof) - penalty);
      down = Math.max(down, studentSurprise(-z, cfg.dof) - penalty);
      // A well-specified binomial has deviance about 1 per bucket; the excess is over-dispersion.
      const rate = Math.max(1 / s.points, cfg.dispersionPerPoint);
      s.dispersion[k] = phi + rate * (Math.min(deviance, 25 * phi) - phi);
    }
    const ab = Math.max(1 / s.points, cfg.baselinePerPoint);
    s.baseNegatives += ab * (negatives - s.baseNegatives);
    s.baseTotal += ab * (total - s.baseTotal);
    const spread = Math.sqrt((Math.max(1, s.dispersion[0]!) * p0 * (1 - p0)) / total);
    const o = s.points <= cfg.warmup ? NO_ONSET : scoreOnsets(s.onsets, time, up, down, cfg);
    // One object literal of a fixed shape per bucket: spreading would cost more than the detector itself.
    return {
      score: o.score,
      spike: o.spike,
      drop: o.drop,
      spikeLevel: o.spikeLevel,
      dropLevel: o.dropLevel,
      observed: negatives / total,
      expected: p0,
      negatives,
      total,
      baseline: baseline(spread),
    };
  }
}

/** Twice the log-likelihood ratio of x successes in n trials: observed share against share p. */
export function binomialDeviance(x: number, n: number, p: number): number {
  if (!(n > 0)) return 0;
  const term = (k: number, expected: number): number => (k > 0 ? k * Math.log(k / expected) : 0);
  return Math.max(0, 2 * (term(x, n * p) + term(n - x, n * (1 - p))));
}

export function newShareState(settings: ShareSettings = SHARE_SETTINGS): ShareDetectorState {
  const w = settings.windows.length;
  return {
    version: SHARE_STATE_VERSION,
    points: 0,
    lastTime: null,
    stepMs: null,
    baseNegatives: 0,
    baseTotal: 0,
    negatives: new Array<number>(w).fill(0),
    totals: new Array<number>(w).fill(0),
    dispersion: new Array<number>(w).fill(1),
    onsets: newOnsetState(settings),
  };
}

const SHARE_STATE: StateShape<ShareDetectorState> = {
  what: 'share detector',
  version: SHARE_STATE_VERSION,
  windowsField: 'negatives',
  fields: {
    points: isNumber,
    ...STEP_FIELDS,
    baseNegatives: isNumber,
    baseTotal: isNumber,
    negatives: numbers(),
    totals: numbers({ perWindow: 1 }),
    dispersion: numbers({ perWindow: 1 }),
    onsets: isOnsetState,
  },
};

export function parseShareState(state: unknown): ShareDetectorState {
  return parseStoredState(SHARE_STATE, state);
}
