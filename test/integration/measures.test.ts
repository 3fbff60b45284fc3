// The measures timeline against a real database: the seed loads idempotently, the API lists and edits measures
// by role, Grafana gets measure rows and annotations, and effects come out right on series with a known answer.
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Api } from '../../services/api/app.js';
import { buildCheckedApi } from '../support/openapi.js';
import { startOfLocalDay } from '../../services/time/zoned-time.js';
import { Z_95 } from '../../services/measures/effect.analysis.js';
import { createTestContext, type TestContext } from '../support/context.js';

const SEED = path.resolve(
  import.meta.dirname,
  '../../services/measures/seed/nl-corona-measures-2020-2022.yaml',
);
const TZ = 'Europe/Amsterdam';
const CONFIG = `
alerts:
  channels:
    - id: team
      kind: webhook
      url: http://127.0.0.1:9/hook
  measure_changes:
    channels: [team]
`;

let t: TestContext;
let api: Api;
const keys: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestContext(CONFIG);
  api = await buildCheckedApi(
    { context: t.context, redisHealth: () => Promise.resolve('ok') },
    { logger: false },
  );
  for (const role of ['viewer', 'analyst', 'admin'] as const)
    keys[role] = (await t.context.apiKeys.create(`test ${role}`, role)).key;
});
afterAll(async () => {
  await api?.close();
  await t?.close();
});

const request = (method: 'GET' | 'POST' | 'PATCH', url: string, role: string, payload?: object) =>
  api.inject({
    method,
    url,
    headers: { authorization: `Bearer ${keys[role]}` },
    ...(payload ? { payload } : {}),
  });

interface SeedEntry {
  id: string;
  effective_from: string;
  topics: string[];
}
const seed = (parseYaml(fs.readFileSync(SEED, 'utf8')) as { measures: SeedEntry[] }).measures;

describe('loading a timeline file', () => {
  it('loads the shipped seed once: a second load changes nothing', async () => {
    const first = await t.context.measures.timeline.loadFile(SEED);
    expect(first).toMatchObject({ measures: 56, inserted: 56, updated: 0, unchanged: 0 });
    const second = await t.context.measures.timeline.loadFile(SEED);
    expect(second).toMatchObject({ measures: 56, inserted: 0, updated: 0, unchanged: 56 });
    const count = await sql<{ n: string }>`select count(*) as n from measure_versions`.execute(
      t.context.database.db,
    );
    expect(Number(count.rows[0]!.n)).toBe(56);
  });

  it('stores a changed entry as its next version, with what changed', async () => {
    const changed = fs
      .readFileSync(SEED, 'utf8')
      .replace("title: 'Avondlockdown'", "title: 'Avondlockdown (17.00-05.00 uur)'");
    const file = path.join(t.dir, 'changed.yaml');
    fs.writeFileSync(file, changed);
    expect(await t.context.measures.timeline.loadFile(file)).toMatchObject({
      inserted: 0,
      updated: 1,
      unchanged: 55,
    });
    const response = await request('GET', '/api/v1/measures/nl-2021-11-28-avondlockdown', 'viewer');
    expect(response.statusCode).toBe(200);
    const body = response.json<{
      version: number;
      title: string;
      versions: { version: number; changed: string[] }[];
    }>();
    expect(body.version).toBe(2);
    expect(body.title).toBe('Avondlockdown (17.00-05.00 uur)');
    expect(body.versions.map((v) => [v.version, v.changed])).toEqual([
      [1, []],
      [2, ['title']],
    ]);
  });

  it('refuses a file with problems and loads nothing from it', async () => {
    const file = path.join(t.dir, 'bad.yaml');
    fs.writeFileSync(
      file,
      'measures:\n  - id: x\n    level: national\n    title: T\n    direction: tightening\n',
    );
    await expect(t.context.measures.timeline.loadFile(file)).rejects.toThrow(
      /measures\[0\] \(x\): effective_from is required/,
    );
    expect((await request('GET', '/api/v1/measures/x', 'viewer')).statusCode).toBe(404);
  });
});

