// One question (team, coordinator, analyst, admin; a KCC employee their own registered questions): text,
// classification, routing, the FAQs that may answer it, the history, and the follow-up as forms: reassign, set the
// status, answer, answer with an FAQ (picked from the proposals or found by a search), close. Each form posts, then returns to the page with a notice
// (post, redirect, get), so reloading repeats nothing. Contact details open on their own page, for those the service
// allows, and every opening is logged by the service. A question of another team is the Dutch 404 page.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { RequestError } from '../../request-error.js';
import { ANSWERED_HOW, mayHandle, mayReadContact, SETTABLE_STATUSES } from '../../questions/question.js';
import { echo, field } from '../forms.js';
import { requireRole } from '../guard.js';
import { ANSWERED_HOW_LABELS, DONE_TEXTS, QUESTION_PROBLEM_TEXTS, type PageError } from '../messages.js';
import { notFoundPage } from '../not-found.js';
import type { QuestionPagesDeps } from '../page-deps.js';
import { questionProblem } from '../question-problems.js';
import { historyLines, questionActor, questionDetail } from '../question-view.js';
import type { WebServices } from '../web-services.js';
import type { QuestionRecord } from '../../questions/question-record.js';

/** The service's field names -> the ids and labels of the forms on the question page. */
const NAMES = {
  team: { id: 'nieuw-team', label: 'Team' },
  assignee: { id: 'behandelaar', label: 'Behandelaar' },
  status: { id: 'nieuwe-status', label: 'Status' },
  answer: { id: 'antwoord', label: 'Antwoord' },
  how: { id: 'hoe-telefonisch-teruggebeld', label: 'Hoe beantwoord' },
  to: { id: 'verwezen-naar', label: 'Verwezen naar' },
};
const CLOSE = { id: 'sluiten', label: 'Sluiten' };
/** The fields of "Beantwoord met FAQ"; the first FAQ radio is `faq-keuze`, the search box `faq-zoek`. */
const FAQ_NAMES = {
  faq_id: { id: 'faq-keuze', label: 'FAQ' },
  answer: { id: 'faq-keuze', label: 'FAQ' },
  how: { id: 'faq-hoe-telefonisch-teruggebeld', label: 'Hoe beantwoord' },
  to: { id: 'faq-keuze', label: 'FAQ' },
  q: { id: 'faq-zoek', label: 'FAQ zoeken' },
};
/** How an answer with an FAQ reached the resident: a referral has its own form. */
const FAQ_HOWS = ANSWERED_HOW.filter((how) => how !== 'verwezen naar');
const MAX_FAQ_SEARCH = 2_000;

type Params = { id: string };

function isAbsent(error: unknown): boolean {
  // A malformed id (400 on the id) and an unknown or invisible question (404) read the same on a page.
  return (
    error instanceof RequestError &&
    (error.statusCode === 404 || (error.statusCode === 400 && error.message.startsWith('id:')))
  );
}

