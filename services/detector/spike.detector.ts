// Streaming spike/drop detector for one series of bucketed values (mention counts per 5 minutes, or any regular series).
// Each point is judged against a seasonal baseline, then learned from; the state is a plain JSON object kept between
// buckets, so a restart continues where it stopped.
import {
  type BaselineKind,
  type BaselineRates,
  type BaselineState,
  DAY_MS,
  expectationAt,
  hourOfDay,
  isBaselineState,
  learnBaseline,
  newBaseline,
} from './seasonal.baseline.js';
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
import {
  type StateShape,
  isNumber,
  isNumberOrNull,
  numbers,
  StatefulDetector,
  parseStoredState,
} from './detector.state.js';
import { STEP_FIELDS, learnStep } from './sampling.step.js';

// Bump on any change of state shape or of SPIKE_SETTINGS: stored states of another version are relearned, not misread.
export const SPIKE_STATE_VERSION = 6;

/** One parameter set for every series; exported so tests and experiments can vary it, never per series in production. */
export interface SpikeSettings extends OnsetSettings {
  /** Points judged but not scored while the baseline forms. */
  warmup: number;
  baseline: BaselineRates;
  /**
   * Exponential windows over which observed and expected values are compared: 1 is the point itself,
   * 0.1 averages about the last 20 points (about 1.5 hours of 5-minute buckets), which catches sustained bursts.
   */
  windows: number[];
  /** Digits subtracted from the surprise of each further window: more views, more chances of a fluke. */
  windowPenalty: number;
  /** Per point: the rate of the whole-series noise scale of each window. */
  scalePerPoint: number;
  /** Share of an hour-of-day noise scale renewed per day: night and day noise differ a lot in counts. */
  slotScalePerDay: number;
  /** Deviations beyond this many noise scales are clipped when learning a scale. */
  scaleClip: number;
  /** Noise scales never drop below this share of the series' overall spread, nor below half the data resolution. */
  scaleFloor: number;
  /** Student-t degrees of freedom for the surprise of a deviation. */
  dof: number;
  /**
   * Range records: a value beyond the range seen so far by more than `margin` of that range is novel, and scores at
   * least `digits` (after calibration), once at least `minHistory` points have formed the range.
   */
  novelty: { margin: number; minHistory: number; digits: number };
}

export const SPIKE_SETTINGS: SpikeSettings = {
  warmup: 12,
  baseline: {
    hourOfDayPerDay: 0.2,
    dayOfWeekPerWeek: 0.3,
    levelPerPoint: 0.02,
    spreadPerPoint: 0.01,
    clip: 5,
    anomalousLevelShare: 0.1,
  },
  windows: [1, 0.1],
  windowPenalty: 0.3,
  scalePerPoint: 0.01,
  slotScalePerDay: 0.2,
  scaleClip: 5,
  scaleFloor: 0.01,
  dof: 5,
  tail: { quantile: 0.98, quantileStep: 0.03, excessRate: 0.01, clusterGap: 3 },
  // A burst's memory halves in 5 h 45 min and an alert silences its direction for 12 h: what 0.99 per point and 144
  // points were on 5-minute buckets, now in time, so that series with other steps keep the same hours.
  debounce: { fadeHalfLifeMs: 345 * 60_000, refractoryMs: 12 * 3_600_000 },
  halfScore: 3.5,
  novelty: { margin: 0.2, minHistory: 576, digits: 7 },
};

export interface BaselineDescription {
  kind: BaselineKind;
  /** What was expected at this point, in the series' units. */
  expected: number;
  /** Typical deviation at this hour of the day, in the series' units (about one standard deviation). */
  spread: number;
  /** Points the baseline has learned from for this hour of the day (or in total, for a recent level). */
  samples: number;
}

export interface SpikePoint extends OnsetScores {
  observed: number;
  expected: number;
  baseline: BaselineDescription;
}

export interface SpikeDetectorState {
  version: typeof SPIKE_STATE_VERSION;
  points: number;
  /** Smallest change seen between consecutive values: differences below it are quantisation, not news. */
  resolution: number | null;
  lastValue: number | null;
  lastTime: number | null;
  /** Smallest and largest value seen: the range that a novel value leaves. */
  min: number | null;
  max: number | null;
  /** Typical sampling interval in ms, learned from the data. */
  stepMs: number | null;
  baseline: BaselineState;
  /** Per window: exponential averages of observed and expected values. */
  observedAverage: number[];
  expectedAverage: number[];
  /** Per window: whole-series noise scale; per hour of day and window: that hour's noise scale. */
  scale: number[];
  slotScale: number[];
  slotSeen: number[];
  onsets: OnsetState;
}

export class SpikeDetector extends StatefulDetector<SpikeDetectorState> {
  constructor(
    private readonly settings: SpikeSettings = SPIKE_SETTINGS,
    state?: SpikeDetectorState,
  ) {
    super(SPIKE_STATE, state ?? newSpikeState(settings), settings.windows.length);
  }

  /** Continues from a stored state; throws on a state of another version or shape. */
  static fromState(state: unknown, settings: SpikeSettings = SPIKE_SETTINGS): SpikeDetector {
    return new SpikeDetector(settings, parseSpikeState(state));
  }

