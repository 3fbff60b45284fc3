// PATCH /api/v1/mentions/:id/sentiment: analysts correct a mention's label; the correction is kept, the mention
// moves between the rollup counts exactly, and only analysts (and admins) may do it.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Api } from '../../services/api/app.js';
import { buildCheckedApi } from '../support/openapi.js';
import { createTestContext, type TestContext } from '../support/context.js';
import { hourlyMismatches, raw, recomputedRollups, storedRollups } from '../support/mentions.js';

let t: TestContext;
let api: Api;
const keys: Record<string, string> = {};
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestContext();
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
        externalId: 'a',
        postedAt: new Date('2021-01-29T14:01:00Z'),
        text: 'De avondklok is belachelijk en schandalig.',
      }),
      raw({
        externalId: 'b',
        postedAt: new Date('2021-01-29T14:02:00Z'),
        text: 'Blij dat de avondklok er is, goed zo.',
      }),
      raw({
        externalId: 'c',
        postedAt: new Date('2021-01-29T16:30:00Z'),
        text: 'Mondkapjes in de winkel, prima geregeld!',
        reach: 40,
      }),
      raw({
        externalId: 'd',
        postedAt: new Date('2021-01-30T09:00:00Z'),
        text: 'De scholen gaan maandag weer open.',
        reach: null,
      }),
    ],
    { sourceId: 'obi4wan', sourceKind: 'obi4wan' },
  );
  const rows = await sql<{ id: string; external_id: string }>`select id, external_id from mentions`.execute(
    t.context.database.db,
  );
  for (const row of rows.rows) ids[row.external_id] = row.id;
});
afterAll(async () => {
  await api.close();
  await t.close();
});

const patch = (id: string, body: unknown, role?: string) =>
  api.inject({
    method: 'PATCH',
    url: `/api/v1/mentions/${id}/sentiment`,
    headers: role ? { authorization: `Bearer ${keys[role]}` } : {},
    payload: body as Record<string, unknown>,
  });

async function mention(externalId: string) {
  const row = await sql<{
    sentiment_label: string;
    sentiment_score: number;
    sentiment_confidence: number;
    sentiment_model: string;
  }>`
    select sentiment_label, sentiment_score, sentiment_confidence, sentiment_model from mentions
    where external_id = ${externalId}`.execute(t.context.database.db);
  return row.rows[0]!;
}

describe('who may correct', () => {
  it('needs a key, and the analyst role', async () => {
    expect((await patch(ids['a']!, { label: 'positive' })).statusCode).toBe(401);
    const viewer = await patch(ids['a']!, { label: 'positive' }, 'viewer');
    expect(viewer.statusCode).toBe(403);
    expect(viewer.json<{ message: string }>().message).toMatch(/analyst role/);
    // Nothing changed for the refused requests.
    expect((await mention('a')).sentiment_model).not.toBe('analyst');
  });

  it('says what is wrong with a request', async () => {
    expect((await patch(ids['a']!, { label: 'great' }, 'analyst')).statusCode).toBe(400);
    expect((await patch(ids['a']!, { label: 'positive', score: 1 }, 'analyst')).statusCode).toBe(400);
    expect((await patch('not-a-number', { label: 'positive' }, 'analyst')).statusCode).toBe(400);
    const missing = await patch('999999999', { label: 'positive' }, 'analyst');
    expect(missing.statusCode).toBe(404);
    expect(missing.json<{ message: string }>().message).toMatch(/no mention with id 999999999/);
  });
});

