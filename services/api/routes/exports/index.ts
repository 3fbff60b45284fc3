// GET /api/v1/mentions/export.csv: stored mentions as a CSV download (analyst role; logged like every read of text).
import { Type, type FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import { Readable } from 'node:stream';
import type { ApiDeps } from '../../api-deps.js';
import { resolveRange } from '../../../series/range.js';
import { TimeParam } from '../../schemas/series.schema.js';
import { Limit, Text } from '../../schemas/parameter.schema.js';
import { CSV_BOM, CSV_HEADER, csvLine, mentionCsvLine } from '../../../mentions/mentions-csv.js';
import { localDate } from '../../../time/zoned-time.js';

const ExportQuery = Type.Object(
  {
    from: Type.Optional(TimeParam),
    to: Type.Optional(TimeParam),
    source: Text({ default: 'all' }),
    topic: Text({ default: 'all' }),
    q: Type.Optional(Text({ minLength: 1, maxLength: 500 })),
    limit: Limit(200_000, 50_000),
  },
  { additionalProperties: false },
);

const PAGE = 1_000;

export const exportsRoutes: FastifyPluginCallbackTypebox<{ deps: ApiDeps }> = (app, { deps }, done) => {
  app.get(
    '/mentions/export.csv',
    { config: { role: 'analyst' }, schema: { querystring: ExportQuery } },
    async (request, reply) => {
      const q = request.query;
      const range = resolveRange(q.from, q.to, deps.context.config.timezone);
      const reader = { apiKeyId: request.apiKey?.id ?? null, purpose: 'api.mentions.export' };
      // The first page is read before answering, so a bad parameter is still a 400 and not a broken download.
      let page = await deps.context.mentions.list(
        {
          range,
          source: q.source,
          topic: q.topic,
          q: q.q ?? null,
          limit: Math.min(PAGE, q.limit),
          cursor: null,
        },
        reader,
      );
      async function* lines() {
        yield CSV_BOM + csvLine(CSV_HEADER);
        let sent = 0;
        for (;;) {
          for (const mention of page.mentions) yield mentionCsvLine(mention);
          sent += page.mentions.length;
          if (page.nextCursor === null || sent >= q.limit) return;
          page = await deps.context.mentions.list(
            {
              range,
              source: q.source,
              topic: q.topic,
              q: q.q ?? null,
              limit: Math.min(PAGE, q.limit - sent),
              cursor: page.nextCursor,
            },
            reader,
          );
        }
      }
      // Named by local dates, as a date-only range is given.
      const zone = deps.context.config.timezone;
      const name = `onderstroom-${localDate(range.fromMs, zone)}-${localDate(range.toMs, zone)}.csv`;
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}"`)
        .send(Readable.from(lines()));
    },
  );
  done();
};
