// The Prometheus metrics of one process: its own registry, every metric definition, and the small methods the
// instrumented seams call. Labels are names from the configuration or fixed words, never ids of mentions or people.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export type ImportOutcome = 'imported' | 'duplicate' | 'rejected';
export type PollResult = 'polled' | 'failed' | 'skipped';
export type JobOutcome = 'completed' | 'failed';
export type DeliveryOutcome = 'delivered' | 'retried' | 'failed';
export const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;

/** What a pg Pool tells about itself; read on every scrape. */
export interface PoolUse {
  readonly totalCount: number;
  readonly idleCount: number;
  readonly waitingCount: number;
}

/** The schedules and whether each is stale (services/scheduling `health()`), read from Postgres on a scrape. */
export type ScheduleStates = () => Promise<{ schedules: readonly { schedule: string; stale: boolean }[] }>;

/** Job counts per queue and state, as BullMQ reports them (services/jobs/queues.ts `counts()`). */
export type QueueCounts = () => Promise<Record<string, Record<string, number>>>;

// Seconds; polls and jobs wait on the network or on a large transaction, so the buckets reach a minute.
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
// The anomaly score lies in 0..1 and the shipped alert threshold is 0.5 (services/detector/README.md).
const SCORE_BUCKETS = [0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99];

/** The report outbox's figures (services/repositories/reports.repository.ts `figures()`), read on a scrape. */
export type ReportFiguresSource = () => Promise<{
  deliveries: readonly { kind: string; channelId: string; status: string; count: number }[];
  renderFailures: readonly { kind: string; attempts: number }[];
}>;

const REPORT_KINDS = ['weekly', 'daily_digest'] as const;

export class Metrics {
  readonly registry = new Registry();
  private queueCounts: QueueCounts | null = null;
  private reportFigures: ReportFiguresSource | null = null;
  private scheduleStates: ScheduleStates | null = null;

  private readonly mentionsStored = new Counter({
    name: 'onderstroom_mentions_stored_total',
    help: 'Mentions stored for the first time, per source kind.',
    labelNames: ['source_kind'],
    registers: [this.registry],
  });
  private readonly importRows = new Counter({
    name: 'onderstroom_import_rows_total',
    help: 'Rows of imported exports, per outcome (imported, duplicate, rejected).',
    labelNames: ['outcome'],
    registers: [this.registry],
  });
  private readonly pollDuration = new Histogram({
    name: 'onderstroom_poll_duration_seconds',
    help: 'Duration of one poll of one source, per source and result (polled, failed, skipped).',
    labelNames: ['source', 'result'],
    buckets: DURATION_BUCKETS,
    registers: [this.registry],
  });
  private readonly pollErrors = new Counter({
    name: 'onderstroom_poll_errors_total',
    help: 'Failed polls, per source and kind of failure.',
    labelNames: ['source', 'kind'],
    registers: [this.registry],
  });
  private readonly jobDuration = new Histogram({
    name: 'onderstroom_job_duration_seconds',
    help: 'Duration of one job run, per queue, job name and outcome.',
    labelNames: ['queue', 'job', 'outcome'],
    buckets: DURATION_BUCKETS,
    registers: [this.registry],
  });
  private readonly detectorRuns = new Counter({
    name: 'onderstroom_detector_runs_total',
    help: 'Detection runs (one detect.tick), per outcome.',
    labelNames: ['outcome'],
    registers: [this.registry],
  });
  private readonly bucketsScored = new Counter({
    name: 'onderstroom_detector_buckets_scored_total',
    help: 'Five-minute buckets scored by the detectors, per detected metric.',
    labelNames: ['metric'],
    registers: [this.registry],
  });
  private readonly anomalyScores = new Histogram({
    name: 'onderstroom_anomaly_score',
    help: 'Anomaly scores of scored buckets, per detected metric (volume, negative_share, questions).',
    labelNames: ['metric'],
    buckets: SCORE_BUCKETS,
    registers: [this.registry],
  });
  private readonly alertsOpened = new Counter({
    name: 'onderstroom_alerts_opened_total',
    help: 'Alerts opened, per kind.',
    labelNames: ['kind'],
    registers: [this.registry],
  });
  private readonly deliveries = new Counter({
    name: 'onderstroom_deliveries_total',
    help: 'Delivery attempts of alert messages, per channel (its id in the configuration) and outcome.',
    labelNames: ['channel', 'outcome'],
    registers: [this.registry],
  });
  private readonly reportRenders = new Counter({
    name: 'onderstroom_report_renders_total',
    help: 'Scheduled reports rendered, per kind (weekly, daily_digest) and outcome (rendered, failed).',
    labelNames: ['kind', 'outcome'],
    registers: [this.registry],
  });
  private readonly requestDuration = new Histogram({
    name: 'onderstroom_http_request_duration_seconds',
    help: 'Duration of API requests, per method, route pattern and status code.',
    labelNames: ['method', 'route', 'status'],
    buckets: DURATION_BUCKETS,
    registers: [this.registry],
  });

