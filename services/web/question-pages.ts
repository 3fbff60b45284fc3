// The question pages as a web extension: the KCC form, the queue and one question, with their menu items. Built in
// services/api/app.ts from the questions module, the taxonomy and the configured teams.
import type { FastifyInstance } from 'fastify';
import type { QuestionsService } from '../questions/questions.service.js';
import type { Team } from '../users/user.js';
import type { FaqSearch, QuestionPagesDeps } from './page-deps.js';
import { questionQueueRoutes } from './routes/question-queue.routes.js';
import { questionRegisterRoutes } from './routes/question-register.routes.js';
import { questionRoutes } from './routes/question.routes.js';
import type { WebExtension, WebServices } from './web-services.js';

export function questionPages(options: {
  questions: QuestionsService;
  searchFaqs: FaqSearch;
  topics: readonly { id: string; label: string }[];
  teams: readonly Team[];
  timeZone: string;
}): WebExtension {
  const teamNames = new Map(options.teams.map((team) => [team.id, team.name]));
  const topicLabels = new Map(options.topics.map((topic) => [topic.id, topic.label]));
  const pages: QuestionPagesDeps = {
    questions: options.questions,
    searchFaqs: options.searchFaqs,
    topics: options.topics,
    labels: {
      teamName: (id) => teamNames.get(id) ?? id,
      topicLabel: (id) => topicLabels.get(id) ?? id,
      timeZone: options.timeZone,
    },
  };
  return {
    navigation: [
      {
        href: '/vragen/nieuw',
        label: 'Vraag registreren',
        roles: ['kcc', 'coordinator', 'admin'],
        description: 'een vraag van een inwoner vastleggen; Onderstroom stuurt hem naar het juiste team',
      },
      {
        href: '/vragen',
        label: 'Vragen',
        roles: ['team', 'coordinator', 'analyst', 'admin'],
        description: 'de wachtrij: vragen filteren, openen, doorsturen, beantwoorden en sluiten',
      },
    ],
    routes: async (app: FastifyInstance, { web }: { web: WebServices }) => {
      await app.register(questionRegisterRoutes, { web, pages });
      await app.register(questionQueueRoutes, { web, pages });
      await app.register(questionRoutes, { web, pages });
    },
  };
}
