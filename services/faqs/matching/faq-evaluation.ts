// The FAQ matcher's figures on labelled queries: P@1 and MRR over queries that have an FAQ, precision and recall
// of the `none` decision, and end-to-end accuracy over all; Wilson intervals for shares, a bootstrap for MRR.
import { FaqFileError, parseFaqFile } from '../faq-file.js';
import { seededRandom } from '../../random/seeded-random.js';
import {
  createFaqMatcher,
  type FaqMatcher,
  type FaqScorerKind,
  type FaqWeights,
  type MatchableFaq,
} from './faq-matcher.js';
import { FITTED_FAQ_MATCHER } from './faq-matcher.fitted.js';

export type QuerySplit = 'dev' | 'test';

export interface LabelledFaqQuery {
  q: string;
  /** FAQ ids any of which answers the query; null when none does. */
  faq: string[] | null;
  split: QuerySplit | null;
}

export interface QueryOutcome {
  expected: readonly string[] | null;
  /** FAQ ids as ranked (up to the evaluation's limit). */
  ranked: readonly string[];
  decision: 'match' | 'none';
}

export interface FaqMetrics {
  n: number;
  p_at_1: number;
  mrr: number;
  none_precision: number;
  none_recall: number;
  end_to_end_accuracy: number;
}

export type Interval = [number, number];
export interface FaqMetricIntervals {
  p_at_1: Interval;
  mrr: Interval;
  none_precision: Interval;
  none_recall: Interval;
  end_to_end_accuracy: Interval;
}

const round = (x: number): number => Math.round(x * 10000) / 10000;
const share = (k: number, n: number): number => (n === 0 ? 0 : k / n);

function firstRank(outcome: QueryOutcome): number {
  if (outcome.expected === null) return 0;
  const expected = outcome.expected;
  const at = outcome.ranked.findIndex((id) => expected.includes(id));
  return at < 0 ? 0 : at + 1;
}

/** Whether the product did the right thing: `none` for a query without FAQ, a right first match otherwise. */
export function endToEndRight(outcome: QueryOutcome): boolean {
  if (outcome.expected === null) return outcome.decision === 'none';
  return outcome.decision === 'match' && firstRank(outcome) === 1;
}

interface Counts {
  n: number;
  labelled: number;
  top1: number;
  reciprocal: number;
  predictedNone: number;
  rightNone: number;
  actualNone: number;
  endToEnd: number;
}

function count(outcomes: readonly QueryOutcome[]): Counts {
  const c: Counts = {
    n: 0,
    labelled: 0,
    top1: 0,
    reciprocal: 0,
    predictedNone: 0,
    rightNone: 0,
    actualNone: 0,
    endToEnd: 0,
  };
  for (const o of outcomes) {
    c.n++;
    if (o.expected !== null) {
      c.labelled++;
      const rank = firstRank(o);
      if (rank === 1) c.top1++;
      if (rank > 0) c.reciprocal += 1 / rank;
    } else c.actualNone++;
    if (o.decision === 'none') {
      c.predictedNone++;
      if (o.expected === null) c.rightNone++;
    }
    if (endToEndRight(o)) c.endToEnd++;
  }
  return c;
}

export function faqMetrics(outcomes: readonly QueryOutcome[]): FaqMetrics {
  const c = count(outcomes);
  return {
    n: c.n,
    p_at_1: round(share(c.top1, c.labelled)),
    mrr: round(share(c.reciprocal, c.labelled)),
    none_precision: round(share(c.rightNone, c.predictedNone)),
    none_recall: round(share(c.rightNone, c.actualNone)),
    end_to_end_accuracy: round(share(c.endToEnd, c.n)),
  };
}

/** The Wilson score interval of k successes in n at 95%. */
export function wilsonInterval(k: number, n: number, z = 1.959964): Interval {
  if (n === 0) return [0, 0];
  const p = k / n;
  const denominator = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / denominator;
  return [round(Math.max(0, centre - half)), round(Math.min(1, centre + half))];
}

/** Wilson intervals for the shares; MRR by a seeded bootstrap of the labelled queries (percentile, 2,000 draws). */
export function faqMetricIntervals(outcomes: readonly QueryOutcome[], seed = 16): FaqMetricIntervals {
  const c = count(outcomes);
  const reciprocals = outcomes
    .filter((o) => o.expected !== null)
    .map((o) => {
      const rank = firstRank(o);
      return rank > 0 ? 1 / rank : 0;
    });
  const random = seededRandom(seed);
  const means: number[] = [];
  for (let draw = 0; draw < 2000 && reciprocals.length > 0; draw++) {
    let sum = 0;
    for (let i = 0; i < reciprocals.length; i++)
      sum += reciprocals[Math.floor(random() * reciprocals.length)]!;
    means.push(sum / reciprocals.length);
  }
  means.sort((a, b) => a - b);
  const at = (q: number): number => means[Math.min(means.length - 1, Math.floor(q * means.length))] ?? 0;
  return {
    p_at_1: wilsonInterval(c.top1, c.labelled),
    mrr: [round(at(0.025)), round(at(0.975))],
    none_precision: wilsonInterval(c.rightNone, c.predictedNone),
    none_recall: wilsonInterval(c.rightNone, c.actualNone),
    end_to_end_accuracy: wilsonInterval(c.endToEnd, c.n),
  };
}

