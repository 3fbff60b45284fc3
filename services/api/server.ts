// Starts the API on a port. Process concerns (signals, shutdown order) live in workers/roles.ts.
import type { AppContext } from '../app-context.js';
import { producerConnection } from '../jobs/redis-connection.js';
import { Queues } from '../jobs/queues.js';
import { buildApi, type Api } from './app.js';

export async function startApiServer(
  context: AppContext,
  redisHealth: () => Promise<string>,
  listen: { port: number; host: string },
): Promise<Api> {
  // The queue board's own producer connection: it fails fast when Redis is away, and closes with the server.
  const connection = producerConnection(context.env.redisUrl);
  connection.on('error', (error) => context.log.warn({ err: error }, 'redis (queue board) error'));
  const queues = new Queues(connection, context.env.queuePrefix);
  const app = await buildApi({ context, redisHealth, queues });
  app.addHook('onClose', async () => {
    await queues.close();
    connection.disconnect();
  });
  await app.listen({ port: listen.port, host: listen.host });
  return app;
}
