import { describe, expect, it } from 'vitest';
import {
  OPEN_BUCKET_RULE,
  bucketExpectation,
  judgeOpenBucket,
  negBinomialUpperTail,
  poissonUpperTail,
} from './open-bucket.js';
import { logGamma } from '../math/log-gamma.js';
import { SpikeDetector } from './spike.detector.js';
import { seededRandom } from '../random/seeded-random.js';
import { FIVE_MINUTES, START, dailyRate, poissonSampler } from './synthetic.series.js';

const DAY_POINTS = 288;
const SECOND = 1_000;
/** Posts become visible at the next poll of their feed, polled every 10 seconds. */
const POLL_EVERY = 10 * SECOND;
/** The early job's interval. */
const TICK = 15 * SECOND;

/** Posts per second from `from` for `seconds`, at the daily rhythm times `factor` after `surgeAt`. */
function postsPerSecond(
  poisson: (rate: number) => number,
  from: number,
  seconds: number,
  night: number,
  day: number,
  surgeAt = Number.POSITIVE_INFINITY,
  factor = 1,
): number[] {
  const out: number[] = [];
  for (let i = 0; i < seconds; i++) {
    const t = from + i * SECOND;
    out.push(poisson((dailyRate(t, night, day) * (t >= surgeAt ? factor : 1)) / 300));
  }
  return out;
}

/** A detector that has learned `days` of ordinary 5-minute counts. */
function learned(seed: number, days: number, night: number, day: number): SpikeDetector {
  const poisson = poissonSampler(seededRandom(seed));
  const detector = new SpikeDetector();
  for (let i = 0; i < days * DAY_POINTS; i++) {
    const time = START + i * FIVE_MINUTES;
    detector.update(time, poisson(dailyRate(time, night, day)));
  }
  return detector;
}

/**
 * The posts of one bucket visible at `tick`, from per-second counts starting at `from`: those the last poll before
 * the tick saw (polls at `pollPhase` plus multiples of 10 s, a post being seen by the first poll after it).
 */
function visibleInBucket(perSecond: number[], from: number, tick: number, pollPhase: number): number {
  const bucket = Math.floor(tick / FIVE_MINUTES) * FIVE_MINUTES;
  const lastPoll = Math.floor((tick - pollPhase) / POLL_EVERY) * POLL_EVERY + pollPhase;
  let count = 0;
  for (let t = bucket; t < lastPoll; t += SECOND) count += perSecond[(t - from) / SECOND] ?? 0;
  return count;
}

describe('tail probabilities', () => {
  it('matches closed forms and direct sums', () => {
    expect(logGamma(1)).toBeCloseTo(0, 12);
    expect(logGamma(10)).toBeCloseTo(Math.log(362_880), 10);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 10);
    expect(poissonUpperTail(0, 3)).toBe(1);
    expect(poissonUpperTail(1, 3)).toBeCloseTo(1 - Math.exp(-3), 12);
    // P(X >= 30 | 12) by a direct sum of the pmf.
    let below = 0;
    let term = Math.exp(-12);
    for (let j = 0; j < 30; j++) {
      below += term;
      term *= 12 / (j + 1);
    }
    expect(poissonUpperTail(30, 12)).toBeCloseTo(1 - below, 12);
    expect(poissonUpperTail(30, 12) / (1 - below)).toBeCloseTo(1, 6);
    // Size 1 is geometric: P(X >= k) = q^k with q = mean / (mean + 1).
    expect(negBinomialUpperTail(7, 4, 1)).toBeCloseTo((4 / 5) ** 7, 12);
    expect(negBinomialUpperTail(60, 4, 1) / (4 / 5) ** 60).toBeCloseTo(1, 8);
    expect(negBinomialUpperTail(3, 4, 1)).toBeCloseTo((4 / 5) ** 3, 12);
    // A huge size is Poisson.
    expect(negBinomialUpperTail(40, 12, 1e9) / poissonUpperTail(40, 12)).toBeCloseTo(1, 4);
  });

  it('is Poisson without overdispersion and wider with it, and refuses nonsense', () => {
    const poisson = judgeOpenBucket({ expected: 60, spread: Math.sqrt(60) }, 0.2, 40);
    expect(poisson.size).toBeNull();
    expect(poisson.mean).toBeCloseTo(12, 12);
    expect(poisson.p).toBeCloseTo(poissonUpperTail(40, 12), 15);
    const wide = judgeOpenBucket({ expected: 60, spread: 20 }, 0.2, 40);
    expect(wide.size).toBeCloseTo(3600 / 340, 9);
    expect(wide.p).toBeGreaterThan(poisson.p);
    // Nine posts never fire, however unlikely.
    expect(judgeOpenBucket({ expected: 0, spread: 0 }, 0.5, 9).fires).toBe(false);
    expect(judgeOpenBucket({ expected: 0, spread: 0 }, 0.5, 10).fires).toBe(true);
    expect(OPEN_BUCKET_RULE).toEqual({ maxP: 1e-6, minCount: 10 });
    expect(() => judgeOpenBucket({ expected: 5, spread: 2 }, 0, 3)).toThrow(/elapsed share 0/);
    expect(() => judgeOpenBucket({ expected: 5, spread: 2 }, 0.5, 2.5)).toThrow(/count 2.5/);
  });
});