/** Runs the matcher over the queries; `limit` bounds the ranking MRR reads. */
export async function matchOutcomes(
  matcher: FaqMatcher,
  queries: readonly LabelledFaqQuery[],
  limit = 10,
): Promise<QueryOutcome[]> {
  const outcomes: QueryOutcome[] = [];
  for (const query of queries) {
    const result = await matcher.match(query.q, limit);
    outcomes.push({
      expected: query.faq,
      ranked: result.matches.map((m) => m.faqId),
      decision: result.decision,
    });
  }
  return outcomes;
}

export class FaqEvaluationInputError extends Error {}

/**
 * The labelled queries, one JSON object a line: `{"q", "faq": id | [ids] | null, "split"?: "dev"|"test"}`.
 * Errors name the file and line.
 */
export function parseFaqQueries(text: string, origin: string): LabelledFaqQuery[] {
  const queries: LabelledFaqQuery[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    const where = `${origin}:${i + 1}`;
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch {
      throw new FaqEvaluationInputError(`${where}: not a JSON object`);
    }
    if (typeof row !== 'object' || row === null)
      throw new FaqEvaluationInputError(`${where}: not a JSON object`);
    const { q, faq, split } = row as { q?: unknown; faq?: unknown; split?: unknown };
    if (typeof q !== 'string' || q.trim() === '')
      throw new FaqEvaluationInputError(`${where}: "q" must be a non-empty string`);
    let ids: string[] | null;
    if (faq === null) ids = null;
    else if (typeof faq === 'string' && faq !== '') ids = [faq];
    else if (Array.isArray(faq) && faq.length > 0 && faq.every((f) => typeof f === 'string' && f !== ''))
      ids = faq as string[];
    else throw new FaqEvaluationInputError(`${where}: "faq" must be an FAQ id, a list of ids or null`);
    if (split !== undefined && split !== 'dev' && split !== 'test') {
      throw new FaqEvaluationInputError(`${where}: "split" must be "dev" or "test"`);
    }
    queries.push({ q, faq: ids, split: split ?? null });
  });
  return queries;
}

/**
 * The FAQs to evaluate against, in the register's import format (CSV or JSON, `services/faqs/faq-file.ts`): the file
 * the register would import is the file the matcher is measured on. Its problems are named by row and column.
 */
export function parseEvaluationFaqs(bytes: Uint8Array, origin: string): MatchableFaq[] {
  try {
    return parseFaqFile(origin, bytes).map((entry) => ({
      id: entry.id,
      question: entry.question,
      answer: entry.answer,
      topics: entry.topics,
    }));
  } catch (error) {
    if (error instanceof FaqFileError) throw new FaqEvaluationInputError(error.message);
    throw error;
  }
}

/** Labels must name FAQs the file holds: a typo would silently count as a miss. */
export function checkLabels(
  queries: readonly LabelledFaqQuery[],
  faqs: readonly MatchableFaq[],
  origin: string,
): void {
  const ids = new Set(faqs.map((f) => f.id));
  queries.forEach((query, i) => {
    for (const id of query.faq ?? []) {
      if (!ids.has(id))
        throw new FaqEvaluationInputError(
          `${origin}: query ${i + 1} names FAQ "${id}", which the FAQ file does not hold`,
        );
    }
  });
}

export interface ScorerFigures extends FaqMetrics {
  intervals: FaqMetricIntervals;
}

export interface FaqEvaluation extends ScorerFigures {
  split: QuerySplit | 'all';
  faqs: number;
  matcher: { weights: FaqWeights; threshold: number };
  baselines: { char_tfidf: ScorerFigures; word_bm25: ScorerFigures };
}

/**
 * The matcher and both baselines, each at its fitted threshold, on the chosen split. Queries without a `split`
 * field count only under `all`.
 */
export async function evaluateFaqMatching(
  faqs: readonly MatchableFaq[],
  queries: readonly LabelledFaqQuery[],
  split: QuerySplit | 'all',
): Promise<FaqEvaluation> {
  const chosen = split === 'all' ? queries : queries.filter((q) => q.split === split);
  if (chosen.length === 0) throw new FaqEvaluationInputError(`no query is in the split "${split}"`);
  const figures = async (scorer: FaqScorerKind): Promise<ScorerFigures> => {
    const outcomes = await matchOutcomes(createFaqMatcher(faqs, { scorer }), chosen);
    return { ...faqMetrics(outcomes), intervals: faqMetricIntervals(outcomes) };
  };
  const combined = await figures('combined');
  return {
    ...combined,
    split,
    faqs: faqs.length,
    matcher: {
      weights: { ...FITTED_FAQ_MATCHER.weights },
      threshold: FITTED_FAQ_MATCHER.thresholds.combined,
    },
    baselines: { char_tfidf: await figures('char-tfidf'), word_bm25: await figures('word-bm25') },
  };
}

/** Human-readable lines: the figures with their intervals, then the baselines. */
export function formatFaqEvaluation(result: FaqEvaluation): string[] {
  const line = (name: string, f: ScorerFigures): string =>
    `${name.padEnd(22)} P@1 ${f.p_at_1.toFixed(3)} [${f.intervals.p_at_1.join(', ')}]  MRR ${f.mrr.toFixed(3)}  ` +
    `none P/R ${f.none_precision.toFixed(3)}/${f.none_recall.toFixed(3)}  end-to-end ${f.end_to_end_accuracy.toFixed(3)} ` +
    `[${f.intervals.end_to_end_accuracy.join(', ')}]`;
  return [
    `FAQ matching, split ${result.split}: ${result.n} queries over ${result.faqs} FAQs (95% intervals)`,
    line('matcher', result),
    line('baseline char 3-5 TF-IDF', result.baselines.char_tfidf),
    line('baseline word BM25', result.baselines.word_bm25),
  ];
}
