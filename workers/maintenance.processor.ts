// Maintenance jobs: thin calls into the retention, user and import services.
import type { WorkerServices } from './worker-services.js';
import type { JobPayloads } from '../services/jobs/catalogue.js';

export async function expireText(context: WorkerServices, data: JobPayloads['maintenance.expire-text']) {
  const cleared = await context.retention.expireDueText(data.batchSize);
  // Question text follows the same retention; contact details go N days after the question is closed.
  const questions = await context.questions.questions.expire();
  return { cleared, questions };
}

export async function preparePartitions(
  context: WorkerServices,
  data: JobPayloads['maintenance.partitions'],
) {
  const months = await context.retention.preparePartitions(data.monthsAhead);
  return { months };
}

export async function purgeSessions(context: WorkerServices) {
  return context.users.purgeExpired();
}

export async function removeExpiredUploads(context: WorkerServices) {
  return context.importQueue.removeExpiredUploads();
}
