// FAQ jobs: thin calls into the gaps service.
import type { AppContext } from '../services/app-context.js';
import type { JobPayloads } from '../services/jobs/catalogue.js';

/** The KCC's questions first, then the online posts (read, and those that ask decided), each bounded per run. */
export async function decideFaqs(context: AppContext, data: JobPayloads['faqs.decide']) {
  const questions = await context.faqs.gaps.decide(data.batchSize, data.maxBatches);
  const posts = await context.faqs.gaps.decideMentions(data.batchSize, data.maxBatches);
  return { questions, posts };
}
