// The question register's services, for the API, the CLI importer and (later) the web pages: register questions
// (classified and routed on save), the queue, one question with its history, reassigning, status changes, answering,
// closing, contact details for the callback, the overdue sweep and retention. Rules live here; SQL in the repository.
import type { Enricher } from '../nlp/enricher.js';
import { badRequest, forbidden, notFound, RequestError } from '../request-error.js';
import { metricValue } from '../series/metric-definitions.js';
import {
  ANSWERED_HOW,
  mayHandle,
  mayReadContact,
  parseQuestion,
  QUESTION_CHANNELS,
  QUESTION_STATUSES,
  SETTABLE_STATUSES,
  type AnsweredHow,
  type QuestionChannel,
  type QuestionActor,
  type QuestionContact,
  type QuestionInput,
  type QuestionStatus,
  type RawQuestion,
} from './question.js';
import { escalatedMessage, routedMessage, type NoticeQuestion } from './question-notices.js';
import { routeTeam, type Routing } from './routing.js';
import { StoreCoalescer } from './store-coalescer.js';
import { dueAt, type WorkingCalendar } from './working-hours.js';
import type { QuestionsRepository } from '../repositories/questions.repository.js';
import type { NewQuestionRow, QuestionEventRecord, QuestionRecord } from './question-record.js';

export interface QuestionsAccessLog {
  record(apiKeyId: string | null, action: string, detail: Record<string, unknown>): Promise<void>;
}

/** An FAQ as answering a question with it needs it. */
export interface QuestionFaq {
  id: string;
  question: string;
  answer: string;
  status: string;
}

/** The best published FAQs for one question's text, and whether the best one answers it. */
export interface FaqProposal {
  matches: { faqId: string; score: number; question: string }[];
  decision: 'match' | 'none';
}

/** The FAQ register as the question register uses it (built from the FAQs module in the composition root). */
export interface QuestionFaqs {
  /** Any FAQ by id, whatever its status; null when there is none. */
  get(id: string): Promise<QuestionFaq | null>;
  /** For each text, in order, the best published FAQs. */
  propose(texts: readonly string[]): Promise<FaqProposal[]>;
  /**
   * `propose` for questions about to be registered, and a way to keep the proposals as the questions' decisions
   * (against the FAQs they were made with), so the gaps' decider does not make them again.
   */
  proposeForRegistration(texts: readonly string[]): Promise<RegistrationProposals>;
}

export interface RegistrationProposals {
  proposals: FaqProposal[];
  /** Stores proposal i as the decision of question `ids[i]` (undefined: not stored, e.g. a repeat). */
  keep(ids: readonly (string | undefined)[]): Promise<void>;
}

/** What the register reads and writes of the questions repository (a fake implements the same). */
export type QuestionsStore = Pick<
  QuestionsRepository,
  | 'store'
  | 'list'
  | 'get'
  | 'history'
  | 'change'
  | 'escalateOverdue'
  | 'readContact'
  | 'deleteContactsClosedBefore'
  | 'expireTextReceivedBefore'
  | 'series'
  | 'seriesByKey'
  | 'openByTeam'
  | 'answerTimesByTeam'
>;

export interface QuestionsServiceDeps {
  repository: QuestionsStore;
  accessLog: QuestionsAccessLog;
  /** The scorer, built on first use (services/nlp/nlp.module.ts): only registering a question scores. */
  enricher: () => Promise<Pick<Enricher, 'enrich'>>;
  routing: Routing;
  calendar: WorkingCalendar;
  topicIds: ReadonlySet<string>;
  coordinatorChannels: readonly string[];
  contactRetentionDays: number;
  textRetentionDays: number;
  /** Without it no FAQs are proposed and answering with an FAQ is refused. */
  faqs?: QuestionFaqs;
  now?: () => Date;
}

export interface RegisterResult {
  source: string;
  received: number;
  new: string[];
  duplicates: string[];
  /** The stored ids of the new questions, by external id. */
  ids: Record<string, string>;
  /** Where each new question went, by external id: the KCC form confirms it to the person who typed it. */
  routed: Record<string, { team: string; dueAt: Date }>;
  /** With `proposeFaqs`: the best published FAQs of every question received (new and repeated), by external id. */
  faqProposals: Record<string, FaqProposal>;
}

