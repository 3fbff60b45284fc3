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
  /** The first of the questions with this text; `ids` are all of them (the same text asked again is one item). */
  question: GapQuestion;
  ids: string[];
  weights: Map<string, number>;
  /** The first written form of each stem, to show terms as residents wrote them. */
  forms: Map<string, string>;
}

/** The same text (case and spacing aside) once, with every id that asked it, in order of first appearance. */
function grouped(questions: readonly GapQuestion[]): { question: GapQuestion; ids: string[] }[] {
  const byText = new Map<string, { question: GapQuestion; ids: string[] }>();
  for (const question of questions) {
    const key = question.text.toLowerCase().replace(/\s+/g, ' ').trim();
    const found = byText.get(key);
    if (found) found.ids.push(question.id);
    else byText.set(key, { question, ids: [question.id] });
  }
  return [...byText.values()];
}

function analyse(items: readonly { question: GapQuestion; ids: string[] }[]): Analysed[] {
  const termLists = items.map(({ question }) => {
    const forms = new Map<string, string>();
    const terms: string[] = [];
    for (const word of contentWords(question.text)) {
      for (const w of [word, ...thesaurusWords(word)]) {
        const stem = matchStem(w);
        terms.push(stem);
        if (!forms.has(stem)) forms.set(stem, w);
      }
    }
    return { terms, forms };
  });
  // Document frequencies count every question, so a text asked often weighs as often as it was asked.
  const df = new Map<string, number>();
  let n = 0;
  termLists.forEach(({ terms }, i) => {
    const times = items[i]!.ids.length;
    n += times;
    for (const t of new Set(terms)) df.set(t, (df.get(t) ?? 0) + times);
  });
  return termLists.map(({ terms, forms }, i) => {
    const weights = new Map<string, number>();
    for (const t of new Set(terms)) weights.set(t, Math.log((1 + n) / (1 + (df.get(t) ?? 0))) + 1);
    let norm = 0;
    for (const w of weights.values()) norm += w * w;
    const length = Math.sqrt(norm) || 1;
    for (const [t, w] of weights) weights.set(t, w / length);
    return { question: items[i]!.question, ids: items[i]!.ids, weights, forms };
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
  count: number;
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
  const current = grouped(questions);
  // One vocabulary for both periods, so a term weighs the same in each.
  const analysed = analyse([...current, ...grouped(options.previous ?? [])]);
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
  for (const item of analysed.slice(0, current.length)) {
    const found = nearest(item);
    let best = found.cluster;
    if (best === null || found.score < threshold || item.weights.size === 0) {
      best = { members: [], count: 0, previous: 0, sum: new Map(), norm: 0 };
      clusters.push(best);
    }
    best.members.push(item);
    best.count += item.ids.length;
    for (const [t, w] of item.weights) best.sum.set(t, (best.sum.get(t) ?? 0) + w * item.ids.length);
    let norm = 0;
    for (const w of best.sum.values()) norm += w * w;
    best.norm = Math.sqrt(norm);
  }
  for (const item of analysed.slice(current.length)) {
    const { cluster, score } = nearest(item);
    if (cluster !== null && score >= threshold && item.weights.size > 0) cluster.previous += item.ids.length;
  }
  return clusters
    .map((cluster, order) => ({ cluster, order }))
    .sort((a, b) => b.cluster.count - a.cluster.count || a.order - b.order)
    .map(({ cluster }) => describe(cluster, maxTerms));
}

function describe(cluster: Building, maxTerms: number): GapCluster {
  const central = [...cluster.members]
    .map((m, i) => ({ m, i, score: cosine(m.weights, cluster.sum, cluster.norm) }))
    .sort((a, b) => b.score - a.score || a.i - b.i);
  const shared = new Map<string, number>();
  for (const m of cluster.members)
    for (const t of m.weights.keys()) shared.set(t, (shared.get(t) ?? 0) + m.ids.length);
  const minimum = cluster.count === 1 ? 1 : 2;
  const terms = [...shared]
    .filter(([, count]) => count >= minimum)
    .sort((a, b) => b[1] - a[1] || (cluster.sum.get(b[0]) ?? 0) - (cluster.sum.get(a[0]) ?? 0))
    .slice(0, maxTerms)
    .map(([stem]) => cluster.members.find((m) => m.forms.has(stem))?.forms.get(stem) ?? stem);
  return {
    count: cluster.count,
    examples: central.slice(0, 3).map(({ m }) => m.question.text),
    exampleIds: central.slice(0, 3).map(({ m }) => m.question.id),
    terms,
    memberIds: cluster.members.flatMap((m) => m.ids),
    previousCount: cluster.previous,
  };
}
