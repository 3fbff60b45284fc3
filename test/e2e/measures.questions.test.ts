// The question part of a measure's effect: KCC questions stored through the register, counted in the windows around
// the measure and the same hours of earlier weeks, give the volume ratio and interval with a known answer.
import crypto from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Api } from '../../services/api/app.js';
import { buildCheckedApi } from '../support/openapi.js';
import { startOfLocalDay } from '../../services/time/zoned-time.js';
import { Z_95 } from '../../services/measures/effect.analysis.js';
import type { QuestionActor, RawQuestion } from '../../services/questions/question.js';
import { assertBuilt, runCli } from '../support/cli.js';
import { createTestContext, type TestContext } from '../support/context.js';

const TZ = 'Europe/Amsterdam';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ADMIN: QuestionActor = { name: 'test', role: 'admin', team: null, apiKeyId: null };
const HORECA = 'Mag het terras van mijn café weer open?';
const OTHER = 'Wanneer wordt het grofvuil opgehaald?';

let t: TestContext;
let api: Api;
const keys: Record<string, string> = {};

// A measure on Saturday 10 October 2026 about horeca. In each of the 4 earlier weeks the 48 hours before hold 2
// horeca questions and the 48 hours after 3; around the measure itself 2 before, and after 12 horeca questions and
// 5 others. Horeca: (12 / 3) / (2 / 2) = 4; all topics: (17 / 3) / (2 / 2) = 17/3.
const MEASURE_DAY = '2026-10-10';

beforeAll(async () => {
  t = await createTestContext('');
  api = await buildCheckedApi(
    { context: t.context, redisHealth: () => Promise.resolve('ok') },
    { logger: false },
  );
  for (const role of ['viewer', 'admin'] as const)
    keys[role] = (await t.context.apiKeys.create(`test ${role}`, role)).key;
  const created = await request('POST', '/api/v1/measures', 'admin', {
    id: 'test-horeca',
    level: 'municipal',
    municipality: 'Huizen',
    title: 'Terrassen dicht',
    effective_from: MEASURE_DAY,
    topics: ['horeca'],
    direction: 'tightening',
  });
  expect(created.statusCode, created.body).toBe(201);
  const raws: RawQuestion[] = [];
  const add = (at: number, count: number, text: string, tag: string) => {
    for (let i = 0; i < count; i++)
      raws.push({
        external_id: `${tag}-${raws.length}`,
        received_at: new Date(at + i * 10 * 60_000).toISOString(),
        channel: i % 2 === 0 ? 'telefoon' : 'e-mail',
        text,
      });
  };
  const midnight = startOfLocalDay(MEASURE_DAY, TZ);
  for (let k = 1; k <= 4; k++) {
    const earlier = midnight - 7 * k * DAY;
    add(earlier - DAY, 2, HORECA, `w${k}-before`);
    add(earlier + DAY, 3, HORECA, `w${k}-after`);
  }
  add(midnight - DAY, 2, HORECA, 'before');
  add(midnight + DAY, 12, HORECA, 'after');
  add(midnight + 30 * HOUR, 5, OTHER, 'after-other');
  // Outside every window: the day after the after window, and three days before the before window.
  add(midnight + 50 * HOUR, 9, HORECA, 'later');
  add(midnight - 5 * DAY, 9, HORECA, 'earlier');
  const result = await t.context.questions.questions.register(ADMIN, 'test', raws);
  expect(result.new).toHaveLength(raws.length);
});

afterAll(async () => {
  await api?.close();
  await t?.close();
});

const request = (method: 'GET' | 'POST', url: string, role: string, payload?: object) =>
  api.inject({
    method,
    url,
    headers: { authorization: `Bearer ${keys[role]}` },
    ...(payload ? { payload } : {}),
  });

interface QuestionPart {
  measured: boolean;
  note: string | null;
  before: number;
  after: number;
  expected_before: number;
  expected_after: number;
  weeks_used: number;
  raw_ratio: number;
  ratio: number;
  ratio_low: number;
  ratio_high: number;
  basis: string;
}

const interval = (ratio: number, variance: number) => [
  Math.exp(Math.log(ratio) - Z_95 * Math.sqrt(variance)),
  Math.exp(Math.log(ratio) + Z_95 * Math.sqrt(variance)),
];