export interface RegisterOptions {
  /**
   * Match each question to the published FAQs before it is stored (the form and the API). An import leaves it off:
   * its result has no place to show them, and the question page proposes FAQs when it is opened.
   */
  proposeFaqs?: boolean;
}

export interface QueueFilter {
  fromMs?: number | null;
  toMs?: number | null;
  topic?: string | null;
  status?: string | null;
  team?: string | null;
  overdue?: boolean | null;
  limit?: number;
  cursor?: string | null;
}

export interface QueuePage {
  questions: QuestionRecord[];
  nextCursor: string | null;
}

export interface OpenedQuestion {
  question: QuestionRecord;
  history: QuestionEventRecord[];
  /** The best published FAQs for its text; null when the text is gone (retention) or FAQs are not available. */
  faqProposals: FaqProposal | null;
  /** The FAQ it was answered with, as it reads now; null when none (or the FAQ was deleted). */
  answeredFaq: { id: string; question: string } | null;
}

export interface AnswerInput {
  /** May be left empty with `faqId`: the FAQ's answer is then the answer given. */
  answer?: string | null;
  how: string;
  /** Where the resident was referred to (required for `verwezen naar`). */
  to?: string | null;
  /** Answered with this published FAQ ("beantwoord met FAQ"). */
  faqId?: string | null;
}

export interface TeamLoad {
  team: string;
  name: string;
  open: number;
  /** Open and past the due time now. */
  overdue: number;
}

export interface TeamAnswerTime {
  team: string;
  name: string;
  answered: number;
  /** Null when the team answered nothing in the range. */
  medianSeconds: number | null;
}

export const MAX_BATCH = 1_000;
const MAX_ANSWER_CHARS = 20_000;

function encodeCursor(question: QuestionRecord): string {
  return Buffer.from(`${question.receivedAt.getTime()}:${question.id}`).toString('base64url');
}

function decodeCursor(cursor: string): { receivedAtMs: number; id: string } {
  const match = /^(\d+):(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match) throw badRequest('cursor: not a cursor from a previous page (use next_cursor as given)');
  return { receivedAtMs: Number(match[1]), id: match[2]! };
}

export class QuestionsService {
  private readonly now: () => Date;
  /** Concurrent small registers share a transaction (see store-coalescer.ts). */
  private readonly stores: StoreCoalescer<NewQuestionRow>;

  constructor(private readonly deps: QuestionsServiceDeps) {
    this.now = deps.now ?? (() => new Date());
    this.stores = new StoreCoalescer(
      async (rows, now) => (await deps.repository.store(rows, now)).inserted,
      MAX_BATCH,
    );
  }

  get teams(): Routing['teams'] {
    return this.deps.routing.teams;
  }

