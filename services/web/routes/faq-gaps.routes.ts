// Vragen zonder FAQ (coordinator, admin): the period filter (van, tot: dates; default the last 30 days), the
// clusters ranked by count or growth, and per cluster (KCC or online) a form that posts to /vragen-zonder-faq/concept,
// which makes the concept FAQ once and goes to its page (post, redirect, get).
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { GapsAnswer } from '../../faqs/faq-gaps.service.js';
import { shiftDays } from '../../measures/measure-moments.js';
import { mayEditFaqs } from '../../faqs/faq.js';
import { RequestError } from '../../request-error.js';
import { localDate } from '../../time/zoned-time.js';
import type { User } from '../../users/user.js';
import type { FaqGapPagesDeps } from '../page-deps.js';
import { echo } from '../forms.js';
import { requireRole } from '../guard.js';
import { gapProblems } from '../messages.js';

function one(source: unknown, name: string): string {
  const value = (source as Record<string, unknown> | undefined)?.[name];
  const first: unknown = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first.trim() : '';
}

const actorOf = (user: User) => ({ name: user.name, role: user.role, apiKeyId: null });

export function faqGapRoutes(
  app: FastifyInstance,
  { pages }: { pages: FaqGapPagesDeps },
  done: (error?: Error) => void,
): void {
  const csrf = app.csrfProtection.bind(app);
  const coordinators = requireRole('coordinator', 'admin');
  // Analysts read the gaps (and online posts' text) too; only coordinators and admins make concept FAQs.
  const readers = requireRole('coordinator', 'analyst', 'admin');
  const topicLabels = new Map(pages.topics.map((topic) => [topic.id, topic.label]));
  const now = pages.now ?? (() => new Date());
  const day = new Intl.DateTimeFormat('nl-NL', { timeZone: pages.timeZone, dateStyle: 'long' });
  const moment = new Intl.DateTimeFormat('nl-NL', {
    timeZone: pages.timeZone,
    dateStyle: 'medium',
    timeStyle: 'short',
  });
  const topicLabel = (topic: string) => topicLabels.get(topic) ?? topic;

  function view(answer: GapsAnswer) {
    return {
      ...answer,
      periodText: `${day.format(answer.period.fromMs)} tot ${day.format(answer.period.toMs)}`,
      previousText: `${day.format(answer.previous.fromMs)} tot ${day.format(answer.previous.toMs)}`,
      clusters: answer.clusters.map((cluster) => ({
        ...cluster,
        topics: cluster.topics.map((t) => ({ label: topicLabels.get(t.topic) ?? t.topic, count: t.count })),
        draftTopic:
          cluster.draft.topic === null ? null : (topicLabels.get(cluster.draft.topic) ?? cluster.draft.topic),
      })),
      online: {
        ...answer.online,
        clusters: answer.online.clusters.map((cluster) => ({
          ...cluster,
          topics: cluster.topics.map((t) => ({ label: topicLabel(t.topic), count: t.count })),
          draftTopic: cluster.draft.topic === null ? null : topicLabel(cluster.draft.topic),
          examples: cluster.examples.map((example) => ({
            ...example,
            when: moment.format(example.postedAt),
          })),
        })),
      },
    };
  }

  async function render(
    reply: FastifyReply,
    user: User,
    values: { van: string; tot: string; volgorde: string },
  ) {
    let answer: GapsAnswer | null = null;
    let errors = null;
    try {
      answer = await pages.gaps.gaps(actorOf(user), {
        from: values.van,
        to: values.tot,
        order: values.volgorde === 'groei' ? 'growth' : 'count',
      });
    } catch (error) {
      errors = gapProblems(error);
      if (errors === null) throw error;
      reply.status(400);
    }
    return reply.page('faq-gaps', 'Vragen zonder FAQ', {
      values: { van: echo(values.van), tot: echo(values.tot), volgorde: values.volgorde },
      errors: errors ?? [],
      invalid: Object.fromEntries((errors ?? []).map((e) => [e.id, true])),
      gaps: answer === null ? null : view(answer),
      mayMakeConcepts: mayEditFaqs(user.role),
    });
  }

  app.get('/vragen-zonder-faq', { preHandler: readers }, async (request, reply) => {
    const today = localDate(now().getTime(), pages.timeZone);
    const tot = one(request.query, 'tot') || shiftDays(today, 1);
    const van = one(request.query, 'van') || shiftDays(tot, -30);
    return render(reply, request.webUser!, {
      van,
      tot,
      volgorde: one(request.query, 'volgorde') || 'aantal',
    });
  });

  app.post('/vragen-zonder-faq/concept', { preHandler: [coordinators, csrf] }, async (request, reply) => {
    const body = request.body;
    const values = { van: one(body, 'van'), tot: one(body, 'tot'), volgorde: 'aantal' };
    try {
      const made = await pages.gaps.makeConcept(actorOf(request.webUser!), {
        from: values.van,
        to: values.tot,
        cluster: one(body, 'cluster'),
        // bron=online: a cluster of "Vragen online" (keyed by a post); anything else is a KCC cluster.
        source: one(body, 'bron') === 'online' ? 'online' : 'kcc',
      });
      return await reply.redirect(
        `/faq-beheer/${encodeURIComponent(made.faq.id)}?gedaan=${made.created ? 'aangemaakt' : 'bestond'}`,
        303,
      );
    } catch (error) {
      if (!(error instanceof RequestError) || error.statusCode >= 500) throw error;
      return render(reply, request.webUser!, values);
    }
  });

  done();
}
