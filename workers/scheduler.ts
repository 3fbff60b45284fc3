// The scheduler role: upserts every recurring job on start (safe to repeat) and removes schedules that no
// longer exist in the configuration.
import type { AppContext } from '../services/app-context.js';
import type { Queues } from '../services/jobs/queues.js';

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
  ];
  for (const [, upsert] of schedules) await upsert();
  const kept = schedules.map(([id]) => id);
  const removed = await queues.removeSchedulersExcept(new Set(kept));
  if (removed.length > 0) context.log.info({ removed }, 'removed schedules that are no longer configured');
  return { kept, removed };
}
