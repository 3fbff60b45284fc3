// What the API's routes are given. Apart from app.ts, so routes import it without importing the app that imports them.
import type { AppContext } from '../app-context.js';
import type { Queues } from '../jobs/queues.js';
import type { ImportJobs } from '../ingest/import-queue.service.js';

export interface ApiDeps {
  context: AppContext;
  /** Reports Redis reachability for /health: 'ok' or the problem. */
  redisHealth: () => Promise<string>;
  /** The job queues, for the board at /admin/queues; without them (tests, tools) there is no board. */
  queues?: Queues;
  /** Adds import jobs to the `ingest` queue; without it (tests of other routes) uploads answer 503. */
  importJobs?: ImportJobs;
}
