// FAQ jobs: thin calls into the gaps service.
import type { WorkerServices } from './worker-services.js';
import type { JobPayloads } from '../services/jobs/catalogue.js';

export async function decideFaqs(context: WorkerServices, data: JobPayloads['faqs.decide']) {
  return context.faqs.gaps.decide(data.batchSize, data.maxBatches);
}
