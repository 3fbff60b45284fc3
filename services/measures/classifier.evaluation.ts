// How well the publication classifier agrees with a timeline whose topics and direction were set by people:
// direction agreement with its confusion table, and micro-averaged precision and recall of topics.
import type { MeasureClassifier } from './measure.classifier.js';
import { DIRECTIONS, type MeasureDirection } from './measure.js';
import type { TimelineEntry } from './timeline.file.js';

export interface ClassifierEvaluation {
  measures: number;
  direction: {
    agreement: number;
    /** confusion[labelled][classified] */
    confusion: Record<MeasureDirection, Record<MeasureDirection, number>>;
  };
  topics: {
    precision: number;
    recall: number;
    f1: number;
    truePositives: number;
    labelled: number;
    found: number;
  };
  disagreements: { id: string; labelled: MeasureDirection; classified: MeasureDirection }[];
}

const round = (x: number) => Math.round(x * 1000) / 1000;

export function evaluateClassifier(
  classifier: MeasureClassifier,
  entries: readonly TimelineEntry[],
): ClassifierEvaluation {
  const confusion = Object.fromEntries(
    DIRECTIONS.map((labelled) => [labelled, Object.fromEntries(DIRECTIONS.map((found) => [found, 0]))]),
  ) as ClassifierEvaluation['direction']['confusion'];
  let agree = 0;
  let truePositives = 0;
  let labelled = 0;
  let found = 0;
  const disagreements: ClassifierEvaluation['disagreements'] = [];
  for (const entry of entries) {
    const result = classifier.classify(entry.fields.title, entry.fields.summary ?? '');
    confusion[entry.fields.direction][result.direction] += 1;
    if (result.direction === entry.fields.direction) agree++;
    else disagreements.push({ id: entry.id, labelled: entry.fields.direction, classified: result.direction });
    const truth = new Set(entry.fields.topics);
    labelled += truth.size;
    found += result.topics.length;
    truePositives += result.topics.filter((topic) => truth.has(topic)).length;
  }
  const precision = found === 0 ? 0 : truePositives / found;
  const recall = labelled === 0 ? 0 : truePositives / labelled;
  return {
    measures: entries.length,
    direction: { agreement: round(entries.length === 0 ? 0 : agree / entries.length), confusion },
    topics: {
      precision: round(precision),
      recall: round(recall),
      f1: round(precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall)),
      truePositives,
      labelled,
      found,
    },
    disagreements,
  };
}
