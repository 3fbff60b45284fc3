// The early path: a surge opens its alert while its bucket is still open, once; the closed bucket then finds it open
// and opens no second; quiet minutes open nothing; posts that arrive after their bucket was scored open a late
// alert, once. Judging early never changes the detector's state.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { AlertMessage } from '../../services/alerts/alert-message.js';
import { createTestContext, type TestContext } from '../support/context.js';
import { raw } from '../support/mentions.js';
import { startHttpReceiver, type HttpReceiver } from '../fakes/receivers.js';

const HOUR = 3_600_000;
const BUCKET = 300_000;
// A simulated "now" a few days back, so every post lies in the past.
const T = Math.floor((Date.now() - 3 * 86_400_000) / HOUR) * HOUR;
const SOURCES = ['obi4wan', 'coosto'] as const;

let t: TestContext;
let hook: HttpReceiver;

/** Two posts per 5 minutes per source, at 0:40 and 3:10 into each bucket. */
function background(fromMs: number, toMs: number, prefix: string) {
  const items: { source: string; item: ReturnType<typeof raw> }[] = [];
  for (let time = fromMs, i = 0; time < toMs; time += BUCKET, i++) {
    for (const source of SOURCES) {
      for (const [j, offset] of [40_000, 190_000].entries()) {
        items.push({
          source,
          item: raw({
            externalId: `${prefix}-${source}-${i}-${j}`,
            postedAt: new Date(time + offset),
            text: 'De markt in Huizen is zaterdag gewoon open.',
            author: `inwoner ${i % 97}`,
          }),
        });
      }
    }
  }
  return items;
}

function burst(source: string, prefix: string, fromMs: number, count: number, everyMs: number) {
  return Array.from({ length: count }, (_, i) => ({
    source,
    item: raw({
      externalId: `${prefix}-${i}`,
      postedAt: new Date(fromMs + i * everyMs),
      text: 'Wat een waardeloze maatregel, de avondklok weer verlengd.',
      author: `inwoner ${i}`,
    }),
  }));
}

async function ingest(items: { source: string; item: ReturnType<typeof raw> }[]) {
  for (const source of SOURCES) {
    const own = items.filter((entry) => entry.source === source).map((entry) => entry.item);
    for (let i = 0; i < own.length; i += 2_000) {
      await t.context.ingest.ingest(own.slice(i, i + 2_000), { sourceId: source, sourceKind: source });
    }
  }
}

const alertsOf = (ruleId: string) =>
  t.context.alerts
    .list({ fromMs: T - 2 * HOUR, toMs: T + 5 * HOUR, kind: null, state: null, limit: 10 })
    .then((alerts) => alerts.filter((alert) => alert.ruleId === ruleId));

async function states(): Promise<unknown[]> {
  const result =
    await sql`select series_key, detector_version, state, last_bucket from detector_states order by series_key`.execute(
      t.context.database.db,
    );
  return result.rows;
}

beforeAll(async () => {
  hook = await startHttpReceiver();
  t = await createTestContext(`
alerts:
  resolve_after: 30m
  channels:
    - { id: hook, kind: webhook, url: "${hook.url}" }
  rules:
    - { id: piek-obi, metric: volume, source: obi4wan, topic: all, threshold: 0.5, min_volume: 20, window: 1h, cooldown: 3h, channels: [hook] }
    - { id: piek-coosto, metric: volume, source: coosto, topic: all, threshold: 0.5, min_volume: 20, window: 1h, cooldown: 3h, channels: [hook] }
`);
  for (const source of SOURCES) await t.context.repositories.sources.ensure(source, source);
  await ingest(background(T - 7 * 86_400_000, T, 'bg'));
  await t.context.detection.tick(new Date(T + 60_000));
}, 180_000);

afterAll(async () => {
  await hook.close();
  await t.close();
});