  /**
   * Registers a batch from one source, all or nothing on bad input: every question is checked first and the first
   * problem names the question and field. Idempotent on (source, external id): a repeat is reported as a duplicate.
   */
  async register(
    actor: QuestionActor,
    source: string,
    raws: readonly RawQuestion[],
    options: RegisterOptions = {},
  ): Promise<RegisterResult> {
    if (actor.role === 'team' || actor.role === 'analyst')
      throw forbidden(
        'registering questions needs the kcc, coordinator or admin role, or a question-source key',
      );
    if (raws.length === 0) throw badRequest('questions: give at least one question');
    if (raws.length > MAX_BATCH)
      throw badRequest(`questions: at most ${MAX_BATCH} per call, got ${raws.length}`);
    const teamIds = new Set(this.deps.routing.teams.keys());
    const inputs = raws.map((raw, i) => parseQuestion(raw, `questions[${i}]`, teamIds));
    const seen = new Map<string, number>();
    inputs.forEach((input, i) => {
      const first = seen.get(input.externalId);
      if (first !== undefined)
        throw badRequest(
          `questions[${i}].external_id: "${input.externalId}" is also questions[${first}]; each question once per call`,
        );
      seen.set(input.externalId, i);
    });
    // Matched before storing: a failing matcher stores nothing, so a retry is a first registration, not a repeat.
    const proposed =
      options.proposeFaqs && this.deps.faqs
        ? await this.deps.faqs.proposeForRegistration(inputs.map((input) => input.text))
        : null;
    const proposals = proposed?.proposals ?? null;
    const now = this.now();
    const enricher = await this.deps.enricher();
    const rows = inputs.map((input) => this.prepare(enricher, actor, source, input, now));
    const inserted = await this.stores.store(rows, now);
    const ids: Record<string, string> = Object.fromEntries(inserted.map((row) => [row.externalId, row.id]));
    // The questions are stored: a failure to keep their decisions must not turn the answer into an error (a
    // retry would only find repeats); the `faqs.decide` job decides what was not kept.
    await proposed?.keep(inputs.map((input) => ids[input.externalId])).catch(() => undefined);
    return {
      source,
      received: inputs.length,
      new: inputs.filter((input) => input.externalId in ids).map((input) => input.externalId),
      duplicates: inputs.filter((input) => !(input.externalId in ids)).map((input) => input.externalId),
      ids,
      routed: Object.fromEntries(
        rows
          .filter((row) => row.externalId in ids)
          .map((row) => [row.externalId, { team: row.team, dueAt: row.dueAt }]),
      ),
      faqProposals:
        proposals === null
          ? {}
          : Object.fromEntries(inputs.map((input, i) => [input.externalId, proposals[i]!])),
    };
  }

  /** Classification and routing of one checked question: what the repository stores. */
  private prepare(
    enricher: Pick<Enricher, 'enrich'>,
    actor: QuestionActor,
    source: string,
    input: QuestionInput,
    now: Date,
  ): NewQuestionRow {
    const enrichment = enricher.enrich(input.text);
    const teamId = routeTeam(this.deps.routing, enrichment.topics, input.team);
    const team = this.deps.routing.teams.get(teamId)!;
    const due = new Date(dueAt(this.deps.calendar, input.receivedAt.getTime(), team.dueMinutes));
    const notice: Omit<NoticeQuestion, 'id'> = {
      receivedAt: input.receivedAt,
      channel: input.channel,
      text: input.text,
      topics: enrichment.topics,
      teamName: team.name,
      dueAt: due,
      at: now,
    };
    return {
      source,
      externalId: input.externalId,
      receivedAt: input.receivedAt,
      channel: input.channel,
      text: input.text,
      language: enrichment.language,
      topics: enrichment.topics,
      sentimentScore: enrichment.sentiment.score,
      sentimentLabel: enrichment.sentiment.label,
      sentimentModel: enrichment.sentiment.model,
      team: teamId,
      dueAt: due,
      callbackWanted: input.callback.wanted,
      callbackBy: input.callback.by,
      contact: input.contact,
      events: [
        { actor: actor.name, type: 'registered', detail: { source, channel: input.channel } },
        {
          actor: 'systeem',
          type: 'routed',
          detail: {
            team: teamId,
            by:
              input.team !== null
                ? 'given'
                : enrichment.topics.some((t) => this.deps.routing.byTopic.has(t))
                  ? 'topic'
                  : 'default',
            topics: enrichment.topics,
            due_at: due.toISOString(),
          },
        },
      ],
      // The id is not known before the insert; the message names the external id instead.
      notices: team.channels.map((channelId) => ({
        kind: 'routed' as const,
        channelId,
        message: routedMessage({ ...notice, id: input.externalId }, this.deps.calendar.timeZone),
      })),
    };
  }

