// Streaming spike/drop detector for one series of bucketed values (mention counts per 5 minutes, or any regular series).
// Each point is judged against a seasonal baseline, then learned from; state is a plain JSON object kept between buckets.
import {
  type BaselineKind,
  type BaselineRates,
  type BaselineState,
  DAY_MS,
  expectationAt,
  hourOfDay,
  learnBaseline,
  newBaseline,
} from './seasonal.baseline.js';
import {
  type DebounceRates,
  type DebounceState,
  type TailRates,
  type TailState,
  calibrate,
  debounce,
  learnTail,
  newDebounce,
  newTail,
  studentSurprise,
  surpriseToScore,
} from './tail.calibration.js';

export const SPIKE_STATE_VERSION = 1;

/** One parameter set for every series; exported so tests and experiments can vary it, never per series in production. */
export interface SpikeSettings {
  /** Points judged but not scored while the baseline forms. */
  warmup: number;
  baseline: BaselineRates;
  /**
   * Exponential windows over which observed and expected values are compared: 1 is the point itself,
   * 0.1 averages about the last 20 points (about 1.5 hours of 5-minute buckets), catching sustained bursts.
   */
  windows: number[];
  /** Digits subtracted from the surprise of each further window: more views, more chances of a fluke. */
  windowPenalty: number;
  /** Per point: the rate of the whole-series noise scale per window. */
  scalePerPoint: number;
  /** Share of an hour-of-day noise scale renewed per day: night and day noise differ a lot in counts. */
  slotScalePerDay: number;
  /** Deviations beyond this many noise scales are clipped when learning the scale. */
  scaleClip: number;
  /** Noise scales never drop below this share of the series' overall spread. */
  scaleFloor: number;
  /** Student-t degrees of freedom for the surprise of a deviation. */
  dof: number;
  tail: TailRates;
  debounce: DebounceRates;
  /** Surprise (decimal digits, after calibration) that maps to score 0.5. */
  halfScore: number;
}

export const SPIKE_SETTINGS: SpikeSettings = {
  warmup: 12,
  baseline: {
    hourOfDayPerDay: 0.2,
    dayOfWeekPerWeek: 0.3,
    levelPerPoint: 0.003,
    spreadPerPoint: 0.01,
    clip: 5,
  },
  windows: [1, 0.1],
  windowPenalty: 0.3,
  scalePerPoint: 0.01,
  slotScalePerDay: 0.2,
  scaleClip: 5,
  scaleFloor: 0.01,
  dof: 5,
  tail: { quantile: 0.98, quantileStep: 0.03, excessRate: 0.02 },
  debounce: { fade: 0.99, margin: 1.2 },
  halfScore: 3.5,
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

export interface SpikePoint {
  /** max(spike, drop): the anomaly score of the point in [0,1]. */
  score: number;
  /** Onset score of an unusual rise in [0,1], debounced: high at the start of an event, not at every step of it. */
  spike: number;
  /** Onset score of an unusual fall, debounced the same way. */
  drop: number;
  /** How unusual the rise is right now, not debounced: for dashboards and for deciding an alert is over. */
  spikeLevel: number;
  dropLevel: number;
  observed: number;
  expected: number;
  baseline: BaselineDescription;
}

export interface SpikeDetectorState {
  version: typeof SPIKE_STATE_VERSION;
  points: number;
  lastTime: number | null;
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
  spikeTail: TailState;
  dropTail: TailState;
  spikeDebounce: DebounceState;
  dropDebounce: DebounceState;
}

export class SpikeDetector {
  private readonly s: SpikeDetectorState;
  private readonly settings: SpikeSettings;

  constructor(settings: SpikeSettings = SPIKE_SETTINGS, state?: SpikeDetectorState) {
    this.settings = settings;
    this.s = state ? structuredClone(state) : newSpikeState(settings);
    if (this.s.observedAverage.length !== settings.windows.length) {
      throw new Error('spike detector state does not match the settings (windows differ)');
    }
  }

  static fromState(state: unknown, settings: SpikeSettings = SPIKE_SETTINGS): SpikeDetector {
    return new SpikeDetector(settings, parseSpikeState(state));
  }

  /** A deep copy of the state, safe to JSON.stringify and store. */
  toState(): SpikeDetectorState {
    return structuredClone(this.s);
  }

  /** Judges one point (time in ms of local wall-clock time, so hours follow the audience's day), then learns from it. */
  update(time: number, value: number): SpikePoint {
    const s = this.s;
    const cfg = this.settings;
    if (!Number.isFinite(value) || !Number.isFinite(time))
      throw new Error('spike detector: time and value must be finite');
    learnStep(s, time);
    s.points++;
    const step = s.stepMs ?? DAY_MS / 288;
    const pointsPerDay = Math.max(1, DAY_MS / step);

    const at = expectationAt(s.baseline, time);
    const hour = hourOfDay(time);
    const floor = Math.max(cfg.scaleFloor * s.baseline.spread, 1e-12);
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
      const observed = s.points === 1 ? value : s.observedAverage[k]! + a * (value - s.observedAverage[k]!);
      const expected =
        s.points === 1 ? at.expected : s.expectedAverage[k]! + a * (at.expected - s.expectedAverage[k]!);
      s.observedAverage[k] = observed;
      s.expectedAverage[k] = expected;
      const deviation = s.points === 1 ? 0 : observed - expected;
      const j = hour * windows.length + k;
      const global = Math.max(s.scale[k]!, floor);
      if (firstVisit) s.slotScale[j] = s.scale[k]!;
      const local = Math.max(s.slotScale[j]!, floor);
      if (k === 0) pointSpread = 1.25 * local;
      const z = deviation / (1.25 * local);
      const penalty = k * cfg.windowPenalty;
      up = Math.max(up, studentSurprise(z, cfg.dof) - penalty);
      down = Math.max(down, studentSurprise(-z, cfg.dof) - penalty);
      const size = Math.abs(deviation);
      if (s.points > 1) {
        s.scale[k] = global + scaleRate * (Math.min(size, cfg.scaleClip * global) - global);
        if (!firstVisit) s.slotScale[j] = local + slotRate * (Math.min(size, cfg.scaleClip * local) - local);
      }
    }
    learnBaseline(s.baseline, time, value, at, step, cfg.baseline);

    const baseline: BaselineDescription = {
      kind: at.kind,
      expected: at.expected,
      spread: pointSpread,
      samples: at.kind === 'recent-level' ? s.baseline.points - 1 : s.baseline.hourOfDaySeen[hour]! - 1,
    };
    if (s.points <= cfg.warmup) {
      return {
        score: 0,
        spike: 0,
        drop: 0,
        spikeLevel: 0,
        dropLevel: 0,
        observed: value,
        expected: at.expected,
        baseline,
      };
    }
    const spikeSurprise = calibrate(s.spikeTail, up, cfg.tail);
    const dropSurprise = calibrate(s.dropTail, down, cfg.tail);
    learnTail(s.spikeTail, up, cfg.tail);
    learnTail(s.dropTail, down, cfg.tail);
    const spike = surpriseToScore(debounce(s.spikeDebounce, spikeSurprise, cfg.debounce), cfg.halfScore);
    const drop = surpriseToScore(debounce(s.dropDebounce, dropSurprise, cfg.debounce), cfg.halfScore);
    return {
      score: Math.max(spike, drop),
      spike,
      drop,
      spikeLevel: surpriseToScore(spikeSurprise, cfg.halfScore),
      dropLevel: surpriseToScore(dropSurprise, cfg.halfScore),
      observed: value,
      expected: at.expected,
      baseline,
    };
  }
}

