// npm run bench:faqs [-- --faqs 2000 --matches 10000 --gap-questions 100000 --gap-runs 5]: p50/p95 of one FAQ
// match over a register of N FAQs, in process, then a 30-day gaps analysis (GET /api/v1/faqs/gaps's service) over
// Q questions in a fresh database (0 skips it): the written queries as residents' questions, 10 FAQs hidden from
// the register so their questions are gaps, Q/5 more in the 30 days before for the growth. Decided by the
// `faqs.decide` service first (timed too), then the analysis timed R times. The register is our 58 published FAQs plus
// GENERATED variants (each a real FAQ with words swapped for words of other FAQs), so the vocabulary and lengths
// are those of real entries; the questions matched are our written queries, in turn. Prints one JSON object.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { pino } from 'pino';
import { createAppContext } from '../services/app-context.js';
import { readEnv } from '../services/config/env.js';
import { createFaqMatcher, type MatchableFaq } from '../services/faqs/matching/faq-matcher.js';
import { benchRunId, createBenchDatabase, dropBenchDatabase } from './bench-database.js';
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

/** The 30-day gaps analysis over `count` questions; null when skipped. */
async function gapsFigures(count: number, runs: number) {
  if (count <= 0) return null;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onderstroom-bench-faqs-'));
  const database = await createBenchDatabase('faqs', benchRunId());
  const env = readEnv(
    { ...process.env, DATABASE_URL: database.url, ONDERSTROOM_DATA_DIR: dir, LOG_LEVEL: 'warn' },
    dir,
  );
  const context = await createAppContext(env, {
    log: pino({ level: 'warn' }, pino.destination(2)),
    migrate: true,
  });
  try {
    const gapRandom = new SeededRandom(16);
    const hidden = new Set<string>();
    while (hidden.size < 10) hidden.add(gapRandom.pick(real).id);
    const actor = { name: 'bench', role: 'admin' as const, apiKeyId: null };
    for (const faq of real.filter((f) => !hidden.has(f.id)))
      await context.faqs.faqs.create(actor, {
        question: faq.question,
        answer: faq.answer,
        status: 'gepubliceerd',
      });
    const streets = [
      'Dorpsstraat',
      'Kerkweg',
      'Molenlaan',
      'Stationsplein',
      'Brink',
      'Havenkade',
      'Lindenlaan',
    ];
    const periodStart = Date.parse('2026-11-01T00:00:00+01:00');
    const day = 86_400_000;
    const rows = (n: number, fromMs: number, prefix: string) =>
      Array.from({ length: n }, (_, i) => {
        const base = gapRandom.pick(queries);
        const text = gapRandom.next() < 0.3 ? `${base} (${gapRandom.pick(streets)})` : base;
        return [
          `${prefix}-${i}`,
          new Date(fromMs + Math.floor(gapRandom.next() * 30 * day)).toISOString(),
          text,
        ];
      });
    const all = [
      ...rows(count, periodStart, 'now'),
      ...rows(Math.round(count / 5), periodStart - 30 * day, 'before'),
    ];
    const db = context.database.db;
    for (let i = 0; i < all.length; i += 5_000) {
      const chunk = all.slice(i, i + 5_000);
      await sql`insert into questions (source, external_id, received_at, channel, text, language, topics,
          sentiment_score, sentiment_label, sentiment_model, status, team, due_at)
        select 'bench', x.external_id, x.received_at, 'telefoon', x.text, 'nl', '{}', 0, 'neutral', 'bench',
          'nieuw', 'kcc', x.received_at + interval '1 day'
        from unnest(${chunk.map((r) => r[0])}::text[], ${chunk.map((r) => r[1])}::timestamptz[],
          ${chunk.map((r) => r[2])}::text[]) as x(external_id, received_at, text)`.execute(db);
    }
    const decideStart = performance.now();
    let decided = 0;
    for (;;) {
      const step = await context.faqs.gaps.decide(5_000, 10);
      decided += step.decided;
      if (step.decided === 0) break;
    }
    const decideSeconds = (performance.now() - decideStart) / 1000;
    const gapTimes: number[] = [];
    let answer = null;
    for (let run = 0; run < runs; run++) {
      const start = performance.now();
      answer = await context.faqs.gaps.gaps(actor, { from: '2026-11-01', to: '2026-12-01' });
      gapTimes.push(performance.now() - start);
    }
    gapTimes.sort((a, b) => a - b);
    return {
      gap_period_questions: answer?.questions ?? 0,
      gap_previous_questions: all.length - count,
      gap_questions: answer?.gapQuestions ?? 0,
      gap_clusters: answer?.clusterCount ?? 0,
      gap_largest: answer?.clusters.slice(0, 3).map((c) => ({ count: c.count, terms: c.terms })) ?? [],
      decide_questions: decided,
      decide_seconds: twoDecimals(decideSeconds),
      decide_per_second: Math.round(decided / decideSeconds),
      gaps_runs: runs,
      gaps_30d_median_ms: twoDecimals(percentile(gapTimes, 50)),
      gaps_30d_max_ms: twoDecimals(gapTimes.at(-1) ?? 0),
      target_gaps_ms: 3_000,
    };
  } finally {
    await context.close();
    await dropBenchDatabase(database.name);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const gaps = await gapsFigures(numberArg('--gap-questions', 100_000), numberArg('--gap-runs', 5));
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
    ...gaps,
    load_average_1m: twoDecimals(os.loadavg()[0] ?? 0),
  })}\n`,
);
