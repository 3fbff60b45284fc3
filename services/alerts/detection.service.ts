// Runs the streaming detector over each followed series as its 5-minute buckets close, stores the anomaly scores,
// and lets the alert rules decide. One transaction per series run: detector state, scores, alert changes and their
// deliveries commit together, so a retried or crashed run neither skips a bucket nor scores one twice.
import type { RuleConfig } from '../config/alerts.schema.js';
import { parseDuration } from '../config/duration.js';
import { BUCKET_MS } from '../ingest/rollup-increments.js';
import { metricValue } from '../series/metric-definitions.js';
import type { Transactor, TxRepositories } from '../repositories/unit-of-work.js';
import type { AlertsService } from './alerts.service.js';
import { isCount, type DetectedMetric, type DetectionSeries } from './detection-series.js';
import type { SeriesBuckets } from './series-buckets.js';
import { decide, triggeredKind, type WindowOutcome } from './rule.evaluator.js';
import { openedKind } from './alerts.service.js';
import type { Metrics } from '../metrics/metrics.js';
import {
  judgeOpenBucket,
  type BucketExpectation,
  type OpenBucketJudgement,
} from '../detector/open-bucket.js';
import { surpriseToScore } from '../detector/tail.calibration.js';
import { SPIKE_SETTINGS } from '../detector/spike.detector.js';
import { EARLY_BASELINE } from './alert-text.js';
import type { AnomalyRow, ScoreColumns } from './anomaly-score.js';

export interface DetectorOutput {
  score: number;
  /** Onset scores (high when an event starts), which open alerts. */
  spike: number;
  drop: number;
  /** Current level of unusualness, which keeps an open alert open. */
  spikeLevel: number;
  dropLevel: number;
  expected: number;
  /** How the expected value was formed, in Dutch, for messages. */
  baseline: string | null;
}

export interface SeriesDetector {
  /** `value` is the count, or the share (NaN when the bucket is empty); `volume` the bucket's mentions. */
  update(timeMs: number, value: number, volume: number): DetectorOutput;
  state(): unknown;
  /** What the state expects of the bucket starting at `timeMs` (UTC), for judging it before it closes; null if not a count. */
  expectBucket(timeMs: number): BucketExpectation | null;
}

export interface DetectorFactory {
  readonly version: string;
  create(metric: DetectedMetric, state: unknown): SeriesDetector;
}

export interface DetectionRun {
  /** Series brought up to the last closed bucket. */
  series: number;
  buckets: number;
  events: number;
  /** Series left behind because the run's bucket budget ran out: the next run resumes them. */
  behind: number;
}

/** What one early run did: series judged, open buckets judged, alerts opened, judged buckets that got late posts. */
export interface EarlyRun {
  series: number;
  judged: number;
  opened: number;
  late: number;
  /** Each judgement that fired, and what each rule of its series made of it (for the log and bench:alert). */
  fired: EarlyFiring[];
}

/** What a rule made of a judgement that fired: opened an alert, or why not. */
export type EarlyOutcome = 'opened' | 'alert_open' | 'cooldown' | 'not_triggered';

export interface EarlyFiring {
  seriesKey: string;
  /** Start of the judged bucket (epoch ms). */
  bucket: number;
  /** A scored bucket judged again for its late posts. */
  late: boolean;
  count: number;
  p: number;
  rules: { ruleId: string; outcome: EarlyOutcome }[];
}

// A bucket is scored a minute after it ends, so mentions still in flight are counted.
const GRACE_MS = 60_000;
// Rules judge recent buckets only; older ones (the warm-up) only teach the detector. Six hours, so a worker that
// was down for a few hours still reports what happened meanwhile.
const LIVE_MS = 6 * 3_600_000;
// A new series first learns from this much history.
const WARMUP_MS = 28 * 86_400_000;
const MAX_BUCKETS_PER_RUN = 30 * 288;
// What one scheduled tick may score over all series: a cold start (every series learning 28 days) spreads over
// several ticks, each short and small in memory, instead of one tick replaying every series at once.
export const TICK_BUCKET_BUDGET = 8_064;
// A bounded tick scores in steps of at most this many buckets, so no step holds many rows at once.
const BOUNDED_STEP = 2_016;

