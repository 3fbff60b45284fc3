// Which published FAQs answer a text: the matcher over the published FAQs, rebuilt when they change (checked by a
// fingerprint per call, so an edit through another process is seen at once), and the checks on the text.
import { badRequest } from '../request-error.js';
import { detectLanguageFromTokens, type DetectedLanguage } from '../nlp/language.detector.js';
import { tokenize } from '../nlp/text.tokenizer.js';
import type { FaqsRepository } from '../repositories/faqs.repository.js';
import type { FaqsService } from './faqs.service.js';
import {
  createFaqMatcher,
  MAX_MATCH_LIMIT,
  MAX_MATCH_TEXT,
  type FaqMatcher,
  type FaqMatchResult,
} from './matching/faq-matcher.js';

export interface FaqMatchAnswer extends FaqMatchResult {
  /** The language the text was read as; the FAQs are Dutch, so an English text is matched but rarely found. */
  language: DetectedLanguage;
}

export class FaqMatchService {
  private built: { fingerprint: string; matcher: FaqMatcher } | null = null;
  private building: Promise<{ fingerprint: string; matcher: FaqMatcher }> | null = null;

  constructor(
    private readonly repository: FaqsRepository,
    private readonly faqs: FaqsService,
  ) {}

  async match(text: string, limit: number): Promise<FaqMatchAnswer> {
    const trimmed = text.trim();
    if (trimmed === '') throw badRequest('q: give the question to match (it is empty)');
    if (trimmed.length > MAX_MATCH_TEXT)
      throw badRequest(`q: at most ${MAX_MATCH_TEXT} characters (this one has ${trimmed.length})`);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_MATCH_LIMIT)
      throw badRequest(`limit: a whole number from 1 to ${MAX_MATCH_LIMIT}`);
    const matcher = await this.matcher();
    const result = await matcher.match(trimmed, limit);
    return { ...result, language: detectLanguageFromTokens(tokenize(trimmed)).language };
  }

  /**
   * The best published FAQs for each text, in order, with one look at the register for all of them (a batch of
   * registered questions). Texts longer than the matcher reads are cut, not refused: a long question still has
   * its FAQ, and the first part of a question says what it is about.
   */
  async matchMany(texts: readonly string[], limit: number): Promise<FaqMatchResult[]> {
    const matcher = await this.matcher();
    const results: FaqMatchResult[] = [];
    for (const [i, text] of texts.entries()) {
      const trimmed = text.trim().slice(0, MAX_MATCH_TEXT);
      results.push(trimmed === '' ? { matches: [], decision: 'none' } : await matcher.match(trimmed, limit));
      // Matching is CPU work (about 1 ms a question over 60 FAQs, 20 ms over 2,000): a batch of 1,000 lets
      // other requests in between.
      if (i % 50 === 49) await new Promise((resolve) => setImmediate(resolve));
    }
    return results;
  }

  private async matcher(): Promise<FaqMatcher> {
    const fingerprint = await this.repository.publishedFingerprint();
    if (this.built?.fingerprint === fingerprint) return this.built.matcher;
    // Concurrent calls after a change share one rebuild.
    this.building ??= this.faqs
      .published()
      .then((published) => ({
        fingerprint,
        matcher: createFaqMatcher(
          published.map((faq) => ({
            id: faq.id,
            question: faq.question,
            answer: faq.answer,
            topics: faq.topics,
          })),
        ),
      }))
      .finally(() => {
        this.building = null;
      });
    this.built = await this.building;
    return this.built.matcher;
  }
}
