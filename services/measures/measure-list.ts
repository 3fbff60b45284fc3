// Listing measures for a filter, with the topic checked against the taxonomy: shared by editing, effects,
// annotations and the nearest measure.
import type { MeasuresRepository } from '../repositories/measures.repository.js';
import { badRequest } from '../request-error.js';
import type { Measure } from './measure.js';
import type { MeasureDirection, MeasureLevel } from './measure-vocabulary.js';

export interface ListFilter {
  fromMs: number | null;
  toMs: number | null;
  level: MeasureLevel | null;
  direction: MeasureDirection | null;
  topic: string | null;
  limit: number;
}

/** Maps a topic id or alias (ouderenzorg) to the taxonomy's id; null when unknown. */
export type ResolveTopic = (id: string) => string | null;

/** The taxonomy's id of a topic a caller asked for; a 400 when it is unknown. */
export function checkTopic(resolveTopic: ResolveTopic, topic: string): string {
  const resolved = resolveTopic(topic);
  if (resolved === null) throw badRequest(`topic: unknown topic "${topic}" (not in the topic taxonomy)`);
  return resolved;
}

export interface MeasureLister {
  list(filter: ListFilter): Promise<Measure[]>;
}

/** Lists measures through the repository, in the service's time zone. */
export function createMeasureLister(
  repository: Pick<MeasuresRepository, 'list'>,
  resolveTopic: ResolveTopic,
  timezone: string,
): MeasureLister {
  return {
    list: async (filter) => {
      const topic = filter.topic === null ? null : checkTopic(resolveTopic, filter.topic);
      return repository.list({
        fromMs: filter.fromMs,
        toMs: filter.toMs,
        timezone,
        level: filter.level,
        direction: filter.direction,
        topics: topic === null ? null : [topic],
        limit: filter.limit,
      });
    },
  };
}
