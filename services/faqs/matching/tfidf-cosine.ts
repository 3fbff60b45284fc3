// TF-IDF cosine similarity over documents given as feature lists (the matcher uses character n-grams).

export interface CosineIndex {
  /** Cosine similarity (0..1) of the query to every document that shares a feature with it. */
  score(query: readonly string[]): Map<number, number>;
}

export function createCosineIndex(documents: readonly (readonly string[])[]): CosineIndex {
  const n = documents.length;
  const df = new Map<string, number>();
  const counted = documents.map((features) => {
    const counts = new Map<string, number>();
    for (const f of features) counts.set(f, (counts.get(f) ?? 0) + 1);
    for (const f of counts.keys()) df.set(f, (df.get(f) ?? 0) + 1);
    return counts;
  });
  // Smoothed idf, as common TF-IDF implementations use it: a feature in every document still counts a little.
  const idf = (f: string): number => Math.log((1 + n) / (1 + (df.get(f) ?? 0))) + 1;
  const postings = new Map<string, { doc: number; weight: number }[]>();
  counted.forEach((counts, doc) => {
    let norm = 0;
    const weights: [string, number][] = [];
    for (const [f, tf] of counts) {
      const w = (1 + Math.log(tf)) * idf(f);
      weights.push([f, w]);
      norm += w * w;
    }
    const length = Math.sqrt(norm) || 1;
    for (const [f, w] of weights) {
      let list = postings.get(f);
      if (list === undefined) postings.set(f, (list = []));
      list.push({ doc, weight: w / length });
    }
  });
  return {
    score(query) {
      const counts = new Map<string, number>();
      for (const f of query) counts.set(f, (counts.get(f) ?? 0) + 1);
      let norm = 0;
      const weights: [string, number][] = [];
      for (const [f, tf] of counts) {
        const w = (1 + Math.log(tf)) * idf(f);
        weights.push([f, w]);
        norm += w * w;
      }
      const length = Math.sqrt(norm) || 1;
      const scores = new Map<number, number>();
      for (const [f, w] of weights) {
        for (const { doc, weight } of postings.get(f) ?? []) {
          scores.set(doc, (scores.get(doc) ?? 0) + (w / length) * weight);
        }
      }
      return scores;
    },
  };
}
