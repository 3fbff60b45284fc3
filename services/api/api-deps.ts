// What the API's routes are given. Apart from app.ts, so routes import it without importing the app that imports them.
import type { AppContext } from '../app-context.js';
import type { FaqsModule } from '../faqs/index.js';
import type { Queues } from '../jobs/queues.js';
import type { ImportJobs } from '../ingest/import-queue.service.js';
import type { QuestionsModule } from '../questions/index.js';

/**
 * The services the API's plugins, routes and pages call: what a newcomer reads to see what the API depends on.
 * No repositories and no database handle; each member is built on the first request that uses it.
 */
export type ApiServices = Pick<
  AppContext,
  | 'env'
  | 'config'
  | 'log'
  | 'taxonomy'
  | 'metrics'
  | 'apiKeys'
  | 'users'
  | 'measures'
  | 'importQueue'
  | 'weeklyReport'
  | 'series'
  | 'mentions'
  | 'mentionsExport'
  | 'push'
  | 'sentimentCorrections'
  | 'alerts'
  | 'alertReads'
  | 'termsRequests'
  | 'sourceStatus'
  | 'analyses'
  | 'grafana'
  | 'scheduling'
  | 'pingDatabase'
> & {
  questions: Pick<QuestionsModule, 'questions' | 'sources'>;
  faqs: Omit<FaqsModule, 'repository'>;
};

export interface ApiDeps {
  context: ApiServices;
  /** Reports Redis reachability for /health: 'ok' or the problem. */
  redisHealth: () => Promise<string>;
  /** The job queues, for the board at /admin/queues; without them (tests, tools) there is no board. */
  queues?: Queues;
  /** Adds import jobs to the `ingest` queue; without it (tests of other routes) uploads answer 503. */
  importJobs?: ImportJobs;
}
