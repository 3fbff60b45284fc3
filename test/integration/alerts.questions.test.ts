// question_spike alerts from the question rollups: three weeks of ordinary (Poisson) questions teach the detector
// and are judged without an alert, a burst of horeca questions opens exactly one question_spike alert (topic, counts,
// the top questions, no contact details), a tick that dies before its commit and is retried changes nothing twice,
// and calm opens none.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { parse, stringify } from 'yaml';
import type { AlertMessage } from '../../services/alerts/alert-message.js';
import { buildCheckedApi } from '../support/openapi.js';
import { DetectionService } from '../../services/alerts/detection.service.js';
import { ruleSeries } from '../../services/alerts/detection-series.js';
import { createSeriesBuckets } from '../../services/alerts/series-buckets.js';
import { createSpikeDetectorFactory } from '../../services/alerts/spike-detector.factory.js';
import { dailyRate, poissonSampler } from '../../services/detector/synthetic.series.js';
import { seededRandom } from '../../services/random/seeded-random.js';
import type { RuleConfig } from '../../services/config/alerts.schema.js';
import type { QuestionActor, RawQuestion } from '../../services/questions/question.js';
import { createUnitOfWork, type Transactor } from '../../services/repositories/unit-of-work.js';
import { createTestContext, type TestContext } from '../support/context.js';
import { startHttpReceiver, type HttpReceiver } from '../fakes/receivers.js';

const HOUR = 3_600_000;
const BUCKET = 300_000;
// A fixed simulated "now" in the past, so every question lies in the past and every run sees the same seeded
// week at the same hours of the day: taken from the clock, the week's phase against the daily rhythm moved with the
// hour the test ran, and at some hours the seeded counts hold a genuine (if rare) false alarm. How often ordinary
// questions alarm is measured by `npm run eval:question-spikes`, not here.
const T = Date.parse('2026-11-29T14:00:00Z');

const kcc: QuestionActor = { name: 'kcc-medewerker', role: 'kcc', team: null, apiKeyId: null };

// Ordinary days: three kinds of question, one about horeca.
const ORDINARY: { text: string; topic: string | null }[] = [
  { text: 'Mag het terras van mijn café in het weekend open blijven?', topic: 'horeca' },
  { text: 'Waar kan ik me laten testen als ik klachten heb?', topic: 'testen' },
  { text: 'Hoe vraag ik een nieuwe parkeervergunning aan?', topic: null },
];
// The burst after a change of the closing time.
const BURST = [
  'Om hoe laat moet de horeca vanaf vanavond dicht?',
  'Moet mijn restaurant door de nieuwe maatregel om acht uur sluiten?',
  'Mag de kroeg op de hoek na acht uur nog open blijven?',
  'Geldt de sluitingstijd van de horeca ook voor afhaalrestaurants?',
];
const PHONE = '06-12345678';
const CONTACT_NAME = 'Jan de Vries';

let t: TestContext;
let hook: HttpReceiver;
let taxonomyDir: string;

/** The shipped taxonomy cut to the two topics of this test, so the detector follows few series. */
function twoTopicTaxonomy(): string {
  const shipped = parse(
    fs.readFileSync(path.resolve(import.meta.dirname, '../../assets/topics.default.yaml'), 'utf8'),
  ) as {
    topics: { id: string }[];
  };
  taxonomyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'onderstroom-topics-'));
  const file = path.join(taxonomyDir, 'topics.yaml');
  const topics = shipped.topics.filter((topic) => topic.id === 'horeca' || topic.id === 'testen');
  fs.writeFileSync(file, stringify({ ...shipped, topics }));
  return file;
}

/**
 * Ordinary questions: per 5 minutes and kind of question a Poisson count around a daily rhythm (near none at night,
 * about six an hour in the afternoon), seeded so every run sees the same questions.
 */
function ordinary(fromMs: number, toMs: number, prefix: string, seed: number): RawQuestion[] {
  const poisson = poissonSampler(seededRandom(seed));
  const items: RawQuestion[] = [];
  for (let time = fromMs; time < toMs; time += BUCKET) {
    for (const [kind, { text }] of ORDINARY.entries()) {
      const n = poisson(dailyRate(time, 0.02, 0.5));
      for (let j = 0; j < n; j++) {
        items.push({
          external_id: `${prefix}-${time}-${kind}-${j}`,
          received_at: new Date(time + Math.floor((j + 0.5) * (BUCKET / n))).toISOString(),
          channel: j % 2 === 0 ? 'telefoon' : 'e-mail',
          text,
        });
      }
    }
  }
  return items;
}

