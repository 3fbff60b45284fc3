// Fits the FAQ matcher on the development split only: a grid over the four component weights, and for each the
// `none` threshold that maximises end-to-end accuracy; also the two baselines' thresholds. Writes
// services/faqs/matching/faq-matcher.fitted.ts and prints the dev figures as one JSON object. Never reads `test`.
// node dist-tools/tools/faqs/fit-faq-matcher.js [--faqs <file>] [--queries <file.jsonl>]
import fs from 'node:fs';
import path from 'node:path';
import {
  combinedScore,
  createFaqScorer,
  type FaqComponentScores,
  type FaqScorerKind,
  type FaqWeights,
} from '../../services/faqs/matching/faq-matcher.js';
import {
  parseEvaluationFaqs,
  parseFaqQueries,
  checkLabels,
} from '../../services/faqs/matching/faq-evaluation.js';

// Run from the repository root (npm scripts do).
const root = process.cwd();
const argument = (name: string, fallback: string): string => {
  const at = process.argv.indexOf(name);
  return at > 0 && process.argv[at + 1] !== undefined
    ? path.resolve(process.argv[at + 1]!)
    : path.join(root, fallback);
};
const faqsFile = argument('--faqs', 'assets/evaluation/faqs/faqs.json');
const queriesFile = argument('--queries', 'assets/evaluation/faqs/faq-queries.WRITTEN.jsonl');
const outFile = path.join(root, 'services/faqs/matching/faq-matcher.fitted.ts');

const faqs = parseEvaluationFaqs(fs.readFileSync(faqsFile), faqsFile);
const all = parseFaqQueries(fs.readFileSync(queriesFile, 'utf8'), queriesFile);
checkLabels(all, faqs, queriesFile);
const dev = all.filter((q) => q.split === 'dev');
if (dev.length === 0) throw new Error(`${queriesFile}: no query has "split": "dev"`);

const scorer = createFaqScorer(faqs);
const components: Map<number, FaqComponentScores>[] = dev.map((q) => scorer.components(q.q));
const expected = dev.map((q) => (q.faq === null ? null : new Set(q.faq)));

interface Fit {
  threshold: number;
  endToEnd: number;
  pAt1: number;
}

/** For one scorer: each query's top FAQ and score, then the threshold with the best end-to-end accuracy. */
function fit(kind: FaqScorerKind, weights: FaqWeights): Fit {
  const tops = components.map((scores) => {
    let best = -1;
    let bestScore = 0;
    let bestId = '';
    for (const [index, s] of scores) {
      const score = combinedScore(s, kind, weights);
      const id = faqs[index]!.id;
      if (score > bestScore || (score === bestScore && score > 0 && id < bestId)) {
        best = index;
        bestScore = score;
        bestId = id;
      }
    }
    return { index: best, score: bestScore };
  });
  const right = tops.map((t, i) => t.index >= 0 && (expected[i]?.has(faqs[t.index]!.id) ?? false));
  const labelled = expected.filter((e) => e !== null).length;
  const pAt1 = right.filter((r, i) => r && expected[i] !== null).length / labelled;
  // Candidate thresholds: midpoints between consecutive distinct top scores (and one above the highest).
  const scores = [...new Set(tops.map((t) => t.score))].sort((a, b) => a - b);
  const candidates = [0, ...scores.slice(1).map((s, i) => (s + scores[i]!) / 2), (scores.at(-1) ?? 0) + 1e-6];
  let bestFit: Fit = { threshold: 0, endToEnd: -1, pAt1 };
  for (const threshold of candidates) {
    let ok = 0;
    tops.forEach((t, i) => {
      const match = t.index >= 0 && t.score >= threshold;
      if (expected[i] === null ? !match : match && right[i]) ok++;
    });
    const endToEnd = ok / tops.length;
    if (endToEnd > bestFit.endToEnd) bestFit = { threshold, endToEnd, pAt1 };
  }
  return bestFit;
}

const grid = {
  questionWords: [0, 0.25, 0.5, 0.75, 1],
  answerWords: [0, 0.1, 0.2, 0.35, 0.5],
  questionChars: [0, 0.25, 0.5, 0.75, 1],
  answerChars: [0, 0.1, 0.25],
  coverage: [0, 0.1, 0.2, 0.3],
};
let best: { weights: FaqWeights; fit: Fit } | null = null;
for (const questionWords of grid.questionWords) {
  for (const answerWords of grid.answerWords) {
    for (const questionChars of grid.questionChars) {
      for (const answerChars of grid.answerChars) {
        for (const coverage of grid.coverage) {
          if (questionWords + answerWords + questionChars + answerChars === 0) continue;
          const weights = { questionWords, answerWords, questionChars, answerChars, coverage };
          const f = fit('combined', weights);
          // End-to-end accuracy first, then P@1; the first (smallest) weights win a tie.
          if (
            best === null ||
            f.endToEnd > best.fit.endToEnd ||
            (f.endToEnd === best.fit.endToEnd && f.pAt1 > best.fit.pAt1)
          ) {
            best = { weights, fit: f };
          }
        }
      }
    }
  }
}
if (best === null) throw new Error('no weights were tried');
const unit = { questionWords: 0, answerWords: 0, questionChars: 0, answerChars: 0, coverage: 0 };
const wordBm25 = fit('word-bm25', unit);
const charTfidf = fit('char-tfidf', unit);
const r = (x: number): number => Math.round(x * 1e6) / 1e6;

const result = {
  fitted_on: {
    faqs: path.relative(root, faqsFile),
    queries: path.relative(root, queriesFile),
    split: 'dev',
    n: dev.length,
  },
  weights: best.weights,
  thresholds: {
    combined: r(best.fit.threshold),
    'word-bm25': r(wordBm25.threshold),
    'char-tfidf': r(charTfidf.threshold),
  },
  dev: {
    combined: { p_at_1: r(best.fit.pAt1), end_to_end_accuracy: r(best.fit.endToEnd) },
    word_bm25: { p_at_1: r(wordBm25.pAt1), end_to_end_accuracy: r(wordBm25.endToEnd) },
    char_tfidf: { p_at_1: r(charTfidf.pAt1), end_to_end_accuracy: r(charTfidf.endToEnd) },
  },
};

const source = `// Generated by tools/faqs/fit-faq-matcher.ts on the dev split of ${result.fitted_on.queries} (${dev.length} queries)
// and ${result.fitted_on.faqs}; do not edit by hand. Dev figures at fit time: ${JSON.stringify(result.dev)}.
export const FITTED_FAQ_MATCHER = {
  weights: ${JSON.stringify(result.weights)},
  thresholds: ${JSON.stringify(result.thresholds)},
} as const;
`;
fs.writeFileSync(outFile, source);
process.stdout.write(`${JSON.stringify(result)}\n`);
