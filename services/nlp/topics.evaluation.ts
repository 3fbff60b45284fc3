// Measures topic matching on labelled lines {"id","text","topics":[...]}: micro and macro precision, recall
// and F1 over topics, per-topic figures, and how often texts without a topic are left without one.
import { readFileSync } from 'node:fs';
import { assetPath } from '../assets.js';
import { resolveTopicId, type Taxonomy } from './taxonomy.js';

export interface LabelledTopics {
  id: string;
  text: string;
  topics: string[];
}

export interface TopicFigures {
  precision: number;
  recall: number;
  f1: number;
  support: number;
  predicted: number;
}

export interface TopicsEvaluation {
  n: number;
  micro: { precision: number; recall: number; f1: number };
  /** Averaged over topics that occur in the labels. */
  macro: { precision: number; recall: number; f1: number };
  /** Share of texts whose predicted set equals the labelled set exactly. */
  exact_match: number;
  /** Of the texts labelled with no topic, the share that got none. */
  no_topic_accuracy: number;
  per_topic: Record<string, TopicFigures>;
  texts_per_second: number;
}

export function parseTopicsJsonl(content: string, origin: string, taxonomy: Taxonomy): LabelledTopics[] {
  const rows: LabelledTopics[] = [];
  const lines = content.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]?.trim() ?? '';
    if (line.length === 0) continue;
    let record: Record<string, unknown>;
    try {
      record = JSON.parse(line) as Record<string, unknown>;
    } catch (error) {
      throw new Error(`${origin}:${i + 1}: not valid JSON`, { cause: error });
    }
    const text = record['text'];
    const topics = record['topics'];
    if (typeof text !== 'string') throw new Error(`${origin}:${i + 1}: "text" must be a string`);
    if (!Array.isArray(topics) || topics.some((t) => typeof t !== 'string')) {
      throw new Error(`${origin}:${i + 1}: "topics" must be a list of topic ids`);
    }
    const ids = (topics as string[]).map((t) => {
      const id = resolveTopicId(taxonomy, t);
      if (id === null) throw new Error(`${origin}:${i + 1}: unknown topic '${t}'`);
      return id;
    });
    rows.push({
      id: typeof record['id'] === 'string' ? record['id'] : `${i + 1}`,
      text,
      topics: [...new Set(ids)],
    });
  }
  return rows;
}

/** Path of the labelled topic set that ships with the project (evaluation data: not in the image). */
export function shippedTopicsSetPath(): string {
  return assetPath('evaluation/topics.labelled.jsonl');
}

export function readTopicsJsonl(path: string, taxonomy: Taxonomy): LabelledTopics[] {
  return parseTopicsJsonl(readFileSync(path, 'utf8'), path, taxonomy);
}

function prf(tp: number, fp: number, fn: number) {
  const precision = tp + fp > 0 ? tp / (tp + fp) : 0;
  const recall = tp + fn > 0 ? tp / (tp + fn) : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
}

export function evaluateTopics(
  rows: readonly LabelledTopics[],
  taxonomy: Taxonomy,
  predict: (text: string) => readonly string[],
  now: () => number = () => performance.now(),
): TopicsEvaluation {
  const ids = taxonomy.topics.map((t) => t.id);
  const counts = new Map(ids.map((id) => [id, { tp: 0, fp: 0, fn: 0 }]));
  let exact = 0;
  let noTopic = 0;
  let noTopicRight = 0;
  const started = now();
  const predictions = rows.map((row) => predict(row.text));
  const elapsed = (now() - started) / 1000;
  rows.forEach((row, k) => {
    const gold = new Set(row.topics);
    const predicted = new Set(predictions[k]);
    for (const id of ids) {
      const c = counts.get(id);
      if (c === undefined) continue;
      if (gold.has(id) && predicted.has(id)) c.tp++;
      else if (predicted.has(id)) c.fp++;
      else if (gold.has(id)) c.fn++;
    }
    if (gold.size === predicted.size && [...gold].every((g) => predicted.has(g))) exact++;
    if (gold.size === 0) {
      noTopic++;
      if (predicted.size === 0) noTopicRight++;
    }
  });
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const perTopic: Record<string, TopicFigures> = {};
  const present: TopicFigures[] = [];
  for (const id of ids) {
    const c = counts.get(id) ?? { tp: 0, fp: 0, fn: 0 };
    tp += c.tp;
    fp += c.fp;
    fn += c.fn;
    const figures = { ...prf(c.tp, c.fp, c.fn), support: c.tp + c.fn, predicted: c.tp + c.fp };
    perTopic[id] = figures;
    if (figures.support > 0) present.push(figures);
  }
  const mean = (key: 'precision' | 'recall' | 'f1') =>
    present.length > 0 ? present.reduce((s, f) => s + f[key], 0) / present.length : 0;
  return {
    n: rows.length,
    micro: prf(tp, fp, fn),
    macro: { precision: mean('precision'), recall: mean('recall'), f1: mean('f1') },
    exact_match: rows.length > 0 ? exact / rows.length : 0,
    no_topic_accuracy: noTopic > 0 ? noTopicRight / noTopic : 0,
    per_topic: perTopic,
    texts_per_second: elapsed > 0 ? rows.length / elapsed : 0,
  };
}
