// /grafana/questions/*: the KCC figures of the Vragen dashboard, counts and durations per team (no question text).
import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import type { ApiDeps } from '../../api-deps.js';
import { resolveRange } from '../../../series/range.js';
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
  const questions = () => deps.context.questions.questions;

  app.get(
    '/questions/teams',
    { schema: { querystring: NoQuery, response: { 200: QuestionTeamRows } } },
    async () => questions().openByTeam(),
  );

  app.get(
    '/questions/answer-times',
    { schema: { querystring: AnswerTimesQuery, response: { 200: AnswerTimesRows } } },
    async (request) => {
      const range = resolveRange(request.query.from, request.query.to, deps.context.config.timezone);
      return (await questions().answerTimes(range)).map((row) => ({
        team: row.team,
        name: row.name,
        answered: row.answered,
        median_seconds: row.medianSeconds,
      }));
    },
  );
  done();
};
