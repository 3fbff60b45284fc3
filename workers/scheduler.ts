// The scheduler role: upserts every recurring job on start (safe to repeat), removes schedules that no longer
// exist in the configuration, and reconciles them on a timer: a Redis that was flushed, or restored from an empty
// snapshot without a reconnect, gets every missing schedule back within one interval.
import type { AppContext } from '../services/app-context.js';
import { JOB_QUEUE, type JobName, type JobPayloads } from '../services/jobs/catalogue.js';
import type { Queues } from '../services/jobs/queues.js';
import { isExportFolder, isPolled, timings } from '../services/sources/sources.schema.js';
import { parseDuration } from '../services/config/duration.js';

const HOUR = 3_600_000;
/** How often the scheduler checks that every schedule still exists in Redis. */
export const RECONCILE_EVERY_MS = 30_000;

interface Schedule<N extends JobName = JobName> {
  id: string;
  name: N;
  data: JobPayloads[N];
  everyMs: number;
}

function schedule<N extends JobName>(id: string, name: N, data: JobPayloads[N], everyMs: number): Schedule {
  return { id, name, data, everyMs };
}

/** Every recurring job the configuration asks for. */
export function expectedSchedules(context: AppContext): Schedule[] {
  return [
    schedule('maintenance:expire-text', 'maintenance.expire-text', { batchSize: 5_000 }, HOUR),
    schedule('maintenance:sessions', 'maintenance.sessions', {}, HOUR),
    // Failed uploads keep their file a week; the hourly run deletes what is due and what no import holds.
    schedule('maintenance:uploads', 'maintenance.uploads', {}, HOUR),
    schedule('maintenance:partitions', 'maintenance.partitions', { monthsAhead: 2 }, 24 * HOUR),
    // New questions and FAQ changes reach the gaps within a minute; a run decides at most 10,000 questions.
    schedule('faqs:decide', 'faqs.decide', { batchSize: 500, maxBatches: 20 }, 60_000),
    // Buckets close every five minutes; a tick each minute scores them within a minute or two of closing.
    schedule('detect:tick', 'detect.tick', {}, 60_000),
    // The open bucket is judged as it fills, so a clear surge alerts within a minute or two of its first post.
    schedule('detect:early', 'detect.early', {}, 15_000),
    // The outbox is also drained right after new events; this catches retries and the end of quiet hours.
    schedule('notify:deliver', 'notify.deliver', {}, 15_000),
    // Reports are due at a minute of local time; each tick stores what is due once and works their outbox.
    schedule('reports:tick', 'reports.tick', {}, 60_000),
    // Each enabled polled source on its own schedule; one that left the config loses its schedule below.
    ...context.sourceConfigs
      .filter(isPolled)
      .filter((source) => source.enabled)
      .map((source) =>
        schedule(`poll:${source.id}`, 'poll.source', { sourceId: source.id }, timings(source).everyMs),
      ),
    // Each enabled watched export folder is listed on its own schedule (a lease in Postgres keeps listings apart).
    ...context.sourceConfigs
      .filter(isExportFolder)
      .filter((source) => source.enabled)
      .map((source) =>
        schedule(`folder:${source.id}`, 'poll.folder', { sourceId: source.id }, parseDuration(source.every)),
      ),
  ];
}

export async function upsertSchedules(
  context: AppContext,
  queues: Queues,
): Promise<{ kept: string[]; removed: string[] }> {
  const schedules = expectedSchedules(context);
  await context.syncConfiguredSources(context.sourceConfigs);
  for (const entry of schedules) await queues.schedule(entry.id, entry.name, entry.data, entry.everyMs);
  const kept = schedules.map((entry) => entry.id);
  const removed = await queues.removeSchedulersExcept(
    new Map(schedules.map((entry) => [entry.id, JOB_QUEUE[entry.name]])),
  );
  if (removed.length > 0)
    context.log.info(
      { removed },
      'removed schedules that are no longer configured (or moved to another queue)',
    );
  await context.scheduling.kept(schedules.map((entry) => ({ scheduleId: entry.id, everyMs: entry.everyMs })));
  reupsertWhenRedisReturns(context, queues);
  return { kept, removed };
}

/** Upserts the schedules that are missing from Redis (and only those); returns their ids. */
export async function reconcileSchedules(context: AppContext, queues: Queues): Promise<string[]> {
  const present = new Set(await queues.schedulerIds());
  const missing = expectedSchedules(context).filter((entry) => !present.has(entry.id));
  for (const entry of missing) await queues.schedule(entry.id, entry.name, entry.data, entry.everyMs);
  if (missing.length > 0) {
    context.log.warn(
      { restored: missing.map((entry) => entry.id) },
      'schedules were missing from Redis (flushed or restored empty?) and were put back',
    );
  }
  return missing.map((entry) => entry.id);
}

/**
 * Imports are rows in Postgres; their jobs are only work. A queued import whose job Redis lost, or one whose worker
 * died, gets its job again (the catalogue's job id makes a job that still exists stay one).
 */
export async function readdImports(context: AppContext, queues: Queues): Promise<string[]> {
  await context.imports.markInterrupted();
  return context.importQueue.readdWaiting(queues.importJobs());
}

/** Reconciles on a timer until stopped; a failed round (Redis away) is logged and tried again next time. */
export function startScheduleReconciler(
  context: AppContext,
  queues: Queues,
  everyMs = RECONCILE_EVERY_MS,
): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = Promise.all([
      reconcileSchedules(context, queues).catch((error: unknown) =>
        context.log.warn({ err: error }, 'could not reconcile the schedules; trying again'),
      ),
      readdImports(context, queues).catch((error: unknown) =>
        context.log.warn({ err: error }, 'could not add the jobs of waiting imports again; trying again'),
      ),
    ]);
  }, everyMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}

const watched = new WeakSet<Queues>();

/** A Redis without persistence forgets every schedule when it restarts: they are put back once it answers again. */
function reupsertWhenRedisReturns(context: AppContext, queues: Queues): void {
  if (watched.has(queues)) return;
  watched.add(queues);
  queues.connection.on('ready', () => {
    upsertSchedules(context, queues).then(
      ({ kept }) =>
        context.log.info({ schedules: kept.length }, 'schedules upserted after Redis reconnected'),
      (error: unknown) =>
        context.log.warn({ err: error }, 'could not upsert schedules after Redis reconnected'),
    );
  });
}
