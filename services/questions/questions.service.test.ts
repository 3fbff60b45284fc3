// The question register against an in-memory fake of its repository and a keyword scorer: routing by topic and by
// the KCC's choice with due times in working hours, exactly once per (source, external id), all-or-nothing input
// checks that name the question and field, who sees and changes what, the status rules of answering and closing,
// escalation once, and retention.
import { beforeEach, describe, expect, it } from 'vitest';
import { FakeAccessLog } from '../../test/fakes/memory/access-log.fake.js';
import { FakeClock } from '../../test/fakes/memory/clock.js';
import { FakeEnricher } from '../../test/fakes/memory/enricher.fake.js';
import { FakeQuestionsRepository } from '../../test/fakes/memory/questions.fake.js';
import { RequestError } from '../request-error.js';
import type { QuestionActor, RawQuestion } from './question.js';
import type { Routing, Team } from './routing.js';
import { QuestionsService, type QuestionFaq } from './questions.service.js';
import type { WorkingCalendar } from './working-hours.js';

const team = (id: string, name: string, dueMinutes: number, channels: string[]): Team => ({
  id,
  name,
  dueMinutes,
  channels,
});
const ROUTING: Routing = {
  teams: new Map([
    ['vergunningen', team('vergunningen', 'Team Vergunningen', 120, ['teams-vergunningen'])],
    ['algemeen', team('algemeen', 'Algemeen', 480, [])],
  ]),
  byTopic: new Map([['evenementen', 'vergunningen']]),
  defaultTeam: 'algemeen',
};
const WORKDAY = { from: 8 * 60 + 30, to: 17 * 60 };
const CALENDAR: WorkingCalendar = {
  timeZone: 'Europe/Amsterdam',
  opening: { monday: WORKDAY, tuesday: WORKDAY, wednesday: WORKDAY, thursday: WORKDAY, friday: WORKDAY },
  holidays: new Set(),
};

const kcc: QuestionActor = { name: 'kcc-anna', role: 'kcc', team: null, apiKeyId: null };
const coordinator: QuestionActor = { name: 'coco', role: 'coordinator', team: null, apiKeyId: 'key-7' };
const vergunningen: QuestionActor = { name: 'vera', role: 'team', team: 'vergunningen', apiKeyId: null };
const algemeen: QuestionActor = { name: 'alex', role: 'team', team: 'algemeen', apiKeyId: null };

// Friday 4 December 2026, 16:00 in Amsterdam.
const FRIDAY_4PM = '2026-12-04T15:00:00Z';

function question(externalId: string, text: string, extra: Partial<RawQuestion> = {}): RawQuestion {
  return { external_id: externalId, received_at: FRIDAY_4PM, channel: 'telefoon', text, ...extra };
}

let repository: FakeQuestionsRepository;
let accessLog: FakeAccessLog;
let clock: FakeClock;
let faqs: Map<string, QuestionFaq>;
let service: QuestionsService;

beforeEach(() => {
  repository = new FakeQuestionsRepository();
  accessLog = new FakeAccessLog();
  clock = new FakeClock('2026-12-04T15:05:00Z');
  faqs = new Map();
  const enricher = new FakeEnricher({ festival: 'evenementen', mondkapje: 'mondkapjes' });
  service = new QuestionsService({
    repository,
    accessLog,
    enricher: () => Promise.resolve(enricher),
    routing: ROUTING,
    calendar: CALENDAR,
    topicIds: new Set(['evenementen', 'mondkapjes']),
    coordinatorChannels: ['teams-coordinator'],
    contactRetentionDays: 30,
    textRetentionDays: 90,
    faqs: {
      get: (id) => Promise.resolve(faqs.get(id) ?? null),
      propose: (texts) => Promise.resolve(texts.map(() => ({ matches: [], decision: 'none' as const }))),
      proposeForRegistration: (texts) =>
        Promise.resolve({
          proposals: texts.map(() => ({ matches: [], decision: 'none' as const })),
          keep: () => Promise.resolve(),
        }),
    },
    now: clock.now,
  });
});

async function registerOne(raw: RawQuestion): Promise<string> {
  const result = await service.register(kcc, 'kcc-form', [raw]);
  return result.ids[raw.external_id]!;
}

async function refusal(promise: Promise<unknown>): Promise<RequestError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RequestError);
  return error as RequestError;
}

