// The month of test/integration/alerts.month.test.ts (one surge, one drop) for many seeds, through the same detector,
// window sums and rule evaluator as the detection service, without a database: how many months give exactly their
// two alerts. The integration test checks one seed end to end; this says whether that seed is typical, in seconds,
// so a detector change can be judged on what users see before the 40-second test runs. Prints JSON.
// Usage: node dist-tools/tools/eval-month-seeds.js [--seeds 20]
import type { RuleConfig } from '../services/config/alerts.schema.js';
import { DEFAULT_RULES } from '../services/config/alerts.schema.js';
import { windowOutcome } from '../services/alerts/detection.service.js';
import { decide, type OpenAlert } from '../services/alerts/rule.evaluator.js';
import { createSpikeDetectorFactory } from '../services/alerts/spike-detector.factory.js';
import { parseDuration } from '../services/config/duration.js';
import {
  FIVE_MINUTES,
  MONTH_SCENARIO,
  monthScenarioRate,
  poissonSampler,
} from '../services/detector/synthetic.series.js';
import { seededRandom } from '../services/random/seeded-random.js';
import { numberArg } from './bench-figures.js';
import type { AnomalyRow } from '../services/alerts/anomaly-score.js';

const HOUR = 3_600_000;
// As the integration test configures it: resolved after 30 minutes without a trigger.
const RESOLVE_AFTER_MS = 30 * 60_000;
const KEEP_ROWS = 24;

interface Opened {
  kind: 'spike' | 'drop';
  at: number;
}

/** The shipped volume rule, judging both directions, as the integration test runs it. */
function monthRule(): RuleConfig {
  const shipped = DEFAULT_RULES.find((rule) => rule.id === 'volume')!;
  return { ...shipped, direction: 'both' };
}

/** One seeded month: the alerts opened during the replayed thirty days (history is learned, never judged). */
function replayMonth(seed: number, rule: RuleConfig): Opened[] {
  const poisson = poissonSampler(seededRandom(seed * 7919));
  const detector = createSpikeDetectorFactory('Europe/Amsterdam').create('volume', null);
  const windowMs = parseDuration(rule.window);
  const history: AnomalyRow[] = [];
  const opened: Opened[] = [];
  const alert: { open: OpenAlert | null; lastResolved: number | null } = { open: null, lastResolved: null };
  for (let time = MONTH_SCENARIO.historyStart; time < MONTH_SCENARIO.replayEnd; time += FIVE_MINUTES) {
    const count = poisson(monthScenarioRate(time));
    const out = detector.update(time, count, count);
    history.push({
      seriesKey: 'volume:all:all',
      bucket: new Date(time),
      observed: count,
      expected: out.expected,
      volume: count,
      score: out.score,
      spike: out.spike,
      drop: out.drop,
    });
    if (history.length > KEEP_ROWS) history.shift();
    if (time < MONTH_SCENARIO.replayStart) continue;
    const outcome = windowOutcome('volume', history, time, windowMs, out);
    const held = alert.open;
    const decision = decide(rule, outcome, held, alert.lastResolved, RESOLVE_AFTER_MS);
    const end = time + FIVE_MINUTES;
    if (decision.type === 'open') {
      alert.open = {
        id: String(opened.length),
        kind: decision.kind,
        score: outcome.score,
        observed: outcome.observed,
        lastTriggeredAt: end,
        lastEventAt: end,
      };
      opened.push({ kind: decision.kind, at: time });
    } else if (held && (decision.type === 'touch' || decision.type === 'update')) {
      alert.open = {
        ...held,
        lastTriggeredAt: end,
        lastEventAt: decision.type === 'update' ? end : held.lastEventAt,
      };
    } else if (decision.type === 'resolve') {
      alert.open = null;
      alert.lastResolved = end;
    }
  }
  return opened;
}

function main(): void {
  const seeds = numberArg('--seeds', 20);
  const rule = monthRule();
  const { surge, drop } = MONTH_SCENARIO;
  let clean = 0;
  let surgeFound = 0;
  let dropFound = 0;
  let falseAlerts = 0;
  const falseAt: string[] = [];
  for (let seed = 1; seed <= seeds; seed++) {
    const opened = replayMonth(seed, rule);
    // What the integration test asks: the surge within its first half hour, the drop before it ends.
    const spikeOk = opened.some(
      (a) => a.kind === 'spike' && a.at >= surge.from && a.at <= surge.from + HOUR / 2,
    );
    const dropOk = opened.some((a) => a.kind === 'drop' && a.at >= drop.from && a.at < drop.to);
    const near = (a: Opened): boolean => {
      const event = a.kind === 'spike' ? surge : drop;
      return a.at >= event.from && a.at < event.to + 6 * HOUR;
    };
    const stray = opened.filter((a) => !near(a));
    surgeFound += spikeOk ? 1 : 0;
    dropFound += dropOk ? 1 : 0;
    falseAlerts += stray.length;
    for (const a of stray) falseAt.push(`seed ${seed}: ${a.kind} ${new Date(a.at).toISOString()}`);
    if (spikeOk && dropOk && opened.length === 2) clean += 1;
  }
  const figures = {
    rule: { threshold: rule.threshold, min_volume: rule.min_volume, window: rule.window, direction: 'both' },
    seeds,
    clean_months: clean,
    surge_found_within_30_minutes: surgeFound,
    drop_found_before_it_ended: dropFound,
    false_alerts: falseAlerts,
    false_alerts_at: falseAt,
  };
  process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
}

main();
