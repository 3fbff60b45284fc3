// Texts per second for enrich() on Dutch book reviews from the bol-nl development set: trimmed to 170
// characters (the size of a social post) and at their real length. Prints JSON. Wall-clock rates suffer
// when the machine is shared, so the per-core rate is also given from the process's CPU time.
// The default scorer (the shipped model) and the lexicon alone are timed in alternating rounds of the same
// run, so `model_to_lexicon` (the model's rate as a share of the lexicon's) holds however loaded the machine is.
// Run: npm run build:tools && node dist-tools/tools/bench-nlp.js [bol-nl.jsonl]
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { createEnricher, type Enricher } from '../services/nlp/enricher.js';

const file = process.argv[2] ?? '../shared/data/sentiment/bol-nl.jsonl';
const texts = readFileSync(file, 'utf8')
  .split('\n')
  .filter((line) => line.trim().length > 0)
  .map((line) => (JSON.parse(line) as { text: string }).text);

const enricher = createEnricher();
const lexiconAlone = createEnricher({ dutchModel: null });

interface Run {
  texts: number;
  mean_chars: number;
  wall_texts_per_second: number;
  cpu_texts_per_second: number;
}

interface Timing {
  wall: number;
  cpu: number;
}

function round(target: Enricher, inputs: readonly string[], hints?: { language: string }): Timing {
  let sink = 0;
  const cpuStart = process.cpuUsage();
  const wallStart = performance.now();
  for (const text of inputs) sink += target.enrich(text, hints).topics.length;
  const wall = (performance.now() - wallStart) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  if (sink < 0) console.error('unreachable');
  return { wall, cpu: (cpu.user + cpu.system) / 1e6 };
}

function summary(timings: readonly Timing[], inputs: readonly string[]): Run {
  const n = inputs.length * timings.length;
  const wall = timings.reduce((s, t) => s + t.wall, 0);
  const cpu = timings.reduce((s, t) => s + t.cpu, 0);
  return {
    texts: n,
    mean_chars: Math.round(inputs.reduce((s, t) => s + t.length, 0) / inputs.length),
    wall_texts_per_second: Math.round(n / wall),
    cpu_texts_per_second: Math.round(n / cpu),
  };
}

const median = (values: number[]): number => {
  const sorted = values.slice().sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** The default scorer and the lexicon alone, one round each in turn; the ratio is the median of the rounds'. */
function measure(inputs: readonly string[], rounds: number, hints?: { language: string }) {
  // Warm up the JIT on the same inputs before timing.
  round(enricher, inputs, hints);
  round(lexiconAlone, inputs, hints);
  const model: Timing[] = [];
  const lexicon: Timing[] = [];
  for (let r = 0; r < rounds; r++) {
    model.push(round(enricher, inputs, hints));
    lexicon.push(round(lexiconAlone, inputs, hints));
  }
  return {
    ...summary(model, inputs),
    lexicon_alone: summary(lexicon, inputs),
    // CPU time of a lexicon round over that of the model round next to it: the model's rate / the lexicon's.
    model_to_lexicon: Math.round(median(model.map((m, i) => lexicon[i]!.cpu / m.cpu)) * 1000) / 1000,
  };
}

// Every review of at least 170 characters, cut to exactly 170 (most are longer: mean 370).
const short = texts.filter((t) => t.length >= 170).map((t) => t.slice(0, 170));
const loadBefore = loadavg()[0]!;
const result = {
  file,
  node: process.version,
  trimmed_170: measure(short, 10),
  trimmed_170_language_stated: measure(short, 10, { language: 'nl' }),
  real_length: measure(texts, 4),
  // 1-minute load average at the start and the end: the machine is shared.
  load_average: [Math.round(loadBefore * 100) / 100, Math.round(loadavg()[0]! * 100) / 100],
  versions: enricher.versions,
  lexicon_version: lexiconAlone.versions.sentiment_nl,
};
console.log(JSON.stringify(result, null, 2));
