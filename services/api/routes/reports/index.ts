// GET /api/v1/reports/weekly?week=2021-W03 (or ?from=2021-01-18&to=2021-02-01): the situation report of an ISO week
// or of a run of local days as PDF (analyst role: it holds example posts, whose read is logged). A week that does not
// exist, an empty, reversed or over-long period: a 400 naming the parameter.
import { Type, type FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import type { ApiDeps } from '../../api-deps.js';
import { InputErrors } from '../../schemas/error.schema.js';
import { badRequest } from '../../../request-error.js';
import { askedReportPeriod } from '../../../reports/weekly/report-period.js';

const PdfFile = Type.Unsafe<Buffer>({
  type: 'string',
  format: 'binary',
  description: 'application/pdf; A4, the organisation, the period and page numbers in every footer',
});

const WeeklyReportQuery = Type.Object(
  {
    week: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 16,
        description:
          'an ISO week, YYYY-Www (weeks from Monday 00:00 to Monday 00:00 in the configured time zone); or give from and to',
        examples: ['2021-W03'],
      }),
    ),
    from: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 16,
        description: 'the first local day of the period (YYYY-MM-DD), with to, instead of week',
        examples: ['2021-01-18'],
      }),
    ),
    to: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 16,
        description:
          'the day after the period (YYYY-MM-DD, exclusive); at least one and at most 366 days after from',
        examples: ['2021-02-01'],
      }),
    ),
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
        summary: 'The situation report of an ISO week or of a period of days, as PDF',
        querystring: WeeklyReportQuery,
        response: { 200: { content: { 'application/pdf': { schema: PdfFile } } }, ...InputErrors },
      },
    },
    async (request, reply) => {
      const period = askedReportPeriod(request.query, deps.context.config.timezone);
      if (period === null) throw badRequest('week: give week (YYYY-Www), or from and to (YYYY-MM-DD)');
      const key = request.apiKey;
      const report = await deps.context.weeklyReport.pdf(period, {
        apiKeyId: key?.id ?? null,
        actor: key ? `key:${key.name}` : 'anonymous',
      });
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="${report.filename}"`)
        .header('cache-control', 'no-store')
        .send(report.pdf);
    },
  );
  done();
};
