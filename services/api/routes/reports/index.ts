// GET /api/v1/reports/weekly?week=2021-W03: the weekly situation report of an ISO week as PDF (analyst role: it holds
// example posts, whose read is logged). A week that does not exist is a 400 naming `week`.
import { Type, type FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import type { ApiDeps } from '../../api-deps.js';
import { InputErrors } from '../../schemas/error.schema.js';
import { reportWeek } from '../../../reports/weekly/report-week.js';

const PdfFile = Type.Unsafe<Buffer>({
  type: 'string',
  format: 'binary',
  description: 'application/pdf; A4, the organisation, the period and page numbers in every footer',
});

const WeeklyReportQuery = Type.Object(
  {
    week: Type.String({
      minLength: 1,
      maxLength: 16,
      description:
        'an ISO week, YYYY-Www (weeks from Monday 00:00 to Monday 00:00 in the configured time zone)',
      examples: ['2021-W03'],
    }),
  },
  { additionalProperties: false },
);

export const reportsRoutes: FastifyPluginCallbackTypebox<{ deps: ApiDeps }> = (app, { deps }, done) => {
  app.get(
    '/reports/weekly',
    {
      config: { role: 'analyst' },
      schema: {
        tags: ['reports'],
        summary: 'The weekly situation report of an ISO week, as PDF',
        querystring: WeeklyReportQuery,
        response: { 200: { content: { 'application/pdf': { schema: PdfFile } } }, ...InputErrors },
      },
    },
    async (request, reply) => {
      const period = reportWeek(request.query.week, deps.context.config.timezone);
      const report = await deps.context.weeklyReport.pdf(period, { apiKeyId: request.apiKey?.id ?? null });
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="${report.filename}"`)
        .header('cache-control', 'no-store')
        .send(report.pdf);
    },
  );
  done();
};
