// Matches a resident's question to published FAQs: BM25 over Snowball stems (with compounds split into the
// words the FAQs use) on the question and the answer, plus character 3-5-gram TF-IDF cosine on both, combined
// with weights and a `none` threshold fitted on the development split (tools/faqs/fit-faq-matcher.ts).
import { createBm25Index, type Bm25Index } from './bm25.js';
import { compoundParts } from './compound-parts.js';
import { thesaurusWords } from './dutch-corona-thesaurus.js';
import { stemDutch } from './dutch-stemmer.js';
import { charNgrams, contentWords, faqWords } from './faq-text.js';
import { FITTED_FAQ_MATCHER } from './faq-matcher.fitted.js';
import { createCosineIndex, type CosineIndex } from './tfidf-cosine.js';

export interface MatchableFaq {
  id: string;
  question: string;
  answer: string;
  topics: readonly string[];
}
export interface FaqMatch {
  faqId: string;
  score: number;
  question: string;
}
export interface FaqMatchResult {
  matches: FaqMatch[];
  decision: 'match' | 'none';
}
export interface FaqMatcher {
  match(text: string, limit: number): Promise<FaqMatchResult>;
}

/** The scores a combination weighs, each 0..1 (BM25 divided by the query's ceiling). */
export interface FaqComponentScores {
  questionWords: number;
  answerWords: number;
  questionChars: number;
  answerChars: number;
  /** Share of the question's content words that the FAQ (question or answer) holds in some form. */
  coverage: number;
  /** The two reference baselines: word BM25 and character 3-5-gram TF-IDF cosine over the FAQ questions. */
  baselineWordBm25: number;
  baselineCharTfidf: number;
}
export type FaqComponent = keyof FaqComponentScores;
export type FaqWeights = Record<
  'questionWords' | 'answerWords' | 'questionChars' | 'answerChars' | 'coverage',
  number
>;

/** `combined` is the product's matcher; the baselines are kept to measure it against. */
export type FaqScorerKind = 'combined' | 'word-bm25' | 'char-tfidf';

export interface FaqMatcherOptions {
  scorer?: FaqScorerKind;
  weights?: FaqWeights;
  /** The best score must reach this for the decision to be `match`. */
  threshold?: number;
}

/** A question longer than this is cut: FAQ questions are a sentence or two, and the cost stays bounded. */
export const MAX_MATCH_TEXT = 2000;
export const MAX_MATCH_LIMIT = 50;

export interface FaqScorer {
  readonly faqs: readonly MatchableFaq[];
  /** Component scores for every FAQ that shares anything with the text (index into `faqs`). */
  components(text: string): Map<number, FaqComponentScores>;
}

interface Vocabulary {
  has(word: string): boolean;
}

/**
 * A stem with the Dutch s/z and f/v alternation undone (huis/huizen, bedrijf/bedrijven), which Snowball leaves
 * apart: "buurthuis" and "buurthuizen" are one word to a resident.
 */
export function matchStem(word: string): string {
  const stem = stemDutch(word);
  const last = stem[stem.length - 1];
  if (last === 'z') return `${stem.slice(0, -1)}s`;
  if (last === 'v') return `${stem.slice(0, -1)}f`;
  return stem;
}

/** Per word: its stem, the stems of its known compound parts and of the thesaurus' register words. */
function wordTerms(words: readonly string[], vocabulary: Vocabulary): string[][] {
  return words.map((word) => {
    const terms = [matchStem(word)];
    if (word.length >= 7) for (const part of compoundParts(word, vocabulary)) terms.push(matchStem(part));
    for (const synonym of thesaurusWords(word)) terms.push(matchStem(synonym));
    return terms;
  });
}

function analysedTerms(words: readonly string[], vocabulary: Vocabulary): string[] {
  return wordTerms(words, vocabulary).flat();
}

/** Content words with the thesaurus' register words added, for the character n-grams. */
function expandedWords(words: readonly string[]): string[] {
  return words.flatMap((w) => [w, ...thesaurusWords(w)]);
}

