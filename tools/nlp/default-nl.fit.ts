// Trains the shipped default Dutch model on the TUNING parts of the development sets (never the held-out quarter
// that isHeldOut() keeps aside), chooses its neutral rule on out-of-fold scores, and reports tuned and held-out
// figures beside the lexicon's. Writes default-nl.model.bin.
// Run after `npm run build:tools`: node dist-tools/tools/nlp/default-nl.fit.js [--data dir] [--sets bol,absa,xed,posts*] [--out file]
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { shippedDutchScorer } from '../../services/nlp/enricher.js';
import {
  binaryDecision,
  isHeldOut,
  macroF1,
  TRAINING_POSTS_FILES,
  type Polarity,
} from '../../services/nlp/sentiment.evaluation.js';
import { seededRandom } from '../../services/random/seeded-random.js';
import {
  createLinearModel,
  decide,
  encodeLinearModel,
  type NeutralRule,
} from '../../services/nlp/model/linear.model.js';
import {
  chooseRule,
  foldOf,
  prepareRows,
  rowScores,
  trainWeights,
  DEFAULT_MODEL_SETTINGS,
  type LabelledRow,
  type ModelSettings,
  type PreparedRow,
  type RowScores,
} from '../../services/nlp/model/sentiment-model.training.js';

/** One development set: binary ones are judged as "positive or not", three-class ones by macro-F1. */
interface DevSet {
  name: string;
  rows: LabelledRow[];
  /** How the set is judged (several views of one set are possible, e.g. absa binary and absa three-class). */
  views: {
    name: string;
    classes: 2 | 3;
    keep: (label: Polarity) => boolean;
    measure: 'accuracy' | 'macro_f1';
  }[];
  /** Trained on; a set not trained on is only judged. */
  train: boolean;
}

const ANY = (): boolean => true;
const POLAR = (label: Polarity): boolean => label !== 'neutral';

function readJsonl(path: string): { id: string; text: string; label: string }[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => JSON.parse(line) as { id: string; text: string; label: string });
}

function labelled(path: string, map: (label: string) => Polarity | null): LabelledRow[] {
  const rows: LabelledRow[] = [];
  for (const r of readJsonl(path)) {
    const label = map(r.label);
    if (label !== null) rows.push({ id: String(r.id), text: r.text, label, weight: 1 });
  }
  return rows;
}

const polarOnly = (label: string): Polarity | null =>
  label === 'positive' || label === 'negative' ? label : null;
// Absa 'none' (no opinion at all) is the closest thing to a neutral short text these sets have.
const absaLabel = (label: string): Polarity | null =>
  label === 'none' || label === 'neutral' ? 'neutral' : polarOnly(label);
const threeClass = (label: string): Polarity | null =>
  label === 'positive' || label === 'negative' || label === 'neutral' ? label : null;

/** A posts file's set name: `posts` for ours, `posts-politics` for eval/posts-politics.labelled.jsonl. */
export function postsSetName(file: string): string {
  const base = basename(file).replace(/\.labelled\.jsonl$|\.jsonl$/, '');
  return base === 'sentiment-posts' ? 'posts' : base;
}

