// The API as a client sees it: keys and roles, series with empty buckets, mentions for analysts, clear 400s.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Api } from '../../services/api/app.js';
import { buildCheckedApi } from '../support/openapi.js';
import { METRICS, metricValue } from '../../services/series/metric-definitions.js';
import { createTestContext, type TestContext } from '../support/context.js';
import { raw, recomputedRollups, storedRollups } from '../support/mentions.js';

let t: TestContext;
let api: Api;
const keys: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestContext('sources:\n  - id: kcc\n    kind: push\n');
  api = await buildCheckedApi(
    { context: t.context, redisHealth: () => Promise.resolve('ok') },
    { logger: false },
  );
  for (const role of ['viewer', 'analyst', 'admin'] as const)
    keys[role] = (await t.context.apiKeys.create(`test ${role}`, role)).key;
  await t.context.repositories.sources.ensure('obi4wan', 'obi4wan');
  await t.context.ingest.ingest(
    [
      raw({
        externalId: '1',
        postedAt: new Date('2021-01-29T14:01:00Z'),
        text: 'De avondklok is belachelijk en schandalig.',
      }),
      raw({
        externalId: '2',
        postedAt: new Date('2021-01-29T14:02:00Z'),
        text: 'Blij dat de avondklok er is, goed zo.',
      }),
      raw({
        externalId: '3',
        postedAt: new Date('2021-01-29T16:30:00Z'),
        text: 'Mondkapjes in de winkel, prima geregeld!',
      }),
    ],
    { sourceId: 'obi4wan', sourceKind: 'obi4wan' },
  );
});
afterAll(async () => {
  await api.close();
  await t.close();
});

const get = (url: string, role?: string) =>
  api.inject({ method: 'GET', url, headers: role ? { authorization: `Bearer ${keys[role]}` } : {} });

describe('keys and roles', () => {
  it('answers /health without a key', async () => {
    const response = await get('/health');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      status: 'ok',
      database: 'ok',
      redis: 'ok',
      scheduler: { status: 'ok' },
    });
  });

  it('needs a key for /api and says how to get one', async () => {
    const response = await get('/api/v1/series');
    expect(response.statusCode).toBe(401);
    expect(response.json<{ message: string }>().message).toMatch(/Authorization: Bearer/);
    const bad = await api.inject({
      url: '/api/v1/series',
      headers: { authorization: 'Bearer ods_not-a-real-key' },
    });
    expect(bad.statusCode).toBe(401);
  });

  it('keeps mention text from viewers', async () => {
    expect((await get('/api/v1/mentions?from=2021-01-01&to=2021-02-01', 'viewer')).statusCode).toBe(403);
    expect((await get('/api/v1/mentions?from=2021-01-01&to=2021-02-01', 'analyst')).statusCode).toBe(200);
    expect((await get('/api/v1/keys', 'analyst')).statusCode).toBe(403);
    expect((await get('/api/v1/keys', 'admin')).statusCode).toBe(200);
  });

  it('stops accepting a revoked key', async () => {
    const created = await api.inject({
      method: 'POST',
      url: '/api/v1/keys',
      headers: { authorization: `Bearer ${keys.admin}` },
      payload: { name: 'short-lived', role: 'viewer' },
    });
    expect(created.statusCode).toBe(201);
    const { key, record } = created.json<{ key: string; record: { id: string } }>();
    expect(
      (await api.inject({ url: '/api/v1/series', headers: { authorization: `Bearer ${key}` } })).statusCode,
    ).toBe(200);
    const revoked = await api.inject({
      method: 'DELETE',
      url: `/api/v1/keys/${record.id}`,
      headers: { authorization: `Bearer ${keys.admin}` },
    });
    expect(revoked.statusCode).toBe(204);
    expect(
      (await api.inject({ url: '/api/v1/series', headers: { authorization: `Bearer ${key}` } })).statusCode,
    ).toBe(401);
  });
});

