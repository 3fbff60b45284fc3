// Starts the API on a port. Process concerns (signals, shutdown order) live in workers/roles.ts.
import type { AppContext } from '../app-context.js';
import { buildApi, type Api } from './app.js';
import type { ImportJobs } from '../ingest/import-queue.service.js';

export async function startApiServer(
  context: AppContext,
  redisHealth: () => Promise<string>,
  listen: { port: number; host: string },
  importJobs?: ImportJobs,
): Promise<Api> {
  const app = await buildApi({ context, redisHealth, importJobs });
  await app.listen({ port: listen.port, host: listen.host });
  return app;
}
