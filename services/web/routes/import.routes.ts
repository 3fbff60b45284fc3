// Importeren (analyst, admin): the upload form (multipart; the CSRF token is the form's first field, checked before
// the file is read; a second file or an extra field is a Dutch error at the file field), one import's progress and
// summary, its JSON for the page's script, its rejected rows as CSV.
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { UploadPart } from '../../ingest/import-queue.service.js';
import { PRESET_CHOICES } from '../../importers/export-presets.js';
import { RequestError } from '../../request-error.js';
import { clearLimits, UPLOAD_LIMITS } from '../../api/routes/imports/index.js';
import { requireRole } from '../guard.js';
import type { ImportPagesDeps } from '../page-deps.js';
import { importDetail, importFigures, importRow, rejectedCsv } from '../import-view.js';
import type { WebServices } from '../web-services.js';

const FILE_FIELD = { id: 'bestand', label: 'Bestand' };
const PRESET_FIELD = { id: 'preset', label: 'Soort export' };

/** The service's refusals (English, for the API) as a Dutch error at the field it concerns. */
function uploadProblem(error: RequestError, maxBytes: number) {
  const message = error.message;
  if (message.startsWith('field "preset"'))
    return { ...PRESET_FIELD, message: 'kies een soort uit de lijst.' };
  if (error.statusCode === 413)
    return { ...FILE_FIELD, message: `het bestand is groter dan ${Math.round(maxBytes / 1024 ** 2)} MB.` };
  if (message.includes('is missing')) return { ...FILE_FIELD, message: 'kies een bestand.' };
  if (message.startsWith('field "file": send one file'))
    return { ...FILE_FIELD, message: 'kies één bestand; er kan er maar één tegelijk worden ingelezen.' };
  if (message.includes('at most the field "preset"'))
    return {
      ...FILE_FIELD,
      message:
        'het formulier had meer velden dan Bestand en Soort export. Laad de pagina opnieuw en probeer het nog eens.',
    };
  if (error.statusCode === 415)
    return {
      ...FILE_FIELD,
      message: 'dit is geen CSV- of XLSX-export. Melding: ' + message.replace(/^field "file": /, ''),
    };
  return {
    ...FILE_FIELD,
    message: 'dit bestand kan niet worden ingelezen. Melding: ' + message.replace(/^field "file": /, ''),
  };
}

export async function importRoutes(
  app: FastifyInstance,
  { web, pages }: { web: WebServices; pages: ImportPagesDeps },
): Promise<void> {
  const queue = pages.importQueue;
  await app.register(fastifyMultipart, { limits: { ...UPLOAD_LIMITS, fileSize: queue.maxBytes } });
  const guard = requireRole('analyst', 'admin');

  const form = async (reply: FastifyReply, extra: Record<string, unknown> = {}) =>
    reply.page('import', 'Importeren', {
      presets: PRESET_CHOICES,
      maxMb: Math.round(queue.maxBytes / 1024 ** 2),
      canUpload: pages.importJobs !== undefined,
      rows: (await queue.list(25)).map((view) => importRow(view, web.timezone)),
      ...extra,
    });

  app.get('/importeren', { preHandler: guard }, async (_request, reply) => form(reply));

  app.post('/importeren', { preHandler: guard }, async (request, reply) => {
    const jobs = pages.importJobs;
    if (jobs === undefined) {
      return reply.status(503).page('message', 'Importeren niet mogelijk', {
        heading: 'Importeren niet mogelijk',
        message:
          'Deze server neemt geen bestanden aan: hij draait zonder wachtrijen. Meld het bij de beheerder.',
        link: { href: '/importeren', label: 'Terug naar Importeren' },
      });
    }
    const user = request.webUser!;
    try {
      const accepted = await queue.receive(
        csrfFirst(app, request, reply, clearLimits(request.parts() as AsyncIterable<UploadPart>)),
        { label: `user:${user.name}`, apiKeyId: null },
        jobs,
      );
      return reply.redirect(`/importeren/${accepted.id}${accepted.existing ? '?eerder=1' : ''}`, 303);
    } catch (error) {
      if (!(error instanceof RequestError) || error.statusCode === 403) throw error;
      const problem = uploadProblem(error, queue.maxBytes);
      reply.status(error.statusCode);
      return form(reply, {
        errors: [problem],
        invalid: { [problem.id]: true },
      });
    }
  });

  const detail = async (request: FastifyRequest) => {
    const { id } = request.params as { id: string };
    return /^\d{1,18}$/.test(id) ? queue.get(id) : null;
  };

  app.get('/importeren/:id', { preHandler: guard }, async (request, reply) => {
    const view = await detail(request);
    if (view === null) return reply.callNotFound();
    return reply.page('import-detail', `Import ${view.id}`, {
      item: importDetail(view, web.timezone),
      earlier: (request.query as Record<string, unknown>).eerder === '1',
    });
  });

  app.get('/importeren/:id/voortgang', { preHandler: guard }, async (request, reply) => {
    const view = await detail(request);
    if (view === null) return reply.status(404).send({ error: 'not_found' });
    return reply.header('cache-control', 'no-store').send(importFigures(view));
  });

  app.get('/importeren/:id/afgekeurd.csv', { preHandler: guard }, async (request, reply) => {
    const view = await detail(request);
    if (view === null) return reply.callNotFound();
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="import-${view.id}-afgekeurd.csv"`)
      .send(rejectedCsv(view));
  });
}

/** The form's token comes before its file; nothing of the file is read until it has been checked. */
async function* csrfFirst(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  parts: AsyncIterable<UploadPart>,
): AsyncGenerator<UploadPart> {
  let checked = false;
  for await (const part of parts) {
    if (part.type === 'field' && part.fieldname === '_csrf') {
      // @fastify/csrf-protection reads the token from the body; a multipart body is only streamed.
      request.body = { _csrf: part.value };
      await new Promise<void>((resolve, reject) =>
        app.csrfProtection(request, reply, (error?: Error) => (error ? reject(error) : resolve())),
      );
      checked = true;
      continue;
    }
    if (!checked)
      throw Object.assign(new RequestError(403, 'the form token must come first'), {
        code: 'FST_CSRF_INVALID_TOKEN',
      });
    yield part;
  }
  if (!checked)
    throw Object.assign(new RequestError(403, 'the form token is missing'), {
      code: 'FST_CSRF_MISSING_SECRET',
    });
}
