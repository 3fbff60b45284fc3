// A cold start with many series (no detector state, two weeks of rollups, a burst of negative posts now): warming
// up under a small bucket budget takes several bounded ticks, and ends in the same detector states, anomaly scores,
// alerts and deliveries as one unbounded pass over the same data.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { createTestContext, type TestContext } from '../support/context.js';
import { raw } from '../support/mentions.js';

const HOUR = 3_600_000;
const BUCKET = 300_000;
const T = Math.floor((Date.now() - 2 * 86_400_000) / HOUR) * HOUR;
const NOW = new Date(T + 60_000);
const BUDGET = 5_000;

const CALM = [
  'Goed geregeld door de gemeente, dank jullie wel.',
  'De markt in Huizen is zaterdag gewoon open.',
  'Het terras van het café aan de markt is weer open.',
];
const ANGRY = [
  'Schandalig dat de avondklok weer verlengd wordt, belachelijk dit.',
  'Wat een waardeloze en onzinnige maatregel, ik ben er klaar mee.',
  'Die avondklok is echt een schande, niemand snapt dit beleid.',
];

let unbounded: TestContext;
let bounded: TestContext;
let taxonomyDir: string;

/** The shipped taxonomy cut to three topics: eight followed series, each learning 28 days. */
function threeTopicTaxonomy(): string {
  const shipped = parse(
    fs.readFileSync(path.resolve(import.meta.dirname, '../../assets/topics.default.yaml'), 'utf8'),
  ) as { topics: { id: string }[] };
  taxonomyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'onderstroom-topics-'));
  const file = path.join(taxonomyDir, 'topics.yaml');
  const kept = new Set(['horeca', 'avondklok', 'winkels']);
  fs.writeFileSync(
    file,
    stringify({ ...shipped, topics: shipped.topics.filter((topic) => kept.has(topic.id)) }),
  );
  return file;
}

function mentions() {
  const items = [];
  for (let time = T - 14 * 86_400_000, i = 0; time < T; time += BUCKET, i++) {
    items.push(
      raw({
        externalId: `bg-${i}-a`,
        postedAt: new Date(time + 30_000),
        text: CALM[i % CALM.length]!,
        author: `inwoner ${i % 97}`,
      }),
    );
    if (i % 3 === 0) {
      items.push(
        raw({
          externalId: `bg-${i}-b`,
          postedAt: new Date(time + 90_000),
          text: ANGRY[i % ANGRY.length]!,
          author: `inwoner ${i % 89}`,
        }),
      );
    }
  }
  for (let i = 0; i < 120; i++) {
    items.push(
      raw({
        externalId: `burst-${i}`,
        postedAt: new Date(T - 25 * 60_000 + i * 5_000),
        text: ANGRY[i % ANGRY.length]!,
        author: `boze inwoner ${i}`,
      }),
    );
  }
  return items;
}

async function start(config: string): Promise<TestContext> {
  const t = await createTestContext(config);
  await t.context.repositories.sources.ensure('obi4wan', 'obi4wan');
  const items = mentions();
  for (let i = 0; i < items.length; i += 2_000) {
    await t.context.ingest.ingest(items.slice(i, i + 2_000), { sourceId: 'obi4wan', sourceKind: 'obi4wan' });
  }
  return t;
}

/** Everything detection leaves behind, in a form two databases can be compared by. */
async function outcome(t: TestContext) {
  const db = t.context.database.db;
  const states = await sql<{ series_key: string; detector_version: string; state: unknown; last: string }>`
    select series_key, detector_version, state, last_bucket::text as last from detector_states order by series_key`.execute(
    db,
  );
  const scores = await sql<{ series_key: string; n: string; digest: string }>`
    select series_key, count(*)::text as n,
      md5(string_agg(concat_ws(',', bucket, observed, expected, volume, score, spike, drop), ';' order by bucket)) as digest
    from anomaly_scores group by series_key order by series_key`.execute(db);
  const alerts = await sql<{
    rule_id: string;
    series_key: string;
    kind: string;
    state: string;
    opened: string;
  }>`
    select rule_id, series_key, kind, state, opened_at::text as opened, score, observed, expected,
      (select count(*)::int from deliveries d join alert_events e on e.id = d.event_id where e.alert_id = a.id) as deliveries
    from alerts a order by opened_at, series_key`.execute(db);
  return { states: states.rows, scores: scores.rows, alerts: alerts.rows };
}