/** Learns the sampling interval: an average of recent intervals, ignoring gaps and repeated timestamps. */
function learnStep(s: SpikeDetectorState, time: number): void {
  if (s.lastTime !== null) {
    const dt = time - s.lastTime;
    if (dt > 0) {
      if (s.stepMs === null) s.stepMs = dt;
      else if (dt < 4 * s.stepMs) s.stepMs += 0.05 * (dt - s.stepMs);
    }
  }
  s.lastTime = time;
}

export function newSpikeState(settings: SpikeSettings = SPIKE_SETTINGS): SpikeDetectorState {
  const w = settings.windows.length;
  return {
    version: SPIKE_STATE_VERSION,
    points: 0,
    lastTime: null,
    stepMs: null,
    baseline: newBaseline(),
    observedAverage: new Array<number>(w).fill(0),
    expectedAverage: new Array<number>(w).fill(0),
    scale: new Array<number>(w).fill(0),
    slotScale: new Array<number>(24 * w).fill(0),
    slotSeen: new Array<number>(24).fill(0),
    spikeTail: newTail(settings.tail),
    dropTail: newTail(settings.tail),
    spikeDebounce: newDebounce(),
    dropDebounce: newDebounce(),
  };
}

/** Checks a stored state before trusting it: a wrong version or shape starts a fresh baseline rather than garbage. */
export function parseSpikeState(state: unknown): SpikeDetectorState {
  const s = state as Partial<SpikeDetectorState> | null;
  if (typeof s !== 'object' || s === null) throw new Error('spike detector state: not an object');
  if (s.version !== SPIKE_STATE_VERSION) {
    throw new Error(`spike detector state: version ${String(s.version)}, expected ${SPIKE_STATE_VERSION}`);
  }
  const numbers = (v: unknown, length?: number): boolean =>
    Array.isArray(v) &&
    (length === undefined || v.length === length) &&
    v.every((x) => typeof x === 'number');
  const b = s.baseline;
  const ok =
    typeof s.points === 'number' &&
    (s.lastTime === null || typeof s.lastTime === 'number') &&
    (s.stepMs === null || typeof s.stepMs === 'number') &&
    typeof b === 'object' &&
    b !== null &&
    numbers(b.hourOfDay, 24) &&
    numbers(b.hourOfDaySeen, 24) &&
    numbers(b.dayOfWeek, 7) &&
    numbers(b.dayOfWeekSeen, 7) &&
    numbers(s.observedAverage) &&
    numbers(s.expectedAverage) &&
    numbers(s.scale) &&
    numbers(s.slotScale) &&
    numbers(s.slotSeen, 24) &&
    typeof s.spikeTail?.threshold === 'number' &&
    typeof s.dropTail?.threshold === 'number' &&
    typeof s.spikeDebounce?.peak === 'number' &&
    typeof s.dropDebounce?.peak === 'number';
  if (!ok) throw new Error('spike detector state: missing or malformed fields');
  return s as SpikeDetectorState;
}
