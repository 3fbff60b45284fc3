// Fits the FAQ matcher on the development split only (services/faqs/matching/faq-matcher-fit.ts): a grid over the
// component weights and, for each, the `none` rule with the best end-to-end accuracy; writes
// services/faqs/matching/faq-matcher.fitted.ts and prints the dev figures as one JSON object. Never reads `test`.
// With `--cv k` it writes nothing: it cross-validates every fitting procedure within the dev split (fit on k-1
// folds, score the fold left out; `--repeats r` seeds) and prints the pooled held-out figures, so procedures are
// compared on queries their fit never saw.
// node dist-tools/tools/faqs/fit-faq-matcher.js [--faqs <file>] [--queries <file.jsonl>] [--cv k [--repeats r]]
import fs from 'node:fs';
import path from 'node:path';
import { createFaqScorer, type FaqComponentScores } from '../../services/faqs/matching/faq-matcher.js';
import {
  crossValidate,
  fitMatcher,
  rightPerRow,
  type FitOptions,
  type FitRow,
} from '../../services/faqs/matching/faq-matcher-fit.js';
import {
  checkLabels,
  faqMetricIntervals,
  faqMetrics,
  parseEvaluationFaqs,
  parseFaqQueries,
  type QueryOutcome,
} from '../../services/faqs/matching/faq-evaluation.js';

