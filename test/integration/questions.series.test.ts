// Questions beside mentions in /api/v1/series and /grafana/series (metric=questions, per topic and channel): every
// bucket equals a recount of the stored questions at 5m, 1h and 1d, with instants and date-only bounds; parameters
// of the other kind of series are a 400.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Api } from '../../services/api/app.js';
import { buildCheckedApi } from '../support/openapi.js';
import { localMidnight } from '../../services/series/range.js';
import type { QuestionActor, RawQuestion } from '../../services/questions/question.js';
import { createTestContext, type TestContext } from '../support/context.js';

let t: TestContext;
let api: Api;
let viewer: string;

const ADMIN: QuestionActor = { name: 'test', role: 'admin', team: null, apiKeyId: null };
const CHANNELS = ['telefoon', 'e-mail', 'balie', 'webformulier', 'social'];
const TEXTS = [
  'Moet ik een mondkapje dragen in de bus?',
  'Mag het terras van mijn café open?',
  'Mondkapje op in het café, ook aan tafel?',
  'Wanneer wordt het grofvuil opgehaald?',
];
const START = Date.parse('2026-11-27T23:00:00Z'); // local midnight of 28 November
const SPAN = 4 * 86_400_000;

interface Point {
  time: number;
  value: number | null;
}
interface Stored {
  at: number;
  channel: string;
  topics: string[];
}
let stored: Stored[] = [];

beforeAll(async () => {
  t = await createTestContext('');
  api = await buildCheckedApi(
    { context: t.context, redisHealth: () => Promise.resolve('ok') },
    { logger: false },
  );
  viewer = (await t.context.apiKeys.create('test viewer', 'viewer')).key;
  // A fixed pseudo-random spread over four days, some on hour edges, in two batches (the second repeats five).
  let seed = 7;
  const next = () => (seed = (seed * 48_271) % 2_147_483_647);
  const raws: RawQuestion[] = [];
  for (let i = 0; i < 240; i++) {
    const at = i % 20 === 0 ? START + (next() % 96) * 3_600_000 : START + (next() % SPAN);
    raws.push({
      external_id: `q-${i}`,
      received_at: new Date(at).toISOString(),
      channel: CHANNELS[next() % CHANNELS.length]!,
      text: TEXTS[next() % TEXTS.length]!,
    });
  }
  await t.context.questions.questions.register(ADMIN, 'test', raws.slice(0, 150));
  await t.context.questions.questions.register(ADMIN, 'test', raws.slice(145));
  // And some at the edges of the ranges below that start or end off the hour.
  const edges = [
    '2026-11-28T00:27:00Z',
    '2026-11-28T00:40:00Z',
    '2026-11-28T05:36:00Z',
    '2026-11-29T23:12:00Z',
    '2026-11-30T00:45:00Z',
    '2026-11-30T12:05:00Z',
    '2026-11-30T12:35:00Z',
    '2026-12-01T19:02:00Z',
    '2026-12-01T19:07:00Z',
    '2026-12-01T18:58:00Z',
  ];
  await t.context.questions.questions.register(
    ADMIN,
    'test',
    edges.map((at, i) => ({
      external_id: `edge-${i}`,
      received_at: at,
      channel: i % 2 === 0 ? 'telefoon' : 'e-mail',
      text: TEXTS[i % 3]!,
    })),
  );
  const rows = await sql<{ received_at: Date; channel: string; topics: string[] }>`
    select received_at, channel, topics from questions`.execute(t.context.database.db);
  stored = rows.rows.map((row) => ({
    at: row.received_at.getTime(),
    channel: row.channel,
    topics: row.topics,
  }));
});

afterAll(async () => {
  await api.close();
  await t.close();
});

const get = (url: string) =>
  api.inject({ method: 'GET', url, headers: { authorization: `Bearer ${viewer}` } });

async function points(url: string): Promise<Point[]> {
  const response = await get(url);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<Point[]>();
}

