// Measures on the dashboards: each as an annotation row (its start, its end, title, Dutch text and tags), and the
// instants a Grafana row of measures shows.
import type { Measure } from './measure.js';
import type { MeasureLister } from './measure-list.js';
import * as moments from './measure-moments.js';
import { annotationTags, annotationText } from './measure-text.js';

/** One Grafana annotation: the measures produce them, and the Grafana service adds the alerts in the same shape. */
export interface AnnotationRow {
  time: number;
  timeEnd: number | null;
  title: string;
  text: string;
  tags: string;
}

export class MeasureAnnotations {
  constructor(
    private readonly measures: MeasureLister,
    private readonly timezone: string,
    private readonly topicLabel: (id: string) => string,
  ) {}

  /** Local midnight of the day it takes effect. */
  anchorMs(measure: Measure): number {
    return moments.anchorMs(measure, this.timezone);
  }

  /** The end of its last day; null when open-ended. */
  untilMs(measure: Measure): number | null {
    return moments.untilMs(measure, this.timezone);
  }

  async annotations(range: { fromMs: number; toMs: number }, topic: string): Promise<AnnotationRow[]> {
    const measures = await this.measures.list({
      ...range,
      level: null,
      direction: null,
      topic: topic === 'all' ? null : topic,
      limit: 5_000,
    });
    return measures.map((measure) => ({
      time: this.anchorMs(measure),
      timeEnd: this.untilMs(measure),
      title: measure.title,
      text: annotationText(measure, this.topicLabel),
      tags: annotationTags(measure),
    }));
  }
}