beforeAll(async () => {
  const config = `
topics:
  file: "${threeTopicTaxonomy()}"
alerts:
  resolve_after: 30m
  channels:
    - { id: hook, kind: webhook, url: "http://127.0.0.1:9/never-called" }
  rules:
    - { id: negatief, metric: negative_share, topic: all, threshold: 0.5, min_volume: 30, window: 1h, cooldown: 3h, channels: [hook] }
    - { id: volume, metric: volume, topic: each, threshold: 0.5, min_volume: 20, window: 1h, cooldown: 3h, channels: [hook] }
`;
  [unbounded, bounded] = await Promise.all([start(config), start(config)]);
}, 180_000);

afterAll(async () => {
  await unbounded?.close();
  await bounded?.close();
  if (taxonomyDir) fs.rmSync(taxonomyDir, { recursive: true, force: true });
});

describe('a cold start under a bucket budget', () => {
  it('takes several bounded ticks and ends where one unbounded pass ends', async () => {
    const series = unbounded.context.detection.followedSeries().length;
    expect(series).toBe(8);
    const whole = await unbounded.context.detection.tick(NOW);
    expect(whole).toMatchObject({ series, behind: 0 });
    expect(whole.buckets).toBe(series * 28 * 288);
    expect(whole.events).toBeGreaterThan(0);

    const runs = [];
    for (let tick = 0; tick < 100; tick++) {
      const run = await bounded.context.detection.tick(NOW, BUDGET);
      runs.push(run);
      expect(run.buckets).toBeLessThanOrEqual(BUDGET);
      if (run.behind === 0) break;
    }
    expect(runs.length).toBe(Math.ceil(whole.buckets / BUDGET));
    expect(runs.at(-1)!.behind).toBe(0);
    expect(runs.reduce((sum, run) => sum + run.buckets, 0)).toBe(whole.buckets);
    expect(runs.reduce((sum, run) => sum + run.events, 0)).toBe(whole.events);
    // Caught up: another tick scores nothing.
    expect(await bounded.context.detection.tick(NOW, BUDGET)).toMatchObject({
      buckets: 0,
      events: 0,
      behind: 0,
    });

    const [a, b] = await Promise.all([outcome(unbounded), outcome(bounded)]);
    expect(a.states).toHaveLength(series);
    expect(a.alerts.length).toBeGreaterThan(0);
    expect(b).toEqual(a);
  });

  it('scores the series nearest to the present first', async () => {
    // Both are warm now; one series is reset to a cold start (as a new topic or a dropped state would be).
    const db = bounded.context.database.db;
    await sql`update detector_states set state = 'null'::jsonb, last_bucket = last_bucket - interval '28 days'
      where series_key = 'negative_share:all:all'`.execute(db);
    const later = new Date(NOW.getTime() + HOUR);
    const run = await bounded.context.detection.tick(later, 12 * 8);
    // The seven warm series take their hour (12 buckets each) before the cold one gets what is left.
    expect(run).toMatchObject({ buckets: 12 * 8, series: 7, behind: 1 });
    const last = await sql<{ series_key: string; last: Date }>`
      select series_key, last_bucket as last from detector_states order by series_key`.execute(db);
    for (const row of last.rows) {
      if (row.series_key === 'negative_share:all:all') continue;
      expect(row.last.getTime(), row.series_key).toBe(T + HOUR - BUCKET);
    }
  });
});
