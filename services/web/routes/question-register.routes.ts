// Vraag registreren (kcc, coordinator, admin): the KCC form. A save classifies and routes the question through
// QuestionsService.register and shows where it went and which published FAQs may answer it (the question's page
// answers it with one), with an empty form for the next one. The form carries a
// one-time id that becomes the external id, so a double-clicked save stores one question.
import crypto from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isRealDate } from '../../time/calendar-date.js';
import { TimeZone } from '../../time/zoned-time.js';
import { MAX_QUESTION_CHARS, QUESTION_CHANNELS, type RawQuestion } from '../../questions/question.js';
import { echo, field } from '../forms.js';
import { requireRole } from '../guard.js';
import { CHANNEL_LABELS, type PageError } from '../messages.js';
import type { QuestionPagesDeps } from '../page-deps.js';
import { questionProblem } from '../question-problems.js';
import { questionActor, when } from '../question-view.js';
import type { WebServices } from '../web-services.js';

/** The service's field names -> the form's ids and labels. */
const NAMES = {
  text: { id: 'vraag', label: 'Vraag' },
  channel: { id: 'kanaal', label: 'Kanaal' },
  team: { id: 'team', label: 'Team' },
  'contact.name': { id: 'naam', label: 'Naam' },
  'contact.phone': { id: 'telefoon', label: 'Telefoonnummer' },
  'contact.email': { id: 'email', label: 'E-mailadres' },
  'callback.by': { id: 'terugbellen-voor', label: 'Terugbellen vóór' },
};

/** Source of the questions typed in the KCC form (external ids are the form's one-time ids). */
export const FORM_SOURCE = 'kcc-formulier';
const LOCAL_DATETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

interface FormValues {
  formulier: string;
  kanaal: string;
  vraag: string;
  team: string;
  naam: string;
  telefoon: string;
  email: string;
  terugbellen: boolean;
  terugbellenVoor: string;
}

const oneTimeId = () => `formulier-${crypto.randomUUID()}`;

/** A `datetime-local` value is wall-clock time in the municipality's zone; anything else goes on as typed, so
 * the service refuses it and names the field. */
function callbackBy(value: string, zone: TimeZone): string | null {
  const trimmed = value.trim();
  if (trimmed === '') return null;
  const m = LOCAL_DATETIME.exec(trimmed);
  if (!m) return trimmed;
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number];
  if (!isRealDate(year, month, day) || hour > 23 || minute > 59) return trimmed;
  return new Date(zone.toUtc(year, month, day, hour, minute, 0)).toISOString();
}

export function questionRegisterRoutes(
  app: FastifyInstance,
  { web, pages }: { web: WebServices; pages: QuestionPagesDeps },
  done: (error?: Error) => void,
): void {
  const csrf = app.csrfProtection.bind(app);
  const registrar = requireRole('kcc', 'coordinator', 'admin');
  const zone = TimeZone.of(web.timezone);

  function render(
    reply: FastifyReply,
    data: {
      values?: FormValues;
      registered?: {
        id: string;
        team: string;
        due: string;
        faqs: { id: string; question: string }[];
        faqDecision: 'match' | 'none';
      };
      duplicate?: boolean;
      errors?: PageError[];
      invalid?: Record<string, true>;
    },
  ) {
    return reply.page('question-new', 'Vraag registreren', {
      channels: QUESTION_CHANNELS.map((channel) => ({ value: channel, label: CHANNEL_LABELS[channel] })),
      teams: web.users.teams,
      values: data.values ?? {
        formulier: oneTimeId(),
        kanaal: 'telefoon',
        vraag: '',
        team: '',
        naam: '',
        telefoon: '',
        email: '',
        terugbellen: false,
        terugbellenVoor: '',
      },
      maxChars: MAX_QUESTION_CHARS.toLocaleString('nl-NL'),
      ...data,
    });
  }

  app.get('/vragen/nieuw', { preHandler: registrar }, async (_request, reply) => render(reply, {}));

  app.post('/vragen/nieuw', { preHandler: [csrf, registrar] }, async (request: FastifyRequest, reply) => {
    const values: FormValues = {
      formulier: field(request, 'formulier'),
      kanaal: field(request, 'kanaal'),
      vraag: field(request, 'vraag'),
      team: field(request, 'team'),
      naam: field(request, 'naam'),
      telefoon: field(request, 'telefoon'),
      email: field(request, 'email'),
      terugbellen: field(request, 'terugbellen') === 'ja',
      terugbellenVoor: field(request, 'terugbellen-voor'),
    };
    const by = callbackBy(values.terugbellenVoor, zone);
    const raw: RawQuestion = {
      external_id: values.formulier,
      received_at: new Date(),
      channel: values.kanaal,
      text: values.vraag,
      team: values.team || null,
      // A callback time given means a callback is wanted, even when the box was not ticked.
      callback: values.terugbellen || by !== null ? { wanted: true, by } : false,
      contact: { name: values.naam, phone: values.telefoon, email: values.email },
    };
    const user = request.webUser!;
    try {
      const result = await pages.questions.register(questionActor(user), FORM_SOURCE, [raw], {
        proposeFaqs: true,
      });
      const routed = result.routed[values.formulier];
      if (routed === undefined) return await render(reply, { duplicate: true });
      return await render(reply, {
        registered: {
          id: result.ids[values.formulier]!,
          team: web.users.teamName(routed.team) ?? routed.team,
          due: when(routed.dueAt, web.timezone),
          faqs: (result.faqProposals[values.formulier]?.matches ?? []).map((match) => ({
            id: match.faqId,
            question: match.question,
          })),
          faqDecision: result.faqProposals[values.formulier]?.decision ?? 'none',
        },
      });
    } catch (error) {
      const problem = questionProblem(error, NAMES, NAMES.text);
      reply.status(problem.status);
      // The question is shown again up to the length the register takes, so nothing typed is lost to a typo.
      return render(reply, {
        errors: problem.errors,
        invalid: problem.invalid,
        values: {
          ...values,
          formulier: echo(values.formulier) || oneTimeId(),
          kanaal: echo(values.kanaal),
          vraag: values.vraag.slice(0, MAX_QUESTION_CHARS),
          team: echo(values.team),
          naam: echo(values.naam),
          telefoon: echo(values.telefoon),
          email: echo(values.email),
          terugbellenVoor: echo(values.terugbellenVoor),
        },
      });
    }
  });
  done();
}
