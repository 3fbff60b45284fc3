// From rollups to a delivered alert: the detector learns two weeks of ordinary talk, a burst of negative posts opens
// exactly one alert with its context, running again changes nothing, and calm afterwards resolves it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertMessage } from '../../services/alerts/alert-message.js';
import { createTestContext, type TestContext } from '../support/context.js';
import { raw } from '../support/mentions.js';
import { startHttpReceiver, type HttpReceiver } from '../fakes/receivers.js';

const HOUR = 3_600_000;
const BUCKET = 300_000;
// A simulated "now" a few days back, so every post lies in the past.
const T = Math.floor((Date.now() - 3 * 86_400_000) / HOUR) * HOUR;

let t: TestContext;
let hook: HttpReceiver;

const CALM = [
  'Goed geregeld door de gemeente, dank jullie wel.',
  'De markt in Huizen is zaterdag gewoon open.',
  'Vanavond is er een informatieavond in het gemeentehuis.',
];
const ANGRY = [
  'Schandalig dat de avondklok weer verlengd wordt, belachelijk dit.',
  'Wat een waardeloze en onzinnige maatregel, ik ben er klaar mee.',
  'Die avondklok is echt een schande, niemand snapt dit beleid.',
];

function background(fromMs: number, toMs: number, prefix: string) {
  const items = [];
  for (let time = fromMs, i = 0; time < toMs; time += BUCKET, i++) {
    items.push(
      raw({
        externalId: `${prefix}-${i}-a`,
        postedAt: new Date(time + 30_000),
        text: CALM[i % CALM.length]!,
        author: `inwoner ${i % 97}`,
      }),
    );
    if (i % 3 === 0) {
      items.push(
        raw({
          externalId: `${prefix}-${i}-b`,
          postedAt: new Date(time + 90_000),
          text: ANGRY[i % ANGRY.length]!,
          author: `inwoner ${i % 89}`,
        }),
      );
    }
  }
  return items;
}

async function ingest(items: ReturnType<typeof raw>[]) {
  for (let i = 0; i < items.length; i += 2_000) {
    await t.context.ingest.ingest(items.slice(i, i + 2_000), { sourceId: 'obi4wan', sourceKind: 'obi4wan' });
  }
}

beforeAll(async () => {
  hook = await startHttpReceiver();
  t = await createTestContext(`
alerts:
  resolve_after: 30m
  channels:
    - { id: hook, kind: webhook, url: "${hook.url}" }
  rules:
    - { id: negatief, metric: negative_share, topic: all, threshold: 0.5, min_volume: 30, window: 1h, cooldown: 3h, channels: [hook] }
`);
  await t.context.repositories.sources.ensure('obi4wan', 'obi4wan');
  // The texts carry the sentiment the test relies on.
  for (const text of CALM) expect(t.context.enricher.enrich(text).sentiment.label).not.toBe('negative');
  for (const text of ANGRY) expect(t.context.enricher.enrich(text).sentiment.label).toBe('negative');
  await ingest(background(T - 14 * 86_400_000, T - HOUR, 'bg'));
}, 120_000);

afterAll(async () => {
  await hook.close();
  await t.close();
});

describe('detection and alerting', () => {
  it('learns ordinary talk without alerting', async () => {
    const run = await t.context.detection.tick(new Date(T - HOUR + 60_000));
    expect(run.buckets).toBeGreaterThan(4_000);
    expect(run.events).toBe(0);
    // The first tick warms the detectors on 14 days of buckets: seconds on a quiet machine, up to a minute at load
    // 25 on 2 cores, so its limit sits far above both.
  }, 300_000);

  it('opens one alert with context when negative posts burst', async () => {
    const burst = Array.from({ length: 120 }, (_, i) =>
      raw({
        externalId: `burst-${i}`,
        postedAt: new Date(T - 25 * 60_000 + i * 5_000),
        text: ANGRY[i % ANGRY.length]!,
        author: `boze inwoner ${i}`,
        reach: 1_000 + i,
      }),
    );
    await ingest([...background(T - HOUR, T, 'now'), ...burst]);
    const run = await t.context.detection.tick(new Date(T + 60_000));
    expect(run.events).toBe(1);

    const alerts = await t.context.alerts.list({
      fromMs: T - 2 * HOUR,
      toMs: T + HOUR,
      kind: null,
      state: 'open',
      limit: 10,
    });
    expect(alerts).toHaveLength(1);
    const alert = alerts[0]!;
    expect(alert).toMatchObject({ kind: 'spike', ruleId: 'negatief', seriesKey: 'negative_share:all:all' });
    expect(alert.title).toBe('Piek in negatief sentiment: alle berichten');
    const message = alert.events[0]!.message as AlertMessage;
    expect(message.headline).toMatch(/^\d+% negatief \(normaal \d+%\), \d+ berichten in het afgelopen uur$/);
    expect(message.baseline).toMatch(/^Normaal = /);
    expect(message.examples).toHaveLength(3);
    for (const example of message.examples) {
      expect(example.author).toMatch(/^p_/);
      expect(example.sentiment).toBe('negative');
    }
    expect(message.terms.length).toBeGreaterThan(0);

    // The same tick again scores nothing and opens nothing.
    expect(await t.context.detection.tick(new Date(T + 60_000))).toMatchObject({ buckets: 0, events: 0 });
    expect(await t.context.deliveries.deliverDue()).toMatchObject({ delivered: 1 });
    expect(JSON.parse(hook.accepted[0]!.body)).toMatchObject({ event: 'opened', kind: 'spike' });
  });

  it('resolves the alert when talk is ordinary again, and delivers that once', async () => {
    await ingest(background(T, T + 2 * HOUR, 'after'));
    const run = await t.context.detection.tick(new Date(T + 2 * HOUR + 60_000));
    expect(run.events).toBe(1);
    const [alert] = await t.context.alerts.list({
      fromMs: T - 2 * HOUR,
      toMs: T + 3 * HOUR,
      kind: null,
      state: null,
      limit: 10,
    });
    expect(alert!.state).toBe('resolved');
    expect((alert!.events[1]!.message as AlertMessage).headline).toMatch(/^Weer normaal: /);
    expect(await t.context.deliveries.deliverDue()).toMatchObject({ delivered: 1 });
    expect(await t.context.deliveries.deliverDue()).toMatchObject({ delivered: 0 });
    expect(hook.accepted.map((r) => (JSON.parse(r.body) as { event: string }).event)).toEqual([
      'opened',
      'resolved',
    ]);
  });

  it('serves the anomaly score to Grafana', async () => {
    const scores = await t.context.repositories.detection.scoreSeries(
      'negative_share:all:all',
      T - HOUR,
      T,
      HOUR,
    );
    expect(scores).toHaveLength(1);
    expect(scores[0]!.value).toBeGreaterThanOrEqual(0.5);
  });
});
