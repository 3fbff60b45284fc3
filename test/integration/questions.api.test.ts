// The question routes: posting with an admin key or a question-source key (idempotent, which were new), the
// analysts' queue with cursor and logged reads, one question with its history, the follow-up, and bad input.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Api } from '../../services/api/app.js';
import { buildCheckedApi } from '../support/openapi.js';
import { QUESTION_SOURCE_PREFIX } from '../../services/questions/question-callers.js';
import { createTestContext, type TestContext } from '../support/context.js';

let t: TestContext;
let api: Api;
const keys: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestContext(`
questions:
  teams:
    - { id: kcc, name: KCC, due_hours: 8 }
    - { id: economische-zaken, name: Economische Zaken, due_hours: 16 }
  routes:
    - { topic: horeca, team: economische-zaken }
  sources: [telefonie]
`);
  api = await buildCheckedApi(
    { context: t.context, redisHealth: () => Promise.resolve('ok') },
    { logger: false },
  );
  for (const role of ['viewer', 'analyst', 'admin'] as const)
    keys[role] = (await t.context.apiKeys.create(`test ${role}`, role)).key;
  keys.source = (
    await t.context.apiKeys.create('telefonie', 'viewer', `${QUESTION_SOURCE_PREFIX}telefonie`)
  ).key;
});

afterAll(async () => {
  await api.close();
  await t.close();
});

const post = (key: string, url: string, body: unknown) =>
  api.inject({ method: 'POST', url, headers: { authorization: `Bearer ${key}` }, payload: body as object });
const get = (key: string, url: string) =>
  api.inject({ method: 'GET', url, headers: { authorization: `Bearer ${key}` } });

interface Row {
  id: string;
  external_id: string;
  team: string;
}
interface Page {
  questions: Row[];
  next_cursor: string | null;
}
interface Failure {
  message: string;
}
interface Opened {
  history: { type: string; actor: string }[];
}

const question = (id: string, text: string, minute = 0) => ({
  external_id: id,
  received_at: `2026-12-01T09:${String(minute).padStart(2, '0')}:00+01:00`,
  channel: 'telefoon',
  text,
});

async function questionCount(): Promise<number> {
  const result = await sql<{ n: string }>`select count(*) as n from questions`.execute(t.context.database.db);
  return Number(result.rows[0]!.n);
}

describe('POST /api/v1/questions', () => {
  it('stores a batch from a question-source key once and says which were new', async () => {
    const body = {
      questions: [
        question('t-1', 'Mag het terras van mijn café open?'),
        question('t-2', 'Waar kan ik testen?', 1),
      ],
    };
    const first = await post(keys.source!, '/api/v1/questions', body);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({
      source: 'telefonie',
      received: 2,
      new: ['t-1', 't-2'],
      duplicates: [],
    });
    const again = await post(keys.source!, '/api/v1/questions', {
      questions: [question('t-2', 'Waar kan ik testen?', 1), question('t-3', 'Hoe vraag ik steun aan?', 2)],
    });
    expect(again.json()).toMatchObject({ new: ['t-3'], duplicates: ['t-2'] });
    expect(await questionCount()).toBe(3);
  });

  it('takes an admin key, refuses analyst keys, other sources and bad input without storing anything', async () => {
    expect(
      (
        await post(keys.admin!, '/api/v1/questions', { questions: [question('a-1', 'Vraag via admin')] })
      ).json(),
    ).toMatchObject({
      source: 'api',
      new: ['a-1'],
    });
    const before = await questionCount();
    const analyst = await post(keys.analyst!, '/api/v1/questions', { questions: [question('x-1', 'vraag')] });
    expect(analyst.statusCode).toBe(403);
    const elsewhere = await post(keys.source!, '/api/v1/questions', {
      source: 'api',
      questions: [question('x-2', 'vraag')],
    });
    expect(elsewhere.statusCode).toBe(403);
    expect(elsewhere.json<Failure>().message).toMatch(/only for the source "telefonie"/);
    const unknownSource = await post(keys.admin!, '/api/v1/questions', {
      source: 'fax',
      questions: [question('x-3', 'v')],
    });
    expect(unknownSource.statusCode).toBe(400);
    for (const [bad, message] of [
      [{ ...question('x-4', ''), text: '' }, /questions\[1\]\.text: a question needs its text/],
      [question('x-5', 'y'.repeat(100_000)), /questions\[1\]\.text: at most 20000 characters/],
      [{ ...question('x-6', 'vraag'), team: 'sport' }, /questions\[1\]\.team: no team "sport"/],
    ] as const) {
      const response = await post(keys.source!, '/api/v1/questions', {
        questions: [question('x-0', 'goed'), bad],
      });
      expect(response.statusCode).toBe(400);
      expect(response.json<Failure>().message).toMatch(message);
    }
    expect(await questionCount()).toBe(before);
    // A mention push with a question-source key finds no mention source of that name.
    const mentions = await post(keys.source!, '/api/v1/mentions', {
      mentions: [{ external_id: 'm', posted_at: '2026-12-01T09:00:00Z', text: 'x' }],
    });
    expect(mentions.statusCode).toBe(404);
  });
});