async function register(raws: RawQuestion[]): Promise<void> {
  for (let i = 0; i < raws.length; i += 1_000) {
    await t.context.questions.questions.register(kcc, 'kcc', raws.slice(i, i + 1_000));
  }
}

async function count(query: string): Promise<number> {
  const result = await sql<{ n: string }>`${sql.raw(query)}`.execute(t.context.database.db);
  return Number(result.rows[0]!.n);
}

function questionAlerts(state: 'open' | null) {
  return t.context.alerts.list({
    fromMs: T - 30 * 86_400_000,
    toMs: T + 30 * 86_400_000,
    kind: 'question_spike',
    state,
    limit: 10,
  });
}

beforeAll(async () => {
  hook = await startHttpReceiver();
  t = await createTestContext(`
topics:
  file: "${twoTopicTaxonomy()}"
alerts:
  resolve_after: 30m
  channels:
    - { id: hook, kind: webhook, url: "${hook.url}" }
  rules:
    - { id: vragen, metric: questions, topic: each, threshold: 0.5, min_volume: 5, window: 1h, cooldown: 3h, channels: [hook] }
questions:
  teams:
    - { id: kcc, name: KCC, due_hours: 8 }
    - { id: economische-zaken, name: Economische Zaken, due_hours: 8 }
  routes:
    - { topic: horeca, team: economische-zaken }
  default_team: kcc
`);
  // The texts carry the topics the test relies on.
  for (const { text, topic } of ORDINARY)
    expect(t.context.enricher.enrich(text).topics).toEqual(topic === null ? [] : [topic]);
  for (const text of BURST) expect(t.context.enricher.enrich(text).topics).toContain('horeca');
  await register(ordinary(T - 21 * 86_400_000, T - HOUR, 'bg', 15));
  // The measure that set off the burst, and an older one about another topic.
  const day = (ms: number) => new Date(ms).toLocaleDateString('en-CA', { timeZone: 'Europe/Amsterdam' });
  const measures = path.join(taxonomyDir, 'measures.yaml');
  fs.writeFileSync(
    measures,
    stringify({
      format: 'onderstroom.measures/1',
      measures: [
        {
          id: 'test-horeca-sluitingstijd',
          level: 'national',
          title: 'Horeca sluit om 20.00 uur',
          summary: 'Cafés en restaurants sluiten om acht uur.',
          announced_on: day(T - 2 * 86_400_000),
          effective_from: day(T - 86_400_000),
          topics: ['horeca'],
          direction: 'tightening',
        },
        {
          id: 'test-testen-gratis',
          level: 'national',
          title: 'Testen blijft gratis',
          summary: 'Wie klachten heeft kan zich gratis laten testen.',
          announced_on: day(T - 86_400_000),
          effective_from: day(T - 86_400_000),
          topics: ['testen'],
          direction: 'relaxation',
        },
      ],
    }),
  );
  await t.context.measures.timeline.loadFile(measures);
}, 180_000);

afterAll(async () => {
  await hook.close();
  await t.close();
  fs.rmSync(taxonomyDir, { recursive: true, force: true });
});

