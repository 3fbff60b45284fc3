// Date-only ranges are local days in the configured time zone, `to` is exclusive, and every interval of one range
// sums to the same count, across the change to summer time (Europe/Amsterdam, night of 27 to 28 March 2021).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Api } from '../../services/api/app.js';
import { buildCheckedApi } from '../support/openapi.js';
import { createTestContext, type TestContext } from '../support/context.js';
import { raw } from '../support/mentions.js';

let t: TestContext;
let api: Api;
let key: string;

// Local midnights: 27 March 2021 is 23:00 UTC the day before (CET); 30 March is 22:00 UTC the day before (CEST).
const POSTS: [string, string, boolean][] = [
  ['before-from', '2021-03-26T22:55:00Z', false], // 23:55 on the 26th, local
  ['first-minute', '2021-03-26T23:00:00Z', true], // 00:00 on the 27th
  ['early-27', '2021-03-26T23:25:00Z', true], // 00:25 on the 27th, UTC still the 26th
  ['noon-27', '2021-03-27T11:00:00Z', true],
  ['late-27', '2021-03-27T22:50:00Z', true], // 23:50 on the 27th
  ['night-cet', '2021-03-28T00:30:00Z', true], // 01:30 CET, before the clocks go forward
  ['night-cest', '2021-03-28T01:10:00Z', true], // 03:10 CEST, after
  ['late-28', '2021-03-28T21:55:00Z', true], // 23:55 on the 28th
  ['early-29', '2021-03-28T22:25:00Z', true], // 00:25 on the 29th, UTC still the 28th
  ['last-minute', '2021-03-29T21:59:00Z', true], // 23:59 on the 29th
  ['at-to', '2021-03-29T22:00:00Z', false], // 00:00 on the 30th: `to` is exclusive
  ['after-to', '2021-03-29T22:25:00Z', false], // 00:25 on the 30th
];
const INSIDE = POSTS.filter(([, , inside]) => inside).length;

beforeAll(async () => {
  t = await createTestContext(`
sources:
  - id: kcc
    kind: push
questions:
  teams:
    - { id: kcc, name: KCC, due_hours: 8 }
`);
  api = await buildCheckedApi(
    { context: t.context, redisHealth: () => Promise.resolve('ok') },
    { logger: false },
  );
  key = (await t.context.apiKeys.create('dates analyst', 'analyst')).key;
  const admin = (await t.context.apiKeys.create('dates admin', 'admin')).key;
  const questions = POSTS.map(([id, at]) => ({
    external_id: id,
    received_at: at,
    channel: 'telefoon',
    text: 'Mag ik na de avondklok nog de hond uitlaten?',
  }));
  const posted = await api.inject({
    method: 'POST',
    url: '/api/v1/questions',
    headers: { authorization: `Bearer ${admin}` },
    payload: { questions },
  });
  expect(posted.statusCode, posted.body).toBe(200);
  await t.context.repositories.sources.ensure('obi4wan', 'obi4wan');
  await t.context.ingest.ingest(
    POSTS.map(([id, at]) =>
      raw({ externalId: id, postedAt: new Date(at), text: `De avondklok, bericht ${id}.` }),
    ),
    { sourceId: 'obi4wan', sourceKind: 'obi4wan' },
  );
});
afterAll(async () => {
  await api.close();
  await t.close();
});

const get = async <T>(url: string): Promise<T> => {
  const response = await api.inject({ method: 'GET', url, headers: { authorization: `Bearer ${key}` } });
  expect(response.statusCode, `${url}: ${response.body}`).toBe(200);
  return response.json<T>();
};
type Point = { time: number; value: number };
const total = (rows: Point[]) => rows.reduce((sum, row) => sum + row.value, 0);