describe('GET /api/v1/series', () => {
  it('returns every bucket, 0 for counts when empty', async () => {
    const response = await get(
      '/api/v1/series?metric=volume&from=2021-01-29T14:00:00Z&to=2021-01-29T17:00:00Z&interval=1h',
      'viewer',
    );
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual([
      { time: Date.parse('2021-01-29T14:00:00Z'), value: 2 },
      { time: Date.parse('2021-01-29T15:00:00Z'), value: 0 },
      { time: Date.parse('2021-01-29T16:00:00Z'), value: 1 },
    ]);
  });

  it('returns null for shares of empty buckets and pooled shares otherwise', async () => {
    const from = Date.parse('2021-01-29T14:00:00Z');
    const response = await get(
      `/api/v1/series?metric=negative_share&from=${from}&to=${from + 3 * 3_600_000}&interval=1h`,
      'viewer',
    );
    const rows = response.json<{ time: number; value: number | null }[]>();
    expect(rows[1]).toEqual({ time: from + 3_600_000, value: null });
    expect(rows[0]!.value).toBeGreaterThanOrEqual(0);
    expect(rows[0]!.value).toBeLessThanOrEqual(1);
  });

  it('sums 5-minute buckets into local days', async () => {
    const response = await get(
      '/api/v1/series?metric=volume&from=2021-01-28T23:00:00Z&to=2021-01-30T23:00:00Z&interval=1d',
      'viewer',
    );
    expect(response.json()).toEqual([
      { time: Date.parse('2021-01-28T23:00:00Z'), value: 3 },
      { time: Date.parse('2021-01-29T23:00:00Z'), value: 0 },
    ]);
  });

  it('gives the same totals from hourly and 5-minute rollups, and from the summary', async () => {
    const range = 'from=2021-01-29T13:00:00Z&to=2021-01-29T18:00:00Z';
    const sum = async (url: string) =>
      (await get(url, 'viewer')).json<{ value: number }[]>().reduce((s, r) => s + r.value, 0);
    const fine = await sum(`/api/v1/series?metric=volume&${range}&interval=5m`);
    const hourly = await sum(`/api/v1/series?metric=volume&${range}&interval=1h`);
    expect(fine).toBe(3);
    expect(hourly).toBe(fine);
    // An edge that is not on the hour is summed from the 5-minute buckets.
    const summary = await get('/grafana/summary?from=2021-01-29T14:02:00Z&to=2021-01-29T17:00:00Z', 'viewer');
    expect(summary.json<{ volume: number }[]>()[0]!.volume).toBe(1);
  });

  it('computes every metric in the database exactly as from the summed counts', async () => {
    const fromMs = Date.parse('2021-01-29T12:00:00Z');
    const toMs = Date.parse('2021-01-29T18:00:00Z');
    const sums = await t.context.repositories.rollups.series({
      sourceKind: 'all',
      topic: 'all',
      fromMs,
      toMs,
      interval: '1h',
      timezone: 'Europe/Amsterdam',
    });
    for (const metric of METRICS) {
      const response = await get(
        `/api/v1/series?metric=${metric}&from=${fromMs}&to=${toMs}&interval=1h`,
        'viewer',
      );
      expect(response.json(), metric).toEqual(
        sums.map((bucket) => ({ time: bucket.time, value: metricValue(metric, bucket) })),
      );
    }
  });

  it('breaks a metric down per source and per topic with the same values as the single series', async () => {
    const cases = [
      { range: 'from=2021-01-29T12:00:00Z&to=2021-01-29T18:00:00Z&interval=1h', buckets: 6 },
      { range: 'from=2021-01-28T23:00:00Z&to=2021-01-31T23:00:00Z&interval=1d', buckets: 3 },
      { range: 'from=2021-01-29T14:00:00Z&to=2021-01-29T15:00:00Z&interval=5m', buckets: 12 },
    ];
    for (const { range, buckets } of cases) {
      for (const metric of ['volume', 'negative_share'] as const) {
        const rows = (
          await get(`/grafana/series/breakdown?by=topic&metric=${metric}&${range}`, 'viewer')
        ).json<{ time: number; key: string; value: number | null }[]>();
        const single = (
          await get(`/api/v1/series?metric=${metric}&topic=avondklok&${range}`, 'viewer')
        ).json<unknown>();
        expect(
          rows.filter((r) => r.key === 'avondklok').map(({ time, value }) => ({ time, value })),
          range,
        ).toEqual(single);
        expect(rows).toHaveLength(buckets * t.context.taxonomy.topics.length);
      }
    }
  });

  it('filters by source kind and topic', async () => {
    const url = (q: string) =>
      `/api/v1/series?metric=volume&from=2021-01-29T00:00:00Z&to=2021-01-30T00:00:00Z&interval=1d&${q}`;
    const total = (r: { json(): { value: number }[] }) => r.json().reduce((s, row) => s + row.value, 0);
    expect(total(await get(url('source=obi4wan&topic=avondklok'), 'viewer'))).toBe(2);
    expect(total(await get(url('source=mastodon'), 'viewer'))).toBe(0);
  });

  it('explains bad parameters', async () => {
    const cases: [string, RegExp][] = [
      ['metric=loudness', /querystring\.metric/],
      [
        'from=tomorrow',
        /from: expected epoch milliseconds, an ISO 8601 time or a date \(YYYY-MM-DD, a day in Europe\/Amsterdam\), got "tomorrow"/,
      ],
      ['topic=weather', /topic: unknown topic "weather"; known topics: all, /],
      ['interval=5m&from=2020-01-01&to=2021-01-01', /buckets of 5m; at most 20000/],
      ['from=2021-02-01&to=2021-01-01', /must be before/],
    ];
    for (const [query, message] of cases) {
      const response = await get(`/api/v1/series?${query}`, 'viewer');
      expect(response.statusCode, query).toBe(400);
      expect(response.json<{ message: string }>().message, query).toMatch(message);
    }
  });
});

