// The gap clusters, measured by hiding FAQs: 10 FAQs (seeded choice among those only they answer) are taken out
// of the register, every written query is matched against the rest, the `none` ones are clustered, and we count
// how many questions of each hidden FAQ reach the gaps, land in a cluster of their own, and how pure those
// clusters are. The similarity threshold is the shipped default, not fitted. Prints one JSON object.
// npm run build:tools && node dist-tools/tools/faqs/eval-gap-clusters.js [-- --hide 10 --seed 16]
import fs from 'node:fs';
import path from 'node:path';
import { createFaqMatcher } from '../../services/faqs/matching/faq-matcher.js';
import { parseEvaluationFaqs, parseFaqQueries } from '../../services/faqs/matching/faq-evaluation.js';
import { clusterGapQuestions, DEFAULT_GAP_SIMILARITY } from '../../services/faqs/matching/gap-clusters.js';
import { SeededRandom } from '../../services/random/seeded-random.js';
import { numberArg, twoDecimals } from '../bench-figures.js';

const root = process.cwd();
const faqsFile = path.join(root, 'assets/evaluation/faqs/faqs.json');
const queriesFile = path.join(root, 'assets/evaluation/faqs/faq-queries.WRITTEN.jsonl');
const faqs = parseEvaluationFaqs(fs.readFileSync(faqsFile), faqsFile);
const queries = parseFaqQueries(fs.readFileSync(queriesFile, 'utf8'), queriesFile);
const hideCount = numberArg('--hide', 10);
const random = new SeededRandom(numberArg('--seed', 16));

// Only FAQs no sibling stands in for (never in a multi-id label), with at least 3 queries.
const soleCounts = new Map<string, number>();
const shared = new Set(queries.flatMap((q) => (q.faq !== null && q.faq.length > 1 ? q.faq : [])));
for (const q of queries)
  if (q.faq?.length === 1 && !shared.has(q.faq[0]!))
    soleCounts.set(q.faq[0]!, (soleCounts.get(q.faq[0]!) ?? 0) + 1);
const eligible = [...soleCounts]
  .filter(([, n]) => n >= 3)
  .map(([id]) => id)
  .sort();
const hidden = new Set<string>();
while (hidden.size < Math.min(hideCount, eligible.length)) hidden.add(random.pick(eligible));

const matcher = createFaqMatcher(faqs.filter((f) => !hidden.has(f.id)));
const labelOf = new Map<string, string | null>();
const gaps: { id: string; text: string }[] = [];
for (const [i, q] of queries.entries()) {
  const id = `q${i + 1}`;
  const label = q.faq?.length === 1 && hidden.has(q.faq[0]!) ? q.faq[0]! : null;
  labelOf.set(id, label);
  if ((await matcher.match(q.q, 5)).decision === 'none') gaps.push({ id, text: q.q });
}
const clusters = clusterGapQuestions(gaps);

const hiddenQueries = [...labelOf.values()].filter((l) => l !== null).length;
const reached = gaps.filter((g) => labelOf.get(g.id) !== null).length;
let ownCluster = 0;
let pureMembers = 0;
let membersOfHiddenClusters = 0;
const clustersPerHidden = new Map<string, number>();
for (const c of clusters) {
  const labels = c.memberIds.map((id) => labelOf.get(id) ?? null);
  const counts = new Map<string, number>();
  for (const l of labels) if (l !== null) counts.set(l, (counts.get(l) ?? 0) + 1);
  if (counts.size === 0) continue;
  for (const l of counts.keys()) clustersPerHidden.set(l, (clustersPerHidden.get(l) ?? 0) + 1);
  const [majority, n] = [...counts].sort((a, b) => b[1] - a[1])[0]!;
  membersOfHiddenClusters += c.count;
  pureMembers += n;
  if (c.count >= 2) ownCluster += labels.filter((l) => l === majority).length;
}

process.stdout.write(
  `${JSON.stringify({
    hidden_faqs: [...hidden].sort(),
    hidden_queries: hiddenQueries,
    reached_gaps: reached,
    in_cluster_of_their_own: ownCluster,
    in_cluster_of_their_own_share: twoDecimals(hiddenQueries === 0 ? 0 : ownCluster / hiddenQueries),
    purity_of_clusters_holding_hidden_questions: twoDecimals(
      membersOfHiddenClusters === 0 ? 0 : pureMembers / membersOfHiddenClusters,
    ),
    clusters_per_hidden_faq_mean: twoDecimals(
      clustersPerHidden.size === 0
        ? 0
        : [...clustersPerHidden.values()].reduce((a, b) => a + b, 0) / clustersPerHidden.size,
    ),
    gap_questions: gaps.length,
    clusters: clusters.length,
    clusters_with_2_or_more: clusters.filter((c) => c.count >= 2).length,
    similarity_threshold: DEFAULT_GAP_SIMILARITY,
    largest: clusters.slice(0, 5).map((c) => ({ count: c.count, terms: c.terms, examples: c.examples })),
  })}\n`,
);
