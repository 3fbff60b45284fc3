// Groups the questions no FAQ answers into clusters of the same question, for the gaps page: each cluster with
// its count, three example questions and its common terms. One pass in the given order, each question joining
// the cluster whose centroid is most similar (TF-IDF cosine of stems and thesaurus words) if that reaches the
// threshold, else starting one; deterministic for the same input.
import { thesaurusWords } from './dutch-corona-thesaurus.js';
import { matchStem } from './faq-matcher.js';
import { contentWords } from './faq-text.js';

export interface GapQuestion {
  id: string;
  text: string;
}

export interface GapCluster {
  count: number;
  /** Up to three questions, the most central first. */
  examples: string[];
  /** The ids of the examples, in the same order. */
  exampleIds: string[];
  /** Words most members share (as residents wrote them), most shared first. */
  terms: string[];
  memberIds: string[];
  /** How many of `options.previous` are this same question (they join, never start, a cluster). */
  previousCount: number;
}

export interface GapClusterOptions {
  /** Cosine to a cluster's centroid a question needs to join it. */
  similarity?: number;
  maxTerms?: number;
  /**
   * The questions of the period before, counted against the clusters of `questions` (for the growth): each joins
   * the most similar cluster if it reaches the threshold, without moving its centroid; the others count nowhere.
   */
  previous?: readonly GapQuestion[];
}

export const DEFAULT_GAP_SIMILARITY = 0.35;

interface Analysed {
  question: GapQuestion;
  weights: Map<string, number>;
  /** The first written form of each stem, to show terms as residents wrote them. */
  forms: Map<string, string>;
}

function analyse(questions: readonly GapQuestion[]): Analysed[] {
  const termLists = questions.map((q) => {
    const forms = new Map<string, string>();
    const terms: string[] = [];
    for (const word of contentWords(q.text)) {
      for (const w of [word, ...thesaurusWords(word)]) {
        const stem = matchStem(w);
        terms.push(stem);
        if (!forms.has(stem)) forms.set(stem, w);
      }
    }
    return { terms, forms };
  });
  const df = new Map<string, number>();
  for (const { terms } of termLists) for (const t of new Set(terms)) df.set(t, (df.get(t) ?? 0) + 1);
  const n = questions.length;
  return termLists.map(({ terms, forms }, i) => {
    const weights = new Map<string, number>();
    for (const t of new Set(terms)) weights.set(t, Math.log((1 + n) / (1 + (df.get(t) ?? 0))) + 1);
    let norm = 0;
    for (const w of weights.values()) norm += w * w;
    const length = Math.sqrt(norm) || 1;
    for (const [t, w] of weights) weights.set(t, w / length);
    return { question: questions[i]!, weights, forms };
  });
}

function cosine(a: Map<string, number>, b: Map<string, number>, bNorm: number): number {
  if (bNorm === 0) return 0;
  let dot = 0;
  for (const [t, w] of a) dot += w * (b.get(t) ?? 0);
  return dot / bNorm;
}

interface Building {
  members: Analysed[];
  previous: number;
  sum: Map<string, number>;
  norm: number;
}

/** Clusters of the questions, largest first (ties: the earliest first question first). */
export function clusterGapQuestions(
  questions: readonly GapQuestion[],
  options: GapClusterOptions = {},
): GapCluster[] {
  const threshold = options.similarity ?? DEFAULT_GAP_SIMILARITY;
  const maxTerms = options.maxTerms ?? 5;
  const clusters: Building[] = [];
  // One vocabulary for both periods, so a term weighs the same in each.
  const analysed = analyse([...questions, ...(options.previous ?? [])]);
  const nearest = (item: Analysed): { cluster: Building | null; score: number } => {
    let best: Building | null = null;
    let bestScore = 0;
    for (const cluster of clusters) {
      const score = cosine(item.weights, cluster.sum, cluster.norm);
      if (score > bestScore) {
        best = cluster;
        bestScore = score;
      }
    }
    return { cluster: best, score: bestScore };
  };
  for (const item of analysed.slice(0, questions.length)) {
    const found = nearest(item);
    let best = found.cluster;
    if (best === null || found.score < threshold || item.weights.size === 0) {
      best = { members: [], previous: 0, sum: new Map(), norm: 0 };
      clusters.push(best);
    }
    best.members.push(item);
    for (const [t, w] of item.weights) best.sum.set(t, (best.sum.get(t) ?? 0) + w);
    let norm = 0;
    for (const w of best.sum.values()) norm += w * w;
    best.norm = Math.sqrt(norm);
  }
  for (const item of analysed.slice(questions.length)) {
    const { cluster, score } = nearest(item);
    if (cluster !== null && score >= threshold && item.weights.size > 0) cluster.previous++;
  }
  return clusters
    .map((cluster, order) => ({ cluster, order }))
    .sort((a, b) => b.cluster.members.length - a.cluster.members.length || a.order - b.order)
    .map(({ cluster }) => describe(cluster, maxTerms));
}

function describe(cluster: Building, maxTerms: number): GapCluster {
  const central = [...cluster.members]
    .map((m, i) => ({ m, i, score: cosine(m.weights, cluster.sum, cluster.norm) }))
    .sort((a, b) => b.score - a.score || a.i - b.i);
  const shared = new Map<string, number>();
  for (const m of cluster.members) for (const t of m.weights.keys()) shared.set(t, (shared.get(t) ?? 0) + 1);
  const minimum = cluster.members.length === 1 ? 1 : 2;
  const terms = [...shared]
    .filter(([, count]) => count >= minimum)
    .sort((a, b) => b[1] - a[1] || (cluster.sum.get(b[0]) ?? 0) - (cluster.sum.get(a[0]) ?? 0))
    .slice(0, maxTerms)
    .map(([stem]) => cluster.members.find((m) => m.forms.has(stem))?.forms.get(stem) ?? stem);
  return {
    count: cluster.members.length,
    examples: central.slice(0, 3).map(({ m }) => m.question.text),
    exampleIds: central.slice(0, 3).map(({ m }) => m.question.id),
    terms,
    memberIds: cluster.members.map((m) => m.question.id),
    previousCount: cluster.previous,
  };
}
