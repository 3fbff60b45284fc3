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
  /** Per cluster of exceedances: how fast the mean excess follows. */
  excessRate: number;
  /**
   * Exceedances closer together than this many points form one cluster (runs declustering): a burst of 50 points is
   * one extreme event, learnt once from its largest excess, not 50 times.
   */
  clusterGap: number;
}

/** Peaks over a tracked high quantile, with an exponential tail fitted to the excesses of declustered peaks. */
export interface TailState {
  threshold: number;
  meanExcess: number;
  /** Largest surprise of the cluster of exceedances in progress; 0 when none is. */
  clusterPeak: number;
  /** Points since the last exceedance of the cluster in progress. */
  clusterQuiet: number;
}

export function newTail(rates: TailRates): TailState {
  // The prior maps surprise to itself: what a series whose surprises are exactly calibrated would learn.
  return {
    threshold: -Math.log10(1 - rates.quantile),
    meanExcess: 1 / Math.LN10,
    clusterPeak: 0,
    clusterQuiet: 0,
  };
}

/** Recalibrated surprise: how rare `surprise` is among this series' earlier surprises, in decimal digits. */
export function calibrate(tail: TailState, surprise: number, rates: TailRates): number {
  if (!(surprise > 0)) return 0;
  const base = -Math.log10(1 - rates.quantile);
  if (surprise <= tail.threshold) return tail.threshold > 0 ? (surprise * base) / tail.threshold : 0;
  return base + (surprise - tail.threshold) / (tail.meanExcess * Math.LN10);
}

/**
 * Learns one surprise. A cluster of exceedances counts once for the quantile (at its start) and once for the mean
 * excess (its peak, when the cluster ends), so a long burst does not make the series look spiky for weeks.
 */
export function learnTail(tail: TailState, surprise: number, rates: TailRates): void {
  const exceeds = surprise > tail.threshold;
  if (exceeds) {
    // Robbins-Monro quantile tracking, declustered: one step up per cluster.
    if (tail.clusterPeak === 0) tail.threshold += rates.quantileStep * tail.meanExcess * rates.quantile;
    tail.clusterPeak = Math.max(tail.clusterPeak, surprise);
    tail.clusterQuiet = 0;
    return;
  }
  tail.threshold -= rates.quantileStep * tail.meanExcess * (1 - rates.quantile);
  if (tail.clusterPeak === 0) return;
  tail.clusterQuiet++;
  if (tail.clusterQuiet < rates.clusterGap) return;
  // Clipped, so one enormous outlier cannot make the series look spiky for weeks.
  const excess = Math.min(Math.max(tail.clusterPeak - tail.threshold, 0), 5 * tail.meanExcess);
  tail.meanExcess = Math.max(tail.meanExcess + rates.excessRate * (excess - tail.meanExcess), 0.05);
  tail.clusterPeak = 0;
  tail.clusterQuiet = 0;
}

export interface DebounceRates {
  /**
   * Time in ms over which the memory of earlier surprises halves. In time, not points, so that an hourly series and a
   * 5-minute series forget a burst over the same hours.
   */
  fadeHalfLifeMs: number;
  /**
   * Time in ms after an alert-level output during which that direction stays silent, unless a rise beats the one that
   * alerted by another alert level (a much bigger wave on top of the first is news, its own aftershocks are not).
   */
  refractoryMs: number;
}

/** The recent peak of surprise, until when the direction stays silent after an alert, and the surprise that alerted. */
export interface DebounceState {
  peak: number;
  /** Epoch ms until which the direction is silent; 0 when it is not. */
  silentUntil: number;
  alerted: number;
  /** Time of the last point seen, for the fade; null before the first. */
  lastTime: number | null;
}

export function newDebounce(): DebounceState {
  return { peak: 0, silentUntil: 0, alerted: 0, lastTime: null };
}

/** Below the tracked quantile's own level (1.7 digits for 98%) a surprise is ordinary, never an onset. */
const onsetFloor = (settings: OnsetSettings): number => -Math.log10(1 - settings.tail.quantile);

/**
 * Lets a surprise at `time` (epoch ms) through only when it beats `floor` and everything recent, so every step of a
 * rise shows until one reaches `alertAt` (a bigger rise after a smaller one still alerts); after that the direction
 * is silent for the refractory period, so one event alerts once, unless a surprise beats the alerting one by another
 * `alertAt`.
 */
export function debounce(
  state: DebounceState,
  surprise: number,
  rates: DebounceRates,
  alertAt: number,
  floor: number,
  time: number,
): number {
  const elapsed = state.lastTime === null ? 0 : Math.max(0, time - state.lastTime);
  state.lastTime = time;
  const faded = state.peak * Math.pow(0.5, elapsed / rates.fadeHalfLifeMs);
  const open = time >= state.silentUntil || surprise >= state.alerted + alertAt;
  const passes = surprise > faded && surprise > floor && open;
  state.peak = Math.max(faded, surprise);
  if (passes && surprise >= alertAt) {
    state.silentUntil = time + rates.refractoryMs;
    state.alerted = surprise;
  }
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

/**
 * Scores one point at `time` (epoch ms) from its raw surprises upward and downward, then learns them.
 * `novelUp`/`novelDown` are floors (digits, after calibration) set by a signal outside the tail, such as a value
 * beyond the range seen so far.
 */
export function scoreOnsets(
  state: OnsetState,
  time: number,
  up: number,
  down: number,
  settings: OnsetSettings,
  novelUp = 0,
  novelDown = 0,
): OnsetScores {
  const spikeSurprise = novel(calibrate(state.spikeTail, up, settings.tail), novelUp, settings.halfScore);
  const dropSurprise = novel(calibrate(state.dropTail, down, settings.tail), novelDown, settings.halfScore);
  learnTail(state.spikeTail, up, settings.tail);
  learnTail(state.dropTail, down, settings.tail);
  const spike = surpriseToScore(
    debounce(
      state.spikeDebounce,
      spikeSurprise,
      settings.debounce,
      settings.halfScore,
      onsetFloor(settings),
      time,
    ),
    settings.halfScore,
  );
  const drop = surpriseToScore(
    debounce(
      state.dropDebounce,
      dropSurprise,
      settings.debounce,
      settings.halfScore,
      onsetFloor(settings),
      time,
    ),
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

/**
 * A novel value (beyond the range seen) counts as `floor` digits, but only when it is also at least half-way to
 * alerting on its own: a quiet series creeping to a new high by one count is no event.
 */
function novel(surprise: number, floor: number, half: number): number {
  return floor > 0 && surprise >= half / 2 ? Math.max(surprise, floor) : surprise;
}

export function isOnsetState(value: unknown): value is OnsetState {
  const s = value as Partial<Record<keyof OnsetState, Record<string, unknown>>> | null;
  const numbers = (o: Record<string, unknown> | undefined, keys: string[]): boolean =>
    o !== undefined && keys.every((k) => typeof o[k] === 'number');
  const gateOk = (o: Record<string, unknown> | undefined): boolean =>
    numbers(o, ['peak', 'silentUntil', 'alerted']) &&
    (o!.lastTime === null || typeof o!.lastTime === 'number');
  const tail = ['threshold', 'meanExcess', 'clusterPeak', 'clusterQuiet'];
  return (
    typeof s === 'object' &&
    s !== null &&
    numbers(s.spikeTail, tail) &&
    numbers(s.dropTail, tail) &&
    gateOk(s.spikeDebounce) &&
    gateOk(s.dropDebounce)
  );
}
