// How question_spike rules behave on sparse question counts, through the same detector, window sums and rule
// evaluator as the detection service, without a database: false alerts per week on seeded Poisson questions with a
// daily rhythm, and the share of added bursts that open an alert within the hour, with the delay. Prints JSON.
// Usage: node dist-tools/tools/eval-question-spikes.js [--weeks 8] [--seeds 5] [--min-volume 10]
import { parseArgs } from 'node:util';
import type { RuleConfig } from '../services/config/alerts.schema.js';
import { windowOutcome, type SeriesDetector } from '../services/alerts/detection.service.js';
import { decide, type OpenAlert } from '../services/alerts/rule.evaluator.js';
import { createSpikeDetectorFactory } from '../services/alerts/spike-detector.factory.js';
import { dailyRate, FIVE_MINUTES, poissonSampler, START } from '../services/detector/synthetic.series.js';
import { seededRandom } from '../services/random/seeded-random.js';
import type { AnomalyRow } from '../services/alerts/anomaly-score.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const WARMUP_DAYS = 28;
const TIMEZONE = 'Europe/Amsterdam';
// Questions per 5 minutes at night and in the afternoon: a quiet topic, an ordinary one, a busy one.
const LEVELS = [
  { name: 'quiet topic (about 1 an hour by day)', night: 0.005, day: 0.1 },
  { name: 'ordinary topic (about 6 an hour by day)', night: 0.02, day: 0.5 },
  { name: 'busy topic (about 24 an hour by day)', night: 0.1, day: 2 },
];
// Extra questions spread over half an hour.
const BURSTS = [10, 20, 40];

interface Judge {
  detector: SeriesDetector;
  history: AnomalyRow[];
  open: OpenAlert | null;
  /** When the last alert opened: the rule's cooldown counts from there. */
  lastOpened: number | null;
}

function rule(minVolume: number): RuleConfig {
  return {
    id: 'vragen',
    metric: 'questions',
    source: 'all',
    topic: 'each',
    direction: 'spike',
    threshold: 0.5,
    min_volume: minVolume,
    window: '1h',
    cooldown: '3h',
    channels: [],
  };
}

/** One bucket through the detector and the rule, as detection.service.ts does it; returns whether an alert opened. */
function step(judge: Judge, time: number, count: number, r: RuleConfig, live: boolean): boolean {
  const out = judge.detector.update(time, count, count);
  judge.history.push({
    seriesKey: 'questions:all:x',
    bucket: new Date(time),
    observed: count,
    expected: out.expected,
    volume: count,
    score: out.score,
    spike: out.spike,
    drop: out.drop,
  });
  if (judge.history.length > 24) judge.history.shift();
  if (!live) return false;
  const outcome = windowOutcome('questions', judge.history, time, HOUR, out);
  const decision = decide(r, outcome, judge.open, judge.lastOpened, HOUR);
  const end = time + FIVE_MINUTES;
  if (decision.type === 'open') {
    judge.open = {
      id: 'a',
      kind: 'spike',
      score: outcome.score,
      observed: outcome.observed,
      lastTriggeredAt: end,
      lastEventAt: end,
    };
    judge.lastOpened = end;
    return true;
  }
  if (judge.open && (decision.type === 'touch' || decision.type === 'update'))
    judge.open = { ...judge.open, lastTriggeredAt: end };
  if (decision.type === 'resolve') {
    judge.open = null;
  }
  return false;
}

function main(): void {
  const { values } = parseArgs({
    options: {
      weeks: { type: 'string', default: '8' },
      seeds: { type: 'string', default: '5' },
      'min-volume': { type: 'string', default: '10' },
    },
  });
  const weeks = Number(values.weeks);
  const seeds = Number(values.seeds);
  const r = rule(Number(values['min-volume']));
  const factory = createSpikeDetectorFactory(TIMEZONE);
  const results = [];
  for (const level of LEVELS) {
    let falseAlerts = 0;
    const bursts = BURSTS.map((size) => ({ size, trials: 0, detected: 0, delays: [] as number[] }));
    for (let seed = 1; seed <= seeds; seed++) {
      const poisson = poissonSampler(seededRandom(seed * 7919));
      const judge: Judge = {
        detector: factory.create('questions', null),
        history: [],
        open: null,
        lastOpened: null,
      };
      let time = START;
      for (; time < START + WARMUP_DAYS * DAY; time += FIVE_MINUTES)
        step(judge, time, poisson(dailyRate(time, level.night, level.day)), r, false);
      const learned = judge.detector.state();
      // Quiet weeks judged live: every alert is a false one.
      const quiet: Judge = {
        ...judge,
        detector: factory.create('questions', learned),
        history: [...judge.history],
      };
      for (let t = time; t < time + weeks * 7 * DAY; t += FIVE_MINUTES)
        if (step(quiet, t, poisson(dailyRate(t, level.night, level.day)), r, true)) falseAlerts += 1;
      // Bursts: each on a fresh copy of the learned state, on one of the following days at a random hour.
      const random = seededRandom(seed * 104_729);
      for (const burst of bursts) {
        for (let trial = 0; trial < 10; trial++) {
          const copy: Judge = {
            ...judge,
            detector: factory.create('questions', learned),
            history: [...judge.history],
          };
          const at = time + Math.floor(random() * 6) * DAY + Math.floor(random() * 24) * HOUR;
          let opened: number | null = null;
          for (let t = time; t < at + HOUR; t += FIVE_MINUTES) {
            const inBurst = t >= at && t < at + 30 * 60_000;
            const extra = inBurst ? poisson(burst.size / 6) : 0;
            const alerted = step(
              copy,
              t,
              poisson(dailyRate(t, level.night, level.day)) + extra,
              r,
              t >= at - 6 * HOUR,
            );
            if (alerted && t >= at && opened === null) opened = t + FIVE_MINUTES - at;
          }
          burst.trials += 1;
          if (opened !== null) {
            burst.detected += 1;
            burst.delays.push(opened / 60_000);
          }
        }
      }
    }
    results.push({
      level: level.name,
      false_alerts_per_week: Math.round((falseAlerts / (weeks * seeds)) * 1000) / 1000,
      bursts: bursts.map((b) => ({
        extra_questions_in_30_minutes: b.size,
        detected_within_an_hour: `${b.detected}/${b.trials}`,
        median_delay_minutes:
          b.delays.length === 0 ? null : [...b.delays].sort((x, y) => x - y)[Math.floor(b.delays.length / 2)],
      })),
    });
  }
  process.stdout.write(
    `${JSON.stringify({ rule: { threshold: r.threshold, min_volume: r.min_volume, window: r.window }, weeks, seeds, results }, null, 2)}\n`,
  );
}

main();
