import { describe, expect, it } from 'vitest';
import { SPIKE_SETTINGS, SPIKE_STATE_VERSION, type SpikePoint, SpikeDetector } from './spike.detector.js';
import { seededRandom } from '../random/seeded-random.js';
import { FIVE_MINUTES, START, dailyRate, poissonSampler } from './synthetic.series.js';

const DAY_POINTS = 288;

/** Runs a fresh detector over `days` of 5-minute buckets whose value is `value(time, index)`. */
function run(days: number, value: (time: number, i: number) => number): SpikePoint[] {
  const detector = new SpikeDetector();
  const out: SpikePoint[] = [];
  for (let i = 0; i < days * DAY_POINTS; i++) {
    const time = START + i * FIVE_MINUTES;
    out.push(detector.update(time, value(time, i)));
  }
  return out;
}

function counts(seed: number, night = 2, day = 40): (time: number) => number {
  const poisson = poissonSampler(seededRandom(seed));
  return (time) => poisson(dailyRate(time, night, day));
}

/** Alerts at the usual rule threshold, after the first three days of learning. */
const alertsAfterWarmup = (out: SpikePoint[], from = 3 * DAY_POINTS): number =>
  out.slice(from).filter((p) => p.score >= 0.5).length;

// Day 20 at 13:00, a weekday afternoon.
const AFTERNOON = 20 * DAY_POINTS + 13 * 12;

