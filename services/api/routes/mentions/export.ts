// GET /api/v1/mentions/export.csv: stored mentions as a CSV download (analyst role; logged like every read of text).
import { Type, type FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import { Readable } from 'node:stream';
import type { ApiDeps } from '../../api-deps.js';
import { TimeParam } from '../../schemas/series.schema.js';
import { Limit, Text } from '../../schemas/parameter.schema.js';

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

export const mentionExportRoutes: FastifyPluginCallbackTypebox<{ deps: ApiDeps }> = (app, { deps }, done) => {
  app.get(
    '/mentions/export.csv',
    { config: { role: 'analyst' }, schema: { querystring: ExportQuery } },
    async (request, reply) => {
      const file = await deps.context.mentionsExport.csv(request.query, {
        apiKeyId: request.apiKey?.id ?? null,
      });
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .send(Readable.from(file.lines));
    },
  );
  done();
};