describe('question volume around a measure', () => {
  it('is measured on all questions against the same hours of earlier weeks, with its interval', async () => {
    const response = await request('GET', '/api/v1/measures/test-horeca/effect', 'viewer');
    expect(response.statusCode, response.body).toBe(200);
    const questions = response.json<{ questions: QuestionPart }>().questions;
    expect(questions).toMatchObject({
      measured: true,
      note: null,
      before: 2,
      after: 17,
      expected_before: 2,
      expected_after: 3,
      weeks_used: 4,
      basis: 'earlier_weeks',
    });
    expect(questions.raw_ratio).toBe(8.5);
    expect(questions.ratio).toBeCloseTo(17 / 3, 12);
    const [low, high] = interval(17 / 3, 1 / 17 + 1 / 12 + 1 / 2 + 1 / 8);
    expect(questions.ratio_low).toBeCloseTo(low!, 12);
    expect(questions.ratio_high).toBeCloseTo(high!, 12);
  });

  it('is measured on the topic series with a topic, the others left out', async () => {
    const response = await request('GET', '/api/v1/measures/test-horeca/effect?topic=horeca', 'viewer');
    const questions = response.json<{ questions: QuestionPart }>().questions;
    expect(questions).toMatchObject({ before: 2, after: 12, expected_before: 2, expected_after: 3 });
    expect(questions.ratio).toBeCloseTo(4, 12);
    const [low, high] = interval(4, 1 / 12 + 1 / 12 + 1 / 2 + 1 / 8);
    expect(questions.ratio_low).toBeCloseTo(low!, 12);
    expect(questions.ratio_high).toBeCloseTo(high!, 12);
  });

  it('falls back to the plain ratio without earlier weeks and says so', async () => {
    const response = await request('GET', '/api/v1/measures/test-horeca/effect?weeks=0', 'viewer');
    const questions = response.json<{ questions: QuestionPart }>().questions;
    expect(questions).toMatchObject({ ratio: 8.5, basis: 'unadjusted', weeks_used: 0 });
  });

  it('shows in the pattern and in the Grafana effect rows', async () => {
    const effects = await request('GET', '/api/v1/measures/effects?from=2026-10-01&to=2026-11-01', 'viewer');
    expect(effects.statusCode, effects.body).toBe(200);
    const pattern = effects.json<{
      pattern: { with_questions: number; question_ratio: { median: number } };
    }>().pattern;
    expect(pattern.with_questions).toBe(1);
    expect(pattern.question_ratio.median).toBeCloseTo(17 / 3, 12);
    const rows = await request(
      'GET',
      `/grafana/measures/effects?from=2026-10-01&to=2026-11-01&topic=horeca`,
      'viewer',
    );
    const row = rows.json<{ measure: string; question_ratio: number; question_ratio_low: number }[]>()[0]!;
    expect(row.measure).toBe('test-horeca');
    expect(row.question_ratio).toBeCloseTo(4, 12);
    expect(row.question_ratio_low).toBeCloseTo(interval(4, 1 / 12 + 1 / 12 + 1 / 2 + 1 / 8)[0]!, 12);
  });

  it('is printed by onderstroom measures effect', async () => {
    assertBuilt();
    const variables = {
      DATABASE_URL: t.database.url,
      REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
      ONDERSTROOM_CONFIG: path.join(t.dir, 'onderstroom.yaml'),
      ONDERSTROOM_DATA_DIR: path.join(t.dir, 'data'),
      ONDERSTROOM_PSEUDONYM_KEY: crypto.randomBytes(32).toString('hex'),
      ONDERSTROOM_QUEUE_PREFIX: `test-${crypto.randomBytes(5).toString('hex')}`,
      LOG_LEVEL: 'warn',
    };
    const printed = await runCli(['measures', 'effect', 'test-horeca', '--topic', 'horeca'], variables);
    expect(printed.code, printed.stderr).toBe(0);
    expect(printed.stdout).toMatch(/KCC questions before \/ after\s+2 \/ 12/);
    expect(printed.stdout).toMatch(
      /question ratio\s+4\.00 \[\d+\.\d\d, \d+\.\d\d\] \(earlier_weeks, 4 earlier weeks\)/,
    );
    const json = await runCli(['measures', 'effect', 'test-horeca', '--json'], variables);
    expect((JSON.parse(json.stdout) as { questions: QuestionPart }).questions.ratio).toBeCloseTo(17 / 3, 12);
  });

  it('is not measured where no question was registered around a measure', async () => {
    const created = await request('POST', '/api/v1/measures', 'admin', {
      id: 'test-2019',
      level: 'national',
      title: 'Een maatregel van voor het register',
      effective_from: '2019-03-02',
      topics: ['horeca'],
      direction: 'tightening',
    });
    expect(created.statusCode).toBe(201);
    const response = await request('GET', '/api/v1/measures/test-2019/effect', 'viewer');
    const questions = response.json<{ questions: QuestionPart }>().questions;
    expect(questions).toMatchObject({ measured: false, before: 0, after: 0, ratio: null, basis: 'none' });
    expect(questions.note).toMatch(/No KCC questions were registered/);
  });
});