export class DetectionService {
  constructor(
    private readonly unitOfWork: Transactor,
    private readonly buckets: SeriesBuckets,
    private readonly alerts: AlertsService,
    private readonly factory: DetectorFactory,
    private readonly series: readonly DetectionSeries[],
    private readonly rulesBySeries: ReadonlyMap<string, readonly RuleConfig[]>,
    private readonly resolveAfterMs: number,
    private readonly metrics?: Pick<Metrics, 'detectorRun' | 'anomalyScored' | 'alertOpened'>,
  ) {}

  followedSeries(): readonly DetectionSeries[] {
    return this.series;
  }

  /**
   * Scores every followed series up to the last closed bucket; with a `budget`, at most that many buckets in all,
   * series that are nearly caught up first, so a cold start never delays the live series that are already warm.
   * The worker passes TICK_BUCKET_BUDGET; without a budget one call catches every series up (tests, tools).
   */
  async tick(now = new Date(), budget = Number.POSITIVE_INFINITY): Promise<DetectionRun> {
    const run: DetectionRun = { series: 0, buckets: 0, events: 0, behind: 0 };
    const bounded = Number.isFinite(budget);
    // Whole buckets only, so every step ends on a bucket boundary.
    let left = bounded ? Math.floor(budget) : budget;
    try {
      const order = bounded ? await this.nearestFirst(now) : this.series;
      for (const series of order) {
        // Catch up in bounded steps, so one run never holds a transaction for long.
        let more = true;
        while (more && left > 0) {
          const size = bounded ? Math.min(BOUNDED_STEP, left) : MAX_BUCKETS_PER_RUN;
          const step = await this.advance(series, now, size);
          left -= step.buckets;
          run.buckets += step.buckets;
          run.events += step.events;
          // Counted once the step's transaction committed, so a rolled-back step adds nothing.
          this.metrics?.anomalyScored(series.metric, step.scores);
          for (const kind of step.opened) this.metrics?.alertOpened(kind);
          more = step.more;
        }
        if (more) run.behind += 1;
        else run.series += 1;
      }
    } catch (error) {
      this.metrics?.detectorRun('failed');
      throw error;
    }
    this.metrics?.detectorRun('completed');
    return run;
  }

  /**
   * Judges the buckets the detector has not scored yet (the open one, and the one in its grace minute) from the posts
   * stored so far, and the scored buckets of the rules' window that got posts since (late posts). Opens the spike alert the
   * closed-bucket path would, once: it runs under the series' state lock and opens only when the rule has no open
   * alert, so the closed bucket later finds it open and updates it. Never saves detector state: the state learns
   * from closed buckets only. Count series with a rule that watches rises; a share is judged when its bucket closes.
   */
  async early(now = new Date()): Promise<EarlyRun> {
    const run: EarlyRun = { series: 0, judged: 0, opened: 0, late: 0, fired: [] };
    for (const series of this.series) {
      const rules = (this.rulesBySeries.get(series.key) ?? []).filter((rule) => rule.direction !== 'drop');
      if (rules.length === 0 || !isCount(series.metric)) continue;
      const step = await this.judgeEarly(series, rules, now);
      run.series += 1;
      run.judged += step.judged;
      run.late += step.late;
      run.opened += step.opened.length;
      run.fired.push(...step.fired);
      for (const kind of step.opened) this.metrics?.alertOpened(kind);
    }
    return run;
  }