  constructor(options: { pool?: PoolUse; defaultMetrics?: boolean } = {}) {
    const registry = this.registry;
    if (options.defaultMetrics !== false) collectDefaultMetrics({ register: registry });
    const pool = options.pool;
    if (pool !== undefined) {
      new Gauge({
        name: 'onderstroom_db_pool_clients',
        help: 'Clients of the PostgreSQL pool: total, idle, and requests waiting for one.',
        labelNames: ['state'],
        registers: [registry],
        collect() {
          this.set({ state: 'total' }, pool.totalCount);
          this.set({ state: 'idle' }, pool.idleCount);
          this.set({ state: 'waiting' }, pool.waitingCount);
        },
      });
    }
    const readCounts = () => this.queueCounts;
    new Gauge({
      name: 'onderstroom_queue_jobs',
      help: 'Jobs per queue and state (waiting, active, delayed, failed), read from Redis when scraped.',
      labelNames: ['queue', 'state'],
      registers: [registry],
      async collect() {
        this.reset();
        const source = readCounts();
        if (source === null) return;
        // Redis away leaves the gauge empty rather than failing the scrape, so the other metrics still arrive.
        const counts = await source().catch(() => ({}));
        for (const [queue, states] of Object.entries(counts)) {
          for (const state of QUEUE_STATES) this.set({ queue, state }, states[state] ?? 0);
        }
      },
    });
    const readReports = () => this.reportFigures;
    // Each gauge reads for itself: a scrape collects the metrics at once, so one cannot fill the other.
    // A database that is away leaves them empty instead of failing the whole scrape.
    const reportFigures = async () => {
      const source = readReports();
      return source === null ? null : source().catch(() => null);
    };
    new Gauge({
      name: 'onderstroom_report_deliveries',
      help: 'Scheduled report deliveries per kind, channel and state (pending, delivered, failed), read from PostgreSQL when scraped.',
      labelNames: ['kind', 'channel', 'state'],
      registers: [registry],
      async collect() {
        this.reset();
        const figures = await reportFigures();
        for (const row of figures?.deliveries ?? [])
          this.set({ kind: row.kind, channel: row.channelId, state: row.status }, row.count);
      },
    });
    new Gauge({
      name: 'onderstroom_report_render_failures',
      help: 'Failed render attempts of scheduled reports not stored yet, per kind (0 when none is failing).',
      labelNames: ['kind'],
      registers: [registry],
      async collect() {
        this.reset();
        const figures = await reportFigures();
        if (figures === null) return;
        for (const kind of REPORT_KINDS) this.set({ kind }, 0);
        for (const row of figures.renderFailures) this.set({ kind: row.kind }, row.attempts);
      },
    });
    const readSchedules = () => this.scheduleStates;
    new Gauge({
      name: 'onderstroom_schedule_stale',
      help: 'Per recurring job: 1 when it has not run within twice its interval (a stalled scheduler or worker).',
      labelNames: ['schedule'],
      registers: [registry],
      async collect() {
        this.reset();
        const source = readSchedules();
        if (source === null) return;
        // A database that is away leaves the gauge empty (no data) instead of failing the whole scrape.
        const health = await source().catch(() => null);
        for (const schedule of health?.schedules ?? []) {
          this.set({ schedule: schedule.schedule }, schedule.stale ? 1 : 0);
        }
      },
    });
  }

  /** Where the report outbox's figures are read from at each scrape (PostgreSQL: the same in every process). */
  watchReports(figures: ReportFiguresSource): void {
    this.reportFigures = figures;
  }

  reportRendered(kind: string, outcome: 'rendered' | 'failed'): void {
    this.reportRenders.inc({ kind, outcome });
  }

  /** Where the schedules' health is read from at each scrape. */
  watchSchedules(states: ScheduleStates): void {
    this.scheduleStates = states;
  }

  /** Where queue depth is read from at each scrape (any process with producer queues). */
  watchQueues(counts: QueueCounts): void {
    this.queueCounts = counts;
  }

  mentionsStoredFor(sourceKind: string, count: number): void {
    if (count > 0) this.mentionsStored.inc({ source_kind: sourceKind }, count);
  }

  importRowsFor(outcome: ImportOutcome, count: number): void {
    // Touching the series at zero makes it appear on the first import, so rates start from a known point.
    this.importRows.inc({ outcome }, count);
  }

  pollFinished(source: string, result: PollResult, seconds: number, failureKind?: string): void {
    this.pollDuration.observe({ source, result }, seconds);
    if (result === 'failed') this.pollErrors.inc({ source, kind: failureKind ?? 'unknown' });
  }

  jobFinished(queue: string, job: string, outcome: JobOutcome, seconds: number): void {
    this.jobDuration.observe({ queue, job, outcome }, seconds);
  }

  detectorRun(outcome: 'completed' | 'failed'): void {
    this.detectorRuns.inc({ outcome });
  }

  anomalyScored(metric: string, scores: readonly number[]): void {
    if (scores.length === 0) return;
    this.bucketsScored.inc({ metric }, scores.length);
    for (const score of scores) if (Number.isFinite(score)) this.anomalyScores.observe({ metric }, score);
  }

  alertOpened(kind: string): void {
    this.alertsOpened.inc({ kind });
  }

  delivery(channel: string, outcome: DeliveryOutcome): void {
    this.deliveries.inc({ channel, outcome });
  }

  request(method: string, route: string, status: number, seconds: number): void {
    this.requestDuration.observe({ method, route, status: String(status) }, seconds);
  }

  /** The Prometheus text exposition of everything above. */
  async exposition(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
