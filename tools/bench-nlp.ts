// Texts per second for enrich() on Dutch book reviews from the bol-nl development set: trimmed to 170
// characters (the size of a social post) and at their real length. Prints JSON. Wall-clock rates suffer
// when the machine is shared, so the per-core rate is also given from the process's CPU time.
// Run: npm run build:tools && node dist-tools/tools/bench-nlp.js [bol-nl.jsonl]
import { readFileSync } from 'node:fs';
import { createEnricher } from '../services/nlp/enricher.js';

const file = process.argv[2] ?? '../shared/data/sentiment/bol-nl.jsonl';
const texts = readFileSync(file, 'utf8')
  .split('\n')
  .filter((line) => line.trim().length > 0)
  .map((line) => (JSON.parse(line) as { text: string }).text);

const enricher = createEnricher();

interface Run {
  texts: number;
  mean_chars: number;
  wall_texts_per_second: number;
  cpu_texts_per_second: number;
}

function measure(inputs: readonly string[], rounds: number, hints?: { language: string }): Run {
  // Warm up the JIT on the same inputs before timing.
  for (const text of inputs) enricher.enrich(text, hints);
  let sink = 0;
  const cpuStart = process.cpuUsage();
  const wallStart = performance.now();
  for (let r = 0; r < rounds; r++)
    for (const text of inputs) sink += enricher.enrich(text, hints).topics.length;
  const wall = (performance.now() - wallStart) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  const n = inputs.length * rounds;
  if (sink < 0) console.error('unreachable');
  return {
    texts: n,
    mean_chars: Math.round(inputs.reduce((s, t) => s + t.length, 0) / inputs.length),
    wall_texts_per_second: Math.round(n / wall),
    cpu_texts_per_second: Math.round(n / ((cpu.user + cpu.system) / 1e6)),
  };
}

// Every review of at least 170 characters, cut to exactly 170 (most are longer: mean 370).
const short = texts.filter((t) => t.length >= 170).map((t) => t.slice(0, 170));
const result = {
  file,
  node: process.version,
  trimmed_170: measure(short, 10),
  trimmed_170_language_stated: measure(short, 10, { language: 'nl' }),
  real_length: measure(texts, 4),
  versions: enricher.versions,
};
console.log(JSON.stringify(result, null, 2));
