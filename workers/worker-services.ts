// What the job processors and the worker pool are given: the services they call, and nothing that reaches past
// them (no repositories, no database handle). Each member is built on the first job that uses it.
import type { AppContext } from '../services/app-context.js';
import type { FaqsModule } from '../services/faqs/index.js';
import type { QuestionsModule } from '../services/questions/index.js';

export type WorkerServices = Pick<
  AppContext,
  | 'log'
  | 'metrics'
  | 'scheduling'
  | 'detection'
  | 'deliveries'
  | 'polls'
  | 'exportFolders'
  | 'importQueue'
  | 'retention'
  | 'users'
  | 'reportDeliveries'
> & {
  questions: Pick<QuestionsModule, 'questions' | 'notices'>;
  faqs: Pick<FaqsModule, 'gaps' | 'notices'>;
};

/** What the scheduler reads and writes: the configured sources, their rows, the kept schedules, queued imports. */
export type SchedulerServices = Pick<
  AppContext,
  'log' | 'sourceConfigs' | 'syncConfiguredSources' | 'scheduling' | 'imports' | 'importQueue'
>;