  private async judgeEarly(
    series: DetectionSeries,
    rules: readonly RuleConfig[],
    now: Date,
  ): Promise<{ judged: number; late: number; opened: string[]; fired: EarlyFiring[] }> {
    const nowMs = now.getTime();
    const { initialLast } = bounds(now);
    return this.unitOfWork.transaction(async (tx) => {
      const row = await tx.detection.lockState(series, {
        version: this.factory.version,
        lastBucket: new Date(initialLast),
      });
      const done = { judged: 0, late: 0, opened: [] as string[], fired: [] as EarlyFiring[] };
      // A series still learning (or of another detector version) has no expectation worth judging against.
      if (row.version !== this.factory.version || row.state === null) return done;
      const detector = this.factory.create(series.metric, row.state);
      const last = row.lastBucket.getTime();
      const openStart = Math.floor(nowMs / BUCKET_MS) * BUCKET_MS;
      // The open bucket and the one in its grace minute; a series further behind is the closed path's to catch up.
      const firstUnscored = Math.max(last + BUCKET_MS, openStart - BUCKET_MS);
      const longest = Math.max(BUCKET_MS, ...rules.map((rule) => parseDuration(rule.window)));
      // Late posts count for the buckets a rule's window still holds: an older bucket is no longer news.
      const lateFrom = Math.floor((nowMs - longest) / BUCKET_MS) * BUCKET_MS;
      const history = await tx.detection.recentScores(series.key, lateFrom - longest, last + BUCKET_MS);
      const from = Math.min(lateFrom, firstUnscored);
      const counts = await this.buckets.fiveMinutes(series, from, openStart + BUCKET_MS);
      const countAt = (bucket: number) => counts.n[(bucket - from) / BUCKET_MS] ?? 0;

      // Late posts: a scored bucket of the rules' window whose count grew since. It is judged again, whole, against
      // the expectation it was scored with, and its stored count is brought up to date, so each change counts once.
      for (const scored of history) {
        const bucket = scored.bucket.getTime();
        if (bucket < lateFrom || bucket > last) continue;
        const n = countAt(bucket);
        if (n <= scored.volume) continue;
        done.late += 1;
        scored.volume = n;
        scored.observed = n;
        await tx.detection.recount(series.key, scored.bucket, n);
        const expectation = detector.expectBucket(bucket);
        if (expectation === null) continue;
        const judged = judgeOpenBucket({ expected: scored.expected, spread: expectation.spread }, 1, n);
        if (!judged.fires) continue;
        const outcomes = await this.openEarly(
          tx,
          series,
          rules,
          history,
          bucket,
          judged,
          scored.expected,
          now,
          true,
        );
        done.opened.push(...outcomes.opened);
        done.fired.push({
          seriesKey: series.key,
          bucket,
          late: true,
          count: n,
          p: judged.p,
          rules: outcomes.rules,
        });
      }

      for (let bucket = firstUnscored; bucket <= openStart; bucket += BUCKET_MS) {
        const elapsed = Math.min(1, (nowMs - bucket) / BUCKET_MS);
        if (elapsed <= 0) continue;
        const expectation: BucketExpectation | null = detector.expectBucket(bucket);
        if (expectation === null) continue;
        const n = countAt(bucket);
        done.judged += 1;
        const judged = judgeOpenBucket(expectation, elapsed, n);
        if (!judged.fires) continue;
        const partial: AnomalyRow = {
          seriesKey: series.key,
          bucket: new Date(bucket),
          observed: n,
          expected: judged.mean,
          volume: n,
          score: 0,
          spike: 0,
          drop: 0,
        };
        const rows = [...history.filter((scored) => scored.bucket.getTime() < bucket), partial];
        const outcomes = await this.openEarly(
          tx,
          series,
          rules,
          rows,
          bucket,
          judged,
          judged.mean,
          now,
          false,
        );
        done.opened.push(...outcomes.opened);
        done.fired.push({
          seriesKey: series.key,
          bucket,
          late: false,
          count: n,
          p: judged.p,
          rules: outcomes.rules,
        });
      }
      return done;
    });
  }

