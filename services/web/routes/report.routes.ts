// Rapportage (analyst, coordinator, admin): a form (GET, it changes nothing) to choose an ISO week, the report of
// that week as a page of its own, and its PDF as a download. A week that does not exist is an error at the field.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { RequestError } from '../../request-error.js';
import {
  isoWeekOfDate,
  lastCompleteWeek,
  previousWeek,
  reportWeek,
  weekKey,
  weekPeriod,
  type IsoWeek,
} from '../../reports/weekly/report-week.js';
import { requireRole } from '../guard.js';
import type { ReportPagesDeps } from '../page-deps.js';
import { localDate } from '../../time/zoned-time.js';

const WEEK_FIELD = { id: 'week', label: 'Week' };
/** The weeks offered in the list: half a year back from the last complete one. */
const WEEKS_OFFERED = 26;

export function reportRoutes(
  app: FastifyInstance,
  { pages }: { pages: ReportPagesDeps },
  done: () => void,
): void {
  const guard = requireRole('analyst', 'coordinator', 'admin');
  const now = () => (pages.now ?? (() => new Date()))().getTime();

  const weeks = () => {
    const out: { key: string; label: string }[] = [];
    let week: IsoWeek = lastCompleteWeek(now(), pages.timeZone);
    for (let i = 0; i < WEEKS_OFFERED; i++) {
      out.push({ key: weekKey(week), label: weekPeriod(week, pages.timeZone).label });
      week = previousWeek(week);
    }
    return out;
  };

  const form = (reply: FastifyReply, selected: string | null, extra: Record<string, unknown> = {}) => {
    const offered = weeks();
    return reply.page('rapportage', 'Rapportage', {
      weeks: offered,
      selected: selected ?? offered[0]!.key,
      current: weekKey(isoWeekOfDate(localDate(now(), pages.timeZone))),
      errors: [],
      invalid: {},
      ...extra,
    });
  };

  /** The checked week of a request, or the form again with the error at the field (400). */
  const chosen = async (week: unknown, reply: FastifyReply) => {
    const value = typeof week === 'string' ? week : '';
    try {
      return reportWeek(value, pages.timeZone);
    } catch (error) {
      if (!(error instanceof RequestError)) throw error;
      reply.status(400);
      await form(reply, null, {
        errors: [
          {
            ...WEEK_FIELD,
            message:
              value === ''
                ? 'kies een week.'
                : `"${value}" is geen week die bestaat; schrijf een week als 2021-W03 (jaar, W, weeknummer).`,
          },
        ],
        invalid: { week: true },
      });
      return null;
    }
  };

  app.get('/rapportage', { preHandler: guard }, async (_request, reply) => form(reply, null));

  app.get('/rapportage/bekijken', { preHandler: guard }, async (request, reply) => {
    const period = await chosen((request.query as { week?: unknown }).week, reply);
    if (period === null) return reply;
    const { html } = await pages.weeklyReport.html(period);
    return reply.header('cache-control', 'no-store').type('text/html; charset=utf-8').send(html);
  });

  app.get('/rapportage/download', { preHandler: guard }, async (request, reply) => {
    const period = await chosen((request.query as { week?: unknown }).week, reply);
    if (period === null) return reply;
    const report = await pages.weeklyReport.pdf(period);
    return reply
      .header('cache-control', 'no-store')
      .header('content-type', 'application/pdf')
      .header('content-disposition', `attachment; filename="${report.filename}"`)
      .send(report.pdf);
  });
  done();
}