/** The bucket starts of [from, to): steps of 5m or 1h from the aligned `from`, or local days (the first at `from`). */
function bucketStarts(fromMs: number, toMs: number, interval: '5m' | '1h' | '1d'): number[] {
  const starts: number[] = [];
  if (interval === '1d') {
    starts.push(fromMs);
    // Amsterdam is one or two hours ahead of UTC: two hours on, the UTC date is the local date.
    const local = new Date(fromMs + 2 * 3_600_000);
    for (let d = 1; ; d++) {
      const day = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() + d));
      const midnight = localMidnight(
        day.getUTCFullYear(),
        day.getUTCMonth() + 1,
        day.getUTCDate(),
        'Europe/Amsterdam',
      )!;
      if (midnight >= toMs) break;
      if (midnight > fromMs) starts.push(midnight);
    }
    return starts;
  }
  const step = interval === '5m' ? 300_000 : 3_600_000;
  for (let s = Math.floor(fromMs / step) * step; s < toMs; s += step) starts.push(s);
  return starts;
}

function recount(
  fromMs: number,
  toMs: number,
  interval: '5m' | '1h' | '1d',
  topic: string,
  channel: string,
): Point[] {
  const starts = bucketStarts(fromMs, toMs, interval);
  return starts.map((start, i) => {
    const end = starts[i + 1] ?? toMs;
    const value = stored.filter(
      (q) =>
        q.at >= start &&
        q.at < end &&
        q.at >= fromMs &&
        (topic === 'all' || q.topics.includes(topic)) &&
        (channel === 'all' || q.channel === channel),
    ).length;
    return { time: start, value };
  });
}

