// npm run bench:alert [-- --surges 20 --quiet-hours 24 --seed 1]: from the first post of a surge to
// its alert message leaving the outbox. Four fake feeds (Mastodon, Bluesky, Reddit, RSS kinds) publish posts with a
// daily rhythm (20 per 5 minutes at night, 60 in the afternoon, each); every 10 s a poll hands what was published
// since the last poll to the ingest pipeline, as a poller's page. The worker's jobs run on their schedules: detect.early
// every 15 s, detect.tick a minute after each bucket closes (its other ticks do nothing), notify.deliver every 15 s
// and right after a job opened an alert, as the processors do; the outbox delivers to a local webhook receiver.
// The clock is simulated (the service's own calls take the simulated "now"), so days run in minutes; the poll,
// detection and delivery code is the service's own. First a quiet day (its alerts are false alerts), then `surges`
// surges of five times the expected volume for 15 minutes, rotating over the four feeds 75 minutes apart (each feed
// every 5 hours: the shipped 3 h cooldown after an alert never hides one).
// Prints one JSON object; its database and Redis prefix are named for the run and removed at the end.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { pino } from 'pino';
import { Redis } from 'ioredis';
import { createAppContext, type AppContext } from '../services/app-context.js';
import { readEnv, DEFAULT_REDIS_URL } from '../services/config/env.js';
import { TICK_BUCKET_BUDGET, type EarlyOutcome } from '../services/alerts/detection.service.js';
import { EARLY_BASELINE } from '../services/alerts/alert-text.js';
import type { RawMention } from '../services/ingest/raw-mention.js';
import { seededRandom } from '../services/random/seeded-random.js';
import { poissonSampler } from '../services/detector/synthetic.series.js';
import { startHttpReceiver } from '../test/fakes/receivers.js';
import {
  benchQueuePrefix,
  benchRunId,
  createBenchDatabase,
  dropBenchDatabase,
  removeQueuePrefix,
  type BenchDatabase,
} from './bench-database.js';
import { numberArg, percentile, twoDecimals } from './bench-figures.js';

const SURGES = numberArg('--surges', 20);
const QUIET_HOURS = numberArg('--quiet-hours', 24);
const SEED = numberArg('--seed', 1);

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const BUCKET = 5 * MINUTE;
const POLL_EVERY = 10 * SECOND;
const EARLY_EVERY = 15 * SECOND;
const DELIVER_EVERY = 15 * SECOND;
const SURGE_MS = 15 * MINUTE;
const SURGE_EVERY = 75 * MINUTE;
const FACTOR = 5;
const NIGHT = 20;
const DAY = 60;
const FEEDS = ['mastodon', 'bluesky', 'reddit', 'rss'] as const;
type Feed = (typeof FEEDS)[number];

const TEXTS = [
  'De markt in Huizen is zaterdag gewoon open.',
  'Vanavond is er een informatieavond in het gemeentehuis.',
  'Weet iemand of de bibliotheek morgen open is?',
  'Goed geregeld door de gemeente, dank jullie wel.',
  'Die nieuwe regels over de avondklok snap ik niet.',
];

/** Posts per 5 minutes at `time`: NIGHT at 3 a.m. UTC, rising to DAY in the afternoon. */
function rateAt(time: number): number {
  const hour = (time % 86_400_000) / HOUR;
  return NIGHT + (DAY - NIGHT) * Math.max(0, Math.sin((Math.PI * (hour - 6)) / 18)) ** 2;
}

/** One feed's posts: a Poisson stream second by second, five times as dense during its surges. */
class FakeFeed {
  private published: RawMention[] = [];
  private next = 0;
  private id = 0;

  constructor(
    readonly kind: Feed,
    private readonly poisson: (rate: number) => number,
    private readonly random: () => number,
  ) {}

  /** Publishes the posts of the second starting at `second`; a surge multiplies its rate. */
  publishSecond(second: number, factor: number): void {
    const n = this.poisson((rateAt(second) * factor) / 300);
    for (let i = 0; i < n; i++) {
      const id = this.id++;
      this.published.push({
        externalId: `${this.kind}-${id}`,
        url: `https://${this.kind}.example.org/${id}`,
        postedAt: new Date(second + Math.floor(this.random() * SECOND)),
        author: `inwoner ${Math.floor(this.random() * 5_000)}`,
        platform: this.kind,
        title: null,
        text: TEXTS[id % TEXTS.length]!,
        language: null,
        reach: 100,
        engagement: 1,
        toolSentiment: null,
        country: 'NL',
      });
    }
  }

