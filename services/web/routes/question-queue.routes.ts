// Vragen (team, coordinator, analyst, admin): the queue, newest first, filtered by status, team, topic and overdue,
// paged with the service's cursor. A team member sees only their own team; the service enforces it.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { QUESTION_STATUSES } from '../../questions/question.js';
import { echo } from '../forms.js';
import { requireRole } from '../guard.js';
import type { QuestionPagesDeps } from '../page-deps.js';
import { questionProblem } from '../question-problems.js';
import { queueLinks, questionActor, questionSummary, type QueueFilters } from '../question-view.js';
import type { WebServices } from '../web-services.js';

export const QUEUE_PAGE_SIZE = 25;

const NAMES = {
  status: { id: 'status', label: 'Status' },
  team: { id: 'team', label: 'Team' },
  topic: { id: 'onderwerp', label: 'Onderwerp' },
  cursor: { id: 'status', label: 'Pagina' },
};

function query(request: FastifyRequest, name: string): string {
  const value = (request.query as Record<string, unknown>)[name];
  const first: unknown = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first.trim() : '';
}

export function questionQueueRoutes(
  app: FastifyInstance,
  { web, pages }: { web: WebServices; pages: QuestionPagesDeps },
  done: (error?: Error) => void,
): void {
  app.get(
    '/vragen',
    { preHandler: requireRole('team', 'coordinator', 'analyst', 'admin') },
    async (request, reply) => {
      const user = request.webUser!;
      const ownTeamOnly = user.role === 'team';
      // A team member's team comes from the session, never from the address.
      const filters: QueueFilters = {
        status: query(request, 'status'),
        team: ownTeamOnly ? '' : query(request, 'team'),
        onderwerp: query(request, 'onderwerp'),
        teLaat: query(request, 'te-laat') === 'ja',
      };
      const cursor = query(request, 'na');
      const sentTo = query(request, 'doorgestuurd');
      let listed;
      let problem = null;
      try {
        listed = await pages.questions.list(
          questionActor(user),
          {
            status: filters.status || null,
            team: filters.team || null,
            topic: filters.onderwerp || null,
            overdue: filters.teLaat ? true : null,
            limit: QUEUE_PAGE_SIZE,
            cursor: cursor || null,
          },
          'web.questions.queue',
        );
      } catch (error) {
        problem = questionProblem(error, NAMES, NAMES.status);
        reply.status(problem.status);
      }
      return reply.page('question-queue', 'Vragen', {
        rows: listed?.questions.map((question) => questionSummary(question, pages.labels)) ?? [],
        ...queueLinks(filters, cursor, listed?.nextCursor ?? null),
        filters: {
          status: echo(filters.status),
          team: echo(filters.team),
          onderwerp: echo(filters.onderwerp),
          teLaat: filters.teLaat,
        },
        ownTeam: ownTeamOnly ? web.users.teamName(user.teamId) : null,
        // After sending a question to another team (post, redirect, get), from the question page.
        sentTo:
          sentTo && web.users.teams.some((team) => team.id === sentTo) ? web.users.teamName(sentTo) : null,
        statuses: QUESTION_STATUSES,
        teams: web.users.teams,
        topics: pages.topics,
        errors: problem?.errors ?? [],
        invalid: problem?.invalid ?? {},
      });
    },
  );
  done();
}
