// A schedule the scheduler keeps and when its job last ran, for `/health`. Defined here, in the domain; the
// scheduled jobs repository stores and reads it.
export interface ScheduledJobRecord {
  scheduleId: string;
  everyMs: number;
  /** When the scheduler first kept this schedule (the clock a job that never ran is measured from). */
  scheduledAt: Date;
  lastRunAt: Date | null;
}
