// Starts one BullMQ Worker per queue and routes each job to its handler.
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { AppContext } from '../services/app-context.js';
import { JOB_QUEUE, QUEUE_NAMES, type JobName, type QueueName } from '../services/jobs/catalogue.js';
import { HANDLERS, type Handler } from './handlers.js';

export interface WorkerPool {
  workers: Worker[];
  close(): Promise<void>;
}

const CONCURRENCY: Record<QueueName, number> = {
  ingest: 2,
  maintenance: 1,
  detect: 1,
  notify: 2,
  // Polls wait on the network most of the time; different sources poll side by side.
  poll: 4,
};

function isJobName(name: string): name is JobName {
  return Object.hasOwn(JOB_QUEUE, name);
}

export function startWorkers(context: AppContext, connection: Redis, prefix: string): WorkerPool {
  // Start-up fails when a catalogued job has no handler (e.g. a handler removed by mistake).
  for (const name of Object.keys(JOB_QUEUE)) {
    if (typeof HANDLERS[name as JobName] !== 'function') throw new Error(`job ${name} has no handler`);
  }
  const workers = QUEUE_NAMES.map((queue) => {
    const worker = new Worker(
      queue,
      async (job: Job) => {
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
        return handler(context, job.data as never);
      },
      { connection, prefix, concurrency: CONCURRENCY[queue], autorun: true },
    );
    worker.on('error', (error) => context.log.error({ err: error, queue }, 'worker error'));
    worker.on('failed', (job, error) =>
      context.log.warn(
        { err: error, queue, job: job?.name, id: job?.id, attempt: job?.attemptsMade },
        'job failed',
      ),
    );
    return worker;
  });
  return {
    workers,
    async close() {
      await Promise.all(workers.map((worker) => worker.close()));
    },
  };
}
