// Which processor runs each job. The mapped type makes a missing handler a compile error.
import type { AppContext } from '../services/app-context.js';
import type { JobName, JobPayloads } from '../services/jobs/catalogue.js';
import { expireText, preparePartitions, purgeSessions } from './maintenance.processor.js';
import { deliverDue, detectEarly, detectTick } from './alerts.processor.js';
import { pollSource } from './poll.processor.js';
import { importQueued } from './import.processor.js';

export type Handler<N extends JobName> = (context: AppContext, data: JobPayloads[N]) => Promise<unknown>;

export const HANDLERS: { [N in JobName]: Handler<N> } = {
  'maintenance.expire-text': expireText,
  'maintenance.partitions': preparePartitions,
  'maintenance.sessions': purgeSessions,
  'detect.tick': detectTick,
  'detect.early': detectEarly,
  'notify.deliver': deliverDue,
  'poll.source': pollSource,
  'ingest.import': importQueued,
};