  /**
   * Opens the spike alert of each rule that the judged bucket triggers and that has none open; returns the kinds
   * opened, and each rule's outcome.
   */
  private async openEarly(
    tx: TxRepositories,
    series: DetectionSeries,
    rules: readonly RuleConfig[],
    rows: readonly AnomalyRow[],
    bucket: number,
    judged: OpenBucketJudgement,
    expected: number,
    now: Date,
    late: boolean,
  ): Promise<{ opened: string[]; rules: { ruleId: string; outcome: EarlyOutcome }[] }> {
    // The surprise in decimal digits, on the detector's own score scale (3.5 digits give 0.5).
    const score = surpriseToScore(-Math.log10(Math.max(judged.p, 1e-300)), SPIKE_SETTINGS.halfScore);
    const out: DetectorOutput = {
      score,
      spike: score,
      drop: 0,
      spikeLevel: score,
      dropLevel: 0,
      expected,
      baseline: EARLY_BASELINE,
    };
    const opened: string[] = [];
    const outcomes: { ruleId: string; outcome: EarlyOutcome }[] = [];
    for (const rule of rules) {
      if (await tx.alerts.findOpen(rule.id, series.key)) {
        outcomes.push({ ruleId: rule.id, outcome: 'alert_open' });
        continue;
      }
      const lastOpened = await tx.alerts.lastOpenedAt(rule.id, series.key);
      const outcome = windowOutcome(series.metric, rows, bucket, parseDuration(rule.window), out);
      const decision = decide(rule, outcome, null, lastOpened?.getTime() ?? null, this.resolveAfterMs);
      if (decision.type !== 'open') {
        const triggered = triggeredKind(rule, outcome) !== null;
        outcomes.push({ ruleId: rule.id, outcome: triggered ? 'cooldown' : 'not_triggered' });
        continue;
      }
      const event = await this.alerts.applySeriesDecision(tx, {
        rule,
        series,
        decision,
        outcome,
        open: null,
        baseline: out.baseline,
        at: now,
        late,
      });
      if (event) opened.push(openedKind(series, decision.kind));
      outcomes.push({ ruleId: rule.id, outcome: event ? 'opened' : 'alert_open' });
    }
    return { opened, rules: outcomes };
  }

  /** The followed series by how many buckets each still has to score, fewest first. */
  private async nearestFirst(now: Date): Promise<readonly DetectionSeries[]> {
    const { initialLast, closedEnd } = bounds(now);
    const positions = await this.unitOfWork.transaction((tx) =>
      tx.detection.positions(this.series.map((series) => series.key)),
    );
    const pending = new Map<string, number>();
    for (const series of this.series) {
      const row = positions.get(series.key);
      const last =
        row === undefined || row.version !== this.factory.version ? initialLast : row.lastBucket.getTime();
      pending.set(series.key, Math.max(0, closedEnd - last - BUCKET_MS));
    }
    // Among equals (a cold start), series a rule watches come first: they are the ones that can alert.
    const watched = (series: DetectionSeries) => (this.rulesBySeries.has(series.key) ? 0 : 1);
    return [...this.series].sort(
      (a, b) => pending.get(a.key)! - pending.get(b.key)! || watched(a) - watched(b),
    );
  }