  /**
   * Judges one point, then learns from it. `time` is epoch ms of local wall-clock time (see
   * services/time/zoned-time.ts), so that hours of the day follow the audience's day; points must come in time order.
   */
  update(time: number, value: number): SpikePoint {
    if (!Number.isFinite(value) || !Number.isFinite(time)) {
      throw new Error('spike detector: time and value must be finite numbers');
    }
    const s = this.s;
    const cfg = this.settings;
    learnStep(s, time);
    s.points++;
    if (s.lastValue !== null && value !== s.lastValue) {
      const change = Math.abs(value - s.lastValue);
      if (s.resolution === null || change < s.resolution) s.resolution = change;
    }
    s.lastValue = value;
    let novelUp = 0;
    let novelDown = 0;
    if (s.min === null || s.max === null) {
      s.min = value;
      s.max = value;
    } else {
      const margin = cfg.novelty.margin * (s.max - s.min);
      const guarded = s.points > cfg.novelty.minHistory && margin > 0;
      if (guarded && value > s.max + margin) novelUp = cfg.novelty.digits;
      if (guarded && value < s.min - margin) novelDown = cfg.novelty.digits;
      if (value > s.max) s.max = value;
      if (value < s.min) s.min = value;
    }
    const step = s.stepMs ?? DAY_MS / 288;
    const pointsPerDay = Math.max(1, DAY_MS / step);

    const at = expectationAt(s.baseline, time);
    const hour = hourOfDay(time);
    // Never below float rounding of the value itself: a flat series has no noise, and no news either.
    const floor = Math.max(
      cfg.scaleFloor * s.baseline.spread,
      0.5 * (s.resolution ?? 0),
      1e-9 * Math.abs(value),
      1e-12,
    );
    const firstVisit = s.slotSeen[hour] === 0;
    s.slotSeen[hour] = s.slotSeen[hour]! + 1;
    const slotRate = Math.max(1 / s.slotSeen[hour], (cfg.slotScalePerDay * 24) / pointsPerDay);
    const scaleRate = Math.max(1 / s.points, cfg.scalePerPoint);
    let up = 0;
    let down = 0;
    let pointSpread = 0;
    const windows = cfg.windows;
    for (let k = 0; k < windows.length; k++) {
      const a = windows[k]!;
      const first = s.points === 1;
      const observed = first ? value : s.observedAverage[k]! + a * (value - s.observedAverage[k]!);
      const expected = first
        ? at.expected
        : s.expectedAverage[k]! + a * (at.expected - s.expectedAverage[k]!);
      s.observedAverage[k] = observed;
      s.expectedAverage[k] = expected;
      const deviation = first ? 0 : observed - expected;
      const j = hour * windows.length + k;
      const global = Math.max(s.scale[k]!, floor);
      if (firstVisit) s.slotScale[j] = s.scale[k]!;
      const local = Math.max(s.slotScale[j]!, floor);
      if (k === 0) pointSpread = 1.25 * local;
      // A mean absolute deviation times 1.25 is about one standard deviation.
      const z = deviation / (1.25 * local);
      const penalty = k * cfg.windowPenalty;
      up = Math.max(up, studentSurprise(z, cfg.dof) - penalty);
      down = Math.max(down, studentSurprise(-z, cfg.dof) - penalty);
      if (!first) {
        const size = Math.abs(deviation);
        s.scale[k] = global + scaleRate * (Math.min(size, cfg.scaleClip * global) - global);
        if (!firstVisit) s.slotScale[j] = local + slotRate * (Math.min(size, cfg.scaleClip * local) - local);
      }
    }
    const o =
      s.points <= cfg.warmup ? NO_ONSET : scoreOnsets(s.onsets, time, up, down, cfg, novelUp, novelDown);
    const anomalous = o.spikeLevel >= 0.5 || o.dropLevel >= 0.5;
    learnBaseline(s.baseline, time, value, at, step, cfg.baseline, anomalous);

    const baseline: BaselineDescription = {
      kind: at.kind,
      expected: at.expected,
      spread: pointSpread,
      samples: at.kind === 'recent-level' ? s.baseline.points - 1 : s.baseline.hourOfDaySeen[hour]! - 1,
    };
    // One object literal of a fixed shape per point: spreading would cost more than the detector itself.
    return {
      score: o.score,
      spike: o.spike,
      drop: o.drop,
      spikeLevel: o.spikeLevel,
      dropLevel: o.dropLevel,
      observed: value,
      expected: at.expected,
      baseline,
    };
  }
}

export function newSpikeState(settings: SpikeSettings = SPIKE_SETTINGS): SpikeDetectorState {
  const w = settings.windows.length;
  return {
    version: SPIKE_STATE_VERSION,
    points: 0,
    resolution: null,
    lastValue: null,
    lastTime: null,
    min: null,
    max: null,
    stepMs: null,
    baseline: newBaseline(),
    observedAverage: new Array<number>(w).fill(0),
    expectedAverage: new Array<number>(w).fill(0),
    scale: new Array<number>(w).fill(0),
    slotScale: new Array<number>(24 * w).fill(0),
    slotSeen: new Array<number>(24).fill(0),
    onsets: newOnsetState(settings),
  };
}

const SPIKE_STATE: StateShape<SpikeDetectorState> = {
  what: 'spike detector',
  version: SPIKE_STATE_VERSION,
  windowsField: 'observedAverage',
  fields: {
    points: isNumber,
    resolution: isNumberOrNull,
    lastValue: isNumberOrNull,
    min: isNumberOrNull,
    max: isNumberOrNull,
    ...STEP_FIELDS,
    baseline: isBaselineState,
    observedAverage: numbers(),
    expectedAverage: numbers({ perWindow: 1 }),
    scale: numbers({ perWindow: 1 }),
    slotScale: numbers({ perWindow: 24 }),
    slotSeen: numbers({ fixed: 24 }),
    onsets: isOnsetState,
  },
};

/** Checks a stored state before trusting it; a state of another version or shape is refused, not misread. */
export function parseSpikeState(state: unknown): SpikeDetectorState {
  return parseStoredState(SPIKE_STATE, state);
}