  /** The queue, newest first; a team member sees only their team's questions. Every read of text is logged. */
  async list(actor: QuestionActor, filter: QueueFilter, purpose: string): Promise<QueuePage> {
    if (actor.role === 'kcc') throw forbidden('the queue needs the team, coordinator, analyst or admin role');
    const limit = filter.limit ?? 100;
    if (!Number.isInteger(limit) || limit < 1 || limit > 1_000)
      throw badRequest('limit: a whole number from 1 to 1000');
    if (filter.topic && !this.deps.topicIds.has(filter.topic))
      throw badRequest(
        `topic: unknown topic "${filter.topic}"; use one of ${[...this.deps.topicIds].join(', ')}`,
      );
    if (filter.status && !QUESTION_STATUSES.includes(filter.status as QuestionStatus))
      throw badRequest(`status: "${filter.status}" is not one of ${QUESTION_STATUSES.join(', ')}`);
    if (filter.team && !this.deps.routing.teams.has(filter.team))
      throw badRequest(
        `team: no team "${filter.team}"; configured teams: ${[...this.deps.routing.teams.keys()].join(', ')}`,
      );
    let team = filter.team ?? null;
    if (actor.role === 'team') {
      if (team !== null && team !== actor.team)
        throw forbidden(`you see only the questions of team "${actor.team}"`);
      team = actor.team;
    }
    const questions = await this.deps.repository.list({
      fromMs: filter.fromMs ?? null,
      toMs: filter.toMs ?? null,
      topic: filter.topic ?? null,
      status: filter.status ?? null,
      team,
      overdue: filter.overdue ?? null,
      limit,
      after: filter.cursor ? decodeCursor(filter.cursor) : null,
    });
    await this.deps.accessLog.record(actor.apiKeyId, purpose, {
      actor: actor.name,
      filter: { ...filter, team },
      questions: questions.length,
    });
    const last = questions.at(-1);
    return { questions, nextCursor: questions.length === limit && last ? encodeCursor(last) : null };
  }

  /**
   * The question if `actor` may see it. `ownForKcc`: a `kcc` employee sees the questions they registered
   * themselves (to answer them with an FAQ while the resident is on the line), no others.
   */
  private async visible(actor: QuestionActor, id: string, ownForKcc = false): Promise<QuestionRecord> {
    if (!/^\d{1,18}$/.test(id)) throw badRequest(`id: "${id}" is not a question id`);
    const question = await this.deps.repository.get(id);
    // A question of another team reads as absent, so ids reveal nothing.
    if (question === null) throw notFound(`no question ${id}`);
    if (actor.role === 'kcc' && ownForKcc) {
      const history = await this.deps.repository.history(id);
      const registered = history.find((event) => event.type === 'registered');
      if (registered?.actor === actor.name) return question;
    }
    if (!mayHandle(actor, question.team)) throw notFound(`no question ${id}`);
    return question;
  }

  /** One question with its history (the read of its text is logged). */
  async open(actor: QuestionActor, id: string, purpose: string): Promise<OpenedQuestion> {
    const question = await this.visible(actor, id, true);
    const history = await this.deps.repository.history(id);
    await this.deps.accessLog.record(actor.apiKeyId, purpose, { actor: actor.name, question: id });
    const faqs = this.deps.faqs;
    const [faqProposals, answered] = await Promise.all([
      faqs && question.text !== null ? faqs.propose([question.text]).then((all) => all[0]!) : null,
      faqs && question.answeredFaqId !== null ? faqs.get(question.answeredFaqId) : null,
    ]);
    return {
      question,
      history,
      faqProposals,
      answeredFaq: answered ? { id: answered.id, question: answered.question } : null,
    };
  }

  /** Contact details for the callback: the assigned team and the coordinator only, every read logged. */
  async readContact(actor: QuestionActor, id: string): Promise<QuestionContact | null> {
    const question = await this.visible(actor, id);
    if (!mayReadContact(actor, question.team))
      throw forbidden(
        'contact details are for the callback: only the assigned team and the coordinator read them',
      );
    const contact = await this.deps.repository.readContact(id);
    await this.deps.accessLog.record(actor.apiKeyId, 'questions.contact.read', {
      actor: actor.name,
      question: id,
      found: contact !== null,
    });
    return contact;
  }

  private async change(
    actor: QuestionActor,
    id: string,
    decide: Parameters<QuestionsRepository['change']>[2],
  ): Promise<QuestionRecord> {
    await this.visible(actor, id);
    const changed = await this.deps.repository.change(id, this.now(), decide);
    if (changed === null) throw notFound(`no question ${id}`);
    return changed;
  }