describe('GET /api/v1/mentions', () => {
  it('pages newest first and searches Dutch full text', async () => {
    const first = await get('/api/v1/mentions?from=2021-01-01&to=2021-02-01&limit=2', 'analyst');
    const page = first.json<{ mentions: { external_id: string; author: string }[]; next_cursor: string }>();
    expect(page.mentions.map((m) => m.external_id)).toEqual(['3', '2']);
    expect(page.mentions[0]!.author).toMatch(/^p_/);
    const second = await get(
      `/api/v1/mentions?from=2021-01-01&to=2021-02-01&limit=2&cursor=${page.next_cursor}`,
      'analyst',
    );
    expect(second.json<{ mentions: { external_id: string }[] }>().mentions.map((m) => m.external_id)).toEqual(
      ['1'],
    );
    // "winkels" and "winkel" share the Dutch stem.
    const search = await get('/api/v1/mentions?from=2021-01-01&to=2021-02-01&q=winkels', 'analyst');
    expect(search.json<{ mentions: { external_id: string }[] }>().mentions.map((m) => m.external_id)).toEqual(
      ['3'],
    );
  });

  it('exports mentions as CSV for a spreadsheet, formulas neutralised, for analysts only', async () => {
    expect(
      (await get('/api/v1/mentions/export.csv?from=2021-01-01&to=2021-02-01', 'viewer')).statusCode,
    ).toBe(403);
    const response = await get('/api/v1/mentions/export.csv?from=2021-01-01&to=2021-02-01', 'analyst');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="onderstroom-2021-01-01-2021-02-01.csv"',
    );
    const lines = response.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toMatch(/^id;posted_at;source;platform;author;/);
    expect(lines).toHaveLength(4);
    expect(lines.slice(1).every((line) => line.includes(';obi4wan;twitter;p_'))).toBe(true);
    expect((await get('/api/v1/mentions/export.csv?from=later', 'analyst')).statusCode).toBe(400);
  });

  it('logs every read of raw text', async () => {
    const rows = await t.context.database.db.selectFrom('access_log').selectAll().execute();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.action.startsWith('api.mentions.') && row.api_key_id !== null)).toBe(true);
  });
});

describe('POST /api/v1/mentions under load', () => {
  it('stores overlapping batches from 20 concurrent clients once each, with no 500 and exact rollups', async () => {
    const pool = Array.from({ length: 600 }, (_, i) => ({
      external_id: `load-${i}`,
      posted_at: new Date(Date.UTC(2021, 1, 1 + (i % 5), i % 24, (i * 13) % 60)).toISOString(),
      text: i % 3 === 0 ? `Fijn dat de scholen opengaan ${i}` : `De avondklok is belachelijk ${i}`,
      reach: i,
    }));
    // Every client pushes batches of the same ids in its own order, so their transactions meet on the same keys
    // and rollup rows in different orders unless storage locks them in one.
    let seed = 7;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const shuffled = () => [...pool].sort(() => random() - 0.5);
    const statuses: number[] = [];
    const send = async (batch: typeof pool) => {
      for (let attempt = 0; attempt < 20; attempt++) {
        const response = await api.inject({
          method: 'POST',
          url: '/api/v1/mentions',
          headers: { authorization: `Bearer ${keys.admin}` },
          payload: { source: 'kcc', mentions: batch },
        });
        statuses.push(response.statusCode);
        if (response.statusCode !== 503) return response;
        expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
      }
      throw new Error('still unavailable after 20 attempts');
    };
    const clients = Array.from({ length: 20 }, async () => {
      const mine = shuffled();
      for (let b = 0; b < 3; b++) await send(mine.slice(b * 200, b * 200 + 200));
    });
    await Promise.all(clients);
    expect(statuses.filter((status) => status !== 200 && status !== 503)).toEqual([]);
    const counted = await t.context.database.db
      .selectFrom('mentions')
      .select((eb) => [
        eb.fn.countAll<string>().as('n'),
        eb.fn.count<string>('external_id').distinct().as('ids'),
      ])
      .where('source_id', '=', 'kcc')
      .executeTakeFirstOrThrow();
    expect({ n: Number(counted.n), ids: Number(counted.ids) }).toEqual({ n: 600, ids: 600 });
    expect(await storedRollups(t.context.database.db)).toEqual(
      await recomputedRollups(t.context.database.db),
    );
  });
});

