// Poll jobs: one call into the poll service. Source failures are recorded on the source row and not thrown, so
// BullMQ does not retry them on top of the schedule; only infrastructure errors (database down) fail the job.
import type { WorkerServices } from './worker-services.js';
import type { JobPayloads } from '../services/jobs/catalogue.js';
import type { Producers } from './handlers.js';

export async function pollSource(context: WorkerServices, data: JobPayloads['poll.source']) {
  return context.polls.poll(data.sourceId);
}

/** One listing of a watched export folder; its complete files go to the `ingest` queue as import jobs. */
export async function scanFolder(
  context: WorkerServices,
  data: JobPayloads['poll.folder'],
  producers?: Producers,
) {
  if (producers === undefined)
    throw new Error('a folder listing needs the import queue to hand its files to');
  return context.exportFolders.scan(data.sourceId, producers.importJobs);
}