  /** Moves a question to another team (a new due time from now, a notice to that team) and/or an assignee. */
  async reassign(
    actor: QuestionActor,
    id: string,
    to: { team?: string | null; assignee?: string | null },
  ): Promise<QuestionRecord> {
    if (
      actor.role !== 'coordinator' &&
      actor.role !== 'admin' &&
      actor.role !== 'analyst' &&
      actor.role !== 'team'
    )
      throw forbidden('reassigning needs the coordinator, team, analyst or admin role');
    const team = to.team ?? null;
    if (team !== null && !this.deps.routing.teams.has(team))
      throw badRequest(
        `team: no team "${team}"; configured teams: ${[...this.deps.routing.teams.keys()].join(', ')}`,
      );
    if (team === null && to.assignee === undefined) throw badRequest('give a team, an assignee or both');
    const assignee = to.assignee === undefined ? undefined : to.assignee?.trim() || null;
    if (assignee && assignee.length > 200) throw badRequest('assignee: at most 200 characters');
    const now = this.now();
    return this.change(actor, id, (current) => {
      if (current.closedAt !== null) throw new RequestError(409, `question ${id} is closed`);
      if (team === null || team === current.team) {
        return {
          patch: {
            assignee: assignee ?? null,
            ...(current.status === 'doorgestuurd' ? { status: 'in behandeling' } : {}),
          },
          event: { actor: actor.name, type: 'assigned', detail: { assignee: assignee ?? null } },
        };
      }
      const target = this.deps.routing.teams.get(team)!;
      const due = new Date(dueAt(this.deps.calendar, now.getTime(), target.dueMinutes));
      return {
        patch: { team, assignee: assignee ?? null, status: 'doorgestuurd', dueAt: due },
        event: {
          actor: actor.name,
          type: 'reassigned',
          detail: { from: current.team, team, assignee: assignee ?? null, due_at: due.toISOString() },
        },
        notices: target.channels.map((channelId) => ({
          kind: 'routed' as const,
          channelId,
          message: routedMessage(
            {
              id,
              receivedAt: current.receivedAt,
              channel: current.channel,
              text: current.text ?? '',
              topics: current.topics,
              teamName: target.name,
              dueAt: due,
              at: now,
            },
            this.deps.calendar.timeZone,
          ),
        })),
      };
    });
  }

  async setStatus(actor: QuestionActor, id: string, status: string): Promise<QuestionRecord> {
    if (!SETTABLE_STATUSES.includes(status as QuestionStatus))
      throw badRequest(
        `status: set by hand only to ${SETTABLE_STATUSES.join(' or ')}; answer and close have their own calls`,
      );
    return this.change(actor, id, (current) => {
      if (current.closedAt !== null) throw new RequestError(409, `question ${id} is closed`);
      return {
        patch: { status },
        event: { actor: actor.name, type: 'status', detail: { from: current.status, to: status } },
      };
    });
  }

  /**
   * Answers a question: status `beantwoord`, how and (for `verwezen naar`) where to. With `faqId` it is answered
   * with that published FAQ: the link is stored, the history says which FAQ, and an empty answer becomes the FAQ's.
   * A `kcc` employee may answer with an FAQ the questions they registered themselves, while still unanswered: they
   * have the resident on the line when the form proposes the FAQ.
   */
  async answer(actor: QuestionActor, id: string, input: AnswerInput): Promise<QuestionRecord> {
    let answer = typeof input.answer === 'string' ? input.answer.trim() : '';
    const faq = await this.answeringFaq(input.faqId);
    if (answer === '' && faq !== null) answer = faq.answer.slice(0, MAX_ANSWER_CHARS);
    if (answer === '') throw badRequest('answer: write the answer that was given');
    if (answer.length > MAX_ANSWER_CHARS) throw badRequest(`answer: at most ${MAX_ANSWER_CHARS} characters`);
    if (!ANSWERED_HOW.includes(input.how as AnsweredHow))
      throw badRequest(`how: "${input.how}" is not one of ${ANSWERED_HOW.join(', ')}`);
    const to = input.to?.trim() || null;
    if (input.how === 'verwezen naar' && to === null)
      throw badRequest('to: say where the resident was referred to');
    if (actor.role === 'kcc' && faq === null)
      throw forbidden('the kcc role answers only with an FAQ; the team of the question writes other answers');
    await this.visible(actor, id, true);
    const now = this.now();
    const decide = (current: QuestionRecord) => {
      if (current.closedAt !== null) throw new RequestError(409, `question ${id} is closed`);
      if (actor.role === 'kcc' && current.answeredAt !== null)
        throw new RequestError(409, `question ${id} is already answered; its team follows it up`);
      return {
        patch: {
          answer,
          answeredHow: input.how,
          answeredTo: to,
          answeredAt: now,
          answeredFaqId: faq?.id ?? null,
          status: 'beantwoord',
        },
        event:
          faq === null
            ? { actor: actor.name, type: 'answered', detail: { how: input.how, to } }
            : {
                actor: actor.name,
                type: 'answered_faq',
                detail: { how: input.how, to, faq_id: faq.id, faq_question: faq.question },
              },
      };
    };
    const changed = await this.deps.repository.change(id, now, decide);
    if (changed === null) throw notFound(`no question ${id}`);
    return changed;
  }