describe('question_spike alerts', () => {
  it('follows the question series of the rule, and a week of ordinary questions opens nothing', async () => {
    const keys = t.context.detection.followedSeries().map((series) => series.key);
    expect(keys).toEqual(expect.arrayContaining(['questions:all:horeca', 'questions:all:testen']));
    // The rule names question series only: none follows all questions, and mention series keep their own keys.
    expect(keys).not.toContain('questions:all:all');
    expect(keys).toContain('volume:all:horeca');

    // Two weeks learned, then the last week judged as it happened, tick by tick: ordinary questions open nothing.
    const learned = await t.context.detection.tick(new Date(T - 7 * 86_400_000 + 60_000));
    expect(learned.buckets).toBeGreaterThan(4_000);
    let judged = 0;
    for (let at = T - 7 * 86_400_000 + 6 * HOUR; at <= T - HOUR; at = Math.min(at + 6 * HOUR, T - HOUR)) {
      const run = await t.context.detection.tick(new Date(at + 60_000));
      judged += run.buckets;
      expect(run.events).toBe(0);
      if (at === T - HOUR) break;
    }
    // Every bucket of the week was judged live (rules look back 6 hours), in every followed series.
    expect(judged).toBe(keys.length * (7 * 24 - 1) * 12);
    expect(await questionAlerts(null)).toEqual([]);
    // Its scores are its own: the horeca questions were judged, in buckets that hold them.
    expect(
      await count(
        `select count(*) as n from anomaly_scores where series_key = 'questions:all:horeca' and volume > 0`,
      ),
    ).toBeGreaterThan(500);
  }, 120_000);

  it('opens exactly one question_spike alert for a burst, even when the first try dies before its commit', async () => {
    const burst: RawQuestion[] = Array.from({ length: 40 }, (_, i) => ({
      external_id: `burst-${i}`,
      received_at: new Date(T - 30 * 60_000 + i * 40_000).toISOString(),
      channel: i % 3 === 0 ? 'e-mail' : 'telefoon',
      text: BURST[i % BURST.length]!,
    }));
    burst.push({
      external_id: 'burst-callback',
      received_at: new Date(T - 30 * 60_000 + 10_000).toISOString(),
      channel: 'telefoon',
      text: `Bel mij terug op ${PHONE}: moet de horeca vanaf vanavond om acht uur dicht?`,
      callback: { wanted: true },
      contact: { name: CONTACT_NAME, phone: '0612345678' },
    });
    const lastHour = ordinary(T - HOUR, T, 'now', 16);
    await register([...lastHour, ...burst]);

    // A worker that dies after scoring the burst, before its transaction commits: nothing of that run stays.
    const rules = t.context.rules;
    const rulesBySeries = new Map<string, RuleConfig[]>();
    for (const rule of rules) {
      for (const series of ruleSeries(
        rule,
        t.context.taxonomy.topics.map((topic) => topic.id),
      ))
        rulesBySeries.set(series.key, [...(rulesBySeries.get(series.key) ?? []), rule]);
    }
    const real = createUnitOfWork(t.context.database.db);
    const dying: Transactor = {
      transaction: (fn) =>
        real.transaction(async (repos, trx) => {
          const result = await fn(repos, trx);
          if ((result as { events?: number }).events) throw new Error('worker died before the commit');
          return result;
        }),
    };
    const doomed = new DetectionService(
      dying,
      createSeriesBuckets(
        t.context.repositories.rollups,
        t.context.questions.repository,
        t.context.config.timezone,
      ),
      t.context.alerts,
      createSpikeDetectorFactory(t.context.config.timezone),
      t.context.detection.followedSeries(),
      rulesBySeries,
      30 * 60_000,
    );
    await expect(doomed.tick(new Date(T + 60_000))).rejects.toThrow('worker died before the commit');
    expect(await questionAlerts(null)).toEqual([]);
    expect(await count(`select count(*) as n from deliveries`)).toBe(0);
    const horecaBefore = await count(
      `select extract(epoch from last_bucket)::int8 as n from detector_states where series_key = 'questions:all:horeca'`,
    );
    expect(horecaBefore).toBe((T - HOUR - BUCKET) / 1000);

    // The retried tick scores the same buckets once and opens the alert once.
    const run = await t.context.detection.tick(new Date(T + 60_000));
    expect(run.events).toBe(1);
    const alerts = await questionAlerts('open');
    expect(alerts).toHaveLength(1);
    const alert = alerts[0]!;
    expect(alert).toMatchObject({
      kind: 'question_spike',
      ruleId: 'vragen',
      seriesKey: 'questions:all:horeca',
      title: 'Piek in aantal vragen: Horeca',
    });
    expect(alert.events).toHaveLength(1);
    const message = alert.events[0]!.message as AlertMessage;
    const [observed, expected] = /^(\d+) vragen in het afgelopen uur \(normaal (\d+)\)$/
      .exec(message.headline)!
      .slice(1)
      .map(Number);
    // Observed is exactly the horeca questions of the hour before the alert opened; an ordinary hour has at most 6.
    const hour = await t.context.questions.repository.rollups(
      '5m',
      'all',
      'horeca',
      alert.openedAt.getTime() - HOUR,
      alert.openedAt.getTime(),
    );
    expect(observed).toBe(hour.reduce((sum, row) => sum + row.n, 0));
    expect(observed).toBeGreaterThanOrEqual(3 * expected!);
    expect(expected).toBeLessThanOrEqual(6);
    expect(message.facts).toEqual(expect.arrayContaining([{ label: 'Onderwerp', value: 'Horeca' }]));
    expect(message.baseline).toMatch(/^Normaal = /);
    expect(message.examples).toHaveLength(3);
    for (const example of message.examples) {
      expect(example.author).toBeNull();
      expect(example.url).toBeNull();
      expect(['telefoon', 'e-mail']).toContain(example.platform);
      expect(example.text).toMatch(/horeca|restaurant|kroeg|acht uur/i);
    }
    // The three are different questions of the burst.
    expect(new Set(message.examples.map((example) => example.text)).size).toBe(3);
    expect(message.terms).toContain('horeca');
    // The nearest horeca measure, as in the other alerts.
    expect(message.measure).toMatchObject({ title: 'Horeca sluit om 20.00 uur' });
    // Never a contact detail: not from the contact table, and a number typed into the question is masked.
    expect(message.examples.map((example) => example.text)).toContain(
      'Bel mij terug op [telefoonnummer]: moet de horeca vanaf vanavond om acht uur dicht?',
    );
    // What an alert may read of the questions: words, channel, sentiment and time, of every topic when it follows all.
    const words = await t.context.questions.repository.alertTexts({
      fromMs: T - HOUR,
      toMs: T,
      topic: null,
      limit: 500,
    });
    expect(words).toHaveLength(lastHour.length + burst.length);
    expect(Object.keys(words[0]!).sort()).toEqual(['channel', 'receivedAt', 'sentimentLabel', 'text']);
    const times = words.map((question) => question.receivedAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(new Set(words.map((question) => question.text))).toEqual(
      new Set([...lastHour, ...burst].map((question) => question.text)),
    );
    const stored = JSON.stringify(alert);
    expect(stored).not.toContain(CONTACT_NAME);
    expect(stored).not.toContain('12345678');

    // Scored once: one score per bucket, the state at the last closed bucket, and the same tick again does nothing.
    expect(
      await count(
        `select count(*) - count(distinct bucket) as n from anomaly_scores where series_key = 'questions:all:horeca'`,
      ),
    ).toBe(0);
    expect(
      await count(
        `select extract(epoch from last_bucket)::int8 as n from detector_states where series_key = 'questions:all:horeca'`,
      ),
    ).toBe((T - BUCKET) / 1000);
    expect(await t.context.detection.tick(new Date(T + 60_000))).toMatchObject({ buckets: 0, events: 0 });
    expect(await questionAlerts(null)).toHaveLength(1);

    // Delivered once, as a question_spike; a viewer gets the alert without the quoted questions.
    expect(await t.context.deliveries.deliverDue()).toMatchObject({ delivered: 1 });
    expect(await t.context.deliveries.deliverDue()).toMatchObject({ delivered: 0 });
    expect(hook.accepted).toHaveLength(1);
    const body = JSON.parse(hook.accepted[0]!.body) as { event: string; kind: string };
    expect(body).toMatchObject({ event: 'opened', kind: 'question_spike' });
    expect(hook.accepted[0]!.body).not.toContain('12345678');
    const [forViewer] = await t.context.alertReads.list(
      { fromMs: T - HOUR, toMs: T + HOUR, kind: 'question_spike', state: null, limit: 10 },
      { apiKeyId: null, mayReadText: false },
    );
    expect((forViewer!.events[0]!.message as AlertMessage).examples).toEqual([]);
  });

  it('opens nothing more while questions are ordinary again, and resolves the burst once', async () => {
    await register(ordinary(T, T + 3 * HOUR, 'after', 17));
    const run = await t.context.detection.tick(new Date(T + 3 * HOUR + 60_000));
    expect(run.events).toBe(1);
    const alerts = await questionAlerts(null);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.state).toBe('resolved');
    expect(alerts[0]!.events.map((event) => event.type)).toEqual(['opened', 'resolved']);
    expect((alerts[0]!.events[1]!.message as AlertMessage).headline).toMatch(/^Weer normaal: \d+ vragen /);
  });
  it('serves the anomaly score of a question series to Grafana', async () => {
    const api = await buildCheckedApi(
      { context: t.context, redisHealth: () => Promise.resolve('ok') },
      { logger: false },
    );
    try {
      const { key } = await t.context.apiKeys.create('grafana-test', 'viewer');
      const response = await api.inject({
        method: 'GET',
        url: `/grafana/series?metric=anomaly&of=questions&topic=horeca&from=${T - HOUR}&to=${T}&interval=1h`,
        headers: { authorization: `Bearer ${key}` },
      });
      expect(response.statusCode).toBe(200);
      const rows = response.json<{ time: number; value: number | null }[]>();
      expect(rows).toHaveLength(1);
      expect(rows[0]!.value).toBeGreaterThanOrEqual(0.5);
    } finally {
      await api.close();
    }
  });
});
