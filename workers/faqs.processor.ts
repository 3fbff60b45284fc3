// FAQ jobs: thin calls into the gaps service.
import type { AppContext } from '../services/app-context.js';
import type { JobPayloads } from '../services/jobs/catalogue.js';

export async function decideFaqs(context: AppContext, data: JobPayloads['faqs.decide']) {
  return context.faqs.gaps.decide(data.batchSize, data.maxBatches);
}
