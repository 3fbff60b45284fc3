// FAQ's (every signed-in role; concept FAQs only for kcc, coordinator, analyst and admin, as the service decides):
// the list with filters, one FAQ with its versions, measures and stale flag, and for coordinators and admins the
// edit form, the "gecontroleerd" button and "Nieuwe FAQ" (a concept written by hand) (post, redirect, get). `/faqs` is the public page: published FAQs only,
// no session needed, and other sites may embed it in a frame.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { FAQ_AUDIENCES, FAQ_STATUSES, type FaqActor, type FaqRecord, mayEditFaqs } from '../../faqs/faq.js';
import { needsCheck } from '../../faqs/faq-json.js';
import { ownerText, type FaqInput } from '../../faqs/faq-input.js';
import { RequestError } from '../../request-error.js';
import type { User } from '../../users/user.js';
import { answerParts } from '../faq-view.js';
import type { FaqPagesDeps } from '../page-deps.js';
import { faqProblems } from '../faq-problems.js';
import { echo } from '../forms.js';
import { requireRole } from '../guard.js';
import type { PageError } from '../messages.js';
import { notFoundPage } from '../not-found.js';

const PAGE_SIZE = 25;
type Params = { id: string };

function one(source: unknown, name: string): string {
  const value = (source as Record<string, unknown> | undefined)?.[name];
  const first: unknown = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first.trim() : '';
}

function all(source: unknown, name: string): string[] {
  const value = (source as Record<string, unknown> | undefined)?.[name];
  const list: unknown[] = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.filter((item): item is string => typeof item === 'string');
}

function actorOf(user: User): FaqActor {
  return { name: user.name, role: user.role, apiKeyId: null };
}

