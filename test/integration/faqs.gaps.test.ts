// The questions without an FAQ against a real register: `faqs.decide` decides each question once per set of
// published FAQs (a second run decides nothing, publishing an FAQ redoes them), GET /api/v1/faqs/gaps clusters a
// week's gaps and ranks them by count and by growth against the week before, with masked examples and a draft,
// POST /api/v1/faqs/gaps/concepts makes a concept FAQ once, and bad input is a 400 that names the parameter.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Api } from '../../services/api/app.js';
import type { FaqActor } from '../../services/faqs/faq.js';
import { HANDLERS } from '../../workers/handlers.js';
import { buildCheckedApi } from '../support/openapi.js';
import { createTestContext, type TestContext } from '../support/context.js';

let t: TestContext;
let api: Api;
const keys: Record<string, string> = {};
const coordinator: FaqActor = { name: 'coördinator', role: 'coordinator', apiKeyId: null };
const WEEK = { from: '2026-11-23', to: '2026-11-30' };

const current = [
  'Wanneer wordt het grofvuil opgehaald in de Dorpsstraat?',
  'Wanneer wordt grofvuil opgehaald? Bel me op 06-12345678',
  'Wordt het grofvuil bij ons nog opgehaald deze maand?',
  'Hoe laat wordt grofvuil opgehaald? mail naar jan.jansen@example.nl',
  'wanneer word grofvuil opgehaald bij de flat',
  'Is het zwembad De Hoorn weer open?',
  'Mag het zwembad De Hoorn open voor banen zwemmen?',
  'Mag mijn kapper nu weer open of niet?',
];
const before = [
  'Wanneer wordt het grofvuil opgehaald?',
  'Is zwembad De Hoorn open?',
  'Gaat het zwembad De Hoorn weer open?',
  'Zwembad De Hoorn open of dicht?',
];

async function count(table: 'question_faq_matches' | 'faqs' | 'faq_gap_concepts'): Promise<number> {
  const result = await sql<{ n: string }>`select count(*)::text as n from ${sql.table(table)}`.execute(
    t.context.database.db,
  );
  return Number(result.rows[0]!.n);
}

const as = (key: string) => ({ authorization: `Bearer ${keys[key]}` });
const gaps = (query: Record<string, string>, key = 'analyst') =>
  api.inject({ method: 'GET', url: '/api/v1/faqs/gaps', query, headers: as(key) });
const concept = (body: Record<string, string>, key = 'admin') =>
  api.inject({ method: 'POST', url: '/api/v1/faqs/gaps/concepts', payload: body, headers: as(key) });

interface Cluster {
  id: string;
  count: number;
  previous_count: number;
  growth: number;
  examples: string[];
  terms: string[];
  topics: { topic: string; count: number }[];
  draft: { question: string; topic: string | null; measures: unknown[] };
  concept_faq_id: string | null;
}
interface Gaps {
  questions: number;
  gap_questions: number;
  undecided: number;
  clusters: Cluster[];
}

beforeAll(async () => {
  t = await createTestContext();
  api = await buildCheckedApi(
    { context: t.context, redisHealth: () => Promise.resolve('ok') },
    { logger: false },
  );
  for (const role of ['viewer', 'analyst', 'admin'] as const)
    keys[role] = (await t.context.apiKeys.create(`test ${role}`, role)).key;
  await t.context.faqs.faqs.create(coordinator, {
    question: 'Mag de kapper open?',
    answer: 'Ja, kappers en andere contactberoepen mogen open met een afspraak.',
    status: 'gepubliceerd',
  });
  const register = async (prefix: string, day: string, texts: string[]) => {
    const res = await api.inject({
      method: 'POST',
      url: '/api/v1/questions',
      headers: as('admin'),
      payload: {
        questions: texts.map((text, i) => ({
          external_id: `${prefix}-${i}`,
          received_at: `${day}T10:0${i}:00+01:00`,
          channel: 'telefoon',
          text,
        })),
      },
    });
    expect(res.statusCode).toBe(200);
  };
  await register('now', '2026-11-25', current);
  await register('before', '2026-11-18', before);
});
afterAll(async () => {
  await api?.close();
  await t?.close();
});

describe('faqs.decide', () => {
  it('decides every question once; a second run decides nothing', async () => {
    // Registration through the API kept its proposals as decisions; without them (as after an import) the job
    // decides every question.
    expect(await count('question_faq_matches')).toBe(current.length + before.length);
    await sql`delete from question_faq_matches`.execute(t.context.database.db);
    const first = (await HANDLERS['faqs.decide'](t.context, { batchSize: 5, maxBatches: 20 })) as {
      questions: unknown;
    };
    expect(first.questions).toMatchObject({ decided: current.length + before.length, batches: 3 });
    expect(await count('question_faq_matches')).toBe(current.length + before.length);
    const second = await t.context.faqs.gaps.decide(5, 20);
    expect(second).toEqual({ decided: 0, none: 0, batches: 0 });
    expect(await count('question_faq_matches')).toBe(current.length + before.length);
  });
});