export function loadDevSets(
  dataDir: string,
  postsFiles: readonly string[],
  trainOn: readonly string[],
): DevSet[] {
  return [
    {
      name: 'bol',
      rows: labelled(`${dataDir}/bol-nl.jsonl`, polarOnly),
      views: [{ name: 'bol 2-class accuracy', classes: 2, keep: ANY, measure: 'accuracy' }],
      train: trainOn.includes('bol'),
    },
    {
      name: 'absa',
      rows: labelled(`${dataDir}/absa16-nl-sentences.jsonl`, absaLabel),
      views: [
        { name: 'absa 2-class accuracy', classes: 2, keep: POLAR, measure: 'accuracy' },
        { name: 'absa 3-class macro-F1 (none = neutral)', classes: 3, keep: ANY, measure: 'macro_f1' },
      ],
      train: trainOn.includes('absa'),
    },
    {
      name: 'xed',
      rows: labelled(`${dataDir}/xed-nl-sentiment.jsonl`, polarOnly),
      views: [{ name: 'xed 2-class macro-F1', classes: 2, keep: ANY, measure: 'macro_f1' }],
      train: trainOn.includes('xed'),
    },
    // Short posts about measures and local life, written and labelled by us: the nearest thing to the target.
    ...postsFiles.map((file) => {
      const name = postsSetName(file);
      return {
        name,
        rows: labelled(file, threeClass),
        views: [
          { name: `${name} 3-class macro-F1`, classes: 3 as const, keep: ANY, measure: 'macro_f1' as const },
        ],
        train: trainOn.includes(name) || trainOn.includes('posts*'),
      };
    }),
  ];
}

/** A scorer's answer for one row: its three-class label and its signed score. */
interface Judged {
  label: Polarity;
  score: number;
}

/** A view's figure for predictions (2 classes: the sign of the score, as in `eval sentiment`). */
function measureView(
  view: DevSet['views'][number],
  gold: readonly Polarity[],
  predicted: readonly Judged[],
): number {
  const g: Polarity[] = [];
  const p: Polarity[] = [];
  for (let i = 0; i < gold.length; i++) {
    if (!view.keep(gold[i]!)) continue;
    g.push(gold[i]!);
    p.push(view.classes === 2 ? binaryDecision(predicted[i]!.score) : predicted[i]!.label);
  }
  if (view.measure === 'accuracy') return g.length > 0 ? g.filter((x, i) => x === p[i]).length / g.length : 0;
  return macroF1(g, p, view.classes === 2 ? ['positive', 'negative'] : ['positive', 'neutral', 'negative']);
}

/** Half the mean of the binary views, half the mean of the three-class views (as the lexicon was fitted). */
function objective(
  sets: readonly DevSet[],
  scores: ReadonlyMap<string, RowScores[]>,
  rule: NeutralRule,
): number {
  let binary = 0;
  let nBinary = 0;
  let three = 0;
  let nThree = 0;
  for (const set of sets) {
    const s = scores.get(set.name);
    if (s === undefined || s.length === 0) continue;
    const predicted = s.map((x) => decide(x.logp[0], x.logp[1], x.logp[2], rule, x.evidence));
    const gold = s.map((x) => x.label);
    for (const view of set.views) {
      const value = measureView(view, gold, predicted);
      if (view.classes === 2) {
        binary += value;
        nBinary++;
      } else {
        three += value;
        nThree++;
      }
    }
  }
  return 0.5 * (nBinary > 0 ? binary / nBinary : 0) + 0.5 * (nThree > 0 ? three / nThree : 0);
}

/** A set weighs `total` in all, and within a set every class weighs the same. */
function weighRows(rows: PreparedRow[], total: number): void {
  const totals = [0, 0, 0];
  for (const r of rows) totals[r.example.label] = totals[r.example.label]! + 1;
  const present = totals.filter((t) => t > 0).length;
  for (const r of rows) r.example.weight = total / (present * totals[r.example.label]!);
}

const isPostsSet = (set: DevSet): boolean => set.name.startsWith('posts');

/**
 * The two families weigh the same: the development sets (reviews, subtitles) and our posts sets, each set an
 * equal share of its family, so writing more posts sets does not crowd out the development data.
 */
function setWeights(sets: readonly DevSet[]): Map<string, number> {
  const trained = sets.filter((s) => s.train);
  const posts = trained.filter(isPostsSet).length;
  const development = trained.length - posts;
  const weights = new Map<string, number>();
  for (const set of sets) {
    const family = isPostsSet(set) ? posts : development;
    // One family alone: every set weighs 1, as before there were two.
    weights.set(set.name, posts === 0 || development === 0 ? 1 : trained.length / 2 / Math.max(1, family));
  }
  return weights;
}