describe('a date-only range across a DST change', () => {
  const range = 'from=2021-03-27&to=2021-03-30';

  it('sums to the same count at 5m, 1h and 1d, with only what lies in the local days', async () => {
    for (const prefix of ['/api/v1/series?metric=volume', '/grafana/series?metric=volume']) {
      const totals: Record<string, number> = {};
      for (const interval of ['5m', '1h', '1d'])
        totals[interval] = total(await get<Point[]>(`${prefix}&${range}&interval=${interval}`));
      expect(totals, prefix).toEqual({ '5m': INSIDE, '1h': INSIDE, '1d': INSIDE });
    }
  });

  it('has one bucket per local day, starting at from and none at or after to', async () => {
    const days = await get<Point[]>(`/api/v1/series?metric=volume&${range}&interval=1d`);
    expect(days).toEqual([
      { time: Date.parse('2021-03-26T23:00:00Z'), value: 4 },
      { time: Date.parse('2021-03-27T23:00:00Z'), value: 3 },
      { time: Date.parse('2021-03-28T22:00:00Z'), value: 2 },
    ]);
    // 24 + 23 + 24 hours: the night the clocks go forward has one hour fewer.
    const hours = await get<Point[]>(`/api/v1/series?metric=volume&${range}&interval=1h`);
    expect(hours).toHaveLength(71);
    expect(hours[0]!.time).toBe(Date.parse('2021-03-26T23:00:00Z'));
    expect(hours.at(-1)!.time).toBe(Date.parse('2021-03-29T21:00:00Z'));
    expect(await get<Point[]>(`/api/v1/series?metric=volume&${range}&interval=5m`)).toHaveLength(71 * 12);
  });

  it('starts the first daily bucket at from when from is an instant within a day', async () => {
    const days = await get<Point[]>(
      '/api/v1/series?metric=volume&from=2021-03-27T11:00:00Z&to=2021-03-29&interval=1d',
    );
    expect(days).toEqual([
      { time: Date.parse('2021-03-27T11:00:00Z'), value: 2 },
      { time: Date.parse('2021-03-27T23:00:00Z'), value: 3 },
    ]);
  });
});

describe('mentions with date-only bounds', () => {
  it('lists exactly the local day, to exclusive', async () => {
    const ids = async (url: string) =>
      (await get<{ mentions: { external_id: string }[] }>(url)).mentions.map((m) => m.external_id).sort();
    expect(await ids('/api/v1/mentions?from=2021-03-28&to=2021-03-29')).toEqual(
      ['night-cest', 'night-cet', 'late-28'].sort(),
    );
    expect(await ids('/api/v1/mentions?from=2021-03-27&to=2021-03-30&limit=100')).toEqual(
      POSTS.filter(([, , inside]) => inside)
        .map(([id]) => id)
        .sort(),
    );
    const csv = await api.inject({
      method: 'GET',
      url: '/api/v1/mentions/export.csv?from=2021-03-29&to=2021-03-30',
      headers: { authorization: `Bearer ${key}` },
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-disposition']).toMatch(/onderstroom-2021-03-29-2021-03-30\.csv/);
    // A header line and the two posts of the 29th.
    expect(csv.body.trim().split('\r\n')).toHaveLength(3);
  });

  it('keeps ISO instants and epoch milliseconds as they are', async () => {
    const ids = async (url: string) =>
      (await get<{ mentions: { external_id: string }[] }>(url)).mentions.map((m) => m.external_id).sort();
    expect(await ids('/api/v1/mentions?from=2021-03-26T23:25:00Z&to=2021-03-27T11:00:00Z')).toEqual([
      'early-27',
    ]);
    const from = Date.parse('2021-03-29T21:59:00Z');
    expect(await ids(`/api/v1/mentions?from=${from}&to=${from + 60_000}`)).toEqual(['last-minute']);
  });
});

describe('questions with date-only bounds', () => {
  it('lists exactly the local day and counts alike at 5m, 1h and 1d', async () => {
    const list = await get<{ questions: { external_id: string }[] }>(
      '/api/v1/questions?from=2021-03-28&to=2021-03-29&limit=100',
    );
    expect(list.questions.map((q) => q.external_id).sort()).toEqual(
      ['night-cest', 'night-cet', 'late-28'].sort(),
    );
    const totals: Record<string, number> = {};
    for (const interval of ['5m', '1h', '1d'])
      totals[interval] = total(
        await get<Point[]>(`/api/v1/questions/series?from=2021-03-27&to=2021-03-30&interval=${interval}`),
      );
    expect(totals).toEqual({ '5m': INSIDE, '1h': INSIDE, '1d': INSIDE });
    expect(await get<Point[]>('/api/v1/questions/series?from=2021-03-27&to=2021-03-30&interval=1d')).toEqual([
      { time: Date.parse('2021-03-26T23:00:00Z'), value: 4 },
      { time: Date.parse('2021-03-27T23:00:00Z'), value: 3 },
      { time: Date.parse('2021-03-28T22:00:00Z'), value: 2 },
    ]);
    // An instant within a day: the first daily bucket starts there and holds nothing from before it.
    expect(
      await get<Point[]>('/api/v1/questions/series?from=2021-03-27T11:00:00Z&to=2021-03-29&interval=1d'),
    ).toEqual([
      { time: Date.parse('2021-03-27T11:00:00Z'), value: 2 },
      { time: Date.parse('2021-03-27T23:00:00Z'), value: 3 },
    ]);
  });
});
