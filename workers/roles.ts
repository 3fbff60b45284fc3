// `onderstroom start`: runs the API, the workers and the scheduler, in one process or one role per process.
// It lives beside the worker pool because it starts it; the CLI reaches it through the process entry (main.ts).
// Shutdown order on SIGTERM: stop taking requests, finish jobs in hand, close queues, then the database, then Redis.
import closeWithGrace from 'close-with-grace';
import type { Redis } from 'ioredis';
import { createAppContext, createLogger, type AppContext } from '../services/app-context.js';
import type { RoleName } from '../services/cli/commands/start.command.js';
import type { Env } from '../services/config/env.js';
import { startApiServer } from '../services/api/server.js';
import { checkRedis, producerConnection, workerConnection } from '../services/jobs/redis-connection.js';
import { Queues } from '../services/jobs/queues.js';
import { startWorkers, type WorkerPool } from './worker-pool.js';
import { startScheduleReconciler, upsertSchedules } from './scheduler.js';
import type { Api } from '../services/api/app.js';
import { startMetricsListener, type MetricsListener } from '../services/metrics/metrics-listener.js';
import { startMemorySamples } from '../services/metrics/memory-samples.js';

export interface RunningRoles {
  context: AppContext;
  api: Api | null;
  workers: WorkerPool | null;
  /** The port of the metrics listener (worker and scheduler roles with a metrics token), else null. */
  metricsPort: number | null;
  stop(): Promise<void>;
}

function redisHealthProbe(connection: Redis): () => Promise<string> {
  return async () => {
    try {
      const answer: string = await connection.ping();
      return answer === 'PONG' ? 'ok' : `unexpected answer ${answer}`;
    } catch (error) {
      return `unreachable: ${(error as Error).message}`;
    }
  };
}

export async function startRoles(env: Env, role: RoleName): Promise<RunningRoles> {
  const log = createLogger(env);
  // Benchmarks only (ONDERSTROOM_MEMORY_SAMPLES): from the first moment, so start-up is in the samples too.
  const samples = env.memorySamplesFile === null ? null : startMemorySamples(env.memorySamplesFile);
  await checkRedis(env.redisUrl);
  // The API role alone builds the scorer (~60 MB) on the first request that scores text, not at start-up.
  const context = await createAppContext(env, {
    log,
    migrate: true,
    scoring: role === 'api' ? 'on-use' : 'at-start',
  });
  const producer = producerConnection(env.redisUrl);
  producer.on('error', (error) => log.warn({ err: error }, 'redis (producer) error'));
  const queues = new Queues(producer, env.queuePrefix);
  let workerRedis: Redis | null = null;
  let api: Api | null = null;
  let workers: WorkerPool | null = null;
  let reconciler: { stop(): Promise<void> } | null = null;
  let metricsListener: MetricsListener | null = null;
  // Every role reports queue depth from Redis when scraped; dashboards take the maximum over processes.
  context.metrics.watchQueues(() => queues.counts());

  const stop = async () => {
    if (reconciler) await reconciler.stop();
    if (api) await api.close();
    if (metricsListener) await metricsListener.close();
    if (workers) await workers.close();
    await queues.close();
    await context.close();
    producer.disconnect();
    workerRedis?.disconnect();
    samples?.stop();
  };

  try {
    if (role === 'all' || role === 'scheduler') {
      const { kept } = await upsertSchedules(context, queues);
      log.info({ schedules: kept }, 'schedules upserted');
      reconciler = startScheduleReconciler(context, queues);
      // Partitions for the coming months exist before any worker needs them.
      await context.retention.preparePartitions(2);
    }
    if (role === 'all' || role === 'worker') {
      workerRedis = workerConnection(env.redisUrl);
      workerRedis.on('error', (error) => log.warn({ err: error }, 'redis (worker) error'));
      workers = startWorkers(context, workerRedis, env.queuePrefix, queues);
      log.info('workers started');
    }
    if (role === 'all' || role === 'api') {
      api = await startApiServer(
        context,
        redisHealthProbe(producer),
        { port: env.port, host: env.host },
        queues,
      );
      log.info(`API listening on http://${env.host === '0.0.0.0' ? '127.0.0.1' : env.host}:${env.port}`);
    }
    // Without the API in this process, a small listener of its own is what Prometheus scrapes.
    if (role !== 'all' && role !== 'api' && env.metricsToken !== null) {
      metricsListener = await startMetricsListener({
        metrics: context.metrics,
        token: env.metricsToken,
        port: env.metricsPort,
        host: env.host,
        log,
      });
      log.info(
        `metrics on http://${env.host === '0.0.0.0' ? '127.0.0.1' : env.host}:${metricsListener.port}/metrics`,
      );
    }
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
  return { context, api, workers, metricsPort: metricsListener?.port ?? null, stop };
}

/** For the CLI: start, then stop cleanly on SIGINT/SIGTERM or a fatal error. */
export async function runRoles(env: Env, role: RoleName): Promise<void> {
  const running = await startRoles(env, role);
  closeWithGrace({ delay: 20_000, logger: false }, async ({ signal, err }) => {
    if (err) running.context.log.error({ err }, 'stopping after a fatal error');
    else running.context.log.info(`${signal ?? 'stop'} received, stopping`);
    await running.stop();
  });
}
