// The detectors behind the followed series: mention counts go to the spike detector, which knows daily and weekly
// rhythm; the negative share goes to the share detector, which judges it together with its volume (5 negatives of
// 6 is not 500 of 600). Both are fed local wall-clock time, so their hours follow the audience's day.
import { SHARE_STATE_VERSION, ShareDetector } from '../detector/share.detector.js';
import { bucketExpectation, type BucketExpectation } from '../detector/open-bucket.js';
import { SPIKE_STATE_VERSION, SpikeDetector, type SpikePoint } from '../detector/spike.detector.js';
import type { OnsetScores } from '../detector/tail.calibration.js';
import { toWallClock } from '../time/zoned-time.js';
import type { DetectorFactory, DetectorOutput, SeriesDetector } from './detection.service.js';
import type { DetectedMetric } from './detection-series.js';

const BASELINE_TEXT: Record<SpikePoint['baseline']['kind'] | 'recent-share', string> = {
  'recent-level':
    'Normaal = het niveau van de afgelopen uren (nog te weinig geschiedenis voor een dag- of weekritme).',
  'hour-of-day': 'Normaal = wat op dit uur van de dag gebruikelijk is, bijgesteld naar het recente niveau.',
  'hour-of-week':
    'Normaal = wat op dit uur van deze weekdag gebruikelijk is, bijgesteld naar het recente niveau.',
  'recent-share': 'Normaal = het aandeel negatief van de afgelopen dagen, gewogen naar het aantal berichten.',
};

/** A detector's point as the alerts store and explain it. */
function outputOf(
  point: OnsetScores,
  expected: number,
  baseline: keyof typeof BASELINE_TEXT,
): DetectorOutput {
  return {
    // The stored score is the current level, so a lasting anomaly stays visible (and can drive Grafana rules).
    score: Math.max(point.spikeLevel, point.dropLevel),
    spike: point.spike,
    drop: point.drop,
    spikeLevel: point.spikeLevel,
    dropLevel: point.dropLevel,
    expected,
    baseline: BASELINE_TEXT[baseline],
  };
}

class CountSeries implements SeriesDetector {
  constructor(
    private readonly detector: SpikeDetector,
    private readonly timezone: string,
  ) {}

  update(timeMs: number, value: number): DetectorOutput {
    const point = this.detector.update(toWallClock(timeMs, this.timezone), value);
    return outputOf(point, Math.max(0, point.expected), point.baseline.kind);
  }

  state(): unknown {
    return this.detector.toState();
  }

  expectBucket(timeMs: number): BucketExpectation {
    // A copy of the state: judging an open bucket reads it and never teaches it.
    return bucketExpectation(this.detector.toState(), toWallClock(timeMs, this.timezone));
  }
}

class ShareSeries implements SeriesDetector {
  constructor(
    private readonly detector: ShareDetector,
    private readonly timezone: string,
  ) {}

  update(timeMs: number, share: number, volume: number): DetectorOutput {
    const negatives = volume === 0 || Number.isNaN(share) ? 0 : Math.round(share * volume);
    const point = this.detector.update(toWallClock(timeMs, this.timezone), negatives, volume);
    return outputOf(point, point.expected, point.baseline.kind);
  }

  state(): unknown {
    return this.detector.toState();
  }

  expectBucket(): null {
    // A share is judged with its volume when the bucket closes; an open bucket's share says too little.
    return null;
  }
}

export function createSpikeDetectorFactory(timezone: string): DetectorFactory {
  return {
    // A new state version of either detector means stored states are relearned, not misread.
    version: `spike@${SPIKE_STATE_VERSION}+share@${SHARE_STATE_VERSION}`,
    create(metric: DetectedMetric, state: unknown): SeriesDetector {
      if (metric === 'negative_share') {
        return new ShareSeries(
          state === null ? new ShareDetector() : ShareDetector.fromState(state),
          timezone,
        );
      }
      return new CountSeries(state === null ? new SpikeDetector() : SpikeDetector.fromState(state), timezone);
    },
  };
}
