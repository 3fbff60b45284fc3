// Emerging terms for the API and alert messages: a window against the same length of time before it, several
// times over (the baseline), read from stored text.
import type { MentionsSampler } from '../repositories/mentions.repository.js';
import { DEFAULT_KEYNESS, documentFrequencies, emergingTerms, type EmergingTerm } from './emerging-terms.js';

export interface TermsQuery {
  fromMs: number;
  toMs: number;
  sourceKind: string | null;
  topic: string | null;
  baselineMs: number;
  limit: number;
}

// Bounded samples keep a term query fast whatever the volume; shares are what is compared.
const WINDOW_SAMPLE = 5_000;
const BASELINE_SAMPLE = 20_000;

export class TermsService {
  constructor(private readonly sampler: MentionsSampler) {}

  async emerging(query: TermsQuery): Promise<EmergingTerm[]> {
    const filter = { sourceKind: query.sourceKind, topic: query.topic, sentiment: null };
    const [window, baseline] = await Promise.all([
      this.sampler.texts({ ...filter, fromMs: query.fromMs, toMs: query.toMs }, WINDOW_SAMPLE),
      this.sampler.texts(
        { ...filter, fromMs: query.fromMs - query.baselineMs, toMs: query.fromMs },
        BASELINE_SAMPLE,
      ),
    ]);
    return emergingTerms(documentFrequencies(window), documentFrequencies(baseline), {
      ...DEFAULT_KEYNESS,
      limit: query.limit,
    });
  }
}
