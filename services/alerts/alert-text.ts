// The Dutch sentences of alert messages, in one place.
import { dutchDuration } from '../config/duration.js';
import { count, percent } from './alert-message.js';
import type { DetectionSeries } from './detection-series.js';

export function scopeText(series: DetectionSeries, topicLabel: (id: string) => string): string {
  const parts: string[] = [];
  if (series.topic !== 'all') parts.push(topicLabel(series.topic));
  if (series.source !== 'all') parts.push(`via ${series.source}`);
  if (parts.length > 0) return parts.join(', ');
  return series.metric === 'questions' ? 'alle vragen' : 'alle berichten';
}

export function alertTitle(
  series: DetectionSeries,
  kind: 'spike' | 'drop',
  topicLabel: (id: string) => string,
): string {
  // Questions rules judge bursts only (the config refuses another direction).
  if (series.metric === 'questions') return `Piek in aantal vragen: ${scopeText(series, topicLabel)}`;
  const what =
    series.metric === 'volume'
      ? kind === 'spike'
        ? 'Piek in aantal berichten'
        : 'Opvallend weinig berichten'
      : kind === 'spike'
        ? 'Piek in negatief sentiment'
        : 'Opvallend minder negatief sentiment';
  return `${what}: ${scopeText(series, topicLabel)}`;
}

/**
 * "62% negatief (normaal 28%), 143 berichten in het afgelopen uur", "143 berichten in het afgelopen uur (normaal 40)"
 * or "38 vragen in het afgelopen uur (normaal 3)".
 */
export function headline(
  series: DetectionSeries,
  window: { observed: number; expected: number; volume: number; windowMs: number },
  resolved = false,
): string {
  const period = `in het afgelopen ${window.windowMs === 3_600_000 ? 'uur' : dutchDuration(window.windowMs)}`;
  const prefix = resolved ? 'Weer normaal: ' : '';
  if (series.metric === 'volume') {
    return `${prefix}${count(window.observed)} berichten ${period} (normaal ${count(window.expected)})`;
  }
  if (series.metric === 'questions') {
    const noun = Math.round(window.observed) === 1 ? 'vraag' : 'vragen';
    return `${prefix}${count(window.observed)} ${noun} ${period} (normaal ${count(window.expected)})`;
  }
  return `${prefix}${percent(window.observed)} negatief (normaal ${percent(window.expected)}), ${count(window.volume)} berichten ${period}`;
}

/** The baseline line of an alert opened before its bucket closed (or again, by late posts). */
export const EARLY_BASELINE =
  'Normaal = wat op dit moment van het blok van vijf minuten te verwachten was, naar wat de detector voor dit uur verwacht.';

/** Said first in the message of an alert that late posts opened: it comes later than the posts themselves. */
export const LATE_PREFIX = 'Laat gemeld: ';

export function sourceFailureTitle(sourceId: string): string {
  return `Bron werkt niet: ${sourceId}`;
}
