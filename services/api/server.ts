// Starts the API on a port. Process concerns (signals, shutdown order) live in workers/roles.ts.
import type { ApiServices } from './api-deps.js';
import type { Queues } from '../jobs/queues.js';
import { buildApi, type Api } from './app.js';

export async function startApiServer(
  context: ApiServices,
  redisHealth: () => Promise<string>,
  listen: { port: number; host: string },
  queues?: Queues,
): Promise<Api> {
  // The process's queues: the board at /admin/queues reads them, uploads add their import jobs to them.
  const app = await buildApi({ context, redisHealth, queues, importJobs: queues?.importJobs() });
  await app.listen({ port: listen.port, host: listen.host });
  return app;
}