/** Builds the indexes once; `components` is what both the matcher and the fit script read. */
export function createFaqScorer(faqs: readonly MatchableFaq[]): FaqScorer {
  const questionWords = faqs.map((f) => contentWords(`${f.question} ${f.topics.join(' ')}`));
  const answerWords = faqs.map((f) => contentWords(f.answer));
  // The vocabulary compounds split into: words of at least 3 letters the FAQs use.
  const vocabulary = new Set([...questionWords.flat(), ...answerWords.flat()].filter((w) => w.length >= 3));
  const questionBm25 = createBm25Index(questionWords.map((w) => analysedTerms(w, vocabulary)));
  const answerBm25 = createBm25Index(answerWords.map((w) => analysedTerms(w, vocabulary)));
  const questionChars = createCosineIndex(questionWords.map((w) => charNgrams(w)));
  const answerChars = createCosineIndex(answerWords.map((w) => charNgrams(w)));
  const faqTerms = faqs.map(
    (_, i) =>
      new Set([
        ...analysedTerms(questionWords[i]!, vocabulary),
        ...analysedTerms(answerWords[i]!, vocabulary),
      ]),
  );
  const baselineBm25 = createBm25Index(faqs.map((f) => faqWords(f.question)));
  const baselineChars = createCosineIndex(faqs.map((f) => charNgrams(faqWords(f.question))));

  const collect = (
    into: Map<number, FaqComponentScores>,
    key: FaqComponent,
    scores: Map<number, number>,
  ): void => {
    for (const [doc, value] of scores) {
      let entry = into.get(doc);
      if (entry === undefined) {
        entry = {
          questionWords: 0,
          answerWords: 0,
          questionChars: 0,
          answerChars: 0,
          coverage: 0,
          baselineWordBm25: 0,
          baselineCharTfidf: 0,
        };
        into.set(doc, entry);
      }
      entry[key] = value;
    }
  };
  const normalised = (index: Bm25Index, terms: readonly string[]): Map<number, number> =>
    new Map([...index.score(terms)].map(([doc, s]) => [doc, s.normalised]));
  const cosine = (index: CosineIndex, features: readonly string[]): Map<number, number> =>
    index.score(features);

  return {
    faqs,
    components(text) {
      const cut = text.length > MAX_MATCH_TEXT ? text.slice(0, MAX_MATCH_TEXT) : text;
      const words = contentWords(cut);
      const perWord = wordTerms(words, vocabulary);
      const terms = perWord.flat();
      const grams = charNgrams(expandedWords(words));
      const all = faqWords(cut);
      const out = new Map<number, FaqComponentScores>();
      collect(out, 'questionWords', normalised(questionBm25, terms));
      collect(out, 'answerWords', normalised(answerBm25, terms));
      collect(out, 'questionChars', cosine(questionChars, grams));
      collect(out, 'answerChars', cosine(answerChars, grams));
      collect(out, 'baselineWordBm25', normalised(baselineBm25, all));
      collect(out, 'baselineCharTfidf', cosine(baselineChars, charNgrams(all)));
      if (perWord.length > 0) {
        for (const [doc, entry] of out) {
          const held = faqTerms[doc]!;
          entry.coverage =
            perWord.filter((options) => options.some((t) => held.has(t))).length / perWord.length;
        }
      }
      return out;
    },
  };
}

/** One number per FAQ for the chosen scorer. */
export function combinedScore(
  scores: FaqComponentScores,
  scorer: FaqScorerKind,
  weights: FaqWeights,
): number {
  switch (scorer) {
    case 'word-bm25':
      return scores.baselineWordBm25;
    case 'char-tfidf':
      return scores.baselineCharTfidf;
    case 'combined':
      return (
        weights.questionWords * scores.questionWords +
        weights.answerWords * scores.answerWords +
        weights.questionChars * scores.questionChars +
        weights.answerChars * scores.answerChars +
        weights.coverage * scores.coverage
      );
  }
}

/** FAQs ranked by score, best first (ties by id, so rankings are stable). */
export function rankFaqs(
  scorer: FaqScorer,
  text: string,
  kind: FaqScorerKind,
  weights: FaqWeights,
): { index: number; score: number }[] {
  const ranked: { index: number; score: number }[] = [];
  for (const [index, scores] of scorer.components(text)) {
    const score = combinedScore(scores, kind, weights);
    if (score > 0) ranked.push({ index, score });
  }
  ranked.sort((a, b) => b.score - a.score || (scorer.faqs[a.index]!.id < scorer.faqs[b.index]!.id ? -1 : 1));
  return ranked;
}

/** Builds a matcher over the given (published) FAQs; rebuilt when they change. */
export function createFaqMatcher(faqs: readonly MatchableFaq[], options: FaqMatcherOptions = {}): FaqMatcher {
  const kind = options.scorer ?? 'combined';
  const weights = options.weights ?? FITTED_FAQ_MATCHER.weights;
  const threshold = options.threshold ?? FITTED_FAQ_MATCHER.thresholds[kind];
  const scorer = createFaqScorer(faqs);
  return {
    match(text, limit) {
      const n = Math.max(1, Math.min(MAX_MATCH_LIMIT, Math.floor(limit)));
      const ranked = rankFaqs(scorer, text, kind, weights);
      const matches = ranked.slice(0, n).map(({ index, score }) => {
        const faq = scorer.faqs[index]!;
        return { faqId: faq.id, score: Math.round(score * 10000) / 10000, question: faq.question };
      });
      const best = ranked[0]?.score ?? 0;
      return Promise.resolve({
        matches,
        decision: best >= threshold && matches.length > 0 ? 'match' : 'none',
      });
    },
  };
}