  private async advance(
    series: DetectionSeries,
    now: Date,
    maxBuckets: number,
  ): Promise<{ buckets: number; events: number; more: boolean; scores: number[]; opened: string[] }> {
    const { initialLast, closedEnd } = bounds(now);
    return this.unitOfWork.transaction(async (tx) => {
      const row = await tx.detection.lockState(series, {
        version: this.factory.version,
        lastBucket: new Date(initialLast),
      });
      // A new detector version starts learning afresh rather than misreading an old state.
      const fresh = row.version !== this.factory.version || row.state === null;
      const lastBucket = row.version !== this.factory.version ? initialLast : row.lastBucket.getTime();
      const start = lastBucket + BUCKET_MS;
      if (start >= closedEnd) return { buckets: 0, events: 0, more: false, scores: [], opened: [] };
      const end = Math.min(closedEnd, start + maxBuckets * BUCKET_MS);

      const detector = this.factory.create(series.metric, fresh ? null : row.state);
      const counts = await this.buckets.fiveMinutes(series, start, end);
      const rules = this.rulesBySeries.get(series.key) ?? [];
      const longest = Math.max(BUCKET_MS, ...rules.map((rule) => parseDuration(rule.window)));
      const history: AnomalyRow[] = await tx.detection.recentScores(series.key, start - longest, start);
      // Only buckets a rule's window can still reach are kept as rows; the warm-up before them only fills columns.
      const judgedFrom = now.getTime() - LIVE_MS - longest;
      const scores: ScoreColumns = {
        bucketMs: [],
        observed: [],
        expected: [],
        volume: [],
        score: [],
        spike: [],
        drop: [],
      };
      let events = 0;
      const opened: string[] = [];

      // A question series is a count, judged like a mention volume. One bucket object, refilled: weeks of warm-up
      // buckets make no garbage.
      const metric = isCount(series.metric) ? 'volume' : 'negative_share';
      const bucket = { n: 0, nNeg: 0 };
      for (let i = 0; i < counts.n.length; i++) {
        const time = start + i * BUCKET_MS;
        const volume = counts.n[i]!;
        bucket.n = volume;
        bucket.nNeg = counts.nNeg[i]!;
        // A share of an empty bucket has no value: the detector skips NaN.
        const value = metricValue(metric, bucket) ?? Number.NaN;
        const out = detector.update(time, value, volume);
        const observed = Number.isNaN(value) ? 0 : value;
        scores.bucketMs.push(time);
        scores.observed.push(observed);
        scores.expected.push(out.expected);
        scores.volume.push(volume);
        scores.score.push(out.score);
        scores.spike.push(out.spike);
        scores.drop.push(out.drop);
        const bucketEnd = time + BUCKET_MS;
        if (bucketEnd < judgedFrom) continue;
        history.push({
          seriesKey: series.key,
          bucket: new Date(time),
          observed,
          expected: out.expected,
          volume,
          score: out.score,
          spike: out.spike,
          drop: out.drop,
        });
        if (bucketEnd < now.getTime() - LIVE_MS) continue;
        for (const rule of rules) {
          const outcome = windowOutcome(series.metric, history, time, parseDuration(rule.window), out);
          const open = await tx.alerts.findOpen(rule.id, series.key);
          const lastOpened = open ? null : await tx.alerts.lastOpenedAt(rule.id, series.key);
          const decision = decide(
            rule,
            outcome,
            open && (open.kind === 'spike' || open.kind === 'drop' || open.kind === 'question_spike')
              ? {
                  id: open.id,
                  // A burst of questions is a spike of its series; only its stored kind says questions.
                  kind: open.kind === 'drop' ? 'drop' : 'spike',
                  score: open.score ?? 0,
                  observed: open.observed ?? 0,
                  lastTriggeredAt: open.lastTriggeredAt.getTime(),
                  lastEventAt: open.updatedAt.getTime(),
                }
              : null,
            lastOpened?.getTime() ?? null,
            this.resolveAfterMs,
          );
          const event = await this.alerts.applySeriesDecision(tx, {
            rule,
            series,
            decision,
            outcome,
            open,
            baseline: out.baseline,
            at: new Date(bucketEnd),
          });
          if (event) events += 1;
          if (event && decision.type === 'open') opened.push(openedKind(series, decision.kind));
        }
      }
      await tx.detection.insertScores(series.key, scores);
      await tx.detection.saveState(series.key, {
        version: this.factory.version,
        state: detector.state(),
        lastBucket: new Date(end - BUCKET_MS),
      });
      return {
        buckets: counts.n.length,
        events,
        more: end < closedEnd,
        scores: scores.score,
        opened,
      };
    });
  }
}

/** The last closed bucket's end at `now`, and the last bucket a new series counts as scored (28 days back). */
function bounds(now: Date): { initialLast: number; closedEnd: number } {
  return {
    initialLast: Math.floor((now.getTime() - WARMUP_MS) / BUCKET_MS) * BUCKET_MS - BUCKET_MS,
    closedEnd: Math.floor((now.getTime() - GRACE_MS) / BUCKET_MS) * BUCKET_MS,
  };
}

/** The rule's window ending with `bucket`: observed and expected metric, and the volume in it. */
export function windowOutcome(
  metric: DetectedMetric,
  history: readonly AnomalyRow[],
  bucket: number,
  windowMs: number,
  out: DetectorOutput,
): WindowOutcome {
  let volume = 0;
  let expected = 0;
  let negatives = 0;
  let expectedNegatives = 0;
  for (let i = history.length - 1; i >= 0; i--) {
    const row = history[i]!;
    const time = row.bucket.getTime();
    if (time > bucket) continue;
    if (time <= bucket - windowMs) break;
    volume += row.volume;
    if (isCount(metric)) {
      expected += row.expected;
    } else {
      negatives += row.observed * row.volume;
      expectedNegatives += row.expected * row.volume;
    }
  }
  const base = {
    bucket,
    spike: out.spike,
    drop: out.drop,
    spikeLevel: out.spikeLevel,
    dropLevel: out.dropLevel,
    score: out.score,
  };
  if (isCount(metric)) return { ...base, observed: volume, expected, volume, expectedVolume: expected };
  return {
    ...base,
    observed: volume === 0 ? 0 : negatives / volume,
    expected: volume === 0 ? out.expected : expectedNegatives / volume,
    volume,
    expectedVolume: volume,
  };
}