describe('QuestionsService.register', () => {
  it('routes by topic, by the given team, or to the default team, each due in working hours', async () => {
    const result = await service.register(kcc, 'kcc-form', [
      question('q1', 'Mag het festival in het park doorgaan?'),
      question('q2', 'Waar haal ik een mondkapje?'),
      question('q3', 'Mag het festival doorgaan?', { team: 'algemeen' }),
    ]);
    expect(result.new).toEqual(['q1', 'q2', 'q3']);
    // 120 working minutes from Friday 16:00: one hour on Friday, one from Monday 08:30.
    expect(result.routed.q1).toEqual({ team: 'vergunningen', dueAt: new Date('2026-12-07T08:30:00Z') });
    expect(result.routed.q2!.team).toBe('algemeen');
    expect(result.routed.q3!.team).toBe('algemeen');
    const history = await repository.history(result.ids.q1!);
    expect(history.map((event) => [event.type, event.detail.by ?? null])).toEqual([
      ['registered', null],
      ['routed', 'topic'],
    ]);
    expect((await repository.history(result.ids.q3!))[1]!.detail.by).toBe('given');
    expect(repository.notices.map((notice) => [notice.questionId, notice.channelId])).toEqual([
      [result.ids.q1, 'teams-vergunningen'],
    ]);
  });

  it('stores a question once: the same external id again is a duplicate, with no second notice', async () => {
    const first = await service.register(kcc, 'kcc-form', [question('q1', 'Mag het festival doorgaan?')]);
    const again = await service.register(kcc, 'kcc-form', [
      question('q1', 'Mag het festival doorgaan?'),
      question('q2', 'Nog een vraag'),
    ]);
    expect(first.new).toEqual(['q1']);
    expect(again.new).toEqual(['q2']);
    expect(again.duplicates).toEqual(['q1']);
    expect(again.routed).not.toHaveProperty('q1');
    expect(repository.size).toBe(2);
    expect(repository.notices).toHaveLength(1);
  });

  it('refuses the whole batch on one bad question, naming the question and the field', async () => {
    const error = await refusal(
      service.register(kcc, 'kcc-form', [question('q1', 'Goed'), question('q2', 'Fout', { channel: 'fax' })]),
    );
    expect(error.statusCode).toBe(400);
    expect(error.message).toMatch(/^questions\[1\]\.channel: "fax" is not one of telefoon/);
    const twice = await refusal(
      service.register(kcc, 'kcc-form', [question('q1', 'Een'), question('q1', 'Twee')]),
    );
    expect(twice.message).toBe(
      'questions[1].external_id: "q1" is also questions[0]; each question once per call',
    );
    expect(repository.size).toBe(0);
  });

  it('is refused to the team and analyst roles', async () => {
    const error = await refusal(service.register(vergunningen, 'kcc-form', [question('q1', 'Vraag')]));
    expect(error.statusCode).toBe(403);
    expect(repository.size).toBe(0);
  });
});

describe('QuestionsService: who sees what', () => {
  it('shows a team member only their team`s questions, and logs every read of the queue', async () => {
    await registerOne(question('q1', 'Mag het festival doorgaan?'));
    const other = await registerOne(question('q2', 'Waar haal ik een mondkapje?'));
    const page = await service.list(vergunningen, {}, 'questions.list');
    expect(page.questions.map((q) => q.externalId)).toEqual(['q1']);
    expect(accessLog.entries).toEqual([
      {
        apiKeyId: null,
        action: 'questions.list',
        detail: { actor: 'vera', filter: { team: 'vergunningen' }, questions: 1 },
      },
    ]);
    const forbidden = await refusal(service.list(vergunningen, { team: 'algemeen' }, 'questions.list'));
    expect(forbidden.statusCode).toBe(403);
    // Another team's question reads as absent.
    const absent = await refusal(service.open(vergunningen, other, 'questions.open'));
    expect(absent.statusCode).toBe(404);
    expect(absent.message).toBe(`no question ${other}`);
  });

  it('gives contact details only to the assigned team and the coordinator, each read logged', async () => {
    const id = await registerOne(
      question('q1', 'Mag het festival doorgaan?', { contact: { phone: '06-12345678' } }),
    );
    expect(await service.readContact(coordinator, id)).toEqual({
      name: null,
      phone: '06-12345678',
      email: null,
    });
    expect(await service.readContact(vergunningen, id)).toMatchObject({ phone: '06-12345678' });
    expect((await refusal(service.readContact(algemeen, id))).statusCode).toBe(404);
    const analyst: QuestionActor = { name: 'ana', role: 'analyst', team: null, apiKeyId: null };
    expect((await refusal(service.readContact(analyst, id))).statusCode).toBe(403);
    expect(accessLog.entries.map((entry) => [entry.action, entry.detail.actor])).toEqual([
      ['questions.contact.read', 'coco'],
      ['questions.contact.read', 'vera'],
    ]);
  });
});

