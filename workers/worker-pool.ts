// Starts one BullMQ Worker per queue and routes each job to its handler.
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { AppContext } from '../services/app-context.js';
import { JOB_QUEUE, QUEUE_NAMES, type JobName, type QueueName } from '../services/jobs/catalogue.js';
import { Queues } from '../services/jobs/queues.js';
import { HANDLERS, type Handler, type Producers } from './handlers.js';

export interface WorkerPool {
  workers: Worker[];
  close(): Promise<void>;
}

const CONCURRENCY: Record<QueueName, number> = {
  ingest: 2,
  maintenance: 1,
  detect: 1,
  // One early run at a time: a second would only wait on the first's series locks.
  'detect-early': 1,
  notify: 2,
  // Polls wait on the network most of the time; different sources poll side by side.
  poll: 4,
};

function isJobName(name: string): name is JobName {
  return Object.hasOwn(JOB_QUEUE, name);
}

// Only catalogued names become a label value, so a stray job cannot grow the metric's series.
const jobLabel = (name: string) => (isJobName(name) ? name : 'unknown');

/** The ids a payload carries, named as every log line names them (sourceId, importId). */
export function payloadIds(data: unknown): { sourceId?: string; importId?: string } {
  if (data === null || typeof data !== 'object') return {};
  const { sourceId, importId } = data as Record<string, unknown>;
  return {
    ...(typeof sourceId === 'string' ? { sourceId } : {}),
    ...(typeof importId === 'string' ? { importId } : {}),
  };
}

/**
 * `queues`: the producer a job uses to add jobs (a folder listing adds import jobs); without it the pool makes its
 * own on the worker connection (BullMQ shares a connection between a Queue and a Worker) and closes it with them.
 */
export function startWorkers(
  context: AppContext,
  connection: Redis,
  prefix: string,
  queues?: Queues,
): WorkerPool {
  // Start-up fails when a catalogued job has no handler (e.g. a handler removed by mistake).
  for (const name of Object.keys(JOB_QUEUE)) {
    if (typeof HANDLERS[name as JobName] !== 'function') throw new Error(`job ${name} has no handler`);
  }
  // Jobs whose run the processor logged; the `failed` event logs only the others (a job that stalled too often).
  const logged = new WeakSet<Job>();
  const own = queues === undefined ? new Queues(connection, prefix) : null;
  const producers: Producers = { importJobs: (queues ?? own!).importJobs() };
  const workers = QUEUE_NAMES.map((queue) => {
    const run = async (job: Job) => {
      if (!isJobName(job.name) || JOB_QUEUE[job.name] !== queue) {
        throw new UnrecoverableError(`queue ${queue} has no job named ${job.name}`);
      }
      // A job of a schedule records that it ran, so /health shows a stalled schedule (Postgres, not Redis).
      if (job.repeatJobKey !== undefined) {
        await context.scheduling
          .ran(job.repeatJobKey)
          .catch((error: unknown) =>
            context.log.warn({ err: error, job: job.name }, 'could not record the run of a scheduled job'),
          );
      }
      const handler = HANDLERS[job.name] as Handler<JobName>;
      return handler(context, job.data as never, producers);
    };
    const worker = new Worker(
      queue,
      async (job: Job) => {
        const started = performance.now();
        const line = {
          job: job.name,
          jobId: job.id,
          queue,
          ...payloadIds(job.data),
          attempt: job.attemptsMade + 1,
        };
        try {
          const result: unknown = await run(job);
          const ms = performance.now() - started;
          context.metrics.jobFinished(queue, jobLabel(job.name), 'completed', ms / 1000);
          context.log.info(
            { ...line, ms: Math.round(ms), outcome: 'completed' },
            `job ${job.name} completed`,
          );
          return result;
        } catch (error) {
          const ms = performance.now() - started;
          context.metrics.jobFinished(queue, jobLabel(job.name), 'failed', ms / 1000);
          logged.add(job);
          context.log.warn(
            { ...line, ms: Math.round(ms), outcome: 'failed', err: error },
            `job ${job.name} failed`,
          );
          throw error;
        }
      },
      { connection, prefix, concurrency: CONCURRENCY[queue], autorun: true },
    );
    worker.on('error', (error) => context.log.error({ err: error, queue }, 'worker error'));
    worker.on('failed', (job, error) => {
      if (job !== undefined && logged.has(job)) return;
      context.log.warn(
        { err: error, queue, job: job?.name, jobId: job?.id, attempt: job?.attemptsMade, outcome: 'failed' },
        'job failed',
      );
    });
    return worker;
  });
  return {
    workers,
    async close() {
      await Promise.all(workers.map((worker) => worker.close()));
      await own?.close();
    },
  };
}
