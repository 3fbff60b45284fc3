// How far a second annotator agrees with our labelled posts: assets/evaluation/second-annotator.labels.jsonl
// holds {"id","label"} for texts drawn from our posts sets, labelled blind. Prints one JSON object.
// Run: npm run build:tools && node dist-tools/tools/eval-agreement.js
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import {
  annotatorAgreement,
  readLabelledJsonl,
  TRAINING_POSTS_FILES,
  UNSEEN_POSTS_FILE,
  type Polarity,
} from '../services/nlp/sentiment.evaluation.js';

const FILES = [...TRAINING_POSTS_FILES, UNSEEN_POSTS_FILE];
const nameOf = (file: string): string => basename(file, '.labelled.jsonl');

const first = new Map<string, { file: string; label: Polarity }>();
for (const file of FILES) {
  for (const row of readLabelledJsonl(file, 3)) first.set(row.id, { file: nameOf(file), label: row.label });
}
const second = readFileSync('assets/evaluation/second-annotator.labels.jsonl', 'utf8')
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
    per_file: Object.fromEntries(FILES.map((file) => [nameOf(file), summary(nameOf(file))])),
  }),
);
