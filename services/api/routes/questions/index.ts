// /api/v1/questions: post questions (admin or question-source key; idempotent on external id), the queue (analyst;
// every read of text logged), question counts per bucket from the rollups, one question with its history, and the
// follow-up: assign, status, answer, close.
import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import type { ApiDeps } from '../../api-deps.js';
import { BodyErrors, ConflictError, InputErrors, NotFoundError } from '../../schemas/error.schema.js';
import { resolveRange } from '../../../series/range.js';
import { keyActor, pushCaller } from '../../../questions/question-callers.js';
import type { FaqProposal } from '../../../questions/questions.service.js';
import {
  AnswerBody,
  AssignBody,
  OpenedQuestion,
  PostQuestionsAnswer,
  PostQuestionsBody,
  QuestionIdParams,
  QuestionRow,
  QuestionSeriesQuery,
  QuestionSeriesRows,
  QuestionsPage,
  QuestionsQuery,
  StatusBody,
} from './questions.schema.js';
import type { QuestionRecord } from '../../../questions/question-record.js';

const isoOrNull = (date: Date | null) => date?.toISOString() ?? null;

export function questionRow(question: QuestionRecord) {
  return {
    id: question.id,
    source: question.source,
    external_id: question.externalId,
    received_at: question.receivedAt.toISOString(),
    channel: question.channel,
    text: question.text,
    language: question.language,
    topics: question.topics,
    sentiment: question.sentiment,
    status: question.status,
    team: question.team,
    assignee: question.assignee,
    due_at: question.dueAt.toISOString(),
    overdue: question.overdueAt !== null && question.closedAt === null,
    callback_wanted: question.callbackWanted,
    callback_by: isoOrNull(question.callbackBy),
    has_contact: question.hasContact,
    answer: question.answer,
    answered_how: question.answeredHow,
    answered_to: question.answeredTo,
    answered_at: isoOrNull(question.answeredAt),
    answered_faq_id: question.answeredFaqId,
    closed_at: isoOrNull(question.closedAt),
  };
}

export function faqProposalRow(proposal: FaqProposal) {
  return {
    faq_matches: proposal.matches.map((match) => ({
      faq_id: match.faqId,
      score: match.score,
      question: match.question,
    })),
    faq_decision: proposal.decision,
  };
}

export const questionsRoutes: FastifyPluginCallbackTypebox<{ deps: ApiDeps }> = (app, { deps }, done) => {
  const questions = () => deps.context.questions.questions;
  const one = { config: { role: 'analyst' as const } };

  app.post(
    '/questions',
    // Viewer is the floor: a question-source key is a viewer key bound to its source; pushCaller decides.
    {
      config: { role: 'viewer' },
      schema: {
        tags: ['questions'],
        summary: 'Post a batch of questions',
        body: PostQuestionsBody,
        response: { 200: PostQuestionsAnswer, ...BodyErrors },
      },
    },
    async (request) => {
      const { source, actor } = pushCaller(
        request.apiKey!,
        request.body.source,
        deps.context.questions.sources,
      );
      const result = await questions().register(actor, source, request.body.questions, { proposeFaqs: true });
      return {
        ...result,
        faq_proposals: Object.fromEntries(
          Object.entries(result.faqProposals).map(([externalId, proposal]) => [
            externalId,
            faqProposalRow(proposal),
          ]),
        ),
      };
    },
  );

  app.get(
    '/questions',
    {
      ...one,
      schema: {
        tags: ['questions'],
        summary: 'The question queue',
        querystring: QuestionsQuery,
        response: { 200: QuestionsPage, ...InputErrors },
      },
    },
    async (request) => {
      const q = request.query;
      const range =
        q.from !== undefined || q.to !== undefined
          ? resolveRange(q.from, q.to, deps.context.config.timezone)
          : null;
      const page = await questions().list(
        keyActor(request.apiKey!),
        {
          fromMs: range?.fromMs ?? null,
          toMs: range?.toMs ?? null,
          topic: q.topic ?? null,
          status: q.status ?? null,
          team: q.team ?? null,
          overdue: q.overdue ?? null,
          limit: q.limit,
          cursor: q.cursor ?? null,
        },
        'api.questions.list',
      );
      return { questions: page.questions.map(questionRow), next_cursor: page.nextCursor };
    },
  );

  // Counts only (no text): the viewer role, like /series. Registered before /questions/:id.
  app.get(
    '/questions/series',
    {
      schema: {
        tags: ['questions'],
        summary: 'Question counts per bucket',
        querystring: QuestionSeriesQuery,
        response: { 200: QuestionSeriesRows, ...InputErrors },
      },
    },
    async (request) => {
      const q = request.query;
      const range = resolveRange(q.from, q.to, deps.context.config.timezone);
      return questions().series({
        ...range,
        channel: q.channel,
        topic: q.topic,
        interval: q.interval,
        metric: q.metric,
      });
    },
  );

  app.get(
    '/questions/:id',
    {
      ...one,
      schema: {
        tags: ['questions'],
        summary: 'One question with its history',
        params: QuestionIdParams,
        response: { 200: OpenedQuestion, ...InputErrors, ...NotFoundError },
      },
    },
    async (request) => {
      const opened = await questions().open(
        keyActor(request.apiKey!),
        request.params.id,
        'api.questions.open',
      );
      return {
        question: questionRow(opened.question),
        history: opened.history.map((event) => ({
          at: event.at.toISOString(),
          actor: event.actor,
          type: event.type,
          detail: event.detail,
        })),
        faq_proposal: opened.faqProposals && faqProposalRow(opened.faqProposals),
        answered_faq: opened.answeredFaq,
      };
    },
  );

  app.post(
    '/questions/:id/assign',
    {
      ...one,
      schema: {
        tags: ['questions'],
        summary: 'Reassign a question',
        params: QuestionIdParams,
        body: AssignBody,
        response: { 200: QuestionRow, ...BodyErrors, ...NotFoundError, ...ConflictError },
      },
    },
    async (request) =>
      questionRow(await questions().reassign(keyActor(request.apiKey!), request.params.id, request.body)),
  );

  app.post(
    '/questions/:id/status',
    {
      ...one,
      schema: {
        tags: ['questions'],
        summary: "Change a question's status",
        params: QuestionIdParams,
        body: StatusBody,
        response: { 200: QuestionRow, ...BodyErrors, ...NotFoundError, ...ConflictError },
      },
    },
    async (request) =>
      questionRow(
        await questions().setStatus(keyActor(request.apiKey!), request.params.id, request.body.status),
      ),
  );

  app.post(
    '/questions/:id/answer',
    {
      ...one,
      schema: {
        tags: ['questions'],
        summary: 'Answer a question (with faq_id: answered with that published FAQ)',
        params: QuestionIdParams,
        body: AnswerBody,
        response: { 200: QuestionRow, ...BodyErrors, ...NotFoundError, ...ConflictError },
      },
    },
    async (request) =>
      questionRow(
        await questions().answer(keyActor(request.apiKey!), request.params.id, {
          answer: request.body.answer,
          how: request.body.how,
          to: request.body.to,
          faqId: request.body.faq_id,
        }),
      ),
  );

  app.post(
    '/questions/:id/close',
    {
      ...one,
      schema: {
        tags: ['questions'],
        summary: 'Close a question',
        params: QuestionIdParams,
        response: { 200: QuestionRow, ...InputErrors, ...NotFoundError, ...ConflictError },
      },
    },
    async (request) => questionRow(await questions().close(keyActor(request.apiKey!), request.params.id)),
  );
  done();
};