export function faqRoutes(
  app: FastifyInstance,
  { pages }: { pages: FaqPagesDeps },
  done: (error?: Error) => void,
): void {
  const csrf = app.csrfProtection.bind(app);
  const readers = requireRole('kcc', 'team', 'coordinator', 'analyst', 'admin');
  const editors = requireRole('coordinator', 'admin');
  const topicLabels = new Map(pages.topics.map((topic) => [topic.id, topic.label]));
  const teamNames = new Map(pages.teams.map((team) => [team.id, team.name]));
  const dateTime = new Intl.DateTimeFormat('nl-NL', {
    timeZone: pages.timeZone,
    dateStyle: 'medium',
    timeStyle: 'short',
  });
  const when = (date: Date | null) => (date === null ? null : dateTime.format(date));

  function summary(faq: FaqRecord) {
    return {
      id: faq.id,
      question: faq.question,
      status: faq.status,
      topics: faq.topics.map((id) => topicLabels.get(id) ?? id),
      audience: faq.audience,
      stale: faq.stale !== null,
      needsCheck: needsCheck(faq),
      updatedAt: when(faq.updatedAt),
    };
  }

  app.get('/faq-beheer', { preHandler: readers }, async (request, reply) => {
    const filters = {
      status: one(request.query, 'status'),
      onderwerp: one(request.query, 'onderwerp'),
      zoek: one(request.query, 'zoek'),
      controleren: one(request.query, 'controleren') === 'ja',
    };
    const cursor = one(request.query, 'na');
    let listed: { faqs: FaqRecord[]; nextCursor: string | null } | null = null;
    let refused = null;
    try {
      listed = await pages.faqs.list(actorOf(request.webUser!), {
        status: (FAQ_STATUSES as readonly string[]).includes(filters.status)
          ? (filters.status as FaqRecord['status'])
          : null,
        topic: filters.onderwerp || null,
        q: filters.zoek || null,
        needsCheck: filters.controleren,
        cursor: cursor || null,
        limit: PAGE_SIZE,
      });
    } catch (error) {
      refused = faqProblems(error);
      if (refused === null) throw error;
      reply.status(refused.status);
    }
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(filters))
      if (value) params.set(key, value === true ? 'ja' : value);
    if (listed?.nextCursor) params.set('na', listed.nextCursor);
    return reply.page('faqs', "FAQ's", {
      rows: listed?.faqs.map(summary) ?? [],
      next: listed?.nextCursor ? `/faq-beheer?${params.toString()}` : null,
      filters: { ...filters, zoek: echo(filters.zoek) },
      statuses: FAQ_STATUSES,
      topics: pages.topics,
      canCreate: mayEditFaqs(request.webUser!.role),
      errors: refused?.errors ?? [],
      invalid: refused?.invalid ?? {},
    });
  });

  interface NewFaqValues {
    vraag: string;
    antwoord: string;
    onderwerpen: string[];
    doelgroep: string[];
    maatregelen: string;
  }

  function renderNew(
    reply: FastifyReply,
    values: NewFaqValues,
    refused: { errors: PageError[]; invalid: Record<string, true> } | null = null,
  ) {
    return reply.page('faq-new', 'Nieuwe FAQ', {
      values,
      topics: pages.topics,
      audiences: FAQ_AUDIENCES,
      errors: refused?.errors ?? [],
      invalid: refused?.invalid ?? {},
    });
  }

  // A static path: it wins over /faq-beheer/:id whatever the order.
  app.get('/faq-beheer/nieuw', { preHandler: editors }, (_request, reply) =>
    renderNew(reply, { vraag: '', antwoord: '', onderwerpen: [], doelgroep: [], maatregelen: '' }),
  );

  app.post('/faq-beheer/nieuw', { preHandler: [editors, csrf] }, async (request, reply) => {
    const body = request.body;
    const measures = one(body, 'maatregelen');
    const input: FaqInput = {
      question: one(body, 'vraag'),
      answer: one(body, 'antwoord'),
      topics: all(body, 'onderwerpen'),
      audience: all(body, 'doelgroep'),
      // Written by hand is a concept: publishing is a second, deliberate step on the FAQ's page.
      status: 'concept',
      measures: measures === '' ? [] : measures.split(/[,\s]+/).filter((id) => id !== ''),
    };
    let created: FaqRecord;
    try {
      created = await pages.faqs.create(actorOf(request.webUser!), input);
    } catch (error) {
      const refused = faqProblems(error);
      if (refused === null) throw error;
      reply.status(refused.status);
      return renderNew(
        reply,
        {
          vraag: echo(input.question ?? ''),
          antwoord: (input.answer ?? '').slice(0, 20_000),
          onderwerpen: all(body, 'onderwerpen').map(echo),
          doelgroep: all(body, 'doelgroep').map(echo),
          maatregelen: echo(measures),
        },
        refused,
      );
    }
    return reply.redirect(`/faq-beheer/${encodeURIComponent(created.id)}?gedaan=aangemaakt`, 303);
  });

  async function render(
    request: FastifyRequest<{ Params: Params }>,
    reply: FastifyReply,
    extra: { errors?: PageError[]; invalid?: Record<string, true>; values?: Record<string, unknown> } = {},
  ) {
    const user = request.webUser!;
    let opened;
    try {
      opened = await pages.faqs.open(actorOf(user), request.params.id);
    } catch (error) {
      if (error instanceof RequestError && error.statusCode === 404) return notFoundPage(reply);
      throw error;
    }
    const { faq, versions } = opened;
    const measures = await Promise.all(
      faq.measureIds.map(async (id) => ({ id, title: (await pages.measureTitle(id)) ?? id })),
    );
    const done = one(request.query, 'gedaan');
    return reply.page('faq', `FAQ ${faq.id}`, {
      faq: {
        ...summary(faq),
        answer: answerParts(faq.answer),
        url: faq.url,
        version: faq.version,
        validFrom: faq.validFrom,
        validUntil: faq.validUntil,
        owner: faq.ownerTeam
          ? (teamNames.get(faq.ownerTeam) ?? faq.ownerTeam)
          : faq.ownerUserId
            ? `gebruiker ${faq.ownerUserId}`
            : null,
        lastCheckedAt: when(faq.lastCheckedAt),
        measuresChangedAt: when(faq.measuresChangedAt),
        staleReason: faq.stale?.reason ?? null,
        staleAt: when(faq.stale?.at ?? null),
      },
      measures,
      versions: versions.map((version) => ({
        version: version.version,
        changed: version.changed,
        actor: version.actor,
        origin: version.origin,
        at: when(version.recordedAt),
      })),
      canEdit: mayEditFaqs(user.role),
      notice:
        done === 'opgeslagen'
          ? 'De wijziging is opgeslagen als een nieuwe versie.'
          : done === 'aangemaakt'
            ? 'De FAQ is opgeslagen als concept. Zet de status op gepubliceerd om hem te publiceren.'
            : done === 'gecontroleerd'
              ? 'De FAQ is gemarkeerd als gecontroleerd.'
              : done === 'bestond'
                ? 'Van deze groep vragen was al een concept-FAQ gemaakt: dit is die FAQ.'
                : null,
      statuses: FAQ_STATUSES,
      audiences: FAQ_AUDIENCES,
      topics: pages.topics,
      teams: pages.teams,
      values: {
        vraag: faq.question,
        antwoord: faq.answer,
        url: faq.url ?? '',
        onderwerpen: faq.topics,
        doelgroep: faq.audience,
        status: faq.status,
        geldigVan: faq.validFrom ?? '',
        geldigTot: faq.validUntil ?? '',
        eigenaar: ownerText(faq) ?? '',
        maatregelen: faq.measureIds.join(', '),
        versie: String(faq.version),
        ...extra.values,
      },
      errors: extra.errors ?? [],
      invalid: extra.invalid ?? {},
    });
  }

  app.get<{ Params: Params }>('/faq-beheer/:id', { preHandler: readers }, (request, reply) =>
    render(request, reply),
  );

  app.post<{ Params: Params }>('/faq-beheer/:id', { preHandler: [editors, csrf] }, async (request, reply) => {
    const body = request.body;
    const input: FaqInput = {
      question: one(body, 'vraag'),
      answer: one(body, 'antwoord'),
      url: one(body, 'url'),
      topics: all(body, 'onderwerpen'),
      audience: all(body, 'doelgroep'),
      status: one(body, 'status'),
      valid_from: one(body, 'geldig-van'),
      valid_until: one(body, 'geldig-tot'),
      owner: one(body, 'eigenaar'),
      measures: one(body, 'maatregelen').split(/[,\s]+/),
    };
    const version = Number(one(body, 'versie'));
    try {
      await pages.faqs.update(
        actorOf(request.webUser!),
        request.params.id,
        input,
        Number.isInteger(version) && version > 0 ? version : null,
      );
    } catch (error) {
      if (error instanceof RequestError && error.statusCode === 404) return notFoundPage(reply);
      const refused = faqProblems(error);
      if (refused === null) throw error;
      reply.status(refused.status);
      return render(request, reply, {
        errors: refused.errors,
        invalid: refused.invalid,
        values: {
          vraag: echo(input.question ?? ''),
          antwoord: (input.answer ?? '').slice(0, 20_000),
          url: echo(input.url ?? ''),
          onderwerpen: input.topics,
          doelgroep: input.audience,
          status: input.status,
          geldigVan: echo(input.valid_from ?? ''),
          geldigTot: echo(input.valid_until ?? ''),
          eigenaar: echo(input.owner ?? ''),
          maatregelen: echo(one(body, 'maatregelen')),
        },
      });
    }
    return reply.redirect(`/faq-beheer/${encodeURIComponent(request.params.id)}?gedaan=opgeslagen`, 303);
  });

  app.post<{ Params: Params }>(
    '/faq-beheer/:id/gecontroleerd',
    { preHandler: [editors, csrf] },
    async (request, reply) => {
      try {
        await pages.faqs.check(actorOf(request.webUser!), request.params.id);
      } catch (error) {
        if (error instanceof RequestError && error.statusCode === 404) return notFoundPage(reply);
        throw error;
      }
      return reply.redirect(`/faq-beheer/${encodeURIComponent(request.params.id)}?gedaan=gecontroleerd`, 303);
    },
  );

  // Public: published FAQs only, whoever asks; a municipal site may show it in a frame.
  app.get('/faqs', async (request, reply) => {
    const topic = one(request.query, 'onderwerp');
    const faqs = await pages.faqs.published({ topic: topicLabels.has(topic) ? topic : null });
    const html = await reply.viewAsync('faqs-public', {
      faqs: faqs.map((faq) => ({
        id: faq.id,
        question: faq.question,
        answer: answerParts(faq.answer),
        url: faq.url,
        topics: faq.topics.map((id) => topicLabels.get(id) ?? id),
      })),
    });
    return reply
      .header(
        'content-security-policy',
        "default-src 'none'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors *",
      )
      .removeHeader('x-frame-options')
      .header('cache-control', 'public, max-age=300')
      .type('text/html; charset=utf-8')
      .send(html);
  });

  done();
}