describe('metric=questions', () => {
  it('stored each question once, with topics to split by', () => {
    expect(stored).toHaveLength(250);
    expect(stored.filter((q) => q.topics.includes('mondkapjes')).length).toBeGreaterThan(50);
    expect(stored.filter((q) => q.topics.includes('horeca')).length).toBeGreaterThan(50);
  });

  it.each([
    ['5m', '2026-11-29T10:00:00Z', '2026-11-29T16:00:00Z'],
    ['1h', '2026-11-28T00:00:00Z', '2026-11-30T12:00:00Z'],
    ['1d', '2026-11-28', '2026-12-02'],
    ['1h', '2026-11-28', '2026-11-30'],
    ['5m', '2026-11-30', '2026-12-01'],
    ['1d', '2026-11-29T10:00:00Z', '2026-12-01'],
    // Bounds off the hour (as Grafana's now-7d sends them): whole hours from the hourly rollups, edges from 5 minutes.
    ['1h', '2026-11-28T00:25:00Z', '2026-11-30T12:40:00Z'],
    ['1d', '2026-11-28T05:35:00Z', '2026-12-01T19:05:00Z'],
    ['1d', '2026-11-29T23:10:00Z', '2026-11-30T00:50:00Z'],
  ] as const)('equals a recount at %s from %s to %s, per topic and channel', async (interval, from, to) => {
    const fromMs = from.length === 10 ? localMidnight(...ymd(from), 'Europe/Amsterdam')! : Date.parse(from);
    const toMs = to.length === 10 ? localMidnight(...ymd(to), 'Europe/Amsterdam')! : Date.parse(to);
    for (const [topic, channel] of [
      ['all', 'all'],
      ['mondkapjes', 'all'],
      ['horeca', 'telefoon'],
      ['all', 'e-mail'],
    ] as const) {
      const query = `metric=questions&topic=${topic}&channel=${channel}&interval=${interval}&from=${from}&to=${to}`;
      const expected = recount(fromMs, toMs, interval, topic, channel);
      expect(await points(`/api/v1/series?${query}`)).toEqual(expected);
      expect(await points(`/grafana/series?${query}`)).toEqual(expected);
    }
  });

  it('counts every question of the range once, whatever the interval', async () => {
    const totals = [];
    for (const interval of ['5m', '1h', '1d'])
      totals.push(
        (
          await points(`/api/v1/series?metric=questions&from=2026-11-28&to=2026-12-02&interval=${interval}`)
        ).reduce((sum, point) => sum + (point.value ?? 0), 0),
      );
    expect(totals).toEqual([250, 250, 250]);
  });

  it('picks an interval that fits with interval=auto, as mentions do', async () => {
    const auto = await points('/grafana/series?metric=questions&from=2026-11-28&to=2026-12-02');
    expect(auto[1]!.time - auto[0]!.time).toBe(300_000);
    expect(auto).toHaveLength(4 * 288);
  });

  it('refuses parameters of mention series, and channels of mention metrics, naming them', async () => {
    for (const url of [
      '/api/v1/series?metric=questions&source=obi4wan',
      '/grafana/series?metric=questions&source=all',
    ]) {
      const response = await get(url);
      expect(response.statusCode).toBe(400);
      expect(response.json<{ message: string }>().message).toMatch(
        /^source: .*questions are counted per channel/,
      );
    }
    for (const url of [
      '/api/v1/series?metric=volume&channel=telefoon',
      '/grafana/series?metric=anomaly&channel=balie',
    ]) {
      const response = await get(url);
      expect(response.statusCode).toBe(400);
      expect(response.json<{ message: string }>().message).toMatch(/^channel: .*metric=questions only/);
    }
    const fax = await get('/api/v1/series?metric=questions&channel=fax');
    expect(fax.statusCode).toBe(400);
    expect(fax.json<{ message: string }>().message).toMatch(/channel: "fax"/);
    const topic = await get('/grafana/series?metric=questions&topic=marsreizen');
    expect(topic.statusCode).toBe(400);
    expect(topic.json<{ message: string }>().message).toMatch(/topic: unknown topic "marsreizen"/);
    const many = await get('/api/v1/series?metric=questions&interval=5m&from=2020-01-01&to=2026-01-01');
    expect(many.statusCode).toBe(400);
    expect(many.json<{ message: string }>().message).toMatch(/buckets of 5m; at most 20000/);
  });

  it('breaks questions down per topic and per channel in /grafana/series/breakdown, each key a recount', async () => {
    const from = '2026-11-28';
    const to = '2026-12-02';
    const fromMs = localMidnight(...ymd(from), 'Europe/Amsterdam')!;
    const toMs = localMidnight(...ymd(to), 'Europe/Amsterdam')!;
    for (const interval of ['1h', '1d'] as const) {
      const byTopic = (await points(
        `/grafana/series/breakdown?by=topic&metric=questions&channel=telefoon&interval=${interval}&from=${from}&to=${to}`,
      )) as (Point & { key: string })[];
      const topics = [...new Set(byTopic.map((row) => row.key))];
      expect(topics).toEqual([...topics].sort());
      expect(topics).toEqual(expect.arrayContaining(['horeca', 'mondkapjes', 'avondklok']));
      for (const topic of ['horeca', 'mondkapjes', 'avondklok']) {
        expect(
          byTopic.filter((row) => row.key === topic).map(({ time, value }) => ({ time, value })),
          `${interval} ${topic}`,
        ).toEqual(recount(fromMs, toMs, interval, topic, 'telefoon'));
      }
      const byChannel = (await points(
        `/grafana/series/breakdown?by=channel&metric=questions&topic=mondkapjes&interval=${interval}&from=${from}&to=${to}`,
      )) as (Point & { key: string })[];
      expect([...new Set(byChannel.map((row) => row.key))]).toEqual([...CHANNELS].sort());
      for (const channel of CHANNELS) {
        expect(
          byChannel.filter((row) => row.key === channel).map(({ time, value }) => ({ time, value })),
        ).toEqual(recount(fromMs, toMs, interval, 'mondkapjes', channel));
      }
    }
    for (const [url, message] of [
      ['/grafana/series/breakdown?by=source&metric=questions', /^by: questions have no source/],
      ['/grafana/series/breakdown?by=channel&metric=volume', /^by: mentions have no channel/],
      ['/grafana/series/breakdown?by=topic&metric=questions&source=all', /^source: /],
      ['/grafana/series/breakdown?by=topic&metric=volume&channel=balie', /^channel: /],
    ] as const) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(400);
      expect(response.json<{ message: string }>().message).toMatch(message);
    }
  });

  it('still serves mention metrics per source when no channel is given', async () => {
    const volume = await points(
      '/api/v1/series?metric=volume&source=all&interval=1d&from=2026-11-28&to=2026-11-30',
    );
    expect(volume.map((point) => point.value)).toEqual([0, 0]);
  });
});

function ymd(date: string): [number, number, number] {
  const [y, m, d] = date.split('-').map(Number);
  return [y!, m!, d!];
}