describe('a correction', () => {
  it('sets the label, names the analyst as its source and moves the rollups exactly', async () => {
    const before = await mention('a');
    expect(before.sentiment_label).toBe('negative');
    const response = await patch(ids['a']!, { label: 'positive' }, 'analyst');
    expect(response.statusCode).toBe(200);
    const body = response.json<{
      id: string;
      sentiment: { label: string; score: number; model: string; confidence: number };
      previous: { label: string; model: string };
      corrected_by: string;
    }>();
    expect(body.id).toBe(ids['a']);
    expect(body.sentiment).toEqual({ score: 1, label: 'positive', confidence: 1, model: 'analyst' });
    expect(body.previous.label).toBe('negative');
    expect(body.previous.model).toBe(before.sentiment_model);
    expect(body.corrected_by).toBe('test analyst');
    expect(await mention('a')).toEqual({
      sentiment_label: 'positive',
      sentiment_score: 1,
      sentiment_confidence: 1,
      sentiment_model: 'analyst',
    });
    expect(await storedRollups(t.context.database.db)).toEqual(
      await recomputedRollups(t.context.database.db),
    );
    expect(await hourlyMismatches(t.context.database.db)).toEqual([]);
  });

  it('moves a mention out of one class and into another in every bucket it counts in', async () => {
    const bucket = (rows: Awaited<ReturnType<typeof storedRollups>>) =>
      rows.find(
        (r) =>
          r.source_kind === 'all' &&
          r.topic === 'all' &&
          r.bucket.toISOString() === '2021-01-29T16:30:00.000Z',
      )!;
    const before = bucket(await storedRollups(t.context.database.db));
    const previous = (await mention('c')).sentiment_label;
    expect(previous).not.toBe('negative');
    expect((await patch(ids['c']!, { label: 'negative' }, 'analyst')).statusCode).toBe(200);
    const after = bucket(await storedRollups(t.context.database.db));
    expect(after.n).toBe(before.n);
    expect(after.n_neg).toBe(before.n_neg + 1);
    expect(after.n_pos + after.n_neu).toBe(before.n_pos + before.n_neu - 1);
    expect(after.reach_sum).toBe(before.reach_sum);
    expect(await storedRollups(t.context.database.db)).toEqual(
      await recomputedRollups(t.context.database.db),
    );
  });

  it('can be corrected again, by an admin too, and stays exact under concurrent corrections', async () => {
    expect((await patch(ids['a']!, { label: 'neutral' }, 'admin')).statusCode).toBe(200);
    const responses = await Promise.all([
      patch(ids['b']!, { label: 'negative' }, 'analyst'),
      patch(ids['b']!, { label: 'neutral' }, 'analyst'),
      patch(ids['d']!, { label: 'positive' }, 'analyst'),
      patch(ids['d']!, { label: 'negative' }, 'admin'),
      patch(ids['a']!, { label: 'negative' }, 'analyst'),
    ]);
    for (const r of responses) expect(r.statusCode).toBe(200);
    expect(await storedRollups(t.context.database.db)).toEqual(
      await recomputedRollups(t.context.database.db),
    );
    const history = await sql<{ label: string; previous_label: string; corrected_by: string }>`
      select label, previous_label, corrected_by from sentiment_corrections
      where mention_id = ${ids['a']}::bigint order by id`.execute(t.context.database.db);
    expect(history.rows.map((r) => r.label)).toEqual(['positive', 'neutral', 'negative']);
    expect(history.rows.map((r) => r.previous_label)).toEqual(['negative', 'positive', 'neutral']);
    expect(history.rows[1]!.corrected_by).toBe('test admin');
  });

  it('is what GET /mentions shows, and what training reads, over the tool label', async () => {
    await sql`update mentions set tool_sentiment = 'positive' where external_id = 'a'`.execute(
      t.context.database.db,
    );
    const listed = await api.inject({
      url: '/api/v1/mentions?from=2021-01-29&to=2021-02-01',
      headers: { authorization: `Bearer ${keys['analyst']}` },
    });
    const a = listed
      .json<{ mentions: { id: string; sentiment: { label: string; model: string } }[] }>()
      .mentions.find((m) => m.id === ids['a']);
    expect(a?.sentiment).toMatchObject({ label: 'negative', model: 'analyst' });
    const training = await t.context.repositories.mentionSentiment.trainingMentions(100);
    expect(training.find((r) => r.id === ids['a'])).toMatchObject({ label: 'negative', origin: 'analyst' });
    // Every mention here has a correction by now (a, b, c, d).
    expect(training).toHaveLength(4);
  });
});
