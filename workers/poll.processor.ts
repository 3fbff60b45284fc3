// Poll jobs: one call into the poll service. Source failures are recorded on the source row and not thrown, so
// BullMQ does not retry them on top of the schedule; only infrastructure errors (database down) fail the job.
import type { AppContext } from '../services/app-context.js';
import type { JobPayloads } from '../services/jobs/catalogue.js';

export async function pollSource(context: AppContext, data: JobPayloads['poll.source']) {
  return context.polls.poll(data.sourceId);
}
