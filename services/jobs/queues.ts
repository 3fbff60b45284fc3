// Producers: one BullMQ Queue per queue name, typed by the job catalogue. Job ids that deduplicate are built here.
import { Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import {
  JOB_ATTEMPTS,
  JOB_IDS,
  JOB_QUEUE,
  QUEUE_NAMES,
  type JobName,
  type JobPayloads,
  type QueueName,
} from './catalogue.js';

// Completed jobs are not kept forever: enough to inspect recent work, bounded in memory.
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: JOB_ATTEMPTS,
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: { age: 3_600, count: 1_000 },
  removeOnFail: { age: 7 * 86_400, count: 10_000 },
};

export class Queues {
  private readonly queues: Map<QueueName, Queue>;

  constructor(
    readonly connection: Redis,
    readonly prefix: string,
  ) {
    this.queues = new Map(
      QUEUE_NAMES.map((name) => [
        name,
        new Queue(name, { connection, prefix, defaultJobOptions: DEFAULT_JOB_OPTIONS }),
      ]),
    );
  }

  queue(name: QueueName): Queue {
    return this.queues.get(name)!;
  }

  /** A job with an id in the catalogue's JOB_IDS gets that id, so adding it twice adds it once. */
  async add<N extends JobName>(name: N, data: JobPayloads[N], options: JobsOptions = {}): Promise<void> {
    const jobId = JOB_IDS[name]?.(data);
    await this.queue(JOB_QUEUE[name]).add(name, data, jobId === undefined ? options : { ...options, jobId });
  }

  /** Safe to run on every start: the same id updates the schedule instead of adding a second one. */
  async schedule<N extends JobName>(
    schedulerId: string,
    name: N,
    data: JobPayloads[N],
    everyMs: number,
  ): Promise<void> {
    await this.queue(JOB_QUEUE[name]).upsertJobScheduler(schedulerId, { every: everyMs }, { name, data });
  }

  /** The ids of every job scheduler in Redis, over all queues. */
  async schedulerIds(): Promise<string[]> {
    const ids: string[] = [];
    for (const queue of this.queues.values()) {
      for (const scheduler of await queue.getJobSchedulers()) ids.push(scheduler.key);
    }
    return ids;
  }

  /**
   * Removes every schedule that `keep` does not name with this queue: one no longer configured, and one left on the
   * queue its job used to run on (its job would fail there), which `schedule` has put on the new queue.
   */
  async removeSchedulersExcept(keep: ReadonlyMap<string, QueueName>): Promise<string[]> {
    const removed: string[] = [];
    for (const [name, queue] of this.queues) {
      for (const scheduler of await queue.getJobSchedulers()) {
        if (keep.get(scheduler.key) !== name) {
          await queue.removeJobScheduler(scheduler.key);
          removed.push(scheduler.key);
        }
      }
    }
    return removed;
  }

  async counts(): Promise<Record<QueueName, Record<string, number>>> {
    const entries = await Promise.all(
      [...this.queues].map(
        async ([name, queue]) =>
          [name, await queue.getJobCounts('waiting', 'active', 'delayed', 'failed')] as const,
      ),
    );
    return Object.fromEntries(entries) as Record<QueueName, Record<string, number>>;
  }

  /** The import queue's producer, as the upload and folder services take it. */
  importJobs(): { add(importId: string): Promise<void>; readd(importId: string): Promise<void> } {
    return {
      add: (importId) => this.add('ingest.import', { importId }),
      readd: (importId) => this.readd('ingest.import', { importId }),
    };
  }

  /**
   * Adds a job with an id again when the caller knows (from Postgres) that its work is not done: a kept failed job
   * of that id is retried, a kept completed one removed first; one that waits or runs is left alone.
   */
  async readd<N extends JobName>(name: N, data: JobPayloads[N]): Promise<void> {
    const jobId = JOB_IDS[name]?.(data);
    if (jobId === undefined) throw new Error(`job ${name} has no id of its own: add it instead`);
    const queue = this.queue(JOB_QUEUE[name]);
    const kept = await queue.getJob(jobId);
    const state = kept ? await kept.getState() : 'unknown';
    if (kept && state === 'failed') return kept.retry('failed');
    if (kept && state === 'completed') await kept.remove();
    await this.add(name, data);
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
  }
}
