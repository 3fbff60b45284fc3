// The KCC side of FAQ matching through the API and the service: a posted question comes back with the published
// FAQs that may answer it (and `none` for a local question), the question shows them when opened, and answering
// with a published FAQ stores the link and a history event; an unknown, malformed or unpublished FAQ is a 400
// that changes nothing, and a KCC employee answers with an FAQ only the questions they registered.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Api } from '../../services/api/app.js';
import type { FaqActor } from '../../services/faqs/faq.js';
import type { QuestionActor } from '../../services/questions/question.js';
import { FaqGapsRepository } from '../../services/repositories/faq-gaps.repository.js';
import { buildCheckedApi } from '../support/openapi.js';
import { createTestContext, type TestContext } from '../support/context.js';

let t: TestContext;
let api: Api;
let admin: string;
const faqIds: Record<string, string> = {};
const coordinator: FaqActor = { name: 'coördinator', role: 'coordinator', apiKeyId: null };

beforeAll(async () => {
  t = await createTestContext();
  api = await buildCheckedApi(
    { context: t.context, redisHealth: () => Promise.resolve('ok') },
    { logger: false },
  );
  admin = (await t.context.apiKeys.create('test admin', 'admin')).key;
  const add = async (key: string, question: string, answer: string, status: string) =>
    (faqIds[key] = (await t.context.faqs.faqs.create(coordinator, { question, answer, status })).id);
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

const post = (url: string, body: unknown) =>
  api.inject({ method: 'POST', url, headers: { authorization: `Bearer ${admin}` }, payload: body as object });
const get = (url: string) =>
  api.inject({ method: 'GET', url, headers: { authorization: `Bearer ${admin}` } });

const question = (id: string, text: string) => ({
  external_id: id,
  received_at: '2026-12-03T09:00:00+01:00',
  channel: 'telefoon',
  text,
});

interface Proposal {
  faq_matches: { faq_id: string; score: number; question: string }[];
  faq_decision: 'match' | 'none';
}

/** What answering may change: the question's columns and its history. */
async function snapshot(id: string) {
  const db = t.context.database.db;
  const row = await sql<
    Record<string, unknown>
  >`select status, answer, answered_how, answered_at, answered_faq_id
    from questions where id = ${id}::bigint`.execute(db);
  const events = await sql<{ n: string }>`select count(*) as n from question_events
    where question_id = ${id}::bigint`.execute(db);
  return { row: row.rows[0], events: Number(events.rows[0]!.n) };
}

describe('FAQs proposed at registration', () => {
  it('gives the best published FAQs per question, none for a local question, and again for a repeat', async () => {
    const body = {
      questions: [
        question('f-1', 'Mag mijn kapper nu weer open of niet?'),
        question('f-2', 'Wanneer wordt het grofvuil bij ons in de Dorpsstraat opgehaald?'),
      ],
    };
    const first = await post('/api/v1/questions', body);
    expect(first.statusCode).toBe(200);
    const answer = first.json<{
      new: string[];
      ids: Record<string, string>;
      faq_proposals: Record<string, Proposal>;
    }>();
    expect(answer.new).toEqual(['f-1', 'f-2']);
    const kapper = answer.faq_proposals['f-1']!;
    expect(kapper.faq_decision).toBe('match');
    expect(kapper.faq_matches[0]).toMatchObject({ faq_id: faqIds.kapper, question: 'Mag de kapper open?' });
    expect(kapper.faq_matches.length).toBeLessThanOrEqual(3);
    // A concept FAQ is never proposed.
    expect(kapper.faq_matches.map((match) => match.faq_id)).not.toContain(faqIds.concept);
    expect(answer.faq_proposals['f-2']!.faq_decision).toBe('none');

    const again = await post('/api/v1/questions', body);
    const repeated = again.json<{ duplicates: string[]; faq_proposals: Record<string, Proposal> }>();
    expect(repeated.duplicates).toEqual(['f-1', 'f-2']);
    expect(repeated.faq_proposals['f-1']!.faq_matches[0]!.faq_id).toBe(faqIds.kapper);

    const opened = await get(`/api/v1/questions/${answer.ids['f-1']}`);
    expect(opened.statusCode).toBe(200);
    const shown = opened.json<{
      faq_proposal: Proposal;
      answered_faq: unknown;
      question: { answered_faq_id: unknown };
    }>();
    expect(shown.faq_proposal.faq_matches[0]!.faq_id).toBe(faqIds.kapper);
    expect(shown.answered_faq).toBeNull();
    expect(shown.question.answered_faq_id).toBeNull();
  });

  it('keeps the proposals as the decisions of the new questions, so faqs.decide does not decide them again', async () => {
    const db = t.context.database.db;
    const first = await post('/api/v1/questions', {
      questions: [
        question('d-1', 'Mag de kapper bij ons in het dorp al open?'),
        question('d-2', 'Waarom staat de container in de Molenstraat er nog?'),
      ],
    });
    const ids = first.json<{ ids: Record<string, string> }>().ids;
    const rows = await sql<{ question_id: string; decision: string; faq_id: string | null; faq_set: string }>`
      select question_id::text as question_id, decision, faq_id::text as faq_id, faq_set
      from question_faq_matches where question_id = any(${Object.values(ids)}::bigint[])
      order by question_id`.execute(db);
    const faqSet = await new FaqGapsRepository(db).currentFaqSet();
    expect(rows.rows).toEqual([
      { question_id: ids['d-1'], decision: 'match', faq_id: faqIds.kapper, faq_set: faqSet },
      { question_id: ids['d-2'], decision: 'none', faq_id: null, faq_set: faqSet },
    ]);
    const decidedAt = () =>
      sql<{ decided_at: Date }>`select decided_at from question_faq_matches
      where question_id = any(${Object.values(ids)}::bigint[]) order by question_id`.execute(db);
    const kept = (await decidedAt()).rows;
    await t.context.faqs.gaps.decide(500, 20);
    expect((await decidedAt()).rows).toEqual(kept);
    // A repeat stores nothing new and keeps the decision made at its first registration.
    await post('/api/v1/questions', {
      questions: [question('d-1', 'Mag de kapper bij ons in het dorp al open?')],
    });
    const again = await sql<{ n: string }>`select count(*)::text as n from question_faq_matches
      where question_id = ${ids['d-1']!}::bigint`.execute(db);
    expect(again.rows[0]!.n).toBe('1');
  });

  it('proposes for a large batch in order, cutting an overlong text instead of refusing it', async () => {
    const long = `Mag de kapper open? ${'Ik wil het graag precies weten. '.repeat(200)}`;
    const texts: string[] = Array.from({ length: 120 }, (_, i) =>
      i % 2 === 0 ? 'Mag de kapper open?' : 'Hoe laat begint de avondklok?',
    );
    texts.push(long, '   ');
    const proposals = await t.context.faqs.forQuestions.propose(texts);
    expect(proposals).toHaveLength(122);
    proposals
      .slice(0, 120)
      .forEach((proposal, i) =>
        expect(proposal.matches[0]!.faqId).toBe(i % 2 === 0 ? faqIds.kapper : faqIds.avondklok),
      );
    expect(long.length).toBeGreaterThan(2_000);
    expect(proposals[120]!.matches[0]!.faqId).toBe(faqIds.kapper);
    expect(proposals[121]).toEqual({ matches: [], decision: 'none' });
  });

  it('an import registers without proposals', async () => {
    const actor: QuestionActor = { name: 'import:log.csv', role: 'admin', team: null, apiKeyId: null };
    const result = await t.context.questions.questions.register(actor, 'kcc-log', [
      question('imp-1', 'Mag de kapper open?'),
    ]);
    expect(result.new).toEqual(['imp-1']);
    expect(result.faqProposals).toEqual({});
  });
});

describe('answered with an FAQ', () => {
  async function registered(externalId: string): Promise<string> {
    const answer = await post('/api/v1/questions', {
      questions: [question(externalId, 'Mag de kapper open met de nieuwe regels?')],
    });
    return answer.json<{ ids: Record<string, string> }>().ids[externalId]!;
  }

  it('stores the FAQ, uses its answer when none is written and says so in the history', async () => {
    const id = await registered('a-1');
    const answered = await post(`/api/v1/questions/${id}/answer`, {
      how: 'telefonisch teruggebeld',
      faq_id: faqIds.kapper,
    });
    expect(answered.statusCode).toBe(200);
    expect(answered.json()).toMatchObject({
      status: 'beantwoord',
      answered_faq_id: faqIds.kapper,
      answer: 'Ja, kappers en andere contactberoepen mogen open met een afspraak.',
    });
    const opened = await get(`/api/v1/questions/${id}`);
    const body = opened.json<{
      answered_faq: { id: string; question: string };
      history: { type: string; detail: Record<string, unknown> }[];
    }>();
    expect(body.answered_faq).toEqual({ id: faqIds.kapper, question: 'Mag de kapper open?' });
    expect(body.history.at(-1)).toMatchObject({
      type: 'answered_faq',
      detail: { faq_id: faqIds.kapper, faq_question: 'Mag de kapper open?', how: 'telefonisch teruggebeld' },
    });
    // A later answer without an FAQ clears the link.
    const plain = await post(`/api/v1/questions/${id}/answer`, { how: 'per e-mail', answer: 'Zie de mail.' });
    expect(plain.json()).toMatchObject({ answered_faq_id: null, answer: 'Zie de mail.' });
  });

  it('refuses an unknown, malformed or unpublished FAQ with a 400 that changes nothing', async () => {
    const id = await registered('a-2');
    const before = await snapshot(id);
    for (const [faqId, message] of [
      ['999999', 'faq_id: no FAQ 999999'],
      ['kapper', 'faq_id: "kapper" is not an FAQ id'],
      [faqIds.concept!, `faq_id: FAQ ${faqIds.concept} is concept, not published`],
    ] as const) {
      const refused = await post(`/api/v1/questions/${id}/answer`, {
        how: 'telefonisch teruggebeld',
        faq_id: faqId,
      });
      expect(refused.statusCode).toBe(400);
      expect(refused.json<{ message: string }>().message).toContain(message);
      expect(await snapshot(id)).toEqual(before);
    }
  });

  it('refuses an FAQ withdrawn after the service looked at it, in the same transaction', async () => {
    const id = await registered('a-3');
    const before = await snapshot(id);
    const repository = t.context.questions.repository;
    await expect(
      repository.change(id, new Date(), () => ({
        patch: { status: 'beantwoord', answer: 'x', answeredAt: new Date(), answeredFaqId: faqIds.concept! },
        event: { actor: 'test', type: 'answered_faq', detail: {} },
      })),
    ).rejects.toThrow(/faq_id: FAQ .* is not published/);
    expect(await snapshot(id)).toEqual(before);
  });

  it('lets a KCC employee answer with an FAQ only their own question, and only with an FAQ', async () => {
    const questions = t.context.questions.questions;
    const anne: QuestionActor = { name: 'anne', role: 'kcc', team: null, apiKeyId: null };
    const bert: QuestionActor = { name: 'bert', role: 'kcc', team: null, apiKeyId: null };
    const result = await questions.register(anne, 'kcc-formulier', [question('k-1', 'Mag de kapper open?')], {
      proposeFaqs: true,
    });
    const id = result.ids['k-1']!;
    expect(result.faqProposals['k-1']!.matches[0]!.faqId).toBe(faqIds.kapper);
    const before = await snapshot(id);
    await expect(
      questions.answer(bert, id, { how: 'telefonisch teruggebeld', faqId: faqIds.kapper }),
    ).rejects.toMatchObject({ statusCode: 404 });
    await expect(
      questions.answer(anne, id, { how: 'telefonisch teruggebeld', answer: 'zelf geschreven' }),
    ).rejects.toMatchObject({ statusCode: 403 });
    expect(await snapshot(id)).toEqual(before);
    const answered = await questions.answer(anne, id, {
      how: 'telefonisch teruggebeld',
      faqId: faqIds.kapper,
    });
    expect(answered.answeredFaqId).toBe(faqIds.kapper);
    // Once answered, the team follows it up: the KCC cannot answer it again.
    await expect(
      questions.answer(anne, id, { how: 'telefonisch teruggebeld', faqId: faqIds.avondklok }),
    ).rejects.toMatchObject({ statusCode: 409 });
  });
});
