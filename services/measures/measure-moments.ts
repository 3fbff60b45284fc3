// When a measure starts and ends as instants: local midnight of its calendar days in the configured time zone.
import { endOfLocalDay, startOfLocalDay } from '../time/zoned-time.js';
import type { Measure } from './measure.js';

export const HOUR = 3_600_000;

/** The date an effect is measured around. */
export type EffectAnchor = 'effective_from' | 'announced_on';

export function anchorDate(
  measure: Pick<Measure, 'announcedOn' | 'effectiveFrom'>,
  anchor: EffectAnchor,
): string {
  return anchor === 'announced_on' ? (measure.announcedOn ?? measure.effectiveFrom) : measure.effectiveFrom;
}

/** Local midnight of the anchor date (epoch ms). */
export function anchorMs(
  measure: Pick<Measure, 'announcedOn' | 'effectiveFrom'>,
  timezone: string,
  anchor: EffectAnchor = 'effective_from',
): number {
  return startOfLocalDay(anchorDate(measure, anchor), timezone);
}

/** The end of the last day it is in effect (effective_until is inclusive); null when open-ended. */
export function untilMs(measure: Pick<Measure, 'effectiveUntil'>, timezone: string): number | null {
  return measure.effectiveUntil === null ? null : endOfLocalDay(measure.effectiveUntil, timezone);
}

/** The calendar date `days` later (earlier when negative). */
export function shiftDays(date: string, days: number): string {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + days);
  return next.toISOString().slice(0, 10);
}