describe('spike detector on a daily rhythm of mention counts', () => {
  it('stays quiet on an ordinary month, including slow growth', () => {
    expect(alertsAfterWarmup(run(28, counts(1)))).toBe(0);
    expect(alertsAfterWarmup(run(28, counts(2, 40, 800)))).toBe(0);
    const growing = counts(3);
    expect(
      alertsAfterWarmup(run(28, (t, i) => Math.round(growing(t) * (1 + (0.5 * i) / (28 * DAY_POINTS))))),
    ).toBe(0);
  });

  it('flags a spike and says what was expected and from which baseline', () => {
    const ordinary = counts(4);
    const out = run(28, (t, i) => (i === AFTERNOON ? Math.round(5 * dailyRate(t, 2, 40)) : ordinary(t)));
    const point = out[AFTERNOON]!;
    const trueRate = dailyRate(START + AFTERNOON * FIVE_MINUTES, 2, 40);
    expect(point.spike).toBeGreaterThanOrEqual(0.6);
    expect(point.drop).toBe(0);
    expect(point.score).toBe(point.spike);
    expect(point.observed).toBe(Math.round(5 * trueRate));
    expect(Math.abs(point.expected - trueRate) / trueRate).toBeLessThan(0.2);
    expect(point.baseline.kind).toBe('hour-of-week');
    expect(point.baseline.samples).toBeGreaterThan(100);
    expect(point.baseline.spread).toBeGreaterThan(2);
    expect(point.baseline.spread).toBeLessThan(15);
    expect(alertsAfterWarmup(out)).toBe(1);
  });

  it('reports a fall separately from a rise', () => {
    const ordinary = counts(5);
    const out = run(28, (t, i) => (i >= AFTERNOON && i < AFTERNOON + 12 ? 0 : ordinary(t)));
    const hour = out.slice(AFTERNOON, AFTERNOON + 12);
    expect(hour[0]!.drop).toBeGreaterThanOrEqual(0.4);
    expect(Math.max(...hour.map((p) => p.spike))).toBe(0);
    // The level of the fall stays high while it lasts; the debounced onset fires once.
    expect(Math.min(...hour.map((p) => p.dropLevel))).toBeGreaterThan(0.3);
    expect(hour.filter((p) => p.drop > 0).length).toBe(1);
  });

  it('alerts on a level shift at its start, then accepts the new normal', () => {
    const ordinary = counts(6);
    const shift = 15 * DAY_POINTS + 10 * 12;
    const out = run(24, (t, i) => (i >= shift ? Math.round(ordinary(t) * 3) : ordinary(t)));
    expect(Math.max(...out.slice(shift, shift + 12).map((p) => p.spikeLevel))).toBeGreaterThanOrEqual(0.45);
    // Declustered tail learning keeps the detector sensitive after the shift, so the first day of the new level
    // (each hour of the day seen once at it) may still alert; from the second day on it is the new normal.
    const twoDaysLater = out.slice(shift + 2 * DAY_POINTS);
    expect(twoDaysLater.filter((p) => p.score >= 0.5)).toHaveLength(0);
    expect(Math.max(...twoDaysLater.slice(DAY_POINTS).map((p) => p.spikeLevel))).toBeLessThan(0.5);
  });

  it('does not alert on a stray post at night, but does on a burst', () => {
    const sparse = counts(7, 0.05, 3);
    const night = 20 * DAY_POINTS + 3 * 12;
    const stray = run(28, (t, i) => (i === night ? 1 : sparse(t)));
    expect(stray[night]!.score).toBeLessThan(0.5);
    expect(alertsAfterWarmup(stray)).toBe(0);
    const sparse2 = counts(7, 0.05, 3);
    const burst = run(28, (t, i) => (i === night ? 15 : sparse2(t)));
    expect(burst[night]!.spike).toBeGreaterThanOrEqual(0.6);
  });

  it('lets a sustained burst alert at its start, not at every step', () => {
    const ordinary = counts(8);
    const out = run(28, (t, i) =>
      i >= AFTERNOON && i < AFTERNOON + 24 ? Math.round(3 * ordinary(t)) : ordinary(t),
    );
    const burst = out.slice(AFTERNOON, AFTERNOON + 24);
    expect(burst[0]!.spike).toBeGreaterThanOrEqual(0.5);
    expect(burst.filter((p) => p.spike > 0).length).toBeLessThanOrEqual(2);
    expect(burst.filter((p) => p.spikeLevel >= 0.3).length).toBeGreaterThan(12);
  });

  it('does not absorb a surge of several hours into the baseline, and does not call its end a drop', () => {
    const hours = 6;
    const surge = (settings = SPIKE_SETTINGS): SpikePoint[] => {
      const detector = new SpikeDetector(settings);
      const again = counts(11);
      return Array.from({ length: 28 * DAY_POINTS }, (_, i) => {
        const time = START + i * FIVE_MINUTES;
        const value = again(time);
        return detector.update(time, i >= AFTERNOON && i < AFTERNOON + hours * 12 ? 6 * value : value);
      });
    };
    const out = surge();
    const normal = run(28, counts(11));
    const last = AFTERNOON + hours * 12 - 1;
    // Five hours in, the expected value is still near the ordinary one, not the surge.
    expect(out[last]!.expected).toBeLessThan(2 * normal[last]!.expected);
    expect(Math.max(...out.slice(last + 1, last + 1 + 24).map((p) => p.drop))).toBeLessThan(0.5);
    // With the level following a surge at the ordinary rate it would be absorbed within hours.
    const absorbing = surge({
      ...SPIKE_SETTINGS,
      baseline: { ...SPIKE_SETTINGS.baseline, anomalousLevelShare: 1 },
    });
    expect(absorbing[last]!.expected).toBeGreaterThan(2 * normal[last]!.expected);
  });

  it('scores a value well beyond the range seen so far as novel, but only after a minimum history', () => {
    const plain = { ...SPIKE_SETTINGS, novelty: { ...SPIKE_SETTINGS.novelty, digits: 0 } };
    const score = (settings: typeof SPIKE_SETTINGS, at: number): number => {
      const random = seededRandom(12);
      const detector = new SpikeDetector(settings);
      let result = 0;
      for (let i = 0; i <= at; i++) {
        // Wide, flat noise between 0 and 100: a value of 150 is unusual but not extreme for its spread.
        const p = detector.update(START + i * FIVE_MINUTES, i === at ? 150 : 100 * random());
        result = p.spike;
      }
      return result;
    };
    const late = 5 * DAY_POINTS;
    expect(score(SPIKE_SETTINGS, late)).toBeGreaterThanOrEqual(0.5);
    expect(score(plain, late)).toBeLessThan(0.5);
    // Within the first minHistory points a record is just a young series' range growing.
    const early = SPIKE_SETTINGS.novelty.minHistory - 10;
    expect(score(SPIKE_SETTINGS, early)).toBe(score(plain, early));
  });

  it('keeps every score in [0, 1]', () => {
    const random = seededRandom(9);
    const out = run(10, () => (random() < 0.01 ? 1e6 * random() : random() * 10));
    for (const p of out) {
      for (const x of [p.score, p.spike, p.drop, p.spikeLevel, p.dropLevel]) {
        expect(x).toBeGreaterThanOrEqual(0);
        expect(x).toBeLessThanOrEqual(1);
      }
    }
  });
});

