// Import jobs of the `ingest` queue: one queued export imported from its stored file. A file the importer cannot
// read fails at once (no retry can fix it); a database that stays away fails the attempt, and BullMQ retries it
// until the import's last attempt, where the import is given up and so is the job.
import { UnrecoverableError } from 'bullmq';
import type { AppContext } from '../services/app-context.js';
import { ImportFileError } from '../services/importers/import-file.js';
import { ImportGaveUpError } from '../services/ingest/import-queue.service.js';
import type { JobPayloads } from '../services/jobs/catalogue.js';

export async function importQueued(context: AppContext, data: JobPayloads['ingest.import']) {
  try {
    return await context.importQueue.run(data.importId);
  } catch (error) {
    if (error instanceof ImportFileError || error instanceof ImportGaveUpError) {
      throw new UnrecoverableError(error.message);
    }
    throw error;
  }
}