// Run from the repository root (npm scripts do).
const root = process.cwd();
const option = (name: string): string | undefined => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : undefined;
};
const file = (name: string, fallback: string): string => {
  const given = option(name);
  return given !== undefined ? path.resolve(given) : path.join(root, fallback);
};
const whole = (name: string, fallback: number | null): number | null => {
  const given = option(name);
  if (given === undefined) return fallback;
  const n = Number(given);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name}: a whole number, got "${given}"`);
  return n;
};
const faqsFile = file('--faqs', 'assets/evaluation/faqs/faqs.json');
const queriesFile = file('--queries', 'assets/evaluation/faqs/faq-queries.WRITTEN.jsonl');
const outFile = path.join(root, 'services/faqs/matching/faq-matcher.fitted.ts');
const cv = whole('--cv', null);
const repeats = whole('--repeats', 5)!;

const faqs = parseEvaluationFaqs(fs.readFileSync(faqsFile), faqsFile);
const all = parseFaqQueries(fs.readFileSync(queriesFile, 'utf8'), queriesFile);
checkLabels(all, faqs, queriesFile);
const dev = all.filter((q) => q.split === 'dev');
if (dev.length === 0) throw new Error(`${queriesFile}: no query has "split": "dev"`);

const scorer = createFaqScorer(faqs);
const ids = faqs.map((f) => f.id);
const rows: FitRow[] = dev.map((q) => ({
  scores: scorer.components(q.q),
  expected: q.faq === null ? null : new Set(q.faq),
}));

const WEIGHTS = {
  questionWords: [0, 0.25, 0.5, 0.75, 1],
  answerWords: [0, 0.1, 0.2, 0.35, 0.5],
  questionChars: [0, 0.25, 0.5, 0.75, 1],
  answerChars: [0, 0.1, 0.25],
  coverage: [0, 0.1, 0.2, 0.3],
};
/** The fitting procedures; `shipped` is the one `npm run fit:faqs` writes. */
const PROCEDURES: Record<string, FitOptions> = {
  'grid, best score': { grid: WEIGHTS, marginWeights: [0] },
  'grid, best score and margin': { grid: WEIGHTS, marginWeights: [0, 0.25, 0.5, 1, 2] },
  'pairwise logistic, best score': { grid: WEIGHTS, marginWeights: [0], pairwise: { l2: 0.001, steps: 400 } },
};
const SHIPPED = 'grid, best score';

const r = (x: number): number => Math.round(x * 1e6) / 1e6;
/** Figures of `outcomes`; the intervals of `once` (one repeat: pooled repeats count each query several times). */
const figures = (outcomes: readonly QueryOutcome[], once: readonly QueryOutcome[] = outcomes) => {
  const m = faqMetrics(outcomes);
  const intervals = faqMetricIntervals(once);
  return {
    p_at_1: m.p_at_1,
    p_at_1_interval: intervals.p_at_1,
    end_to_end_accuracy: m.end_to_end_accuracy,
    end_to_end_interval: intervals.end_to_end_accuracy,
    none_precision: m.none_precision,
    none_recall: m.none_recall,
  };
};

if (cv !== null) {
  // Every procedure on the same folds; pooled over the repeats (each query held out once per repeat).
  const report: Record<string, unknown> = {};
  const rights: Record<string, boolean[]> = {};
  const only = option('--only');
  for (const [name, options] of Object.entries(PROCEDURES)) {
    if (only !== undefined && name !== SHIPPED && !name.includes(only)) continue;
    const pooled: QueryOutcome[] = [];
    const right: boolean[] = [];
    for (let seed = 1; seed <= repeats; seed++) {
      const run = crossValidate(rows, ids, options, cv, seed);
      pooled.push(...run.outcomes);
      right.push(...rightPerRow(run.outcomes));
    }
    rights[name] = right;
    report[name] = figures(pooled, pooled.slice(0, rows.length));
  }
  // Paired against the shipped procedure: held-out queries one gets right and the other wrong.
  const paired = Object.fromEntries(
    Object.keys(rights)
      .filter((name) => name !== SHIPPED)
      .map((name) => {
        const a = rights[name]!;
        const b = rights[SHIPPED]!;
        return [
          name,
          { wins: a.filter((x, i) => x && !b[i]).length, losses: a.filter((x, i) => !x && b[i]).length },
        ];
      }),
  );
  process.stdout.write(
    `${JSON.stringify({ split: 'dev', n: rows.length, k: cv, repeats, cross_validated: report, against_shipped: paired })}\n`,
  );
} else {
  const fitted = fitMatcher(rows, ids, PROCEDURES[SHIPPED]!);
  // The matcher reads weights and a threshold on the best score; a margin rule would need it to read more.
  if (fitted.marginWeight !== 0) throw new Error(`${SHIPPED}: the matcher has no margin rule to write`);
  const baseline = (key: keyof FaqComponentScores) =>
    fitMatcher(
      rows.map((row) => ({
        expected: row.expected,
        // A baseline is one component: put it where the grid's single weight reads it.
        scores: new Map([...row.scores].map(([doc, s]) => [doc, { ...s, questionWords: s[key] }])),
      })),
      ids,
      {
        grid: {
          questionWords: [1],
          answerWords: [0],
          questionChars: [0],
          answerChars: [0],
          coverage: [0],
        },
        marginWeights: [0],
      },
    );
  const wordBm25 = baseline('baselineWordBm25');
  const charTfidf = baseline('baselineCharTfidf');
  const result = {
    fitted_on: {
      faqs: path.relative(root, faqsFile),
      queries: path.relative(root, queriesFile),
      split: 'dev',
      n: rows.length,
      procedure: SHIPPED,
    },
    weights: fitted.weights,
    thresholds: {
      combined: r(fitted.threshold),
      'word-bm25': r(wordBm25.threshold),
      'char-tfidf': r(charTfidf.threshold),
    },
    dev: {
      combined: { p_at_1: r(fitted.pAt1), end_to_end_accuracy: r(fitted.endToEnd) },
      word_bm25: { p_at_1: r(wordBm25.pAt1), end_to_end_accuracy: r(wordBm25.endToEnd) },
      char_tfidf: { p_at_1: r(charTfidf.pAt1), end_to_end_accuracy: r(charTfidf.endToEnd) },
    },
  };
  const source = `// Generated by tools/faqs/fit-faq-matcher.ts on the dev split of ${result.fitted_on.queries} (${rows.length} queries)
// and ${result.fitted_on.faqs}; do not edit by hand. Dev figures at fit time: ${JSON.stringify(result.dev)}.
export const FITTED_FAQ_MATCHER = {
  weights: ${JSON.stringify(result.weights)},
  thresholds: ${JSON.stringify(result.thresholds)},
} as const;
`;
  fs.writeFileSync(outFile, source);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
