// The team figures of the Vragen dashboard: open and overdue questions per team now, and the median time from
// receiving to answering per team over a range, each equal to a recount of the stored questions; counts only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Api } from '../../services/api/app.js';
import { buildCheckedApi } from '../support/openapi.js';
import type { QuestionActor, RawQuestion } from '../../services/questions/question.js';
import { createTestContext, type TestContext } from '../support/context.js';

let t: TestContext;
let api: Api;
let viewer: string;

const ADMIN: QuestionActor = { name: 'test', role: 'admin', team: null, apiKeyId: null };
const HOUR = 3_600_000;

beforeAll(async () => {
  t = await createTestContext(`
questions:
  teams:
    - { id: kcc, name: KCC, due_hours: 8 }
    - { id: economische-zaken, name: Economische Zaken, due_hours: 16 }
    - { id: handhaving, name: Handhaving, due_hours: 4 }
  default_team: kcc
  routes:
    - { topic: horeca, team: economische-zaken }
`);
  api = await buildCheckedApi(
    { context: t.context, redisHealth: () => Promise.resolve('ok') },
    { logger: false },
  );
  viewer = (await t.context.apiKeys.create('test viewer', 'viewer')).key;
  const now = Date.now();
  // Old questions (ten days back: past any due time, weekends included) and fresh ones (due hours ahead), to kcc
  // (no topic: the default team) and economische-zaken (horeca).
  const raws: RawQuestion[] = [];
  for (let i = 0; i < 12; i++) {
    raws.push({
      external_id: `old-${i}`,
      received_at: new Date(now - (10 * 24 + 7 * i) * HOUR).toISOString(),
      channel: 'telefoon',
      text: i % 2 === 0 ? 'Mag het terras van mijn café open?' : 'Wanneer wordt het grofvuil opgehaald?',
    });
  }
  for (let i = 0; i < 4; i++) {
    raws.push({
      external_id: `new-${i}`,
      received_at: new Date(now - 60_000 * (i + 1)).toISOString(),
      channel: 'e-mail',
      text: 'Mag het terras van mijn café open?',
    });
  }
  const registered = await t.context.questions.questions.register(ADMIN, 'test', raws);
  const service = t.context.questions.questions;
  // Answer five of the old ones (one of them closed too), and the newest fresh one.
  for (const id of ['old-0', 'old-1', 'old-2', 'old-5', 'old-8', 'new-0']) {
    await service.answer(ADMIN, registered.ids[id]!, { answer: 'Zo zit het.', how: 'per e-mail' });
  }
  await service.close(ADMIN, registered.ids['old-2']!);
});

afterAll(async () => {
  await api.close();
  await t.close();
});

const get = (url: string) =>
  api.inject({ method: 'GET', url, headers: { authorization: `Bearer ${viewer}` } });

interface Stored {
  team: string;
  received: number;
  due: number;
  answered: number | null;
  closed: number | null;
}

async function stored(): Promise<Stored[]> {
  const rows = await sql<{
    team: string;
    received_at: Date;
    due_at: Date;
    answered_at: Date | null;
    closed_at: Date | null;
  }>`select team, received_at, due_at, answered_at, closed_at from questions`.execute(t.context.database.db);
  return rows.rows.map((row) => ({
    team: row.team,
    received: row.received_at.getTime(),
    due: row.due_at.getTime(),
    answered: row.answered_at?.getTime() ?? null,
    closed: row.closed_at?.getTime() ?? null,
  }));
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = (sorted.length - 1) / 2;
  return (sorted[Math.floor(mid)]! + sorted[Math.ceil(mid)]!) / 2;
}

describe('GET /grafana/questions/teams', () => {
  it('counts open and overdue questions per configured team now, zeros included', async () => {
    const before = Date.now();
    const response = await get('/grafana/questions/teams');
    const after = Date.now();
    expect(response.statusCode).toBe(200);
    const rows = response.json<{ team: string; name: string; open: number; overdue: number }[]>();
    const questions = await stored();
    const open = (team: string) =>
      questions.filter((q) => q.team === team && q.answered === null && q.closed === null);
    // Due times of the old questions lie days back and of the fresh ones hours ahead, so the clock cannot matter.
    expect(questions.every((q) => q.due < before - HOUR || q.due > after + HOUR)).toBe(true);
    expect(rows).toEqual([
      {
        team: 'kcc',
        name: 'KCC',
        open: open('kcc').length,
        overdue: open('kcc').filter((q) => q.due <= before).length,
      },
      {
        team: 'economische-zaken',
        name: 'Economische Zaken',
        open: open('economische-zaken').length,
        overdue: open('economische-zaken').filter((q) => q.due <= before).length,
      },
      { team: 'handhaving', name: 'Handhaving', open: 0, overdue: 0 },
    ]);
    // 6 old to each team; 4 fresh horeca ones to economische-zaken; answered: old 0, 2, 8 (ez), 1, 5 (kcc), new-0.
    expect(rows.map((row) => [row.open, row.overdue])).toEqual([
      [4, 4],
      [6, 3],
      [0, 0],
    ]);
  });

  it('takes no parameters, so a typo is not silently ignored', async () => {
    const response = await get('/grafana/questions/teams?team=kcc');
    expect(response.statusCode).toBe(400);
    expect(response.json<{ message: string }>().message).toMatch(
      /querystring: must NOT have additional properties/,
    );
    const answer = await get('/grafana/questions/answer-times?team=kcc');
    expect(answer.statusCode).toBe(400);
    expect(answer.json<{ message: string }>().message).toMatch(
      /querystring: must NOT have additional properties/,
    );
  });
});

describe('GET /grafana/questions/answer-times', () => {
  it('gives the median time from received to answered per team over the questions answered in the range', async () => {
    const response = await get(
      `/grafana/questions/answer-times?from=${Date.now() - 86_400_000}&to=${Date.now() + 1}`,
    );
    expect(response.statusCode).toBe(200);
    const rows =
      response.json<{ team: string; name: string; answered: number; median_seconds: number | null }[]>();
    const questions = await stored();
    const expected = (team: string) => {
      const times = questions
        .filter((q) => q.team === team && q.answered !== null)
        .map((q) => (q.answered! - q.received) / 1000);
      return { answered: times.length, median_seconds: median(times) };
    };
    expect(rows.map((row) => ({ team: row.team, name: row.name }))).toEqual([
      { team: 'kcc', name: 'KCC' },
      { team: 'economische-zaken', name: 'Economische Zaken' },
      { team: 'handhaving', name: 'Handhaving' },
    ]);
    for (const row of rows) {
      const { answered, median_seconds } = expected(row.team);
      expect(row.answered).toBe(answered);
      if (median_seconds === null) expect(row.median_seconds).toBeNull();
      else expect(row.median_seconds).toBeCloseTo(median_seconds, 3);
    }
    expect(rows.map((row) => row.answered)).toEqual([2, 4, 0]);
  });

  it('leaves out questions answered outside the range', async () => {
    const response = await get('/grafana/questions/answer-times?from=2026-01-01&to=2026-02-01');
    expect(response.json<{ answered: number; median_seconds: number | null }[]>()).toEqual([
      expect.objectContaining({ answered: 0, median_seconds: null }),
      expect.objectContaining({ answered: 0, median_seconds: null }),
      expect.objectContaining({ answered: 0, median_seconds: null }),
    ]);
  });
});
