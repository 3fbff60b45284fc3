import { describe, expect, it } from 'vitest';
import type { RuleConfig } from '../config/alerts.schema.js';
import { decide, quietUntil, type OpenAlert, type WindowOutcome } from './rule.evaluator.js';

const rule: RuleConfig = {
  id: 'neg',
  metric: 'negative_share',
  source: 'all',
  topic: 'all',
  direction: 'spike',
  threshold: 0.99,
  min_volume: 30,
  window: '1h',
  cooldown: '3h',
  channels: [],
};
const T = Date.parse('2021-01-24T20:00:00Z');
const outcome = (overrides: Partial<WindowOutcome>): WindowOutcome => ({
  bucket: T,
  spike: 0.5,
  drop: 0,
  spikeLevel: 0.5,
  dropLevel: 0,
  score: 0.5,
  observed: 0.3,
  expected: 0.28,
  volume: 100,
  expectedVolume: 100,
  ...overrides,
});
const open = (overrides: Partial<OpenAlert> = {}): OpenAlert => ({
  id: '1',
  kind: 'spike',
  score: 0.995,
  observed: 0.6,
  lastTriggeredAt: T,
  lastEventAt: T,
  ...overrides,
});

describe('decide', () => {
  it('opens on a spike with enough volume, not on a small one', () => {
    expect(decide(rule, outcome({ spike: 0.995, score: 0.995 }), null, null, 3_600_000)).toEqual({
      type: 'open',
      kind: 'spike',
    });
    // 5 negatives of 6 is not the spike that 500 of 600 is.
    expect(decide(rule, outcome({ spike: 0.995, volume: 6 }), null, null, 3_600_000)).toEqual({
      type: 'none',
    });
  });

  it('ignores drops when the rule watches spikes, and judges drops by expected volume', () => {
    expect(decide(rule, outcome({ drop: 0.999 }), null, null, 3_600_000)).toEqual({ type: 'none' });
    const drops = { ...rule, metric: 'volume' as const, direction: 'drop' as const };
    expect(
      decide(drops, outcome({ drop: 0.999, volume: 0, expectedVolume: 80 }), null, null, 3_600_000),
    ).toEqual({ type: 'open', kind: 'drop' });
  });

  it('waits out the cooldown after the last alert opened', () => {
    const spike = outcome({ spike: 0.999 });
    expect(decide(rule, spike, null, T - 2 * 3_600_000, 3_600_000)).toEqual({ type: 'none' });
    expect(decide(rule, spike, null, T - 3 * 3_600_000, 3_600_000)).toEqual({ type: 'open', kind: 'spike' });
  });

  it('updates on a new, bigger wave at most every half hour, and otherwise keeps the alert open quietly', () => {
    const wave = outcome({
      bucket: T + 35 * 60_000,
      spike: 0.999,
      spikeLevel: 0.999,
      score: 0.999,
      observed: 0.8,
    });
    expect(decide(rule, wave, open(), null, 3_600_000)).toEqual({ type: 'update' });
    expect(decide(rule, { ...wave, bucket: T + 10 * 60_000 }, open(), null, 3_600_000)).toEqual({
      type: 'touch',
    });
    expect(decide(rule, { ...wave, observed: 0.61 }, open(), null, 3_600_000)).toEqual({ type: 'touch' });
    // The tail of the first wave: still high, but no new onset.
    expect(decide(rule, { ...wave, spike: 0 }, open(), null, 3_600_000)).toEqual({ type: 'touch' });
  });

  it('resolves after the quiet period without a trigger', () => {
    expect(decide(rule, outcome({ bucket: T + 55 * 60_000 }), open(), null, 3_600_000)).toEqual({
      type: 'none',
    });
    expect(decide(rule, outcome({ bucket: T + 60 * 60_000 }), open(), null, 3_600_000)).toEqual({
      type: 'resolve',
    });
  });
});

describe('quietUntil', () => {
  it('holds deliveries during quiet hours across midnight, in local time', () => {
    // 22:30 in Amsterdam (winter, UTC+1) is 21:30 UTC; quiet until 07:00 local = 06:00 UTC.
    expect(quietUntil('22:00-07:00', new Date('2021-01-24T21:30:00Z'), 'Europe/Amsterdam')).toEqual(
      new Date('2021-01-25T06:00:00Z'),
    );
    expect(quietUntil('22:00-07:00', new Date('2021-01-24T12:00:00Z'), 'Europe/Amsterdam')).toBeNull();
    expect(quietUntil(undefined, new Date(), 'Europe/Amsterdam')).toBeNull();
  });
});