  /** The FAQ a question is answered with: null without an id; an unknown or unpublished one is a 400. */
  private async answeringFaq(faqId: string | null | undefined): Promise<QuestionFaq | null> {
    if (faqId === undefined || faqId === null) return null;
    const wanted = faqId.trim();
    // Given but empty: a form whose FAQ was not chosen, not an answer without one.
    if (wanted === '') throw badRequest('faq_id: choose the FAQ the question was answered with');
    if (!/^\d{1,18}$/.test(wanted)) throw badRequest(`faq_id: "${wanted}" is not an FAQ id`);
    if (!this.deps.faqs) throw badRequest('faq_id: the FAQ register is not available here');
    const faq = await this.deps.faqs.get(wanted);
    if (faq === null) throw badRequest(`faq_id: no FAQ ${wanted}`);
    if (faq.status !== 'gepubliceerd')
      throw badRequest(
        `faq_id: FAQ ${wanted} is ${faq.status}, not published; answer only with a published FAQ`,
      );
    return faq;
  }

  async close(actor: QuestionActor, id: string): Promise<QuestionRecord> {
    const now = this.now();
    return this.change(actor, id, (current) => {
      if (current.closedAt !== null) throw new RequestError(409, `question ${id} is already closed`);
      if (current.answeredAt === null)
        throw new RequestError(409, `question ${id} has no answer yet; answer it first`);
      return {
        patch: { closedAt: now, status: 'gesloten' },
        event: { actor: actor.name, type: 'closed', detail: {} },
      };
    });
  }

  /** Flags and escalates overdue questions once each; returns the ids escalated. */
  async escalateOverdue(limit = 500): Promise<string[]> {
    const now = this.now();
    const escalated = await this.deps.repository.escalateOverdue(now, limit, (question) =>
      this.deps.coordinatorChannels.map((channelId) => ({
        channelId,
        message: escalatedMessage(
          {
            id: question.id,
            receivedAt: question.receivedAt,
            channel: question.channel,
            text: question.text ?? '',
            topics: question.topics,
            teamName: this.deps.routing.teams.get(question.team)?.name ?? question.team,
            dueAt: question.dueAt,
            at: now,
          },
          this.deps.calendar.timeZone,
        ),
      })),
    );
    return escalated.map((question) => question.id);
  }

  /**
   * Questions per bucket for one channel (or all) and topic (or all), from the exact rollups; no text is read.
   * `metric` is `questions` (the count) or `negative_share`.
   */
  async series(request: {
    channel: string;
    topic: string;
    fromMs: number;
    toMs: number;
    interval: '5m' | '1h' | '1d';
    metric: 'questions' | 'negative_share';
  }): Promise<{ time: number; value: number | null }[]> {
    this.checkSeries(request);
    const rows = await this.deps.repository.series({ ...request, timeZone: this.deps.calendar.timeZone });
    return rows.map((row) => ({
      time: row.time,
      // The questions metric is the question rollups' volume.
      value: metricValue(request.metric === 'questions' ? 'volume' : request.metric, row),
    }));
  }