describe('GET /api/v1/measures', () => {
  it('lists the measures that took effect in a period, for a viewer', async () => {
    const response = await request(
      'GET',
      '/api/v1/measures?from=2020-09-01T00:00:00%2B02:00&to=2020-11-01T00:00:00%2B01:00',
      'viewer',
    );
    expect(response.statusCode).toBe(200);
    const ids = response.json<{ id: string }[]>().map((m) => m.id);
    const expected = seed
      .filter((m) => m.effective_from >= '2020-09-01' && m.effective_from < '2020-11-01')
      .map((m) => m.id);
    expect(ids.sort()).toEqual(expected.sort());
    expect(ids.length).toBeGreaterThan(2);
  });

  it('filters by level, direction and topic (an alias of the taxonomy too)', async () => {
    const regional = (await request('GET', '/api/v1/measures?level=regional', 'viewer')).json<
      { level: string }[]
    >();
    expect(regional).toHaveLength(13);
    const zorg = (await request('GET', '/api/v1/measures?topic=ouderenzorg', 'viewer')).json<
      { topics: string[] }[]
    >();
    expect(zorg.length).toBe(seed.filter((m) => m.topics.includes('zorg')).length);
    expect(zorg.every((m) => m.topics.includes('zorg'))).toBe(true);
    const bad = await request('GET', '/api/v1/measures?topic=weer', 'viewer');
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ message: string }>().message).toMatch(/unknown topic "weer"/);
  });
});

