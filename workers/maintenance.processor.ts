// Maintenance jobs: thin calls into the retention, user and import services.
import type { AppContext } from '../services/app-context.js';
import type { JobPayloads } from '../services/jobs/catalogue.js';

export async function expireText(context: AppContext, data: JobPayloads['maintenance.expire-text']) {
  const cleared = await context.retention.expireDueText(data.batchSize);
  // Question text follows the same retention; contact details go N days after the question is closed.
  const questions = await context.questions.questions.expire();
  return { cleared, questions };
}

export async function preparePartitions(context: AppContext, data: JobPayloads['maintenance.partitions']) {
  const months = await context.retention.preparePartitions(data.monthsAhead);
  return { months };
}

export async function purgeSessions(context: AppContext) {
  return context.users.purgeExpired();
}

export async function removeExpiredUploads(context: AppContext) {
  return context.importQueue.removeExpiredUploads();
}
