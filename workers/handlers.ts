// Which processor runs each job. The mapped type makes a missing handler a compile error.
import type { AppContext } from '../services/app-context.js';
import type { JobName, JobPayloads } from '../services/jobs/catalogue.js';
import type { ImportJobs } from '../services/ingest/import-queue.service.js';
import {
  expireText,
  preparePartitions,
  purgeSessions,
  removeExpiredUploads,
} from './maintenance.processor.js';
import { deliverDue, detectEarly, detectTick } from './alerts.processor.js';
import { pollSource, scanFolder } from './poll.processor.js';
import { importQueued } from './import.processor.js';
import { reportsTick } from './reports.processor.js';
import { decideFaqs } from './faqs.processor.js';

/** What a job may add to the queues (a folder listing hands its files to the `ingest` queue). */
export interface Producers {
  importJobs: ImportJobs;
}

export type Handler<N extends JobName> = (
  context: AppContext,
  data: JobPayloads[N],
  // Optional for callers that run one handler directly (tests); the worker pool always passes it.
  producers?: Producers,
) => Promise<unknown>;

export const HANDLERS: { [N in JobName]: Handler<N> } = {
  'maintenance.expire-text': expireText,
  'maintenance.partitions': preparePartitions,
  'maintenance.sessions': purgeSessions,
  'maintenance.uploads': removeExpiredUploads,
  'faqs.decide': decideFaqs,
  'detect.tick': detectTick,
  'detect.early': detectEarly,
  'notify.deliver': deliverDue,
  'poll.source': pollSource,
  'poll.folder': scanFolder,
  'ingest.import': importQueued,
  'reports.tick': reportsTick,
};