describe('spike detector on other steps and shapes', () => {
  it('works on hourly data with gaps and on jittered timestamps', () => {
    const poisson = poissonSampler(seededRandom(10));
    const detector = new SpikeDetector();
    const hour = 3_600_000;
    let alerts = 0;
    let atSpike: SpikePoint | undefined;
    for (let i = 0; i < 60 * 24; i++) {
      if (i % 97 === 5) continue; // a missing hour now and then
      const time = START + i * hour;
      const rate = 12 * dailyRate(time, 2, 40);
      const out = detector.update(time, i === 50 * 24 + 13 ? Math.round(5 * rate) : poisson(rate));
      if (i === 50 * 24 + 13) atSpike = out;
      else if (i > 3 * 24 && out.score >= 0.5) alerts++;
    }
    expect(alerts).toBe(0);
    expect(atSpike!.spike).toBeGreaterThanOrEqual(0.5);

    const random = seededRandom(11);
    const jittered = new SpikeDetector();
    const scores: number[] = [];
    let time = START;
    for (let i = 0; i < 20 * DAY_POINTS; i++) {
      time += FIVE_MINUTES + Math.round((random() - 0.5) * 120_000);
      scores.push(jittered.update(time, 50 + 10 * Math.sin(time / 3_600_000) + random()).score);
    }
    expect(scores.slice(3 * DAY_POINTS).filter((s) => s >= 0.5)).toHaveLength(0);
  });

  it('handles negative values and flat series', () => {
    const flat = new SpikeDetector();
    const negative = new SpikeDetector();
    for (let i = 0; i < 2000; i++) {
      expect(flat.update(START + i * FIVE_MINUTES, 45).score).toBe(0);
      const p = negative.update(START + i * FIVE_MINUTES, -20 + Math.sin(i / 10));
      expect(Number.isFinite(p.expected)).toBe(true);
    }
    expect(negative.update(START + 2000 * FIVE_MINUTES, 30).spike).toBeGreaterThanOrEqual(0.5);
  });

  it('refuses non-finite input', () => {
    expect(() => new SpikeDetector().update(START, Number.NaN)).toThrow(/finite/);
  });
});

describe('spike detector state', () => {
  it('survives a JSON round trip and continues exactly as without the restart', () => {
    const values = counts(12);
    const series = Array.from({ length: 21 * DAY_POINTS }, (_, i) => values(START + i * FIVE_MINUTES));
    const uninterrupted = new SpikeDetector();
    const restarted = new SpikeDetector();
    const half = 14 * DAY_POINTS;
    for (let i = 0; i < half; i++) {
      uninterrupted.update(START + i * FIVE_MINUTES, series[i]!);
      restarted.update(START + i * FIVE_MINUTES, series[i]!);
    }
    const stored = JSON.parse(JSON.stringify(restarted.toState())) as unknown;
    expect((stored as { version: number }).version).toBe(SPIKE_STATE_VERSION);
    const resumed = SpikeDetector.fromState(stored);
    for (let i = half; i < series.length; i++) {
      const time = START + i * FIVE_MINUTES;
      expect(resumed.update(time, series[i]!)).toEqual(uninterrupted.update(time, series[i]!));
    }
  });

  it('hands out copies, and refuses states of another version or shape', () => {
    const detector = new SpikeDetector();
    detector.update(START, 3);
    const state = detector.toState();
    state.points = 999;
    expect(detector.toState().points).toBe(1);
    expect(() => SpikeDetector.fromState({ ...state, version: 0 })).toThrow(/version/);
    expect(() => SpikeDetector.fromState({ ...state, slotSeen: [1, 2] })).toThrow(/malformed/);
    expect(() => SpikeDetector.fromState(null)).toThrow(/not an object/);
  });

  it('keeps its state small and constant in size', () => {
    const detector = new SpikeDetector();
    const values = counts(13);
    const sizes: number[] = [];
    for (let i = 0; i < 10 * DAY_POINTS; i++) {
      detector.update(START + i * FIVE_MINUTES, values(START + i * FIVE_MINUTES));
      if (i % DAY_POINTS === 0) sizes.push(Object.keys(detector.toState()).length);
    }
    expect(new Set(sizes).size).toBe(1);
    expect(JSON.stringify(detector.toState()).length).toBeLessThan(6000);
  });
});
