// Which series the detector follows: the overall volume and negative share, the same per topic, and every series
// an alert rule names (question counts only that way). Keys are stable strings, used in the database and in Grafana
// queries; a question series has its own key (`questions:all:<topic>`), so its detector state is its own.
import type { RuleConfig } from '../config/alerts.schema.js';

export type DetectedMetric = 'volume' | 'negative_share' | 'questions';

/** Counts (mentions or questions) rather than a share: judged by the spike detector, summed over a window. */
export function isCount(metric: DetectedMetric): boolean {
  return metric !== 'negative_share';
}

export interface DetectionSeries {
  key: string;
  metric: DetectedMetric;
  source: string;
  topic: string;
}

export function seriesKey(metric: DetectedMetric, source: string, topic: string): string {
  return `${metric}:${source}:${topic}`;
}

export function parseSeriesKey(key: string): DetectionSeries | null {
  const [metric, source, topic, ...rest] = key.split(':');
  if (rest.length > 0 || source === undefined || topic === undefined) return null;
  if (metric !== 'volume' && metric !== 'negative_share' && metric !== 'questions') return null;
  return { key, metric, source, topic };
}

/** The series one rule watches: `topic: each` expands to every topic of the taxonomy. */
export function ruleSeries(rule: RuleConfig, topics: readonly string[]): DetectionSeries[] {
  const ruleTopics = rule.topic === 'each' ? topics : [rule.topic];
  return ruleTopics.map((topic) => ({
    key: seriesKey(rule.metric, rule.source, topic),
    metric: rule.metric,
    source: rule.source,
    topic,
  }));
}

export function detectionSeries(rules: readonly RuleConfig[], topics: readonly string[]): DetectionSeries[] {
  const all = new Map<string, DetectionSeries>();
  const add = (series: DetectionSeries) => all.set(series.key, series);
  for (const metric of ['volume', 'negative_share'] as const) {
    for (const topic of ['all', ...topics])
      add({ key: seriesKey(metric, 'all', topic), metric, source: 'all', topic });
  }
  for (const rule of rules) for (const series of ruleSeries(rule, topics)) add(series);
  return [...all.values()].sort((a, b) => a.key.localeCompare(b.key));
}
