// Emerging terms: words and two-word phrases that are significantly more frequent in a window than in a baseline,
// by Dunning's log-likelihood (G²) on document frequencies, so one spammer repeating a word counts once per post.
import { foldWord } from '../nlp/text.tokenizer.js';
import { STOPWORDS } from './stopwords.nl.js';

export interface EmergingTerm {
  term: string;
  windowCount: number;
  baselineCount: number;
  /** Share in the window divided by share in the baseline (with add-one smoothing for unseen terms). */
  ratio: number;
  g2: number;
}

export interface KeynessOptions {
  minCount: number;
  limit: number;
  /** G² above 10.83 is significant at p < 0.001 (one degree of freedom). */
  minG2: number;
}

export const DEFAULT_KEYNESS: KeynessOptions = { minCount: 3, limit: 20, minG2: 10.83 };

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'-]*/gu;

/** The distinct terms of one text: words of 3+ letters that are not stop words, and adjacent pairs of them. */
export function documentTerms(text: string): Set<string> {
  const terms = new Set<string>();
  let previous: string | null = null;
  for (const match of text.toLowerCase().matchAll(WORD)) {
    const word = foldWord(match[0].replace(/^['-]+|['-]+$/g, ''));
    if (word.length < 3 || STOPWORDS.has(word) || /^\d+$/.test(word) || word.startsWith('http')) {
      previous = null;
      continue;
    }
    terms.add(word);
    if (previous !== null && previous !== word) terms.add(`${previous} ${word}`);
    previous = word;
  }
  return terms;
}

export function documentFrequencies(texts: Iterable<string>): {
  counts: Map<string, number>;
  documents: number;
} {
  const counts = new Map<string, number>();
  let documents = 0;
  for (const text of texts) {
    documents += 1;
    for (const term of documentTerms(text)) counts.set(term, (counts.get(term) ?? 0) + 1);
  }
  return { counts, documents };
}

function g2(a: number, b: number, c: number, d: number): number {
  const e1 = (c * (a + b)) / (c + d);
  const e2 = (d * (a + b)) / (c + d);
  return 2 * ((a > 0 ? a * Math.log(a / e1) : 0) + (b > 0 ? b * Math.log(b / e2) : 0));
}

export function emergingTerms(
  window: { counts: Map<string, number>; documents: number },
  baseline: { counts: Map<string, number>; documents: number },
  options: KeynessOptions = DEFAULT_KEYNESS,
): EmergingTerm[] {
  if (window.documents === 0) return [];
  const out: EmergingTerm[] = [];
  for (const [term, a] of window.counts) {
    if (a < options.minCount) continue;
    const b = baseline.counts.get(term) ?? 0;
    if (a / window.documents <= b / Math.max(1, baseline.documents)) continue;
    const score = g2(a, b, window.documents, Math.max(1, baseline.documents));
    if (score < options.minG2) continue;
    const ratio = a / window.documents / ((b + 1) / (baseline.documents + 1));
    out.push({
      term,
      windowCount: a,
      baselineCount: b,
      ratio: Math.round(ratio * 100) / 100,
      g2: Math.round(score * 100) / 100,
    });
  }
  out.sort((x, y) => y.g2 - x.g2 || x.term.localeCompare(y.term));
  // A phrase and its own words often both rise: keep the phrase, drop a word that rises only inside it.
  const phrases = out.filter((t) => t.term.includes(' '));
  const standsAlone = (word: EmergingTerm) =>
    !phrases.some((p) => p.term.split(' ').includes(word.term) && p.windowCount >= word.windowCount * 0.8);
  return out.filter((t) => t.term.includes(' ') || standsAlone(t)).slice(0, options.limit);
}