describe('judging the open bucket', () => {
  // 20 seeded trials per volume: a 5x surge starts at a random second of a weekday afternoon; every 15 s the open
  // bucket's posts seen so far by a 10-second poll are judged against the state learned before the surge.
  it.each([
    { day: 60, night: 6 },
    { day: 200, night: 20 },
  ])(
    'finds a 5x surge within 2 minutes at $day posts per 5 minutes, in 20 of 20 trials',
    ({ day, night }) => {
      const detector = learned(day, 14, night, day);
      const state = detector.toState();
      const delays: number[] = [];
      for (let trial = 0; trial < 20; trial++) {
        const random = seededRandom(1_000 + trial);
        const poisson = poissonSampler(random);
        // Day 14 (a Monday in the synthetic weekly rhythm: not one of its quiet days), between 13:00 and 16:00.
        const surgeAt = START + 14 * 86_400_000 + 13 * 3_600_000 + Math.floor(random() * 3 * 3_600) * SECOND;
        const from = Math.floor(surgeAt / FIVE_MINUTES) * FIVE_MINUTES;
        const perSecond = postsPerSecond(poisson, from, 900, night, day, surgeAt, 5);
        const pollPhase = Math.floor(random() * 10) * SECOND;
        let found: number | null = null;
        for (let tick = Math.ceil(surgeAt / TICK) * TICK; tick <= surgeAt + 180 * SECOND; tick += TICK) {
          const bucket = Math.floor(tick / FIVE_MINUTES) * FIVE_MINUTES;
          if (tick === bucket) continue;
          const count = visibleInBucket(perSecond, from, tick, pollPhase);
          const judged = judgeOpenBucket(
            bucketExpectation(state, bucket),
            (tick - bucket) / FIVE_MINUTES,
            count,
          );
          if (judged.fires) {
            found = tick - surgeAt;
            break;
          }
        }
        delays.push(found ?? Number.POSITIVE_INFINITY);
      }
      expect(delays.filter((delay) => delay <= 120 * SECOND)).toHaveLength(20);
    },
  );

  // Quiet days: the detector learns every closed bucket as the service does, and each open bucket is judged every
  // 15 s from the state before it.
  it.each([
    { day: 60, night: 6, seed: 11 },
    { day: 200, night: 20, seed: 12 },
    { day: 40, night: 1, seed: 13 },
  ])(
    'opens nothing on quiet days with a daily rhythm ($day by day, $night at night)',
    ({ day, night, seed }) => {
      const detector = learned(seed, 7, night, day);
      const poisson = poissonSampler(seededRandom(seed * 7));
      let judged = 0;
      let fired = 0;
      let smallest = 1;
      for (let i = 7 * DAY_POINTS; i < 10 * DAY_POINTS; i++) {
        const bucket = START + i * FIVE_MINUTES;
        const state = detector.toState();
        const expectation = bucketExpectation(state, bucket);
        const perSecond = postsPerSecond(poisson, bucket, 300, night, day);
        for (let tick = bucket + TICK; tick < bucket + FIVE_MINUTES; tick += TICK) {
          const result = judgeOpenBucket(
            expectation,
            (tick - bucket) / FIVE_MINUTES,
            visibleInBucket(perSecond, bucket, tick, (i % 10) * SECOND),
          );
          judged += 1;
          smallest = Math.min(smallest, result.p);
          if (result.fires) fired += 1;
        }
        detector.update(
          bucket,
          perSecond.reduce((a, b) => a + b, 0),
        );
      }
      expect(judged).toBe(3 * DAY_POINTS * 19);
      expect(fired).toBe(0);
      expect(smallest).toBeGreaterThan(1e-6);
    },
  );
});
