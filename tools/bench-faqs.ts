// npm run bench:faqs [-- --faqs 2000 --matches 10000]: p50/p95 of one FAQ match over a register of N FAQs, in
// process (the HTTP and gaps parts come with the API route). The register is our 58 published FAQs plus
// GENERATED variants (each a real FAQ with words swapped for words of other FAQs), so the vocabulary and lengths
// are those of real entries; the questions matched are our written queries, in turn. Prints one JSON object.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createFaqMatcher, type MatchableFaq } from '../services/faqs/matching/faq-matcher.js';
import { parseEvaluationFaqs, parseFaqQueries } from '../services/faqs/matching/faq-evaluation.js';
import { SeededRandom } from '../services/random/seeded-random.js';
import { numberArg, percentile, twoDecimals } from './bench-figures.js';

const root = process.cwd();
const faqCount = numberArg('--faqs', 2000);
const matchCount = numberArg('--matches', 10000);
const faqsFile = path.join(root, 'assets/evaluation/faqs/faqs.json');
const queriesFile = path.join(root, 'assets/evaluation/faqs/faq-queries.WRITTEN.jsonl');
const real = parseEvaluationFaqs(fs.readFileSync(faqsFile), faqsFile);
const queries = parseFaqQueries(fs.readFileSync(queriesFile, 'utf8'), queriesFile).map((q) => q.q);

/** A GENERATED variant of a real FAQ: about a third of its words replaced by words drawn from the whole set. */
function generatedVariants(count: number, random: SeededRandom): MatchableFaq[] {
  const pool = real.flatMap((f) => `${f.question} ${f.answer}`.split(/\s+/)).filter((w) => w.length > 3);
  const swap = (text: string): string =>
    text
      .split(/\s+/)
      .map((w) => (w.length > 3 && random.next() < 0.33 ? random.pick(pool) : w))
      .join(' ');
  return Array.from({ length: count }, (_, i) => {
    const base = random.pick(real);
    return {
      id: `generated-${i + 1}`,
      question: swap(base.question),
      answer: swap(base.answer),
      topics: base.topics,
    };
  });
}

const random = new SeededRandom(2000);
const register = [...real, ...generatedVariants(Math.max(0, faqCount - real.length), random)];
const buildStart = performance.now();
const matcher = createFaqMatcher(register);
const buildMs = performance.now() - buildStart;

// A first pass warms the JIT; only the second is timed.
for (const q of queries) await matcher.match(q, 5);
const times: number[] = [];
let matched = 0;
for (let i = 0; i < matchCount; i++) {
  const q = queries[i % queries.length]!;
  const start = performance.now();
  const result = await matcher.match(q, 5);
  times.push(performance.now() - start);
  if (result.decision === 'match') matched++;
}
times.sort((a, b) => a - b);
process.stdout.write(
  `${JSON.stringify({
    faqs: register.length,
    faqs_published: real.length,
    faqs_generated: register.length - real.length,
    matches: matchCount,
    index_build_ms: twoDecimals(buildMs),
    match_p50_ms: twoDecimals(percentile(times, 50)),
    match_p95_ms: twoDecimals(percentile(times, 95)),
    match_max_ms: twoDecimals(times.at(-1) ?? 0),
    decisions_match_share: twoDecimals(matched / matchCount),
    target_p95_ms: 20,
    load_average_1m: twoDecimals(os.loadavg()[0] ?? 0),
  })}\n`,
);
