// GET /api/v1/mentions/export.csv: stored mentions as a CSV download (analyst role; logged like every read of text).
import { Type, type FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import { Readable } from 'node:stream';
import type { ApiDeps } from '../../api-deps.js';
import { InputErrors } from '../../schemas/error.schema.js';
import { TimeParam } from '../../schemas/series.schema.js';
import { Limit, Text } from '../../schemas/parameter.schema.js';

// Streamed as it is read, never serialised: the schema says what the body is, the type what the handler sends.
const CsvFile = Type.Unsafe<Readable>({
  type: 'string',
  description: 'text/csv; separated by ;, UTF-8 with a byte order mark, one mention a line after the header',
});

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
    {
      config: { role: 'analyst' },
      schema: {
        tags: ['mentions'],
        summary: 'Stored mentions as a CSV download',
        querystring: ExportQuery,
        response: { 200: { content: { 'text/csv': { schema: CsvFile } } }, ...InputErrors },
      },
    },
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