describe('a database that is away', () => {
  for (const [what, failure] of [
    ['a lost connection', new Error('Connection terminated unexpectedly')],
    ['a pool time-out', new Error('timeout exceeded when trying to connect')],
    [
      'a restarting server',
      Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
    ],
    ['a deadlock that kept losing', Object.assign(new Error('deadlock detected'), { code: '40P01' })],
  ] as const) {
    it(`answers 503 with Retry-After, not 500, on ${what}`, async () => {
      const failing = new Proxy({}, { get: () => () => Promise.reject(failure) });
      const context = Object.assign(Object.create(t.context) as typeof t.context, {
        series: failing,
        push: failing,
      });
      const away = await buildCheckedApi(
        { context, redisHealth: () => Promise.resolve('ok') },
        { logger: false },
      );
      try {
        const series = await away.inject({
          url: '/api/v1/series?metric=volume&from=2021-01-01&to=2021-01-02',
          headers: { authorization: `Bearer ${keys.viewer}` },
        });
        expect(series.statusCode).toBe(503);
        expect(series.headers['retry-after']).toBe('5');
        expect(series.json()).toEqual({
          error: 'unavailable',
          message: 'the database is unavailable or busy; try again in a few seconds',
        });
        const push = await away.inject({
          method: 'POST',
          url: '/api/v1/mentions',
          headers: { authorization: `Bearer ${keys.admin}` },
          payload: {
            source: 'kcc',
            mentions: [{ external_id: 'x', posted_at: '2021-01-29T14:03:00Z', text: 'x' }],
          },
        });
        expect(push.statusCode).toBe(503);
      } finally {
        await away.close();
      }
    });
  }
});

describe('bad parameters', () => {
  const cursorOf = (text: string) => Buffer.from(text).toString('base64url');
  const cases: [string, { method?: 'GET' | 'POST' | 'PATCH'; url: string; payload?: unknown }, RegExp][] = [
    [
      'a NUL in q',
      { url: '/api/v1/mentions?q=avond%00klok' },
      /^querystring\.q: must not contain a NUL character/,
    ],
    ['a NUL in the source of a series', { url: '/api/v1/series?metric=volume&source=a%00' }, /source/],
    ['a NUL in the topic of a series', { url: '/api/v1/series?metric=volume&topic=a%00' }, /topic/],
    ['a NUL in the terms source', { url: '/api/v1/terms/emerging?source=a%00' }, /source/],
    ['a NUL in source', { url: '/api/v1/mentions?source=obi%00wan' }, /^querystring\.source: /],
    [
      'a NUL in topic',
      { url: '/api/v1/mentions?topic=avond%00klok' },
      /^querystring\.topic: must not contain a NUL/,
    ],
    [
      'a NUL in source of the CSV export',
      { url: '/api/v1/mentions/export.csv?source=a%00' },
      /^querystring\.source: /,
    ],
    ['limit=Infinity', { url: '/api/v1/mentions?limit=Infinity' }, /^querystring\.limit: /],
    ['limit=1e309', { url: '/api/v1/mentions?limit=1e309' }, /^querystring\.limit: /],
    ['limit=1e309 on alerts', { url: '/api/v1/alerts?limit=1e309' }, /^querystring\.limit: /],
    ['limit=Infinity on measures', { url: '/api/v1/measures?limit=Infinity' }, /^querystring\.limit: /],
    [
      'limit=1e309 on the top mentions',
      { url: '/grafana/mentions/top?limit=1e309' },
      /^querystring\.limit: /,
    ],
    [
      'limit=Infinity on the CSV export',
      { url: '/api/v1/mentions/export.csv?limit=Infinity' },
      /^querystring\.limit: /,
    ],
    [
      'a cursor whose id is beyond bigint',
      { url: `/api/v1/mentions?cursor=${cursorOf('1611928980000:99999999999999999999')}` },
      /^cursor: /,
    ],
    [
      'a cursor whose time is beyond any date',
      { url: `/api/v1/mentions?cursor=${cursorOf('9999999999999999999999:1')}` },
      /^cursor: /,
    ],
    ['an alert id beyond bigint', { url: '/api/v1/alerts/99999999999999999999' }, /^params\.id: /],
    [
      'a mention id beyond bigint',
      {
        method: 'PATCH',
        url: '/api/v1/mentions/9999999999999999999/sentiment',
        payload: { label: 'positive' },
      },
      /^params\.id: /,
    ],
    [
      'a NUL in a pushed external_id',
      {
        method: 'POST',
        url: '/api/v1/mentions',
        payload: {
          source: 'kcc',
          mentions: [{ external_id: 'a\u0000b', posted_at: '2021-01-29T14:03:00Z', text: 'x' }],
        },
      },
      /^body\.mentions\.0\.external_id: /,
    ],
    [
      'a NUL in a pushed source',
      {
        method: 'POST',
        url: '/api/v1/mentions',
        payload: {
          source: 'kc\u0000c',
          mentions: [{ external_id: 'a', posted_at: '2021-01-29T14:03:00Z', text: 'x' }],
        },
      },
      /^body\.source: /,
    ],
  ];
  for (const [what, request, named] of cases) {
    it(`answers ${what} with a 400 that names the parameter`, async () => {
      const role = request.method === 'POST' ? 'admin' : 'analyst';
      const response = await api.inject({
        method: request.method ?? 'GET',
        url: request.url,
        headers: { authorization: `Bearer ${keys[role]}` },
        ...(request.payload === undefined ? {} : { payload: request.payload as Record<string, unknown> }),
      });
      expect({ status: response.statusCode, body: response.body }).toMatchObject({ status: 400 });
      expect(response.json<{ message: string }>().message).toMatch(named);
    });
  }
});