export function questionRoutes(
  app: FastifyInstance,
  { web, pages }: { web: WebServices; pages: QuestionPagesDeps },
  done: (error?: Error) => void,
): void {
  const csrf = app.csrfProtection.bind(app);
  const handler = requireRole('team', 'coordinator', 'analyst', 'admin');
  // The service lets a KCC employee see only the questions they registered.
  const viewer = requireRole('kcc', 'team', 'coordinator', 'analyst', 'admin');

  async function render(
    request: FastifyRequest<{ Params: Params }>,
    reply: FastifyReply,
    extra: { errors?: PageError[]; invalid?: Record<string, true>; values?: Record<string, string> } = {},
  ) {
    const actor = questionActor(request.webUser!);
    let opened;
    try {
      opened = await pages.questions.open(actor, request.params.id, 'web.questions.open');
    } catch (error) {
      if (isAbsent(error)) return notFoundPage(reply, 'question');
      throw error;
    }
    const question = questionDetail(opened.question, pages.labels);
    const doneKey = (request.query as Record<string, unknown>).gedaan;
    const errors = [...(extra.errors ?? [])];
    const invalid = { ...extra.invalid };
    // The search of "Beantwoord met FAQ": from the address (a GET form) or carried by a refused post.
    const queried = (request.query as Record<string, unknown>)['faq-zoek'];
    const search = (extra.values?.['faq-zoek'] ?? (typeof queried === 'string' ? queried : '')).trim();
    let found: { id: string; question: string }[] | null = null;
    if (search !== '') {
      if (search.length > MAX_FAQ_SEARCH) {
        errors.push({ ...FAQ_NAMES.q, message: QUESTION_PROBLEM_TEXTS['faq.search']() });
        invalid[FAQ_NAMES.q.id] = true;
      } else found = await pages.searchFaqs(search);
    }
    const proposals = opened.faqProposals;
    const options = new Map<string, { id: string; question: string; proposed: boolean }>();
    for (const match of proposals?.matches ?? [])
      options.set(match.faqId, { id: match.faqId, question: match.question, proposed: true });
    for (const faq of found ?? []) if (!options.has(faq.id)) options.set(faq.id, { ...faq, proposed: false });
    const isKcc = actor.role === 'kcc';
    return reply.page('question', `Vraag ${question.id}`, {
      question,
      isKcc,
      back: isKcc ? { href: '/vragen/nieuw', label: 'Terug naar Vraag registreren' } : null,
      history: historyLines(opened.history, pages.labels),
      canReadContact: question.hasContact && mayReadContact(actor, opened.question.team),
      notice: typeof doneKey === 'string' ? (DONE_TEXTS[doneKey] ?? null) : null,
      faq: {
        proposals: (proposals?.matches ?? []).map((match) => ({ id: match.faqId, question: match.question })),
        decision: proposals?.decision ?? 'none',
        answered: opened.answeredFaq,
        search: search.slice(0, MAX_FAQ_SEARCH),
        found,
        // A KCC employee answers only while the question is unanswered; its team also later (a better FAQ).
        canAnswer: question.text !== null && !question.closed && !(isKcc && question.answered),
        options: [...options.values()].map((option, i) => ({
          ...option,
          radioId: i === 0 ? 'faq-keuze' : `faq-keuze-${i + 1}`,
        })),
        hows: FAQ_HOWS.map((how) => ({
          value: how,
          label: ANSWERED_HOW_LABELS[how],
          id: `faq-hoe-${how.replace(/[^a-z]+/g, '-')}`,
        })),
      },
      teams: web.users.teams,
      statuses: SETTABLE_STATUSES,
      hows: ANSWERED_HOW.map((how) => ({
        value: how,
        label: ANSWERED_HOW_LABELS[how],
        id: `hoe-${how.replace(/[^a-z]+/g, '-')}`,
      })),
      values: {
        team: opened.question.team,
        behandelaar: '',
        status: '',
        antwoord: '',
        hoe: '',
        naar: '',
        faq: '',
        'faq-hoe': '',
        ...extra.values,
      },
      errors,
      invalid,
    });
  }

  /** One follow-up form: the service call, then back to the page with a notice, or the page with the problem. */
  function action(
    path: string,
    doneKey: keyof typeof DONE_TEXTS,
    call: (request: FastifyRequest<{ Params: Params }>) => Promise<QuestionRecord>,
    values: (request: FastifyRequest) => Record<string, string>,
    fallback: { id: string; label: string },
    names: Parameters<typeof questionProblem>[1] = NAMES,
    allowed = handler,
  ) {
    app.post<{ Params: Params }>(path, { preHandler: [csrf, allowed] }, async (request, reply) => {
      let changed: QuestionRecord;
      try {
        changed = await call(request);
      } catch (error) {
        if (isAbsent(error)) return notFoundPage(reply, 'question');
        const problem = questionProblem(error, names, fallback);
        reply.status(problem.status);
        return render(request, reply, { ...problem, values: values(request) });
      }
      // A team member who sent the question to another team no longer sees it: back to their queue.
      const actor = questionActor(request.webUser!);
      if (actor.role !== 'kcc' && !mayHandle(actor, changed.team))
        return reply.redirect(`/vragen?doorgestuurd=${encodeURIComponent(changed.team)}`, 303);
      return reply.redirect(`/vragen/${request.params.id}?gedaan=${doneKey}`, 303);
    });
  }

  app.get<{ Params: Params }>('/vragen/:id', { preHandler: viewer }, async (request, reply) =>
    render(request, reply),
  );

  app.get<{ Params: Params }>('/vragen/:id/contact', { preHandler: handler }, async (request, reply) => {
    try {
      const contact = await pages.questions.readContact(questionActor(request.webUser!), request.params.id);
      return await reply.page('question-contact', `Contactgegevens bij vraag ${request.params.id}`, {
        id: request.params.id,
        contact,
      });
    } catch (error) {
      if (isAbsent(error)) return notFoundPage(reply, 'question');
      if (error instanceof RequestError && error.statusCode === 403)
        return reply.status(403).page('message', 'Geen toegang', {
          heading: 'Geen toegang tot de contactgegevens',
          message:
            'Contactgegevens zijn alleen voor het terugbellen: alleen het team van de vraag en de coördinator zien ze.',
          link: { href: `/vragen/${request.params.id}`, label: 'Terug naar de vraag' },
        });
      throw error;
    }
  });

  action(
    '/vragen/:id/toewijzen',
    'toegewezen',
    (request) =>
      pages.questions.reassign(questionActor(request.webUser!), request.params.id, {
        team: field(request, 'team') || null,
        assignee: field(request, 'behandelaar'),
      }),
    (request) => ({ team: echo(field(request, 'team')), behandelaar: echo(field(request, 'behandelaar')) }),
    NAMES.team,
  );

  action(
    '/vragen/:id/status',
    'status',
    (request) =>
      pages.questions.setStatus(questionActor(request.webUser!), request.params.id, field(request, 'status')),
    (request) => ({ status: echo(field(request, 'status')) }),
    NAMES.status,
  );

  action(
    '/vragen/:id/antwoord',
    'beantwoord',
    (request) =>
      pages.questions.answer(questionActor(request.webUser!), request.params.id, {
        answer: field(request, 'antwoord'),
        how: field(request, 'hoe'),
        to: field(request, 'naar'),
      }),
    (request) => ({
      antwoord: field(request, 'antwoord').slice(0, 20_000),
      hoe: echo(field(request, 'hoe')),
      naar: echo(field(request, 'naar')),
    }),
    NAMES.answer,
  );

  action(
    '/vragen/:id/faq-antwoord',
    'faq',
    (request) =>
      pages.questions.answer(questionActor(request.webUser!), request.params.id, {
        faqId: field(request, 'faq'),
        how: field(request, 'faq-hoe'),
      }),
    (request) => ({
      faq: echo(field(request, 'faq')),
      'faq-hoe': echo(field(request, 'faq-hoe')),
      'faq-zoek': field(request, 'faq-zoek').slice(0, MAX_FAQ_SEARCH + 1),
    }),
    FAQ_NAMES.faq_id,
    FAQ_NAMES,
    viewer,
  );

  action(
    '/vragen/:id/sluiten',
    'gesloten',
    (request) => pages.questions.close(questionActor(request.webUser!), request.params.id),
    () => ({}),
    CLOSE,
  );
  done();
}
