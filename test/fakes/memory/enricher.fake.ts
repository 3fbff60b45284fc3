// A scorer for services that classify text (questions, pushed posts): topics by keywords the test names, and
// sentiment negative when the text says so, so a test knows exactly what its text is classified as.
import type { Enricher, Enrichment } from '../../../services/nlp/enricher.js';

export class FakeEnricher implements Pick<Enricher, 'enrich'> {
  readonly texts: string[] = [];

  /** `topics`: a topic id per keyword; a text containing the keyword (any case) is on that topic. */
  constructor(private readonly topics: Readonly<Record<string, string>> = {}) {}

  enrich(text: string): Enrichment {
    this.texts.push(text);
    const lower = text.toLowerCase();
    const topics = [
      ...new Set(
        Object.entries(this.topics)
          .filter(([word]) => lower.includes(word.toLowerCase()))
          .map(([, topic]) => topic),
      ),
    ];
    const negative = /\b(boos|slecht|belachelijk)\b/.test(lower);
    return {
      language: 'nl',
      topics,
      sentiment: {
        score: negative ? -0.6 : 0,
        label: negative ? 'negative' : 'neutral',
        confidence: 0.9,
        model: 'fake@1',
        carriers: [],
      },
    };
  }
}