describe('example posts of alerts', () => {
  it("shows them to analysts only, logs each read, and clears them with the posts' text", async () => {
    const db = t.context.database.db;
    const at = new Date('2021-01-29T17:00:00Z');
    const context = await t.context.alertContext.forSeries(
      { key: 'volume:all:all', metric: 'volume', source: 'all', topic: 'all' },
      Date.parse('2021-01-29T00:00:00Z'),
      at.getTime(),
    );
    expect(context.examples.length).toBeGreaterThan(0);
    const alert = await t.context.repositories.alerts.insert({
      kind: 'spike',
      ruleId: 'test',
      seriesKey: 'volume:all:all',
      title: 'Meer berichten',
      at,
      score: 0.9,
      observed: 3,
      expected: 1,
      details: {},
    });
    await t.context.repositories.alerts.addEvent(
      {
        alertId: alert.id,
        type: 'opened',
        at,
        message: { headline: 'Meer berichten', examples: context.examples },
      },
      [],
    );
    const examplesIn = (body: { events: { message: { examples: { text: string }[] } }[] }) =>
      body.events.flatMap((event) => event.message.examples.map((example) => example.text));
    const logged = () =>
      db
        .selectFrom('access_log')
        .select(['action', 'detail'])
        .where('action', 'like', 'api.alerts.%')
        .execute();
    const url = '/api/v1/alerts?from=2021-01-29&to=2021-01-30';

    const viewer = await get(url, 'viewer');
    expect(viewer.statusCode).toBe(200);
    expect(viewer.json<unknown[]>()).toHaveLength(1);
    expect(examplesIn(viewer.json<Parameters<typeof examplesIn>[0][]>()[0]!)).toEqual([]);
    expect(viewer.body).not.toContain('avondklok');
    expect(examplesIn((await get(`/api/v1/alerts/${alert.id}`, 'viewer')).json())).toEqual([]);
    expect(await logged()).toEqual([]);

    const analyst = await get(url, 'analyst');
    expect(examplesIn(analyst.json<Parameters<typeof examplesIn>[0][]>()[0]!)).toEqual(
      context.examples.map((example) => example.text),
    );
    await get(`/api/v1/alerts/${alert.id}`, 'analyst');
    expect(await logged()).toEqual([
      { action: 'api.alerts.list', detail: { alerts: [alert.id], examples: context.examples.length } },
      { action: 'api.alerts.get', detail: { alerts: [alert.id], examples: context.examples.length } },
    ]);

    // Posted in January 2021: far past 90 days, so retention clears the examples with the mentions' text.
    await t.context.retention.expireDueText(1_000);
    const after = await get(url, 'analyst');
    expect(examplesIn(after.json<Parameters<typeof examplesIn>[0][]>()[0]!)).toEqual([]);
    const stored = await db
      .selectFrom('alert_events')
      .select('message')
      .where('alert_id', '=', alert.id)
      .execute();
    expect(stored.map((row) => (row.message as { examples: unknown[] }).examples)).toEqual([[]]);
    expect((stored[0]!.message as { headline: string }).headline).toBe('Meer berichten');
  });
});
