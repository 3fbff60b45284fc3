// The scheduler role: upserts every recurring job on start (safe to repeat) and removes schedules that no
// longer exist in the configuration.
import type { AppContext } from '../services/app-context.js';
import type { Queues } from '../services/jobs/queues.js';
import { isPolled, timings } from '../services/sources/sources.schema.js';

const HOUR = 3_600_000;

export async function upsertSchedules(
  context: AppContext,
  queues: Queues,
): Promise<{ kept: string[]; removed: string[] }> {
  const schedules: [string, () => Promise<void>][] = [
    [
      'maintenance:expire-text',
      () => queues.schedule('maintenance:expire-text', 'maintenance.expire-text', { batchSize: 5_000 }, HOUR),
    ],
    [
      'maintenance:partitions',
      () =>
        queues.schedule('maintenance:partitions', 'maintenance.partitions', { monthsAhead: 2 }, 24 * HOUR),
    ],
    // Buckets close every five minutes; a tick each minute scores them within a minute or two of closing.
    ['detect:tick', () => queues.schedule('detect:tick', 'detect.tick', {}, 60_000)],
    // The outbox is also drained right after new events; this catches retries and the end of quiet hours.
    ['notify:deliver', () => queues.schedule('notify:deliver', 'notify.deliver', {}, 15_000)],
    // Each enabled polled source on its own schedule; one that left the config loses its schedule below.
    ...context.sourceConfigs
      .filter(isPolled)
      .filter((source) => source.enabled)
      .map((source): [string, () => Promise<void>] => [
        `poll:${source.id}`,
        () =>
          queues.schedule(
            `poll:${source.id}`,
            'poll.source',
            { sourceId: source.id },
            timings(source).everyMs,
          ),
      ]),
  ];
  await context.repositories.sources.syncConfigured(context.sourceConfigs);
  for (const [, upsert] of schedules) await upsert();
  const kept = schedules.map(([id]) => id);
  const removed = await queues.removeSchedulersExcept(new Set(kept));
  if (removed.length > 0) context.log.info({ removed }, 'removed schedules that are no longer configured');
  reupsertWhenRedisReturns(context, queues);
  return { kept, removed };
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
