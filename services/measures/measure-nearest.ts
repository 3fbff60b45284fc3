// The measure a spike or drop alert names: the nearest that took effect in the two weeks before it (or the day
// after), sharing a topic when topics are given.
import type { MessageMeasure } from '../alerts/alert-message.js';
import type { Measure } from './measure.js';
import type { MeasureLister } from './measure-list.js';
import { anchorMs, HOUR } from './measure-moments.js';
import { messageMeasure } from './measure-text.js';

export type NearestMeasure = (at: Date, topics: readonly string[]) => Promise<MessageMeasure | null>;

export function createNearestMeasure(measures: MeasureLister, timezone: string): NearestMeasure {
  return async (at, topics) => {
    const ms = at.getTime();
    const candidates = await measures.list({
      fromMs: ms - 14 * 24 * HOUR,
      toMs: ms + 24 * HOUR,
      level: null,
      direction: null,
      topic: null,
      limit: 500,
    });
    const wanted = new Set(topics);
    const relevant =
      wanted.size === 0 ? candidates : candidates.filter((m) => m.topics.some((t) => wanted.has(t)));
    const pool = relevant.length > 0 ? relevant : candidates;
    let best: Measure | null = null;
    let bestDistance = Infinity;
    for (const measure of pool) {
      const start = anchorMs(measure, timezone);
      // A measure that already took effect explains more than one about to; a future one counts double the distance.
      const distance = start <= ms ? ms - start : 2 * (start - ms);
      if (distance < bestDistance) {
        best = measure;
        bestDistance = distance;
      }
    }
    return best === null ? null : messageMeasure(best);
  };
}