describe('measures by hand', () => {
  const body = {
    level: 'municipal',
    municipality: 'Huizen',
    title: 'Mondkapjesplicht op de weekmarkt',
    effective_from: '2020-11-02',
    topics: ['mondkapjes', 'winkels'],
    direction: 'tightening',
    source_url: 'https://www.huizen.nl/nieuws/mondkapjes-markt',
  };

  it('is for admins only', async () => {
    expect((await request('POST', '/api/v1/measures', 'analyst', body)).statusCode).toBe(403);
    expect(
      (await request('PATCH', '/api/v1/measures/nl-2021-11-28-avondlockdown', 'viewer', { note: 'x' }))
        .statusCode,
    ).toBe(403);
  });

  it('adds a measure with a readable id, and an edit is its next version with a Dutch alert when asked', async () => {
    const created = await request('POST', '/api/v1/measures', 'admin', body);
    expect(created.statusCode).toBe(201);
    const measure = created.json<{ id: string; version: number; origin: string }>();
    expect(measure).toMatchObject({
      id: '2020-11-02-mondkapjesplicht-op-de-weekmarkt',
      version: 1,
      origin: 'manual',
    });
    expect((await request('POST', '/api/v1/measures', 'admin', { ...body, id: measure.id })).statusCode).toBe(
      409,
    );

    const edited = await request('PATCH', `/api/v1/measures/${measure.id}`, 'admin', {
      effective_until: '2020-12-31',
      notify: true,
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({
      measure: { version: 2, effective_until: '2020-12-31' },
      changed: ['effective_until'],
    });
    const alerts = await t.context.alerts.list({
      fromMs: 0,
      toMs: Date.now() + 60_000,
      kind: 'measure_change',
      state: null,
      limit: 10,
    });
    expect(alerts).toHaveLength(1);
    const message = alerts[0]!.events[0]!.message as {
      title: string;
      headline: string;
      facts: { label: string; value: string }[];
    };
    expect(message.title).toBe('Maatregel gewijzigd: Mondkapjesplicht op de weekmarkt');
    expect(message.headline).toBe(
      'Aanscherping, gemeentelijk (Huizen), van kracht vanaf 2 november 2020. Versie 2; gewijzigd: einddatum.',
    );
    expect(message.facts.find((f) => f.label === 'Tot en met')?.value).toBe('31 december 2020');
    expect(alerts[0]!.deliveries.map((d) => d.channelId)).toEqual(['team']);
    // An edit that changes nothing is no version and no alert.
    const same = await request('PATCH', `/api/v1/measures/${measure.id}`, 'admin', {
      effective_until: '2020-12-31',
      notify: true,
    });
    expect(same.json()).toMatchObject({ measure: { version: 2 }, changed: [] });
  });

  it('explains bad input', async () => {
    const response = await request('POST', '/api/v1/measures', 'admin', {
      ...body,
      effective_until: '2020-01-01',
      topics: ['weer'],
    });
    expect(response.statusCode).toBe(400);
    expect(response.json<{ message: string }>().message).toBe(
      'effective_until (2020-01-01) is before effective_from (2020-11-02); topics: unknown topic "weer"',
    );
  });
});

describe('Grafana rows', () => {
  // December 2020 in local time: a measure's time is local midnight of its date.
  const from = startOfLocalDay('2020-12-01', TZ);
  const to = startOfLocalDay('2021-01-01', TZ);

  it('serves /grafana/measures with local midnight as the time', async () => {
    const response = await request('GET', `/grafana/measures?from=${from}&to=${to}`, 'viewer');
    expect(response.statusCode).toBe(200);
    const rows =
      response.json<{ time: number; title: string; level: string; topics: string; url: string | null }[]>();
    const expected = seed.filter((m) => m.effective_from >= '2020-12-01' && m.effective_from < '2021-01-01');
    // The hand-made weekmarkt measure (2 November to 31 December) is in force in December, so it is listed too.
    expect(rows).toHaveLength(expected.length + 1);
    const market = rows.find((row) => row.title === 'Mondkapjesplicht op de weekmarkt') as unknown as {
      timeEnd: number;
    };
    expect(market.timeEnd).toBe(startOfLocalDay('2021-01-01', TZ));
    const lockdown = rows.find((row) => row.title === 'Lockdown')!;
    expect(lockdown.time).toBe(startOfLocalDay('2020-12-15', TZ));
    expect(lockdown.level).toBe('national');
    expect(lockdown.topics.split(',')).toContain('winkels');
    const regional = await request('GET', `/grafana/measures?from=${from}&to=${to}&level=regional`, 'viewer');
    expect(regional.json<unknown[]>()).toHaveLength(expected.filter((m) => m.id.startsWith('gv-')).length);
  });

  it('draws measures as annotations with Dutch text and tags, filtered by topic', async () => {
    const all = await request('GET', `/grafana/annotations?kind=measures&from=${from}&to=${to}`, 'viewer');
    expect(all.statusCode).toBe(200);
    const rows =
      all.json<{ time: number; timeEnd: number | null; title: string; text: string; tags: string }[]>();
    const lockdown = rows.find((row) => row.title === 'Lockdown')!;
    expect(lockdown.text.split('\n')[0]).toMatch(/^Landelijk, aanscherping\. Onderwerpen: .*Winkels/);
    expect(lockdown.tags.split(',').slice(0, 3)).toEqual(['maatregel', 'landelijk', 'aanscherping']);
    const winkels = await request(
      'GET',
      `/grafana/annotations?kind=measures&topic=winkels&from=${from}&to=${to}`,
      'viewer',
    );
    const winkelRows = winkels.json<{ tags: string }[]>();
    expect(winkelRows.length).toBeGreaterThan(0);
    expect(winkelRows.length).toBeLessThan(rows.length);
    expect(winkelRows.every((row) => row.tags.split(',').includes('winkels'))).toBe(true);
    const alertsOnly = await request(
      'GET',
      `/grafana/annotations?kind=alerts&from=${from}&to=${to}`,
      'viewer',
    );
    expect(alertsOnly.json<{ tags: string }[]>().some((row) => row.tags.startsWith('maatregel'))).toBe(false);
  });
});

describe('effects on seeded series with a known answer', () => {
  // Three Saturday measures in 2019 (before any seeded measure). Every 5 minutes: 5 mentions on weekdays (1
  // negative), 10 at weekends (2 negative), local time. In the 48 hours after each measure the weekend carries
  // 15, 20 or 30 mentions with 3, 7 or 12 negative: volume ratios 1.5, 2 and 3 against the same hours of earlier
  // weeks, negative-share shifts of 0, +0.15 and +0.2. Mondkapjes holds 1 mention per bucket, 10 after a measure.
  const cases = [
    { id: 'test-b', date: '2019-09-14', n: 15, neg: 3, ratio: 1.5, shift: 0 },
    { id: 'test-a', date: '2019-06-15', n: 20, neg: 7, ratio: 2, shift: 0.15 },
    { id: 'test-c', date: '2019-11-16', n: 30, neg: 12, ratio: 3, shift: 0.2 },
  ];

  beforeAll(async () => {
    for (const c of cases) {
      const response = await request('POST', '/api/v1/measures', 'admin', {
        id: c.id,
        level: 'national',
        title: `Testmaatregel ${c.date}`,
        effective_from: c.date,
        topics: ['mondkapjes'],
        direction: 'tightening',
      });
      expect(response.statusCode).toBe(201);
    }
    const starts = cases.map((c) => new Date(startOfLocalDay(c.date, TZ)).toISOString());
    const ns = cases.map((c) => c.n);
    const negs = cases.map((c) => c.neg);
    await sql`
      with buckets as (
        select b, (
          select i from unnest(${starts}::timestamptz[]) with ordinality as s(start, i)
          where b >= s.start and b < s.start + interval '48 hours'
        ) as hit,
        extract(isodow from b at time zone ${TZ}) in (6, 7) as weekend
        from generate_series('2019-05-01T00:00:00Z'::timestamptz, '2019-12-01T00:00:00Z'::timestamptz - interval '5 minutes', interval '5 minutes') as b
      ),
      counts as (
        select b,
          case when hit is not null then (${ns}::int[])[hit] when weekend then 10 else 5 end as n,
          case when hit is not null then (${negs}::int[])[hit] when weekend then 2 else 1 end as n_neg,
          case when hit is not null then 10 else 1 end as n_topic
        from buckets
      )
      insert into rollups_5m (source_kind, topic, bucket, n, n_pos, n_neu, n_neg, score_sum, reach_sum, engagement_sum)
      select 'all', 'all', b, n, 0, n - n_neg, n_neg, -500 * n_neg, 0, 0 from counts
      union all
      select 'all', 'mondkapjes', b, n_topic, 0, n_topic, 0, 0, 0, 0 from counts`.execute(
      t.context.database.db,
    );
  });

  it('measures one effect against the same hours of earlier weeks', async () => {
    const response = await request('GET', '/api/v1/measures/test-a/effect?before=48h&after=48h', 'viewer');
    expect(response.statusCode).toBe(200);
    const effect = response.json<{
      at: string;
      complete: boolean;
      volume: Record<string, number | string | null>;
      sentiment: Record<string, number | string | null>;
      topics: { topic: string; growth: number; label: string }[];
      questions: { measured: boolean; note: string };
    }>();
    expect(effect.at).toBe('2019-06-14T22:00:00.000Z');
    expect(effect.complete).toBe(true);
    // 48 hours are 576 buckets: 2880 weekday mentions before, 11520 after against 5760 expected.
    expect(effect.volume).toMatchObject({
      before: 2880,
      after: 11520,
      expected_before: 2880,
      expected_after: 5760,
      weeks_used: 4,
    });
    expect(effect.volume.raw_ratio).toBe(4);
    expect(effect.volume.ratio).toBeCloseTo(2, 12);
    expect(effect.volume.basis).toBe('earlier_weeks');
    expect(effect.sentiment.negative_share_before).toBeCloseTo(0.2, 12);
    expect(effect.sentiment.negative_share_after).toBeCloseTo(0.35, 12);
    expect(effect.sentiment.shift).toBeCloseTo(0.15, 12);
    const se = Math.sqrt(
      (0.35 * 0.65) / 11520 + (0.2 * 0.8) / (4 * 5760) + (0.2 * 0.8) / 2880 + (0.2 * 0.8) / (4 * 2880),
    );
    expect(effect.sentiment.shift_low).toBeCloseTo(0.15 - Z_95 * se, 12);
    expect(effect.sentiment.shift_high).toBeCloseTo(0.15 + Z_95 * se, 12);
    expect(effect.sentiment.mean_score_before).toBeCloseTo(-0.1, 12);
    // Mondkapjes: 1 of 5 before, 10 of 20 after.
    expect(effect.topics[0]).toMatchObject({ topic: 'mondkapjes', label: 'Mondkapjes' });
    expect(effect.topics[0]!.growth).toBeCloseTo(0.3, 12);
    expect(effect.questions.measured).toBe(false);
  });

  it('is not fooled by a weekend: without earlier weeks the plain ratio would say 4×', async () => {
    const plain = await request('GET', '/api/v1/measures/test-a/effect?weeks=0', 'viewer');
    expect(plain.json<{ volume: { ratio: number; basis: string } }>().volume).toMatchObject({
      ratio: 4,
      basis: 'unadjusted',
    });
  });

  it('gives the pattern across measures: the median volume ratio after tightenings about mondkapjes', async () => {
    const response = await request(
      'GET',
      '/api/v1/measures/effects?topic=mondkapjes&direction=tightening&from=2019-01-01&to=2020-01-01',
      'viewer',
    );
    expect(response.statusCode).toBe(200);
    const body = response.json<{
      pattern: { measures: number; volume_ratio: { median: number }; sentiment_shift: { median: number } };
      effects: { measure: { id: string }; topic: string; volume: { ratio: number } }[];
    }>();
    expect(body.effects.map((e) => e.measure.id)).toEqual(['test-a', 'test-b', 'test-c']);
    // Measured on the mondkapjes series: 10 per bucket after, 1 before and in every earlier week.
    expect(body.effects.every((e) => e.topic === 'mondkapjes')).toBe(true);
    expect(body.effects[0]!.volume.ratio).toBeCloseTo(10, 12);
    const overall = await request(
      'GET',
      '/api/v1/measures/effects?direction=tightening&from=2019-01-01&to=2020-01-01',
      'viewer',
    );
    const pattern = overall.json<{
      pattern: {
        measures: number;
        volume_ratio: { median: number; p25: number; p75: number };
        sentiment_shift: { median: number };
      };
    }>().pattern;
    expect(pattern.measures).toBe(3);
    expect(pattern.volume_ratio.median).toBeCloseTo(2, 12);
    expect(pattern.volume_ratio.p25).toBeCloseTo(1.75, 12);
    expect(pattern.volume_ratio.p75).toBeCloseTo(2.5, 12);
    expect(pattern.sentiment_shift.median).toBeCloseTo(0.15, 12);
  });

  it('serves the effects to Grafana, one row per measure', async () => {
    const response = await request(
      'GET',
      `/grafana/measures/effects?from=${Date.parse('2019-01-01')}&to=${Date.parse('2020-01-01')}`,
      'viewer',
    );
    const rows =
      response.json<{ measure: string; time: number; volume_ratio: number; sentiment_shift: number }[]>();
    expect(rows.map((row) => row.measure)).toEqual(['test-a', 'test-b', 'test-c']);
    expect(rows.map((row) => Math.round(row.volume_ratio * 1000) / 1000)).toEqual([2, 1.5, 3]);
    expect(rows[2]!.time).toBe(startOfLocalDay('2019-11-16', TZ));
    expect(rows[2]!.sentiment_shift).toBeCloseTo(0.2, 12);
  });

  it('names the nearest measure for an alert, preferring one on the same topic', async () => {
    const nearest = await t.context.measures.nearest(new Date('2019-06-16T10:00:00Z'), ['mondkapjes']);
    expect(nearest).toEqual({
      title: 'Testmaatregel 2019-06-15',
      level: 'landelijk',
      date: '15 juni 2019',
      url: null,
    });
    expect(await t.context.measures.nearest(new Date('2019-08-01T10:00:00Z'), [])).toBeNull();
  });
});