describe('GET /api/v1/faqs/gaps', () => {
  it('clusters the week, ranks by count, masks contact details and leaves out the matched question', async () => {
    const res = await gaps(WEEK);
    expect(res.statusCode).toBe(200);
    const body = res.json<Gaps>();
    expect(body.questions).toBe(current.length);
    expect(body.undecided).toBe(0);
    expect(body.gap_questions).toBe(current.length - 1);
    const [grofvuil, zwembad] = body.clusters;
    expect(grofvuil).toMatchObject({ count: 5, previous_count: 1, growth: 4 });
    expect(grofvuil!.terms).toContain('grofvuil');
    expect(grofvuil!.examples).toHaveLength(3);
    expect(zwembad).toMatchObject({ count: 2, previous_count: 3, growth: -1 });
    const all = JSON.stringify(body);
    expect(all).not.toContain('12345678');
    expect(all).not.toContain('jan.jansen');
    expect(all).not.toContain('jansen');
    expect(all).not.toContain('kapper');
    expect(grofvuil!.draft.question).not.toBe('');
  });

  it('ranks by growth when asked', async () => {
    const body = (await gaps({ ...WEEK, order: 'growth', limit: '1' })).json<Gaps>();
    expect(body.clusters).toHaveLength(1);
    expect(body.clusters[0]!.growth).toBe(4);
  });

  it('refuses bad dates, a reversed period and more than a year, naming the parameter', async () => {
    const bad = await gaps({ from: '2026-13-01', to: '2026-11-30' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ message: string }>().message).toMatch(/^from:/);
    const reversed = await gaps({ from: '2026-11-30', to: '2026-11-23' });
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json<{ message: string }>().message).toMatch(/^to:.*before it starts/);
    const long = await gaps({ from: '2025-01-01', to: '2026-11-30' });
    expect(long.statusCode).toBe(400);
    expect(long.json<{ message: string }>().message).toMatch(/^to:.*at most 366 days/);
    expect((await gaps({ ...WEEK, limit: '0' })).statusCode).toBe(400);
    expect((await gaps(WEEK, 'viewer')).statusCode).toBe(403);
  });
});

describe('POST /api/v1/faqs/gaps/concepts', () => {
  it('makes a cluster into a concept FAQ once; a second click returns the same concept', async () => {
    const zwembad = (await gaps(WEEK)).json<Gaps>().clusters[1]!;
    const faqsBefore = await count('faqs');
    const first = await concept({ ...WEEK, cluster: zwembad.id });
    expect(first.statusCode).toBe(201);
    const made = first.json<{ faq: { id: string; status: string; question: string }; created: boolean }>();
    expect(made).toMatchObject({
      created: true,
      faq: { status: 'concept', question: zwembad.draft.question },
    });
    const twice = await Promise.all([
      concept({ ...WEEK, cluster: zwembad.id }),
      concept({ ...WEEK, cluster: zwembad.id }),
    ]);
    for (const res of twice) {
      expect(res.statusCode).toBe(200);
      expect(res.json<{ faq: { id: string }; created: boolean }>()).toMatchObject({
        created: false,
        faq: { id: made.faq.id },
      });
    }
    expect(await count('faqs')).toBe(faqsBefore + 1);
    expect(await count('faq_gap_concepts')).toBe(1);
    const shown = (await gaps(WEEK)).json<Gaps>().clusters.find((c) => c.id === zwembad.id)!;
    expect(shown.concept_faq_id).toBe(made.faq.id);
  });

  it('refuses an unknown cluster, a malformed one and a key that may not write FAQs, storing nothing', async () => {
    const faqsBefore = await count('faqs');
    const unknown = await concept({ ...WEEK, cluster: '999999' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json<{ message: string }>().message).toMatch(/^cluster:/);
    const malformed = await concept({ ...WEEK, cluster: 'abc' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json<{ message: string }>().message).toMatch(/^cluster:/);
    expect((await concept({ ...WEEK, cluster: '1' }, 'analyst')).statusCode).toBe(403);
    expect((await concept({ from: 'gisteren', to: WEEK.to, cluster: '1' })).statusCode).toBe(400);
    expect(await count('faqs')).toBe(faqsBefore);
    expect(await count('faq_gap_concepts')).toBe(1);
  });
});

describe('a published FAQ changes the decisions', () => {
  it('redoes every decision, and the questions it answers leave the gaps', async () => {
    await t.context.faqs.faqs.create(coordinator, {
      question: 'Wanneer wordt het grofvuil opgehaald?',
      answer: 'Grofvuil wordt op afspraak opgehaald: maak een afspraak bij de gemeente.',
      status: 'gepubliceerd',
    });
    const stale = (await gaps(WEEK)).json<Gaps>();
    expect(stale.undecided).toBe(current.length);
    const redone = await t.context.faqs.gaps.decide(500, 20);
    expect(redone.decided).toBe(current.length + before.length);
    expect(await count('question_faq_matches')).toBe(current.length + before.length);
    const body = (await gaps(WEEK)).json<Gaps>();
    expect(body.undecided).toBe(0);
    expect(body.clusters.some((c) => c.terms.includes('grofvuil'))).toBe(false);
    expect(body.clusters[0]).toMatchObject({ count: 2 });
  });
});
