// The scheduling module: what the scheduler keeps, what the workers ran, and the health report built from both.
import type { ScheduledJobsRepository } from '../repositories/scheduled-jobs.repository.js';
import type { SourcesRepository } from '../repositories/sources.repository.js';
import { schedulerHealth, type SchedulerHealth } from './schedule-health.js';

export interface SchedulingDeps {
  scheduledJobs: ScheduledJobsRepository;
  sources: Pick<SourcesRepository, 'pollStates'>;
  now?: () => Date;
}

export interface SchedulingServices {
  /** The scheduler kept these schedules (all of them: the rest are forgotten). */
  kept(schedules: readonly { scheduleId: string; everyMs: number }[]): Promise<void>;
  /** A worker started a job of this schedule. */
  ran(scheduleId: string): Promise<void>;
  health(): Promise<SchedulerHealth>;
}

export function createSchedulingModule(deps: SchedulingDeps): SchedulingServices {
  const now = deps.now ?? (() => new Date());
  return {
    kept: (schedules) => deps.scheduledJobs.keep(schedules),
    ran: (scheduleId) => deps.scheduledJobs.ran(scheduleId, now()),
    async health() {
      const [records, polls] = await Promise.all([deps.scheduledJobs.list(), deps.sources.pollStates()]);
      return schedulerHealth(records, new Map(polls.map((poll) => [poll.id, poll.lastPollAt])), now());
    },
  };
}