export interface FitReport {
  out: string;
  version: string;
  rule: NeutralRule;
  settings: ModelSettings;
  trained_on: string;
  bytes: number;
  figures: {
    view: string;
    /** tuning: the rows the final model was fitted on (optimistic); tuning-oof: each row scored by the fold model
     * that did not see it (posts: by the final model, which never trains on them); held-out: never used. */
    part: 'tuning' | 'tuning-oof' | 'held-out';
    n: number;
    lexicon: number;
    model: number;
    /** Held-out only: paired bootstrap of model - lexicon (2,000 resamples): 95% interval, share <= 0. */
    difference?: { low: number; high: number; share_not_better: number };
  }[];
  seconds: number;
}

export function fitDefaultModel(
  dataDir: string,
  postsFiles: readonly string[],
  trainOn: readonly string[],
  out: string,
  settings: ModelSettings = { ...DEFAULT_MODEL_SETTINGS, balanceClasses: false },
  log: (line: string) => void = () => {},
): FitReport {
  const started = Date.now();
  const dutch = shippedDutchScorer();
  const sets = loadDevSets(dataDir, postsFiles, trainOn);
  const shares = setWeights(sets);
  const prepared = new Map<string, { tuning: PreparedRow[]; heldOut: PreparedRow[] }>();
  for (const set of sets) {
    const rows = prepareRows(set.rows, dutch, settings.spec);
    const tuning = rows.filter((r) => !isHeldOut(r.id));
    weighRows(tuning, shares.get(set.name)!);
    prepared.set(set.name, { tuning, heldOut: rows.filter((r) => isHeldOut(r.id)) });
  }
  const training = sets.filter((s) => s.train).flatMap((s) => prepared.get(s.name)!.tuning);
  if (training.length === 0) throw new Error('no training set chosen (--sets bol,absa,xed)');

  // Out-of-fold scores of the tuning rows choose the neutral rule; the sets not trained on are scored by the
  // final weights, which never saw them either.
  const folds = 5;
  const oof = new Map<string, RowScores[]>();
  for (const set of sets)
    if (set.train) oof.set(set.name, new Array<RowScores>(prepared.get(set.name)!.tuning.length));
  for (let f = 0; f < folds; f++) {
    const weights = trainWeights(
      training.filter((r) => foldOf(r.id, folds) !== f).map((r) => r.example),
      settings,
    );
    for (const set of sets) {
      if (!set.train) continue;
      const rows = prepared.get(set.name)!.tuning;
      const target = oof.get(set.name)!;
      const inFold = rows.map((r, i) => ({ r, i })).filter(({ r }) => foldOf(r.id, folds) === f);
      const scored = rowScores(
        weights,
        inFold.map(({ r }) => r),
      );
      inFold.forEach(({ i }, j) => (target[i] = scored[j]!));
    }
    log(`fold ${f + 1}/${folds} trained`);
  }
  const weights = trainWeights(
    training.map((r) => r.example),
    settings,
    null,
  );
  for (const set of sets)
    if (!set.train) oof.set(set.name, rowScores(weights, prepared.get(set.name)!.tuning));
  const { rule, value } = chooseRule((candidate) => objective(sets, oof, candidate));
  log(`neutral rule ${JSON.stringify(rule)}: out-of-fold objective ${value.toFixed(4)}`);

  const trainedOn = `tuning parts (id hash, 3 of 4) of ${sets
    .filter((s) => s.train)
    .map((s) => `${s.name} (${prepared.get(s.name)!.tuning.length})`)
    .join(', ')}${
    sets.some((s) => !s.train)
      ? `; neutral rule also judged on the tuning parts of ${sets
          .filter((s) => !s.train)
          .map((s) => s.name)
          .join(', ')}`
      : ''
  }`;
  const model = createLinearModel(weights, settings.spec, dutch.version, rule, trainedOn);
  const encoded = encodeLinearModel(model);
  writeFileSync(out, encoded);

  const figures: FitReport['figures'] = [];
  for (const set of sets) {
    const scores = oof.get(set.name)!;
    const gold = scores.map((x) => x.label);
    const lexicon = prepared.get(set.name)!.tuning.map((r) => r.lexicon);
    const predicted = scores.map((x) => decide(x.logp[0], x.logp[1], x.logp[2], rule, x.evidence));
    for (const view of set.views) {
      figures.push({
        view: view.name,
        part: 'tuning-oof',
        n: gold.filter(view.keep).length,
        lexicon: round4(measureView(view, gold, lexicon)),
        model: round4(measureView(view, gold, predicted)),
      });
    }
  }
  for (const set of sets) {
    for (const part of ['tuning', 'held-out'] as const) {
      const rows = part === 'tuning' ? prepared.get(set.name)!.tuning : prepared.get(set.name)!.heldOut;
      const gold = rows.map((r) => r.label);
      const lexicon = rows.map((r) => r.lexicon);
      const predicted = rowScores(weights, rows).map((s) =>
        decide(s.logp[0], s.logp[1], s.logp[2], rule, s.evidence),
      );
      for (const view of set.views) {
        figures.push({
          view: view.name,
          part,
          n: gold.filter(view.keep).length,
          lexicon: round4(measureView(view, gold, lexicon)),
          model: round4(measureView(view, gold, predicted)),
          ...(part === 'held-out' ? { difference: pairedBootstrap(view, gold, predicted, lexicon) } : {}),
        });
      }
    }
  }
  return {
    out,
    version: model.version,
    rule,
    settings,
    trained_on: trainedOn,
    bytes: encoded.length,
    figures,
    seconds: (Date.now() - started) / 1000,
  };
}

