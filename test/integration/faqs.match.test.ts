// GET /api/v1/faqs/match against a real register: published FAQs proposed for a resident's question without a key,
// `none` for a question no FAQ answers, the matcher rebuilt when an FAQ is published or withdrawn (also when the
// change came through another process), and clear refusals of an empty or overlong text.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FaqActor } from '../../services/faqs/faq.js';
import type { Api } from '../../services/api/app.js';
import { FaqMatchService } from '../../services/faqs/faq-match.service.js';
import { buildCheckedApi } from '../support/openapi.js';
import { createTestContext, type TestContext } from '../support/context.js';

let t: TestContext;
let api: Api;
const coordinator: FaqActor = { name: 'coördinator', role: 'coordinator', apiKeyId: null };
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestContext();
  api = await buildCheckedApi(
    { context: t.context, redisHealth: () => Promise.resolve('ok') },
    { logger: false },
  );
  const faqs = t.context.faqs.faqs;
  const add = async (key: string, question: string, answer: string, status: string) =>
    (ids[key] = (await faqs.create(coordinator, { question, answer, status })).id);
  await add(
    'kapper',
    'Mag de kapper open?',
    'Ja, kappers en andere contactberoepen mogen open met een afspraak.',
    'gepubliceerd',
  );
  await add(
    'avondklok',
    'Hoe laat begint de avondklok?',
    'De avondklok geldt van 21.00 tot 04.30 uur.',
    'gepubliceerd',
  );
  await add(
    'mondkapje',
    'Moet ik een mondkapje dragen in de supermarkt?',
    'Ja, in publieke binnenruimtes draagt iedereen vanaf 13 jaar een mondkapje.',
    'gepubliceerd',
  );
  await add(
    'concept',
    'Kan ik mijn vaccinatieafspraak verzetten?',
    'Bel de GGD om uw afspraak voor een vaccinatie te verzetten.',
    'concept',
  );
});
afterAll(async () => {
  await api?.close();
  await t?.close();
});

const match = async (q: string, limit?: number) =>
  api.inject({
    method: 'GET',
    url: '/api/v1/faqs/match',
    query: { q, ...(limit ? { limit: String(limit) } : {}) },
  });

describe('GET /api/v1/faqs/match', () => {
  it('proposes the published FAQ that answers a question, without a key', async () => {
    const res = await match('mag de kapper weer open?');
    expect(res.statusCode).toBe(200);
    const body = res.json<{
      matches: { faq_id: string; score: number; question: string }[];
      decision: string;
      language: string;
    }>();
    expect(body.decision).toBe('match');
    expect(body.matches[0]).toMatchObject({ faq_id: ids.kapper, question: 'Mag de kapper open?' });
    expect(body.matches.length).toBeLessThanOrEqual(5);
    expect(body.language).toBe('nl');
  });

  it('answers none for a question no published FAQ answers, and never proposes a concept FAQ', async () => {
    const res = await match('Wanneer wordt het grofvuil in Huizen opgehaald?');
    expect(res.json<{ decision: string }>().decision).toBe('none');
    const concept = await match('Kan ik mijn vaccinatieafspraak verzetten?');
    expect(concept.json<{ matches: { faq_id: string }[] }>().matches.map((m) => m.faq_id)).not.toContain(
      ids.concept,
    );
  });

  it('sees a published or withdrawn FAQ at once, also when another process changed it', async () => {
    // A second service instance stands for another API process: it built its matcher before the change.
    const other = new FaqMatchService(t.context.faqs.repository, t.context.faqs.faqs);
    expect(
      (await other.match('Kan ik mijn vaccinatieafspraak verzetten?', 5)).matches.map((m) => m.faqId),
    ).not.toContain(ids.concept);
    await t.context.faqs.faqs.update(coordinator, ids.concept!, { status: 'gepubliceerd' }, null, 'manual');
    await t.context.faqs.faqs.update(coordinator, ids.kapper!, { status: 'verlopen' }, null, 'manual');
    const published = await other.match('Kan ik mijn vaccinatieafspraak verzetten?', 5);
    expect(published.decision).toBe('match');
    expect(published.matches[0]?.faqId).toBe(ids.concept);
    const withdrawn = await match('mag de kapper weer open?');
    expect(withdrawn.json<{ matches: { faq_id: string }[] }>().matches.map((m) => m.faq_id)).not.toContain(
      ids.kapper,
    );
  });

  it('refuses an empty text, an overlong text and a limit out of range, naming the parameter', async () => {
    const empty = await match('   ');
    expect(empty.statusCode).toBe(400);
    expect(empty.json<{ message: string }>().message).toMatch(/^q: /);
    const long = await match('kapper '.repeat(1000));
    expect(long.statusCode).toBe(400);
    expect(long.json<{ message: string }>().message).toMatch(/q: at most 2000 characters/);
    const limit = await match('kapper', 51);
    expect(limit.statusCode).toBe(400);
    expect(limit.json<{ message: string }>().message).toMatch(/limit/);
  });
});