describe('judging the open bucket', () => {
  it('opens nothing on quiet minutes, and never changes the detector state', async () => {
    await ingest(background(T, T + BUCKET, 'quiet'));
    const before = await states();
    for (const at of [30_000, 120_000, 240_000, 330_000]) {
      const run = await t.context.detection.early(new Date(T + at));
      expect(run.series).toBe(2);
      expect(run.judged).toBeGreaterThan(0);
      expect(run.opened).toBe(0);
      expect(run.late).toBe(0);
      expect(run.fired).toEqual([]);
    }
    expect(await states()).toEqual(before);
    expect(await t.context.detection.tick(new Date(T + BUCKET + 60_000))).toMatchObject({ events: 0 });
  });

  it('opens one alert within the open bucket when posts surge, and the closed bucket opens no second', async () => {
    const start = T + BUCKET;
    // 40 posts in the bucket's first 80 s, against about 2 expected in the whole bucket.
    await ingest([
      ...background(start, start + BUCKET, 'surge-bg'),
      ...burst('obi4wan', 'surge', start, 40, 2_000),
    ]);
    const before = await states();
    const run = await t.context.detection.early(new Date(start + 90_000));
    expect(run).toMatchObject({ opened: 1, late: 0 });
    expect(run.fired).toMatchObject([
      {
        seriesKey: 'volume:obi4wan:all',
        bucket: start,
        late: false,
        rules: [{ ruleId: 'piek-obi', outcome: 'opened' }],
      },
    ]);
    expect(await states()).toEqual(before);
    const [alert, ...more] = await alertsOf('piek-obi');
    expect(more).toHaveLength(0);
    expect(alert).toMatchObject({
      kind: 'spike',
      state: 'open',
      late: false,
      seriesKey: 'volume:obi4wan:all',
    });
    expect(alert!.openedAt.getTime()).toBeLessThan(start + BUCKET);
    const message = alert!.events[0]!.message as AlertMessage;
    expect(message.headline).toMatch(/^\d+ berichten in het afgelopen uur \(normaal \d+\)$/);
    expect(message.baseline).toMatch(/^Normaal = /);
    expect(await t.context.deliveries.deliverDue()).toMatchObject({ delivered: 1 });

    // Judged again while the bucket fills, and once it closed (in its grace minute): still one alert.
    // The judgement still fires; the rule says why it opens nothing.
    expect(await t.context.detection.early(new Date(start + 105_000))).toMatchObject({
      opened: 0,
      fired: [{ seriesKey: 'volume:obi4wan:all', rules: [{ ruleId: 'piek-obi', outcome: 'alert_open' }] }],
    });
    expect(await t.context.detection.early(new Date(start + BUCKET + 30_000))).toMatchObject({ opened: 0 });
    const closed = await t.context.detection.tick(new Date(start + BUCKET + 60_000));
    expect(closed.events).toBe(0);
    const after = await alertsOf('piek-obi');
    expect(after).toHaveLength(1);
    expect(after[0]!.events).toHaveLength(1);
    expect(after[0]!.state).toBe('open');
    expect(await t.context.deliveries.deliverDue()).toMatchObject({ delivered: 0 });
    expect(await alertsOf('piek-coosto')).toHaveLength(0);
  });

  it('opens a late alert once when posts arrive for a bucket already scored', async () => {
    const late = T + BUCKET;
    await ingest(background(T + 2 * BUCKET, T + 3 * BUCKET, 'later'));
    expect(await t.context.detection.tick(new Date(T + 3 * BUCKET + 60_000))).toMatchObject({ events: 0 });
    // coosto's posts of the surge bucket arrive when that bucket was scored long ago.
    await ingest(burst('coosto', 'late', late + 10_000, 40, 5_000));
    const before = await states();
    const run = await t.context.detection.early(new Date(T + 3 * BUCKET + 90_000));
    expect(run).toMatchObject({
      opened: 1,
      late: 1,
      fired: [{ seriesKey: 'volume:coosto:all', bucket: late, late: true, rules: [{ outcome: 'opened' }] }],
    });
    expect(await states()).toEqual(before);
    const [alert, ...more] = await alertsOf('piek-coosto');
    expect(more).toHaveLength(0);
    expect(alert).toMatchObject({ kind: 'spike', late: true, seriesKey: 'volume:coosto:all' });
    expect(alert!.details).toMatchObject({ late: true });
    expect((alert!.events[0]!.message as AlertMessage).headline).toMatch(/^Laat gemeld: \d+ berichten/);

    // Once: the next early run and the next tick find the bucket's count up to date and the alert open.
    expect(await t.context.detection.early(new Date(T + 3 * BUCKET + 105_000))).toMatchObject({
      opened: 0,
      late: 0,
    });
    expect(await t.context.detection.tick(new Date(T + 4 * BUCKET + 60_000))).toMatchObject({ events: 0 });
    expect(await alertsOf('piek-coosto')).toHaveLength(1);
    expect(await alertsOf('piek-obi')).toHaveLength(1);
    expect(await t.context.deliveries.deliverDue()).toMatchObject({ delivered: 1 });
    const events = hook.accepted.map((r) => JSON.parse(r.body) as { event: string });
    expect(events.map((event) => event.event)).toEqual(['opened', 'opened']);
    expect(hook.accepted[0]!.body).not.toContain('Laat gemeld');
    expect(hook.accepted[1]!.body).toContain('Laat gemeld: ');
  });

  it('opens a new surge once the cooldown after the last alert opened has passed, though it resolved more recently', async () => {
    // piek-obi opened at T + BUCKET + 90 s; the new surge starts 3 h 15 min later (the rule's cooldown is 3 h).
    const second = T + BUCKET + 3 * HOUR + 15 * 60_000;
    await ingest([
      ...background(T + 4 * BUCKET, second + BUCKET, 'after'),
      ...burst('obi4wan', 'second', second, 40, 2_000),
    ]);
    await t.context.detection.tick(new Date(second + 60_000));
    const [first] = await alertsOf('piek-obi');
    expect(first).toMatchObject({ state: 'resolved' });
    // Counted from its resolution, the cooldown would still run.
    expect(first!.resolvedAt!.getTime()).toBeGreaterThan(second - 3 * HOUR);

    const run = await t.context.detection.early(new Date(second + 90_000));
    expect(run).toMatchObject({ opened: 1, fired: [{ rules: [{ ruleId: 'piek-obi', outcome: 'opened' }] }] });
    const alerts = await alertsOf('piek-obi');
    expect(alerts.map((alert) => alert.state)).toEqual(['open', 'resolved']);
  });
});
