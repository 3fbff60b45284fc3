// /grafana/questions/*: the KCC figures of the Vragen dashboard, counts and durations per team (no question text).
import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import type { ApiDeps } from '../../api-deps.js';
import { InputErrors } from '../../schemas/error.schema.js';
import {
  AnswerTimesQuery,
  AnswerTimesRows,
  NoQuery,
  QuestionTeamRows,
} from '../../schemas/grafana.schema.js';

export const grafanaQuestionRoutes: FastifyPluginCallbackTypebox<{ deps: ApiDeps }> = (
  app,
  { deps },
  done,
) => {
  const { grafana } = deps.context;

  app.get(
    '/questions/teams',
    {
      schema: {
        tags: ['grafana'],
        summary: 'Open and overdue questions per team',
        querystring: NoQuery,
        response: { 200: QuestionTeamRows, ...InputErrors },
      },
    },
    async () => grafana.questionTeams(),
  );

  app.get(
    '/questions/answer-times',
    {
      schema: {
        tags: ['grafana'],
        summary: 'Median time to answer per team',
        querystring: AnswerTimesQuery,
        response: { 200: AnswerTimesRows, ...InputErrors },
      },
    },
    async (request) => grafana.answerTimes(request.query),
  );
  done();
};
