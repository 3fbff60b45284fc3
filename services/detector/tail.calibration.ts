// From a standardised deviation to scores in [0,1]: a heavy-tailed surprise, recalibrated against the series' own
// history of surprises (so a spiky series must do more to alarm), then debounced so one event alerts once.

/**
 * Surprise in decimal digits (-log10 of a one-sided tail probability, up to a constant) of a deviation of z spreads,
 * Student-t shaped with `dof` degrees of freedom: social series have heavier tails than a normal distribution.
 */
export function studentSurprise(z: number, dof: number): number {
  if (!(z > 0)) return 0;
  return (((dof + 1) / 2) * Math.log1p((z * z) / dof)) / Math.LN10;
}

export interface TailRates {
  /** The calibrator models surprises above this quantile of the series' own surprises. */
  quantile: number;
  /** Step of the quantile tracker, in units of the mean excess. */
  quantileStep: number;
  /** Per exceedance: how fast the mean excess follows. */
  excessRate: number;
}

/** Peaks over a tracked high quantile, with an exponential tail fitted to the excesses. */
export interface TailState {
  threshold: number;
  meanExcess: number;
}

export function newTail(rates: TailRates): TailState {
  // The prior maps surprise to itself: what a series whose surprises are exactly calibrated would learn.
  return { threshold: -Math.log10(1 - rates.quantile), meanExcess: 1 / Math.LN10 };
}

/** Recalibrated surprise: how rare `surprise` is among this series' earlier surprises, in decimal digits. */
export function calibrate(tail: TailState, surprise: number, rates: TailRates): number {
  const base = -Math.log10(1 - rates.quantile);
  if (surprise <= tail.threshold) return tail.threshold > 0 ? (surprise * base) / tail.threshold : 0;
  return base + (surprise - tail.threshold) / (tail.meanExcess * Math.LN10);
}

export function learnTail(tail: TailState, surprise: number, rates: TailRates): void {
  const exceeds = surprise > tail.threshold;
  // Robbins-Monro quantile tracking: up a little on an exceedance, down a little otherwise.
  tail.threshold += rates.quantileStep * tail.meanExcess * ((exceeds ? 1 : 0) - (1 - rates.quantile));
  if (exceeds) {
    // Clipped, so one enormous outlier cannot make the series look spiky for weeks.
    const excess = Math.min(Math.max(surprise - tail.threshold, 0), 5 * tail.meanExcess);
    tail.meanExcess = Math.max(tail.meanExcess + rates.excessRate * (excess - tail.meanExcess), 0.05);
  }
}

export interface DebounceRates {
  /** Per point, the factor by which the memory of earlier surprises fades. */
  fade: number;
  /** After an output, a new output must beat it by this many digits while the memory lasts. */
  margin: number;
}

/** The recent peak of surprise, and the recent peak of what was let through. */
export interface DebounceState {
  peak: number;
  passed: number;
}

export function newDebounce(): DebounceState {
  return { peak: 0, passed: 0 };
}

/**
 * Lets a surprise through only when it beats everything recent, and beats the last one let through by a margin:
 * a burst then alerts at its start, not at every step of its rise, whatever threshold the alert rule uses.
 */
export function debounce(state: DebounceState, surprise: number, rates: DebounceRates): number {
  const passes = surprise > state.peak && surprise > state.passed + rates.margin;
  state.peak = Math.max(state.peak * rates.fade, surprise);
  state.passed = Math.max(state.passed * rates.fade, passes ? surprise : 0);
  return passes ? surprise : 0;
}

/** Maps surprise in digits to [0,1): `half` digits give 0.5, and every further `half` halves the distance to 1. */
export function surpriseToScore(surprise: number, half: number): number {
  if (!(surprise > 0)) return 0;
  return 1 - Math.pow(2, -surprise / half);
}

export interface OnsetSettings {
  tail: TailRates;
  debounce: DebounceRates;
  /** Surprise (decimal digits, after calibration) that maps to score 0.5. */
  halfScore: number;
}

/** Calibration and debounce memory of both directions: rises and falls are judged and alerted separately. */
export interface OnsetState {
  spikeTail: TailState;
  dropTail: TailState;
  spikeDebounce: DebounceState;
  dropDebounce: DebounceState;
}

export interface OnsetScores {
  /** max(spike, drop). */
  score: number;
  /** Onset of an unusual rise, debounced: high when an event starts, zero while it merely goes on. */
  spike: number;
  /** Onset of an unusual fall, debounced the same way. */
  drop: number;
  /** How unusual the rise is right now, not debounced: for dashboards and for deciding an alert is over. */
  spikeLevel: number;
  dropLevel: number;
}

export const NO_ONSET: OnsetScores = { score: 0, spike: 0, drop: 0, spikeLevel: 0, dropLevel: 0 };

export function newOnsetState(settings: OnsetSettings): OnsetState {
  return {
    spikeTail: newTail(settings.tail),
    dropTail: newTail(settings.tail),
    spikeDebounce: newDebounce(),
    dropDebounce: newDebounce(),
  };
}

/** Scores one point from its raw surprises upward and downward, then learns them. */
export function scoreOnsets(
  state: OnsetState,
  up: number,
  down: number,
  settings: OnsetSettings,
): OnsetScores {
  const spikeSurprise = calibrate(state.spikeTail, up, settings.tail);
  const dropSurprise = calibrate(state.dropTail, down, settings.tail);
  learnTail(state.spikeTail, up, settings.tail);
  learnTail(state.dropTail, down, settings.tail);
  const spike = surpriseToScore(
    debounce(state.spikeDebounce, spikeSurprise, settings.debounce),
    settings.halfScore,
  );
  const drop = surpriseToScore(
    debounce(state.dropDebounce, dropSurprise, settings.debounce),
    settings.halfScore,
  );
  return {
    score: Math.max(spike, drop),
    spike,
    drop,
    spikeLevel: surpriseToScore(spikeSurprise, settings.halfScore),
    dropLevel: surpriseToScore(dropSurprise, settings.halfScore),
  };
}

export function isOnsetState(value: unknown): value is OnsetState {
  const s = value as Partial<Record<keyof OnsetState, Record<string, unknown>>> | null;
  return (
    typeof s === 'object' &&
    s !== null &&
    typeof s.spikeTail?.['threshold'] === 'number' &&
    typeof s.spikeTail['meanExcess'] === 'number' &&
    typeof s.dropTail?.['threshold'] === 'number' &&
    typeof s.dropTail['meanExcess'] === 'number' &&
    typeof s.spikeDebounce?.['peak'] === 'number' &&
    typeof s.spikeDebounce['passed'] === 'number' &&
    typeof s.dropDebounce?.['peak'] === 'number' &&
    typeof s.dropDebounce['passed'] === 'number'
  );
}
