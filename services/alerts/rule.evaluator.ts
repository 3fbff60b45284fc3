// Whether a scored bucket opens, updates or resolves an alert for one rule and series. Pure, and driven by bucket
// times rather than the wall clock, so replaying the same buckets gives the same decisions.
import type { RuleConfig } from '../config/alerts.schema.js';
import { parseDuration } from '../config/duration.js';
import { TimeZone } from '../time/zoned-time.js';

export interface WindowOutcome {
  /** Start of the bucket just scored (epoch ms). */
  bucket: number;
  /** Onset scores: high when an unusual rise or fall starts. */
  spike: number;
  drop: number;
  /** How unusual the bucket still is: keeps an open alert open. */
  spikeLevel: number;
  dropLevel: number;
  score: number;
  /** Over the rule's window ending with this bucket: the observed and expected value of the metric. */
  observed: number;
  expected: number;
  /** Mentions in the window (observed) and what the baseline expected. */
  volume: number;
  expectedVolume: number;
}

export interface OpenAlert {
  id: string;
  kind: 'spike' | 'drop';
  score: number;
  observed: number;
  lastTriggeredAt: number;
  lastEventAt: number;
}

export type Decision =
  | { type: 'none' }
  | { type: 'open'; kind: 'spike' | 'drop' }
  | { type: 'update' }
  /** Still triggered: the alert stays open, without a new message. */
  | { type: 'touch' }
  | { type: 'resolve' };

const UPDATE_EVERY_MS = 30 * 60_000;
const UPDATE_GROWTH = 1.25;

/** Onset scores open an alert; level scores (`continuing`) keep one open. */
export function triggeredKind(
  rule: RuleConfig,
  outcome: WindowOutcome,
  continuing = false,
): 'spike' | 'drop' | null {
  const up = continuing ? outcome.spikeLevel : outcome.spike;
  const down = continuing ? outcome.dropLevel : outcome.drop;
  const spikes = rule.direction !== 'drop' && up >= rule.threshold && outcome.volume >= rule.min_volume;
  // A drop is judged by what was expected: a fall to zero has no volume of its own.
  const drops =
    rule.direction !== 'spike' && down >= rule.threshold && outcome.expectedVolume >= rule.min_volume;
  if (spikes && (!drops || up >= down)) return 'spike';
  return drops ? 'drop' : null;
}

/**
 * `lastOpenedAt`: when the rule's previous alert of this series opened. The cooldown counts from there, not from its
 * resolution: an alert stays open while the detector's slow window is high (about an hour after a 15-minute surge)
 * and then for `resolve_after`, so counted from the resolution a 3 h cooldown hid a new surge on the same series
 * up to about 5.5 h after the first (tools/bench-alert.ts). Flapping within one event is held by `resolve_after`.
 */
export function decide(
  rule: RuleConfig,
  outcome: WindowOutcome,
  open: OpenAlert | null,
  lastOpenedAt: number | null,
  resolveAfterMs: number,
): Decision {
  const kind = triggeredKind(rule, outcome, open !== null);
  if (open === null) {
    if (kind === null) return { type: 'none' };
    const cooling = lastOpenedAt !== null && outcome.bucket - lastOpenedAt < parseDuration(rule.cooldown);
    return cooling ? { type: 'none' } : { type: 'open', kind };
  }
  if (kind === open.kind) {
    // News is a new wave while the alert is open (a fresh onset) that makes it clearly bigger; the same alert every
    // five minutes, or the tail of a wave that already passed, is noise.
    const newWave = triggeredKind(rule, outcome, false) === open.kind;
    const grew = outcome.observed >= open.observed * UPDATE_GROWTH;
    if (newWave && grew && outcome.bucket - open.lastEventAt >= UPDATE_EVERY_MS) return { type: 'update' };
    return { type: 'touch' };
  }
  if (outcome.bucket - open.lastTriggeredAt >= resolveAfterMs) return { type: 'resolve' };
  return { type: 'none' };
}

/** Whether a time falls in quiet hours ("22:00-07:00", local time); deliveries wait until they end. */
export function quietUntil(quietHours: string | undefined, at: Date, timezone: string): Date | null {
  if (quietHours === undefined) return null;
  const [start, end] = quietHours.split('-').map((part) => {
    const [h, m] = part.split(':').map(Number);
    return h! * 60 + m!;
  }) as [number, number];
  const local = TimeZone.of(timezone).fieldsAt(at.getTime());
  const minute = local.hour * 60 + local.minute;
  const inQuiet = start <= end ? minute >= start && minute < end : minute >= start || minute < end;
  if (!inQuiet) return null;
  const wait = (end - minute + 1440) % 1440;
  return new Date(Math.floor(at.getTime() / 60_000) * 60_000 + wait * 60_000);
}