describe('QuestionsService: answering and closing', () => {
  it('closes only an answered question, and refuses changes once closed without changing it', async () => {
    const id = await registerOne(question('q1', 'Mag het festival doorgaan?'));
    const early = await refusal(service.close(vergunningen, id));
    expect(early.statusCode).toBe(409);
    expect(early.message).toBe(`question ${id} has no answer yet; answer it first`);

    clock.advance(3_600_000);
    const answered = await service.answer(vergunningen, id, {
      answer: 'Ja, met vergunning.',
      how: 'per e-mail',
    });
    expect(answered).toMatchObject({
      status: 'beantwoord',
      answeredHow: 'per e-mail',
      answeredAt: clock.now(),
    });
    const closed = await service.close(vergunningen, id);
    expect(closed.status).toBe('gesloten');

    const before = await repository.history(id);
    const late = await refusal(service.setStatus(vergunningen, id, 'in behandeling'));
    expect(late.statusCode).toBe(409);
    expect(await repository.history(id)).toEqual(before);
    expect((await repository.get(id))!.status).toBe('gesloten');
  });

  it('checks an answer`s fields before anything changes', async () => {
    const id = await registerOne(question('q1', 'Mag het festival doorgaan?'));
    expect(
      (await refusal(service.answer(vergunningen, id, { answer: 'x', how: 'per duif' }))).message,
    ).toMatch(/^how: "per duif" is not one of/);
    expect(
      (await refusal(service.answer(vergunningen, id, { answer: 'x', how: 'verwezen naar' }))).message,
    ).toBe('to: say where the resident was referred to');
    expect((await repository.get(id))!.answeredAt).toBeNull();
  });

  it('answers with a published FAQ only: its answer stands in for an empty one and the history names it', async () => {
    faqs.set('5', {
      id: '5',
      question: 'Mag een festival?',
      answer: 'Alleen met vergunning.',
      status: 'gepubliceerd',
    });
    faqs.set('6', { id: '6', question: 'Concept', answer: 'Nog niet af.', status: 'concept' });
    repository.publishedFaqIds.add('5');
    const id = await registerOne(question('q1', 'Mag het festival doorgaan?'));
    expect((await refusal(service.answer(kcc, id, { how: 'per e-mail', faqId: '9' }))).message).toBe(
      'faq_id: no FAQ 9',
    );
    expect((await refusal(service.answer(kcc, id, { how: 'per e-mail', faqId: '6' }))).message).toMatch(
      /^faq_id: FAQ 6 is concept, not published/,
    );
    // The kcc writes no answers of its own; with the FAQ it may, on the question it registered.
    expect(
      (await refusal(service.answer(kcc, id, { answer: 'Eigen tekst', how: 'per e-mail' }))).statusCode,
    ).toBe(403);
    const answered = await service.answer(kcc, id, { how: 'per e-mail', faqId: '5' });
    expect(answered).toMatchObject({ answer: 'Alleen met vergunning.', answeredFaqId: '5' });
    expect((await repository.history(id)).at(-1)).toMatchObject({
      type: 'answered_faq',
      detail: { faq_id: '5', faq_question: 'Mag een festival?' },
    });
    const again = await refusal(service.answer(kcc, id, { how: 'per e-mail', faqId: '5' }));
    expect(again.statusCode).toBe(409);
  });
});

describe('QuestionsService: the sweeps', () => {
  it('escalates an overdue question once, to the coordinator`s channels', async () => {
    const id = await registerOne(question('q1', 'Mag het festival doorgaan?'));
    clock.set('2026-12-07T08:29:00Z');
    expect(await service.escalateOverdue()).toEqual([]);
    clock.set('2026-12-07T08:31:00Z');
    expect(await service.escalateOverdue()).toEqual([id]);
    clock.advance(3_600_000);
    expect(await service.escalateOverdue()).toEqual([]);
    expect(repository.notices.filter((notice) => notice.kind === 'escalated')).toMatchObject([
      { questionId: id, channelId: 'teams-coordinator' },
    ]);
  });

  it('deletes contact details after closing plus the retention, and question text after the text retention', async () => {
    const id = await registerOne(question('q1', 'Mag het festival doorgaan?', { contact: { name: 'Jan' } }));
    await service.answer(vergunningen, id, { answer: 'Ja.', how: 'per e-mail' });
    await service.close(vergunningen, id);
    clock.advance(29 * 86_400_000);
    expect(await service.expire()).toEqual({ contactsDeleted: 0, textsCleared: 0 });
    clock.advance(2 * 86_400_000);
    expect(await service.expire()).toEqual({ contactsDeleted: 1, textsCleared: 0 });
    expect(await repository.readContact(id)).toBeNull();
    clock.advance(60 * 86_400_000);
    expect(await service.expire()).toEqual({ contactsDeleted: 0, textsCleared: 1 });
    expect((await repository.get(id))!.text).toBeNull();
  });

  it('counts questions per hour with every bucket present, and the negative share only where there are any', async () => {
    await registerOne(question('q1', 'Het festival is belachelijk'));
    await registerOne(question('q2', 'Mag het festival doorgaan?', { received_at: '2026-12-04T15:30:00Z' }));
    const request = { channel: 'all', topic: 'evenementen', fromMs: Date.parse('2026-12-04T14:00:00Z') };
    const range = { ...request, toMs: Date.parse('2026-12-04T17:00:00Z'), interval: '1h' as const };
    expect(await service.series({ ...range, metric: 'questions' })).toEqual([
      { time: Date.parse('2026-12-04T14:00:00Z'), value: 0 },
      { time: Date.parse('2026-12-04T15:00:00Z'), value: 2 },
      { time: Date.parse('2026-12-04T16:00:00Z'), value: 0 },
    ]);
    expect((await service.series({ ...range, metric: 'negative_share' })).map((row) => row.value)).toEqual([
      null,
      0.5,
      null,
    ]);
    const wide = refusal(service.series({ ...range, fromMs: 0, interval: '5m', metric: 'questions' }));
    expect((await wide).message).toMatch(/buckets of 5m; at most 20000: use a coarser interval$/);
  });
});
