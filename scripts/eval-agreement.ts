// How far a second annotator agrees with our labelled posts: services/nlp/eval/second-annotator.labels.jsonl
// holds {"id","label"} for texts drawn from the three sentiment files, labelled blind. Prints one JSON object.
// Run: npm run build && node dist/scripts/eval-agreement.js
import { readFileSync } from 'node:fs';
import {
  annotatorAgreement,
  readLabelledJsonl,
  type Polarity,
} from '../services/nlp/sentiment.evaluation.js';

const EVAL = 'services/nlp/eval';
const FILES = ['sentiment-posts', 'posts-politics', 'posts-local'];

const first = new Map<string, { file: string; label: Polarity }>();
for (const file of FILES) {
  for (const row of readLabelledJsonl(`${EVAL}/${file}.labelled.jsonl`, 3)) {
    first.set(row.id, { file, label: row.label });
  }
}
const second = readFileSync(`${EVAL}/second-annotator.labels.jsonl`, 'utf8')
  .split('\n')
  .filter((line) => line.trim().length > 0)
  .map((line, i) => {
    const row = JSON.parse(line) as { id: string; label: Polarity };
    if (!first.has(row.id)) throw new Error(`second-annotator.labels.jsonl:${i + 1}: unknown id ${row.id}`);
    return row;
  });

const pairsOf = (file: string | null): [Polarity, Polarity][] =>
  second
    .filter((row) => file === null || first.get(row.id)?.file === file)
    .map((row) => [first.get(row.id)!.label, row.label]);

const round = (x: number): number => Math.round(x * 1000) / 1000;
const summary = (file: string | null) => {
  const a = annotatorAgreement(pairsOf(file));
  return { n: a.n, observed: round(a.observed), kappa: round(a.kappa) };
};
console.log(
  JSON.stringify({
    all: summary(null),
    per_file: Object.fromEntries(FILES.map((file) => [file, summary(file)])),
  }),
);
