// /api/v1/faqs: the FAQ register. Listing and reading need a key (viewer keys see published FAQs only; analyst and
// admin keys see concept and expired ones too); adding and editing need an admin key. /faqs.json is the public
// list of published FAQs, no key needed, and /api/v1/faqs/match proposes published FAQs for any text, no key needed
// either (it shows nothing but published FAQs).
import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import type { ApiDeps } from '../../api-deps.js';
import {
  BodyErrors,
  ConflictError,
  InputErrors,
  NotFoundError,
  ServerErrors,
} from '../../schemas/error.schema.js';
import { faqJson, faqKeyActor, faqVersionJson, gapsJson, publicFaqJson } from '../../../faqs/faq-json.js';
import {
  FaqGapConceptAnswer,
  FaqGapConceptBody,
  FaqGapsAnswer,
  FaqGapsQuery,
  FaqIdParams,
  FaqMatchAnswer,
  FaqMatchQuery,
  FaqRow,
  FaqsPage,
  FaqsQuery,
  OpenedFaq,
  PatchFaqBody,
  PostFaqBody,
  PublicFaqs,
  PublicFaqsQuery,
} from './faqs.schema.js';

export const faqsRoutes: FastifyPluginCallbackTypebox<{ deps: ApiDeps }> = (app, { deps }, done) => {
  const faqs = () => deps.context.faqs.faqs;

  app.get(
    '/faqs',
    {
      schema: {
        tags: ['faqs'],
        summary: 'FAQs by status, topic and text',
        querystring: FaqsQuery,
        response: { 200: FaqsPage, ...InputErrors },
      },
    },
    async (request) => {
      const q = request.query;
      const page = await faqs().list(faqKeyActor(request.apiKey!), {
        status: q.status ?? null,
        topic: q.topic ?? null,
        q: q.q ?? null,
        needsCheck: q.needs_check ?? false,
        cursor: q.cursor ?? null,
        limit: q.limit,
      });
      return { faqs: page.faqs.map(faqJson), next_cursor: page.nextCursor };
    },
  );

  app.get(
    '/faqs/match',
    {
      config: { role: 'public' },
      schema: {
        tags: ['faqs'],
        summary: 'The published FAQs that answer a text, with a decision (no key)',
        querystring: FaqMatchQuery,
        response: { 200: FaqMatchAnswer, 400: InputErrors[400], ...ServerErrors },
      },
    },
    async (request) => {
      const answer = await deps.context.faqs.matching.match(request.query.q, request.query.limit);
      return {
        matches: answer.matches.map((m) => ({ faq_id: m.faqId, score: m.score, question: m.question })),
        decision: answer.decision,
        language: answer.language,
      };
    },
  );

  app.get(
    '/faqs/gaps',
    {
      config: { role: 'analyst' },
      schema: {
        tags: ['faqs'],
        summary:
          'The questions of a period without an FAQ, clustered and ranked, each with a proposed FAQ draft',
        querystring: FaqGapsQuery,
        response: { 200: FaqGapsAnswer, ...InputErrors },
      },
    },
    async (request) =>
      gapsJson(await deps.context.faqs.gaps.gaps(faqKeyActor(request.apiKey!), request.query)),
  );

  app.post(
    '/faqs/gaps/concepts',
    {
      config: { role: 'admin' },
      schema: {
        tags: ['faqs'],
        summary:
          'Turn a gap cluster, KCC or online, into a concept FAQ (once: again returns the same concept)',
        body: FaqGapConceptBody,
        response: { 200: FaqGapConceptAnswer, 201: FaqGapConceptAnswer, ...BodyErrors, ...NotFoundError },
      },
    },
    async (request, reply) => {
      const made = await deps.context.faqs.gaps.makeConcept(faqKeyActor(request.apiKey!), request.body);
      return reply.code(made.created ? 201 : 200).send({ faq: faqJson(made.faq), created: made.created });
    },
  );

  app.get(
    '/faqs/:id',
    {
      schema: {
        tags: ['faqs'],
        summary: 'One FAQ with its versions and measures',
        params: FaqIdParams,
        response: { 200: OpenedFaq, ...InputErrors, ...NotFoundError },
      },
    },
    async (request) => {
      const opened = await faqs().open(faqKeyActor(request.apiKey!), request.params.id);
      return { faq: faqJson(opened.faq), versions: opened.versions.map(faqVersionJson) };
    },
  );

  app.post(
    '/faqs',
    {
      config: { role: 'admin' },
      schema: {
        tags: ['faqs'],
        summary: 'Add an FAQ',
        body: PostFaqBody,
        response: { 201: FaqRow, ...BodyErrors },
      },
    },
    async (request, reply) => {
      const created = await faqs().create(faqKeyActor(request.apiKey!), request.body, 'api');
      return reply.code(201).send(faqJson(created));
    },
  );

  app.patch(
    '/faqs/:id',
    {
      config: { role: 'admin' },
      schema: {
        tags: ['faqs'],
        summary: 'Change an FAQ (a new version), or mark it checked',
        params: FaqIdParams,
        body: PatchFaqBody,
        response: { 200: FaqRow, ...BodyErrors, ...NotFoundError, ...ConflictError },
      },
    },
    async (request) => {
      const { version, checked, ...input } = request.body;
      const actor = faqKeyActor(request.apiKey!);
      const { faq } = await faqs().update(actor, request.params.id, input, version ?? null, 'api');
      return faqJson(checked ? await faqs().check(actor, faq.id) : faq);
    },
  );

  done();
};

/** The published FAQs for a municipal website: no key, nothing but published FAQs. */
export const publicFaqsRoutes: FastifyPluginCallbackTypebox<{ deps: ApiDeps }> = (app, { deps }, done) => {
  app.get(
    '/faqs.json',
    {
      config: { role: 'public' },
      schema: {
        tags: ['faqs'],
        summary: 'The published FAQs, for a municipal website (no key)',
        querystring: PublicFaqsQuery,
        response: { 200: PublicFaqs, 400: InputErrors[400], ...ServerErrors },
      },
    },
    async (request, reply) => {
      const all = await deps.context.faqs.faqs.published({
        topic: request.query.topic ?? null,
        q: request.query.q ?? null,
      });
      // Any site may read it from a script.
      void reply.header('access-control-allow-origin', '*').header('cache-control', 'public, max-age=300');
      return { faqs: all.map(publicFaqJson) };
    },
  );
  done();
};
