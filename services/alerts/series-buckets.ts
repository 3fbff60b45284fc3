// Where a followed series' closed 5-minute buckets come from: mention series from the mention rollups, question
// series from the question rollups. Both are exact and have every bucket (empty ones as zero), so the detector sees
// the same kind of points whichever it judges.
import type { QuestionsRepository } from '../repositories/questions.repository.js';
import type { RollupsRepository } from '../repositories/rollups.repository.js';
import type { DetectionSeries } from './detection-series.js';

/** Counts of consecutive 5-minute buckets: index i is the bucket starting at `fromMs + i * 5 minutes`. */
export interface BucketCounts {
  n: number[];
  nNeg: number[];
}

export interface SeriesBuckets {
  /** The 5-minute buckets of [fromMs, toMs), in time order, every one present. */
  fiveMinutes(series: DetectionSeries, fromMs: number, toMs: number): Promise<BucketCounts>;
}

export function createSeriesBuckets(
  rollups: Pick<RollupsRepository, 'fiveMinuteCounts'>,
  questions: Pick<QuestionsRepository, 'series'>,
  timezone: string,
): SeriesBuckets {
  return {
    async fiveMinutes(series, fromMs, toMs) {
      if (series.metric === 'questions') {
        // A questions rule counts every channel (the config refuses another source), so `all` is the channel.
        const rows = await questions.series({
          channel: 'all',
          topic: series.topic,
          fromMs,
          toMs,
          interval: '5m',
          timeZone: timezone,
        });
        return { n: rows.map((row) => row.n), nNeg: rows.map((row) => row.nNeg) };
      }
      return rollups.fiveMinuteCounts({
        sourceKind: series.source,
        topic: series.topic,
        fromMs,
        toMs,
        timezone,
      });
    },
  };
}
