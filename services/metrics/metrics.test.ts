import { describe, expect, it } from 'vitest';
import { Metrics } from './metrics.js';
import { metricsTokenAccepted } from './metrics-token.js';

const lines = async (metrics: Metrics, prefix: string) =>
  (await metrics.exposition()).body.split('\n').filter((line) => line.startsWith(prefix));

describe('Metrics', () => {
  it('reads queue depth and stale schedules when scraped, every state of every queue', async () => {
    const metrics = new Metrics({ defaultMetrics: false });
    metrics.watchQueues(() => Promise.resolve({ poll: { waiting: 3, active: 1 }, notify: { failed: 2 } }));
    metrics.watchSchedules(() =>
      Promise.resolve({
        schedules: [
          { schedule: 'detect:tick', stale: true },
          { schedule: 'notify:deliver', stale: false },
        ],
      }),
    );
    expect(await lines(metrics, 'onderstroom_queue_jobs')).toEqual([
      'onderstroom_queue_jobs{queue="poll",state="waiting"} 3',
      'onderstroom_queue_jobs{queue="poll",state="active"} 1',
      'onderstroom_queue_jobs{queue="poll",state="delayed"} 0',
      'onderstroom_queue_jobs{queue="poll",state="failed"} 0',
      'onderstroom_queue_jobs{queue="notify",state="waiting"} 0',
      'onderstroom_queue_jobs{queue="notify",state="active"} 0',
      'onderstroom_queue_jobs{queue="notify",state="delayed"} 0',
      'onderstroom_queue_jobs{queue="notify",state="failed"} 2',
    ]);
    expect(await lines(metrics, 'onderstroom_schedule_stale')).toEqual([
      'onderstroom_schedule_stale{schedule="detect:tick"} 1',
      'onderstroom_schedule_stale{schedule="notify:deliver"} 0',
    ]);
  });

  it('still answers a scrape when Redis or PostgreSQL is away, without those gauges', async () => {
    const metrics = new Metrics({ defaultMetrics: false });
    metrics.watchQueues(() => Promise.reject(new Error('connect ECONNREFUSED')));
    metrics.watchSchedules(() => Promise.reject(new Error('database is away')));
    metrics.alertOpened('spike');
    expect(await lines(metrics, 'onderstroom_queue_jobs{')).toEqual([]);
    expect(await lines(metrics, 'onderstroom_schedule_stale{')).toEqual([]);
    expect(await lines(metrics, 'onderstroom_alerts_opened_total{')).toEqual([
      'onderstroom_alerts_opened_total{kind="spike"} 1',
    ]);
  });

  it('counts a failed poll as an error of its kind (unknown when none is given), a successful one as none', async () => {
    const metrics = new Metrics({ defaultMetrics: false });
    metrics.pollFinished('rss-vr', 'failed', 0.5, 'auth');
    metrics.pollFinished('rss-vr', 'failed', 0.1);
    metrics.pollFinished('rss-vr', 'polled', 0.2);
    expect(await lines(metrics, 'onderstroom_poll_errors_total{')).toEqual([
      'onderstroom_poll_errors_total{source="rss-vr",kind="auth"} 1',
      'onderstroom_poll_errors_total{source="rss-vr",kind="unknown"} 1',
    ]);
  });
});

describe('metricsTokenAccepted', () => {
  const token = 'a-token-of-at-least-24-characters';
  it('accepts exactly the bearer token', () => {
    expect(metricsTokenAccepted(`Bearer ${token}`, token)).toBe(true);
    expect(metricsTokenAccepted(`bearer ${token}`, token)).toBe(true);
  });
  it('refuses anything else', () => {
    expect(metricsTokenAccepted(undefined, token)).toBe(false);
    expect(metricsTokenAccepted(token, token)).toBe(false);
    expect(metricsTokenAccepted(`Bearer ${token}x`, token)).toBe(false);
    expect(metricsTokenAccepted(`Bearer ${token.slice(1)}`, token)).toBe(false);
    expect(metricsTokenAccepted(`Basic ${token}`, token)).toBe(false);
    expect(metricsTokenAccepted(`Bearer ${token} extra`, token)).toBe(false);
  });
});
