import { describe, expect, it } from 'vitest';
import { emptyValue, METRIC_DEFINITIONS, METRICS, metricValue, shareCounts } from './metric-definitions.js';
import { EMPTY_SUMS } from './series.js';

describe('metricValue', () => {
  const sums = { ...EMPTY_SUMS, n: 4, nNeg: 3, nPos: 1, scoreSum: -1500, reachSum: 900 };
  it('computes shares and means from pooled sums', () => {
    expect(metricValue('volume', sums)).toBe(4);
    expect(metricValue('negative_share', sums)).toBe(0.75);
    expect(metricValue('positive_share', sums)).toBe(0.25);
    expect(metricValue('neutral_share', sums)).toBe(0);
    expect(metricValue('mean_score', sums)).toBe(-0.375);
    expect(metricValue('reach', sums)).toBe(900);
  });
  it('gives 0 for counts and null for shares in an empty bucket', () => {
    expect(metricValue('volume', EMPTY_SUMS)).toBe(0);
    expect(metricValue('reach', EMPTY_SUMS)).toBe(0);
    expect(metricValue('negative_share', EMPTY_SUMS)).toBeNull();
    expect(metricValue('mean_score', EMPTY_SUMS)).toBeNull();
  });
});

describe('the metric table', () => {
  it('lists the metrics in the order the API documents', () => {
    expect(METRICS).toEqual([
      'volume',
      'negative_share',
      'positive_share',
      'neutral_share',
      'mean_score',
      'reach',
    ]);
  });
  it('reads only the sums a metric names', () => {
    expect(metricValue('negative_share', { n: 8, nNeg: 2 })).toBe(0.25);
    expect(metricValue('volume', { n: 5 })).toBe(5);
  });
  it('has an empty value per metric: 0 for totals, none for ratios', () => {
    for (const metric of METRICS) {
      const total = METRIC_DEFINITIONS[metric].denominator === null;
      expect(emptyValue(metric), metric).toBe(total ? 0 : null);
      expect(metricValue(metric, EMPTY_SUMS), metric).toBe(emptyValue(metric));
    }
  });
  it("gives a share's two counts for its interval", () => {
    const sums = { ...EMPTY_SUMS, n: 4, nNeg: 3, nPos: 1 };
    expect(shareCounts('negative_share', sums)).toEqual({ k: 3, n: 4 });
    expect(shareCounts('positive_share', sums)).toEqual({ k: 1, n: 4 });
  });
  it('refuses a metric that is not in the table, by name', () => {
    expect(() => metricValue('median' as 'volume', EMPTY_SUMS)).toThrow('Unknown metric "median"');
  });
});