const round4 = (x: number): number => Math.round(x * 10000) / 10000;

/**
 * Is the model measurably better than the lexicon on these rows? Resamples the rows (with a fixed seed, so the
 * report is reproducible) and measures both scorers on each resample: the 2.5% and 97.5% points of the
 * difference, and how often the model was not better.
 */
export function pairedBootstrap(
  view: DevSet['views'][number],
  gold: readonly Polarity[],
  model: readonly Judged[],
  lexicon: readonly Judged[],
  resamples = 2000,
): { low: number; high: number; share_not_better: number } {
  const random = seededRandom(0x2545f491, 'xorshift32'); // the sequence of the recorded fit report
  const n = gold.length;
  const differences: number[] = [];
  let notBetter = 0;
  const g: Polarity[] = new Array<Polarity>(n);
  const m: Judged[] = new Array<Judged>(n);
  const l: Judged[] = new Array<Judged>(n);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < n; i++) {
      const k = Math.floor(random() * n);
      g[i] = gold[k]!;
      m[i] = model[k]!;
      l[i] = lexicon[k]!;
    }
    const d = measureView(view, g, m) - measureView(view, g, l);
    differences.push(d);
    if (d <= 0) notBetter++;
  }
  differences.sort((a, b) => a - b);
  return {
    low: round4(differences[Math.floor(resamples * 0.025)]!),
    high: round4(differences[Math.floor(resamples * 0.975) - 1]!),
    share_not_better: round4(notBetter / resamples),
  };
}

const isMain = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const { values } = parseArgs({
    options: {
      data: { type: 'string', default: '../shared/data/sentiment' },
      posts: {
        type: 'string',
        default: TRAINING_POSTS_FILES.join(','),
      },
      sets: { type: 'string', default: 'bol,absa,xed,posts*' },
      out: { type: 'string', default: 'assets/model/default-nl.model.bin' },
    },
  });
  const report = fitDefaultModel(
    values.data,
    values.posts.split(',').filter((f) => f.length > 0),
    values.sets.split(','),
    values.out,
    undefined,
    (line) => console.error(line),
  );
  console.log(JSON.stringify(report, null, 2));
}