describe('GET /api/v1/questions and the follow-up', () => {
  it('pages the queue for analysts, filters, and logs every read of text', async () => {
    expect((await get(keys.viewer!, '/api/v1/questions')).statusCode).toBe(403);
    const firstPage = await get(keys.analyst!, '/api/v1/questions?limit=2');
    expect(firstPage.statusCode).toBe(200);
    const page = firstPage.json<Page>();
    expect(page.questions).toHaveLength(2);
    expect(page.questions[0]!.id).toMatch(/^\d+$/);
    expect(page.questions[0]).toMatchObject({
      channel: 'telefoon',
      status: 'doorgestuurd',
    });
    const rest = (
      await get(keys.analyst!, `/api/v1/questions?limit=2&cursor=${page.next_cursor}`)
    ).json<Page>();
    const ids = [...page.questions, ...rest.questions].map((q) => q.external_id);
    expect(new Set(ids).size).toBe(4);
    const horeca = (await get(keys.analyst!, '/api/v1/questions?topic=horeca')).json<Page>();
    expect(horeca.questions.map((q) => [q.external_id, q.team])).toEqual([['t-1', 'economische-zaken']]);
    const ranged = (
      await get(keys.analyst!, '/api/v1/questions?from=2026-12-01T08:00:30Z&to=2026-12-01T08:02:00Z')
    ).json<Page>();
    expect(ranged.questions.map((q) => q.external_id)).toEqual(['t-2']);
    const bad = await get(keys.analyst!, '/api/v1/questions?status=zoek');
    expect(bad.statusCode).toBe(400);
    expect(bad.json<Failure>().message).toMatch(/status: "zoek" is not one of/);
    const logged = await sql<{
      n: string;
    }>`select count(*) as n from access_log where action = 'api.questions.list'`.execute(
      t.context.database.db,
    );
    expect(Number(logged.rows[0]!.n)).toBe(4);
  });

  it('assigns, answers, closes and shows the history', async () => {
    const [row] = (await get(keys.analyst!, '/api/v1/questions?topic=horeca')).json<Page>().questions;
    const id = row!.id;
    expect(
      (await post(keys.analyst!, `/api/v1/questions/${id}/assign`, { assignee: 'Fatima' })).json(),
    ).toMatchObject({
      assignee: 'Fatima',
      status: 'in behandeling',
    });
    expect(
      (await post(keys.analyst!, `/api/v1/questions/${id}/status`, { status: 'gesloten' })).statusCode,
    ).toBe(400);
    expect((await post(keys.analyst!, `/api/v1/questions/${id}/close`, {})).statusCode).toBe(409);
    const answered = await post(keys.admin!, `/api/v1/questions/${id}/answer`, {
      answer: 'Ja, tot 22:00.',
      how: 'per e-mail',
    });
    expect(answered.json()).toMatchObject({ status: 'beantwoord', answered_how: 'per e-mail' });
    expect((await post(keys.admin!, `/api/v1/questions/${id}/close`, {})).json()).toMatchObject({
      status: 'gesloten',
    });
    const opened = (await get(keys.analyst!, `/api/v1/questions/${id}`)).json<Opened>();
    expect(opened.history.map((e) => `${e.type} ${e.actor}`)).toEqual([
      'registered key:telefonie',
      'routed systeem',
      'assigned key:test analyst',
      'answered key:test admin',
      'closed key:test admin',
    ]);
    expect((await get(keys.analyst!, '/api/v1/questions/999999')).statusCode).toBe(404);
  });

  it('counts questions per bucket from the rollups, exactly and with every bucket present', async () => {
    const series = async (query: string) => {
      const response = await get(keys.viewer!, `/api/v1/questions/series?${query}`);
      expect(response.statusCode).toBe(200);
      return response.json<{ time: number; value: number | null }[]>();
    };
    expect(await series('interval=5m&from=2026-12-01T07:55:00Z&to=2026-12-01T08:10:00Z')).toEqual([
      { time: Date.parse('2026-12-01T07:55:00Z'), value: 0 },
      { time: Date.parse('2026-12-01T08:00:00Z'), value: 4 },
      { time: Date.parse('2026-12-01T08:05:00Z'), value: 0 },
    ]);
    expect(await series('interval=1d&from=2026-11-30T23:00:00Z&to=2026-12-01T23:00:00Z')).toEqual([
      { time: Date.parse('2026-11-30T23:00:00Z'), value: 4 },
    ]);
    const horeca = await series(
      'topic=horeca&channel=telefoon&from=2026-12-01T08:00:00Z&to=2026-12-01T09:00:00Z',
    );
    expect(horeca).toEqual([{ time: Date.parse('2026-12-01T08:00:00Z'), value: 1 }]);
    const bad = await get(keys.viewer!, '/api/v1/questions/series?channel=fax');
    expect(bad.statusCode).toBe(400);
    expect(bad.json<Failure>().message).toMatch(/channel: "fax"/);
  });
});
