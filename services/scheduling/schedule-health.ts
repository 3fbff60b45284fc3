// Is the pipeline moving? Each recurring job should have run within a couple of its intervals; one that has not
// (a flushed Redis, a dead scheduler or worker) is stale. Plain logic over what Postgres recorded.
import type { ScheduledJobRecord } from './scheduled-job.js';

export interface ScheduleState {
  schedule: string;
  every_ms: number;
  last_run_at: string | null;
  /** The job has not run within 2 x its interval + 60 s of its last run (or of being scheduled). */
  stale: boolean;
}

export interface SourcePollState {
  id: string;
  last_poll_at: string | null;
  stale: boolean;
}

export interface SchedulerHealth {
  status: 'ok' | 'stale';
  /** When a detection tick last started. */
  last_detect_run_at: string | null;
  schedules: ScheduleState[];
  /** Per polled source: when its last poll started; stale when its schedule is. */
  sources: SourcePollState[];
  /** The schedules that are stale, for a quick look. */
  stale: string[];
}

// Slack for a busy worker or a slow run before a schedule counts as stalled.
const GRACE_MS = 60_000;

export function isStale(record: ScheduledJobRecord, now: Date): boolean {
  const since = record.lastRunAt ?? record.scheduledAt;
  return now.getTime() - since.getTime() > 2 * record.everyMs + GRACE_MS;
}

export function schedulerHealth(
  records: readonly ScheduledJobRecord[],
  lastPolls: ReadonlyMap<string, Date | null>,
  now: Date,
): SchedulerHealth {
  const schedules = records.map((record): ScheduleState => ({
    schedule: record.scheduleId,
    every_ms: record.everyMs,
    last_run_at: record.lastRunAt?.toISOString() ?? null,
    stale: isStale(record, now),
  }));
  const stale = schedules.filter((schedule) => schedule.stale).map((schedule) => schedule.schedule);
  const sources = schedules
    .filter((schedule) => schedule.schedule.startsWith('poll:'))
    .map((schedule): SourcePollState => {
      const id = schedule.schedule.slice('poll:'.length);
      return { id, last_poll_at: lastPolls.get(id)?.toISOString() ?? null, stale: schedule.stale };
    });
  return {
    status: stale.length > 0 ? 'stale' : 'ok',
    last_detect_run_at:
      schedules.find((schedule) => schedule.schedule === 'detect:tick')?.last_run_at ?? null,
    schedules,
    sources,
    stale,
  };
}
