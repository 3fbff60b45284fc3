// enrich() per core with the lexicon alone and with the shipped model, on bol-nl reviews cut to 170 characters
// (the size of a social post) and at their real length. Prints JSON; rates come from the process's CPU time,
// since wall-clock rates suffer on a shared machine.
// Run after `npm run build:tools`: node dist-tools/tools/nlp/model.bench.js [bol-nl.jsonl]
import { readFileSync } from 'node:fs';
import { createEnricher, type Enricher } from '../../services/nlp/enricher.js';
import { shippedDutchModel } from '../../services/nlp/model/shipped-model.js';

function measure(enricher: Enricher, inputs: readonly string[], rounds: number, language: string | null) {
  const hints = { language };
  for (const text of inputs) enricher.enrich(text, hints);
  let sink = 0;
  const runs: number[] = [];
  // Median of five runs: one slow run (another process on the core) does not decide the figure.
  for (let run = 0; run < 5; run++) {
    const cpu = process.cpuUsage();
    for (let r = 0; r < rounds; r++)
      for (const text of inputs) sink += enricher.enrich(text, hints).topics.length;
    const used = process.cpuUsage(cpu);
    runs.push((inputs.length * rounds) / ((used.user + used.system) / 1e6));
  }
  if (sink < 0) console.error('unreachable');
  runs.sort((a, b) => a - b);
  return Math.round(runs[2]!);
}

const file = process.argv[2] ?? '../shared/data/sentiment/bol-nl.jsonl';
const texts = readFileSync(file, 'utf8')
  .split('\n')
  .filter((line) => line.trim().length > 0)
  .map((line) => (JSON.parse(line) as { text: string }).text);
const short = texts.filter((t) => t.length >= 170).map((t) => t.slice(0, 170));
const model = shippedDutchModel();
const lexicon = createEnricher({ dutchModel: null });
const learned = model === null ? null : createEnricher({ dutchModel: model });
const row = (enricher: Enricher | null) =>
  enricher === null
    ? null
    : {
        version: enricher.versions.sentiment_nl,
        cpu_texts_per_second_170: measure(enricher, short, 2, null),
        cpu_texts_per_second_170_language_stated: measure(enricher, short, 2, 'nl'),
        cpu_texts_per_second_real_length: measure(enricher, texts, 1, null),
      };
console.log(
  JSON.stringify(
    {
      file,
      node: process.version,
      texts_170: short.length,
      mean_chars: Math.round(texts.reduce((s, t) => s + t.length, 0) / texts.length),
      lexicon: row(lexicon),
      shipped_model: row(learned),
    },
    null,
    2,
  ),
);
