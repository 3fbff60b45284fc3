// Okapi BM25 over documents given as term lists. Scores are also given normalised by the query's own ceiling
// (every query term at its highest possible weight), so one threshold works for short and long questions.

export interface Bm25Options {
  k1: number;
  b: number;
}

export const DEFAULT_BM25: Bm25Options = { k1: 1.2, b: 0.75 };

export interface Bm25Index {
  readonly size: number;
  /** Raw BM25 and the score divided by the query's ceiling (0..1), for every document with a shared term. */
  score(query: readonly string[]): Map<number, { raw: number; normalised: number }>;
  idf(term: string): number;
}

export function createBm25Index(
  documents: readonly (readonly string[])[],
  options: Bm25Options = DEFAULT_BM25,
): Bm25Index {
  const { k1, b } = options;
  const postings = new Map<string, { doc: number; tf: number }[]>();
  const lengths = documents.map((d) => d.length);
  const meanLength = lengths.reduce((a, l) => a + l, 0) / Math.max(1, documents.length) || 1;
  documents.forEach((terms, doc) => {
    const counts = new Map<string, number>();
    for (const t of terms) counts.set(t, (counts.get(t) ?? 0) + 1);
    for (const [term, tf] of counts) {
      let list = postings.get(term);
      if (list === undefined) postings.set(term, (list = []));
      list.push({ doc, tf });
    }
  });
  const n = documents.length;
  // An unseen term weighs what a term in no document would: the query asks for something the FAQs do not hold.
  const idf = (term: string): number => {
    const df = postings.get(term)?.length ?? 0;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  };
  return {
    size: n,
    idf,
    score(query) {
      const scores = new Map<number, { raw: number; normalised: number }>();
      const unique = [...new Set(query)];
      let ceiling = 0;
      for (const term of unique) {
        const weight = idf(term);
        ceiling += weight * (k1 + 1);
        for (const { doc, tf } of postings.get(term) ?? []) {
          const norm = tf + k1 * (1 - b + (b * (lengths[doc] ?? 0)) / meanLength);
          const add = (weight * tf * (k1 + 1)) / norm;
          const entry = scores.get(doc);
          if (entry === undefined) scores.set(doc, { raw: add, normalised: 0 });
          else entry.raw += add;
        }
      }
      for (const entry of scores.values())
        entry.normalised = ceiling > 0 ? Math.min(1, entry.raw / ceiling) : 0;
      return scores;
    },
  };
}
