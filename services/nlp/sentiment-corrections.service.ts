// An analyst corrects the sentiment of one mention: the correction is kept (who, when, what it was), the
// mention takes the analyst's label and moves between the rollup counts in the same transaction.
import type { SentimentLabel } from './sentiment-label.js';
import type { MentionSentimentRepository } from '../repositories/mention-sentiment.repository.js';
import { notFound } from '../request-error.js';
import type { CorrectionResult } from './stored-sentiment.js';

export class SentimentCorrectionsService {
  constructor(private readonly repository: MentionSentimentRepository) {}

  async correct(
    mentionId: string,
    label: SentimentLabel,
    by: { apiKeyId: string | null; name: string },
  ): Promise<CorrectionResult> {
    const result = await this.repository.correct(mentionId, label, by);
    if (result === null) throw notFound(`no mention with id ${mentionId}`);
    return result;
  }
}