  /**
   * Open and overdue questions per team now, for the dashboard: every configured team (zeros included), then any
   * team that still holds questions but is no longer configured. Counts only; no text is read.
   */
  async openByTeam(): Promise<TeamLoad[]> {
    const rows = await this.deps.repository.openByTeam(this.now());
    const counts = new Map(rows.map((row) => [row.team, row]));
    return this.everyTeam(counts.keys()).map((team) => ({
      team,
      name: this.teamName(team),
      open: counts.get(team)?.open ?? 0,
      overdue: counts.get(team)?.overdue ?? 0,
    }));
  }

  /** The median time from receiving to answering, per team, over the questions answered in [from, to). */
  async answerTimes(range: { fromMs: number; toMs: number }): Promise<TeamAnswerTime[]> {
    const rows = await this.deps.repository.answerTimesByTeam(range.fromMs, range.toMs);
    const byTeam = new Map(rows.map((row) => [row.team, row]));
    return this.everyTeam(byTeam.keys()).map((team) => ({
      team,
      name: this.teamName(team),
      answered: byTeam.get(team)?.answered ?? 0,
      medianSeconds: byTeam.get(team)?.medianSeconds ?? null,
    }));
  }

  private everyTeam(stored: Iterable<string>): string[] {
    const configured = [...this.deps.routing.teams.keys()];
    return [...configured, ...[...stored].filter((team) => !this.deps.routing.teams.has(team)).sort()];
  }

  private teamName(team: string): string {
    return this.deps.routing.teams.get(team)?.name ?? team;
  }

  /**
   * Question counts per bucket for every topic of the taxonomy (for one channel or all) or every channel (for one
   * topic or all), long format ordered by time then key, every bucket and key present; reads no text.
   */
  async seriesByKey(request: {
    by: 'topic' | 'channel';
    channel: string;
    topic: string;
    fromMs: number;
    toMs: number;
    interval: '5m' | '1h' | '1d';
  }): Promise<{ time: number; key: string; value: number }[]> {
    this.checkSeries(request);
    const keys = request.by === 'topic' ? [...this.deps.topicIds].sort() : [...QUESTION_CHANNELS].sort();
    const rows = await this.deps.repository.seriesByKey({
      ...request,
      keys,
      timeZone: this.deps.calendar.timeZone,
    });
    return rows.map((row) => ({ time: row.time, key: row.key, value: row.n }));
  }

  private checkSeries(request: {
    channel: string;
    topic: string;
    fromMs: number;
    toMs: number;
    interval: '5m' | '1h' | '1d';
  }): void {
    if (request.channel !== 'all' && !QUESTION_CHANNELS.includes(request.channel as QuestionChannel))
      throw badRequest(`channel: "${request.channel}" is not all or one of ${QUESTION_CHANNELS.join(', ')}`);
    if (request.topic !== 'all' && !this.deps.topicIds.has(request.topic))
      throw badRequest(
        `topic: unknown topic "${request.topic}"; use all or one of ${[...this.deps.topicIds].join(', ')}`,
      );
    const step = { '5m': 300_000, '1h': 3_600_000, '1d': 86_400_000 }[request.interval];
    const buckets = Math.ceil((request.toMs - request.fromMs) / step);
    if (buckets > 20_000)
      throw badRequest(
        `the range holds ${buckets} buckets of ${request.interval}; at most 20000: use a coarser interval`,
      );
  }

  /** Contact details N days after closing, and question text after the raw-text retention. */
  async expire(): Promise<{ contactsDeleted: number; textsCleared: number }> {
    const now = this.now();
    const day = 86_400_000;
    const contactsDeleted = await this.deps.repository.deleteContactsClosedBefore(
      new Date(now.getTime() - this.deps.contactRetentionDays * day),
    );
    const textsCleared = await this.deps.repository.expireTextReceivedBefore(
      new Date(now.getTime() - this.deps.textRetentionDays * day),
      now,
    );
    return { contactsDeleted, textsCleared };
  }
}