  /** What a poll sees: everything published since the last poll. */
  poll(): RawMention[] {
    const page = this.published.slice(this.next);
    this.next = this.published.length;
    if (this.next > 100_000) {
      this.published = [];
      this.next = 0;
    }
    return page;
  }
}

interface Surge {
  feed: Feed;
  /** Time of the surge's first post. */
  firstPost: number;
  start: number;
  end: number;
  /** The poll that stored its first post. */
  storedAt: number | null;
  /** The first early run whose judgement of the feed's series fired during the surge, and what the rule made of it. */
  firedAt: number | null;
  firedOutcome: EarlyOutcome | null;
  /** The first early run whose judgement the rule turned into an alert (null when the tick opened it, or none did). */
  openedByEarlyAt: number | null;
  /** How often a firing judgement during the surge was refused, by reason. */
  refused: Partial<Record<EarlyOutcome, number>>;
  openedAt: number | null;
  deliveredAt: number | null;
}

async function main(): Promise<void> {
  const runId = benchRunId();
  const prefix = benchQueuePrefix('alert', runId);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onderstroom-bench-alert-'));
  const hook = await startHttpReceiver();
  let database: BenchDatabase | null = null;
  let context: AppContext | null = null;
  const redisUrl = process.env.REDIS_URL ?? DEFAULT_REDIS_URL;
  const started = performance.now();
  try {
    database = await createBenchDatabase('alert', runId);
    const configPath = path.join(dir, 'onderstroom.yaml');
    fs.writeFileSync(
      configPath,
      [
        'alerts:',
        '  resolve_after: 30m',
        '  channels:',
        `    - { id: hook, kind: webhook, url: "${hook.url}" }`,
        '  rules:',
        ...FEEDS.map(
          (feed) =>
            `    - { id: piek-${feed}, metric: volume, source: ${feed}, topic: all, threshold: 0.5, min_volume: 20, window: 1h, cooldown: 3h, channels: [hook] }`,
        ),
        '',
      ].join('\n'),
    );
    const env = readEnv(
      {
        ...process.env,
        DATABASE_URL: database.url,
        ONDERSTROOM_CONFIG: configPath,
        ONDERSTROOM_DATA_DIR: dir,
        ONDERSTROOM_PSEUDONYM_KEY: crypto.randomBytes(32).toString('hex'),
        ONDERSTROOM_QUEUE_PREFIX: prefix,
        LOG_LEVEL: 'warn',
      },
      dir,
    );
    context = await createAppContext(env, {
      log: pino({ level: 'warn' }, pino.destination(2)),
      migrate: false,
      deliver: false,
    });
    const ctx = context;
    for (const feed of FEEDS) await ctx.repositories.sources.ensure(`fake-${feed}`, feed);
    const random = seededRandom(SEED);
    const feeds = FEEDS.map((kind) => new FakeFeed(kind, poissonSampler(random), random));
    const ingest = async () => {
      for (const feed of feeds) {
        const page = feed.poll();
        for (let i = 0; i < page.length; i += 2_000) {
          await ctx.ingest.ingest(page.slice(i, i + 2_000), {
            sourceId: `fake-${feed.kind}`,
            sourceKind: feed.kind,
          });
        }
      }
    };

    // The simulated time ends about now, so every post lies in the past; buckets and polls on round times.
    const span = QUIET_HOURS * HOUR + SURGES * SURGE_EVERY + HOUR;
    const liveStart = Math.floor((Date.now() - span - HOUR) / HOUR) * HOUR;
    const warmupStart = liveStart - 28 * 86_400_000;

    // Warm-up: 28 days of ordinary counts straight into the rollups (a series learns 28 days before it judges),
    // Poisson-like noise around the same rhythm, then one catching-up tick.
    const warmupStarted = performance.now();
    await sql`
      insert into rollups_5m (source_kind, topic, bucket, n, n_neu)
      select f, 'all', b, n, n
      from unnest(${[...FEEDS]}::text[]) as f,
        generate_series(${new Date(warmupStart).toISOString()}::timestamptz, ${new Date(liveStart - BUCKET).toISOString()}::timestamptz, '5 minutes') as b,
        lateral (select ${NIGHT}::float8 + ${DAY - NIGHT}::float8 * greatest(0, sin(pi() * (mod(extract(epoch from b)::numeric, 86400)::float8 / 3600 - 6) / 18)) ^ 2 as rate) as r,
        lateral (select greatest(0, round(rate + sqrt(rate) * sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random())))::int as n) as x`.execute(
      ctx.database.db,
    );
    await sql`
      insert into rollups_5m (source_kind, topic, bucket, n, n_neu)
      select 'all', 'all', bucket, sum(n), sum(n_neu) from rollups_5m where topic = 'all' group by bucket`.execute(
      ctx.database.db,
    );
    await sql`
      insert into rollups_1h (source_kind, topic, bucket, n, n_pos, n_neu, n_neg, score_sum, reach_sum, engagement_sum)
      select source_kind, topic, date_trunc('hour', bucket), sum(n), sum(n_pos), sum(n_neu), sum(n_neg),
        sum(score_sum), sum(reach_sum), sum(engagement_sum)
      from rollups_5m group by 1, 2, 3`.execute(ctx.database.db);
    await sql`analyze`.execute(ctx.database.db);
    await ctx.detection.tick(new Date(liveStart + MINUTE));
    const warmupMs = performance.now() - warmupStarted;

    // The surges: rotating over the feeds, each at a random second of its 75-minute slot's first 20 minutes.
    const surgePhase = liveStart + QUIET_HOURS * HOUR;
    const surges: Surge[] = Array.from({ length: SURGES }, (_, i) => {
      const start = surgePhase + i * SURGE_EVERY + Math.floor(random() * 20 * 60) * SECOND;
      return {
        feed: FEEDS[i % FEEDS.length]!,
        firstPost: start,
        start,
        end: start + SURGE_MS,
        storedAt: null,
        firedAt: null,
        firedOutcome: null,
        openedByEarlyAt: null,
        refused: {},
        openedAt: null,
        deliveredAt: null,
      };
    });
    const end = surgePhase + SURGES * SURGE_EVERY + HOUR;

    const delivered = new Map<string, number>();
    let seenRequests = 0;
    let earlyCalls = 0;
    let earlyMs = 0;
    const deliver = async (now: number) => {
      await ctx.deliveries.deliverDue();
      for (; seenRequests < hook.accepted.length; seenRequests++) {
        const body = JSON.parse(hook.accepted[seenRequests]!.body) as { alert_id: string; event: string };
        if (body.event === 'opened' && !delivered.has(body.alert_id)) delivered.set(body.alert_id, now);
      }
    };

    const loopStarted = performance.now();
    for (let now = liveStart + 5 * SECOND; now < end; now += 5 * SECOND) {
      // The feeds publish the past 5 seconds.
      for (let second = now - 5 * SECOND; second < now; second += SECOND) {
        for (const feed of feeds) {
          const surge = surges.find((s) => s.feed === feed.kind && second >= s.start && second < s.end);
          feed.publishSecond(second, surge ? FACTOR : 1);
        }
      }
      if (now % POLL_EVERY === 0) {
        await ingest();
        for (const surge of surges)
          if (surge.storedAt === null && surge.firstPost < now) surge.storedAt = now;
      }
      let opened = 0;
      if (now % EARLY_EVERY === 0) {
        const begin = performance.now();
        const run = await ctx.detection.early(new Date(now));
        opened += run.opened;
        earlyMs += performance.now() - begin;
        earlyCalls += 1;
        for (const firing of run.fired) {
          const surge = surges.find(
            (s) => `volume:${s.feed}:all` === firing.seriesKey && now >= s.start && now < s.end + 30 * MINUTE,
          );
          const outcome = firing.rules[0]?.outcome;
          if (surge === undefined || outcome === undefined) continue;
          if (surge.firedAt === null) {
            surge.firedAt = now;
            surge.firedOutcome = outcome;
          }
          if (outcome === 'opened') surge.openedByEarlyAt ??= now;
          else if (surge.openedByEarlyAt === null) surge.refused[outcome] = (surge.refused[outcome] ?? 0) + 1;
        }
      }
      // The minute tick does work only once a bucket's grace minute has passed.
      if (now % BUCKET === MINUTE)
        opened += (await ctx.detection.tick(new Date(now), TICK_BUCKET_BUDGET)).events;
      if (opened > 0 || now % DELIVER_EVERY === 0) await deliver(now);
    }
    const loopMs = performance.now() - loopStarted;

    // Each alert belongs to the surge of its feed that started before it opened and not long before.
    const alerts = await ctx.alerts.list({
      fromMs: liveStart,
      toMs: end + HOUR,
      kind: null,
      state: null,
      limit: 1_000,
    });
    let falseQuiet = 0;
    let falseBetween = 0;
    let early = 0;
    let late = 0;
    for (const alert of alerts.sort((a, b) => a.openedAt.getTime() - b.openedAt.getTime())) {
      const opened = alert.openedAt.getTime();
      const feed = alert.ruleId.replace(/^piek-/, '');
      const surge = surges.find(
        (s) => s.feed === feed && opened >= s.start && opened < s.end + 30 * MINUTE && s.deliveredAt === null,
      );
      if (surge === undefined) {
        process.stderr.write(
          `false alert: ${alert.ruleId} at ${alert.openedAt.toISOString()} observed ${alert.observed} expected ${alert.expected} (${String(alert.details.baseline)})\n`,
        );
        if (opened < surgePhase) falseQuiet += 1;
        else falseBetween += 1;
        continue;
      }
      surge.openedAt = opened;
      surge.deliveredAt = delivered.get(alert.id) ?? null;
      if (alert.late) late += 1;
      else if (alert.details.baseline === EARLY_BASELINE) early += 1;
    }
    const delays = surges
      .filter((s) => s.deliveredAt !== null)
      .map((s) => (s.deliveredAt! - s.firstPost) / SECOND)
      .sort((a, b) => a - b);
    const result = {
      surges: SURGES,
      alerted: delays.length,
      missed: SURGES - delays.length,
      opened_by_early_path: early,
      opened_late: late,
      first_post_to_outbox_s: {
        p50: delays.length > 0 ? twoDecimals(percentile(delays, 50)) : null,
        p95: delays.length > 0 ? twoDecimals(percentile(delays, 95)) : null,
        max: delays.length > 0 ? twoDecimals(delays[delays.length - 1]!) : null,
        target_p95: 120,
      },
      // What each surge started from: a surge on 20 posts per 5 minutes needs more of its posts to be clear.
      // Each step's time after the first post (s): stored by a poll, the first early judgement that fired, the
      // alert opened (its outbox row is written in the same transaction), the message accepted by the receiver.
      // `refused`: early judgements that fired but opened nothing, by reason; `previous_alert_resolved_s`: when the
      // same rule's previous alert resolved, relative to this surge's first post (null: still open or none).
      per_surge: surges.map((s) => {
        const after = (t: number | null) => (t === null ? null : (t - s.firstPost) / SECOND);
        const before = alerts
          .filter((a) => a.ruleId === `piek-${s.feed}` && a.openedAt.getTime() < s.start)
          .sort((a, b) => b.openedAt.getTime() - a.openedAt.getTime())[0];
        return {
          feed: s.feed,
          expected_per_5min: Math.round(rateAt(s.start)),
          stored_s: after(s.storedAt),
          early_fired_s: after(s.firedAt),
          early_fired_outcome: s.firedOutcome,
          opened_s: after(s.openedAt),
          delay_s: after(s.deliveredAt),
          refused: s.refused,
          previous_alert_resolved_s:
            before === undefined
              ? null
              : before.resolvedAt === null
                ? 'open'
                : after(before.resolvedAt.getTime()),
        };
      }),
      false_alerts_quiet_day: falseQuiet,
      quiet_hours: QUIET_HOURS,
      false_alerts_between_surges: falseBetween,
      target_false_alerts: 0,
      feeds: FEEDS.length,
      rate_per_5min: { night: NIGHT, day: DAY, surge_factor: FACTOR, surge_minutes: SURGE_MS / MINUTE },
      poll_every_s: POLL_EVERY / SECOND,
      early_every_s: EARLY_EVERY / SECOND,
      early_run_ms_mean: twoDecimals(earlyMs / Math.max(1, earlyCalls)),
      simulated_hours: twoDecimals((end - liveStart) / HOUR),
      warmup_days: 28,
      warmup_s: twoDecimals(warmupMs / SECOND),
      simulation_s: twoDecimals(loopMs / SECOND),
      wall_s: twoDecimals((performance.now() - started) / SECOND),
      load_average: os.loadavg().map((x) => twoDecimals(x)),
      seed: SEED,
    };
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await context?.close();
    await hook.close();
    if (database) await dropBenchDatabase(database.name);
    const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
    await removeQueuePrefix(redis, prefix).finally(() => redis.disconnect());
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
