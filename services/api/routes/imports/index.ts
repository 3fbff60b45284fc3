// /api/v1/imports (analyst): hand in an export by multipart upload (field `file`, optional `preset`), answered 202
// with the import's id once it is stored and checked; a worker of the `ingest` queue imports it. The list and one
// import give the CLI's summary with state and progress.
import fastifyMultipart from '@fastify/multipart';
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { ApiDeps } from '../../api-deps.js';
import { BodyErrors, InputErrors, KeyErrors, NotFoundError } from '../../schemas/error.schema.js';
import { Id, Limit } from '../../schemas/parameter.schema.js';
import { ImportAccepted, ImportListItem, ImportView } from '../../schemas/imports.schema.js';
import { notFound, RequestError, unavailable } from '../../../request-error.js';
import type { UploadPart } from '../../../ingest/import-queue.service.js';

/** Limits of an upload's body besides the file's size: one file, the preset, nothing else. */
export const UPLOAD_LIMITS = { files: 1, fields: 2, parts: 4, fieldSize: 1_024, headerPairs: 100 };

/**
 * The multipart plugin's limit errors ("reach files limit", 413) said as the API says other bad input: which field,
 * and what to send instead.
 */
async function* clearLimits(parts: AsyncIterable<UploadPart>): AsyncIterable<UploadPart> {
  try {
    yield* parts;
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (code === 'FST_FILES_LIMIT') {
      throw new RequestError(400, 'field "file": send one file, in the field "file"');
    }
    if (code === 'FST_FIELDS_LIMIT' || code === 'FST_PARTS_LIMIT') {
      throw new RequestError(
        400,
        'send the export in the field "file" and at most the field "preset" beside it',
      );
    }
    throw error;
  }
}

export const importsRoutes: FastifyPluginAsyncTypebox<{ deps: ApiDeps }> = async (app, { deps }) => {
  const queue = deps.context.importQueue;
  // Registered in this plugin only: no other API route takes multipart bodies.
  await app.register(fastifyMultipart, { limits: { ...UPLOAD_LIMITS, fileSize: queue.maxBytes } });

  app.post(
    '/imports',
    {
      config: { role: 'analyst' },
      schema: {
        tags: ['imports'],
        summary:
          'Hand in an export (multipart: the file in field `file`, optional `preset`); queued for a worker',
        consumes: ['multipart/form-data'],
        response: { 202: ImportAccepted, ...BodyErrors },
      },
    },
    async (request, reply) => {
      const jobs = deps.importJobs;
      if (jobs === undefined)
        throw unavailable('this server takes no uploads: it was started without queues');
      const key = request.apiKey!;
      const accepted = await queue.receive(
        clearLimits(request.parts() as AsyncIterable<UploadPart>),
        { label: `key:${key.name}`, apiKeyId: key.id },
        jobs,
      );
      const view = await queue.get(accepted.id);
      return reply.status(202).send({ ...accepted, state: view?.state ?? 'queued' });
    },
  );

  app.get(
    '/imports',
    {
      config: { role: 'analyst' },
      schema: {
        tags: ['imports'],
        summary: 'The newest imports with their state and summary',
        querystring: Type.Object({ limit: Limit(500, 50) }, { additionalProperties: false }),
        response: { 200: Type.Array(ImportListItem), ...InputErrors },
      },
    },
    async (request) => queue.list(request.query.limit),
  );

  app.get(
    '/imports/:id',
    {
      config: { role: 'analyst' },
      schema: {
        tags: ['imports'],
        summary: 'One import: state, progress and, when done, its summary with the rejected rows',
        params: Type.Object({ id: Id() }),
        response: { 200: ImportView, ...InputErrors, ...NotFoundError, ...KeyErrors },
      },
    },
    async (request) => {
      const view = await queue.get(request.params.id);
      if (view === null) throw notFound(`import ${request.params.id} does not exist`);
      return view;
    },
  );
};
