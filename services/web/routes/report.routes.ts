// Rapportage (analyst, coordinator, admin): forms (GET, they change nothing) to choose an ISO week, or a period of
// days (van, tot: dates, tot exclusive as on Vragen zonder FAQ and in the API's from/to), the report of it as a page
// of its own, and its PDF as a download. A week or period that cannot be reported is an error at its field.
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
import { reportRange } from '../../reports/weekly/report-period.js';
import type { ReportPeriod } from '../../reports/report-types.js';
import type { ReportReader } from '../../reports/weekly/weekly-report.renderer.js';
import type { User } from '../../users/user.js';
import { echo } from '../forms.js';
import { requireRole } from '../guard.js';
import { reportPeriodProblems, type PageError } from '../messages.js';
import type { ReportPagesDeps } from '../page-deps.js';
import { localDate } from '../../time/zoned-time.js';

const WEEK_FIELD = { id: 'week', label: 'Week' };
const FROM_FIELD = { id: 'van', label: 'Van' };
const TO_FIELD = { id: 'tot', label: 'Tot (niet meegeteld)' };

function one(source: unknown, name: string): string {
  const value = (source as Record<string, unknown> | undefined)?.[name];
  const first: unknown = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first.trim() : '';
}
/** A signed-in user has no API key: the access log names them by their user name. */
const readerOf = (user: User): ReportReader => ({ apiKeyId: null, actor: user.name });

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
      values: { van: '', tot: '' },
      ...extra,
    });
  };

  /** The checked week of a request, or the form again with the error at the field (400). */
  const chosenWeek = async (week: unknown, reply: FastifyReply) => {
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

  /** The checked period of days of a request (van, tot), or the form again with the errors at the fields (400). */
  const chosenRange = async (van: string, tot: string, reply: FastifyReply) => {
    let errors: PageError[] = [];
    if (van === '') errors.push({ ...FROM_FIELD, message: 'vul de eerste dag van de periode in.' });
    if (tot === '') errors.push({ ...TO_FIELD, message: 'vul de dag na de periode in (die telt niet mee).' });
    if (errors.length === 0)
      try {
        return reportRange(van, tot, pages.timeZone);
      } catch (error) {
        errors = reportPeriodProblems(error) ?? [];
        if (errors.length === 0) throw error;
      }
    reply.status(400);
    await form(reply, null, {
      errors,
      invalid: Object.fromEntries(errors.map((e) => [e.id, true])),
      values: { van: echo(van), tot: echo(tot) },
    });
    return null;
  };

  /** A period of days when the period form was sent (van or tot, even empty), else the week. */
  const chosen = async (query: unknown, reply: FastifyReply): Promise<ReportPeriod | null> => {
    const asked = (query ?? {}) as Record<string, unknown>;
    if ('van' in asked || 'tot' in asked) return chosenRange(one(asked, 'van'), one(asked, 'tot'), reply);
    return chosenWeek(asked.week, reply);
  };

  app.get('/rapportage', { preHandler: guard }, async (_request, reply) => form(reply, null));

  app.get('/rapportage/bekijken', { preHandler: guard }, async (request, reply) => {
    const period = await chosen(request.query, reply);
    if (period === null) return reply;
    const { html } = await pages.weeklyReport.html(period, readerOf(request.webUser!));
    return reply.header('cache-control', 'no-store').type('text/html; charset=utf-8').send(html);
  });

  app.get('/rapportage/download', { preHandler: guard }, async (request, reply) => {
    const period = await chosen(request.query, reply);
    if (period === null) return reply;
    const report = await pages.weeklyReport.pdf(period, readerOf(request.webUser!));
    return reply
      .header('cache-control', 'no-store')
      .header('content-type', 'application/pdf')
      .header('content-disposition', `attachment; filename="${report.filename}"`)
      .send(report.pdf);
  });
  done();
}
