// A question as the pages show it: the signed-in user as the service's actor, Dutch dates in the municipality's
// zone, labels for topics, teams, channels and sentiment, the overdue flag, and each history event as one line.
import type { QuestionActor } from '../questions/question.js';
import type { User } from '../users/user.js';
import {
  ANSWERED_HOW_LABELS,
  CHANNEL_LABELS,
  EVENT_LABELS,
  ROUTED_BY_LABELS,
  SENTIMENT_LABELS,
} from './messages.js';
import type { QuestionEventRecord, QuestionRecord } from '../questions/question-record.js';

/** Where names come from: the configured teams and the taxonomy's topics. */
export interface QuestionLabels {
  teamName(id: string): string;
  topicLabel(id: string): string;
  timeZone: string;
}

export function questionActor(user: User): QuestionActor {
  return { name: user.name, role: user.role, team: user.teamId, apiKeyId: null };
}

// Building a DateTimeFormat costs more than formatting with it; one per zone serves every page.
const formats = new Map<string, Intl.DateTimeFormat>();

export function when(date: Date, timeZone: string): string {
  let format = formats.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('nl-NL', { timeZone, dateStyle: 'medium', timeStyle: 'short' });
    formats.set(timeZone, format);
  }
  return format.format(date);
}

export interface QuestionSummary {
  id: string;
  href: string;
  receivedAt: string;
  channel: string;
  /** The first line of the text, for the queue; null once the text retention cleared it. */
  excerpt: string | null;
  topics: string[];
  status: string;
  team: string;
  assignee: string | null;
  dueAt: string;
  overdue: boolean;
}

const EXCERPT_CHARS = 140;

export function questionSummary(question: QuestionRecord, labels: QuestionLabels): QuestionSummary {
  const text = question.text?.replace(/\s+/g, ' ').trim() ?? null;
  return {
    id: question.id,
    href: `/vragen/${question.id}`,
    receivedAt: when(question.receivedAt, labels.timeZone),
    channel: CHANNEL_LABELS[question.channel] ?? question.channel,
    excerpt: text === null ? null : text.length > EXCERPT_CHARS ? `${text.slice(0, EXCERPT_CHARS)}…` : text,
    topics: question.topics.map((topic) => labels.topicLabel(topic)),
    status: question.status,
    team: labels.teamName(question.team),
    assignee: question.assignee,
    dueAt: when(question.dueAt, labels.timeZone),
    // The service's flag: set by the overdue sweep, cleared in effect by closing.
    overdue: question.overdueAt !== null && question.closedAt === null,
  };
}

export interface QuestionDetail extends QuestionSummary {
  text: string | null;
  language: string;
  sentiment: string;
  teamId: string;
  callback: string;
  hasContact: boolean;
  answer: string | null;
  answeredHow: string | null;
  answeredAt: string | null;
  closedAt: string | null;
  closed: boolean;
  answered: boolean;
}

export function questionDetail(question: QuestionRecord, labels: QuestionLabels): QuestionDetail {
  const how =
    question.answeredHow === null
      ? null
      : (ANSWERED_HOW_LABELS[question.answeredHow] ?? question.answeredHow);
  return {
    ...questionSummary(question, labels),
    text: question.text,
    language:
      question.language === 'nl' ? 'Nederlands' : question.language === 'en' ? 'Engels' : question.language,
    sentiment: `${SENTIMENT_LABELS[question.sentiment.label] ?? question.sentiment.label} (score ${question.sentiment.score.toFixed(2).replace('.', ',')}, model ${question.sentiment.model})`,
    teamId: question.team,
    callback: question.callbackWanted
      ? question.callbackBy
        ? `ja, uiterlijk ${when(question.callbackBy, labels.timeZone)}`
        : 'ja'
      : 'nee',
    hasContact: question.hasContact,
    answer: question.answer,
    answeredHow: how === null ? null : question.answeredTo ? `${how} ${question.answeredTo}` : how,
    answeredAt: question.answeredAt && when(question.answeredAt, labels.timeZone),
    closedAt: question.closedAt && when(question.closedAt, labels.timeZone),
    closed: question.closedAt !== null,
    answered: question.answeredAt !== null,
  };
}

export interface HistoryLine {
  at: string;
  actor: string;
  what: string;
  detail: string;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** What one event says beyond its name, in Dutch. */
function eventDetail(event: QuestionEventRecord, labels: QuestionLabels): string {
  const d = event.detail;
  const due = (value: unknown) => (typeof value === 'string' ? when(new Date(value), labels.timeZone) : '');
  switch (event.type) {
    case 'registered':
      return `kanaal ${CHANNEL_LABELS[text(d.channel)] ?? text(d.channel)}`;
    case 'routed':
      return `naar ${labels.teamName(text(d.team))}, ${ROUTED_BY_LABELS[text(d.by)] ?? text(d.by)}; uiterlijk ${due(d.due_at)}`;
    case 'assigned':
      return d.assignee ? `aan ${text(d.assignee)}` : 'niemand meer toegewezen';
    case 'reassigned':
      return `van ${labels.teamName(text(d.from))} naar ${labels.teamName(text(d.team))}${d.assignee ? `, aan ${text(d.assignee)}` : ''}; uiterlijk ${due(d.due_at)}`;
    case 'status':
      return `van ${text(d.from)} naar ${text(d.to)}`;
    case 'answered': {
      const how = ANSWERED_HOW_LABELS[text(d.how)] ?? text(d.how);
      return d.to ? `${how} ${text(d.to)}` : how;
    }
    case 'answered_faq': {
      const how = ANSWERED_HOW_LABELS[text(d.how)] ?? text(d.how);
      return `FAQ ${text(d.faq_id)} "${text(d.faq_question)}", ${how.toLowerCase()}${d.to ? ` ${text(d.to)}` : ''}`;
    }
    default:
      return '';
  }
}

export function historyLines(events: readonly QuestionEventRecord[], labels: QuestionLabels): HistoryLine[] {
  return events.map((event) => ({
    at: when(event.at, labels.timeZone),
    actor: event.actor,
    what: EVENT_LABELS[event.type] ?? event.type,
    detail: eventDetail(event, labels),
  }));
}

/** The queue's filters as the page's address carries them. */
export interface QueueFilters {
  status: string;
  team: string;
  onderwerp: string;
  teLaat: boolean;
}

/** The paging links of the queue, keeping the filters: the next page (older questions) and back to the first. */
export function queueLinks(
  filters: QueueFilters,
  cursor: string,
  nextCursor: string | null,
): { next: string | null; first: string | null; filtered: boolean } {
  const params = new URLSearchParams();
  if (filters.status) params.set('status', filters.status);
  if (filters.team) params.set('team', filters.team);
  if (filters.onderwerp) params.set('onderwerp', filters.onderwerp);
  if (filters.teLaat) params.set('te-laat', 'ja');
  const filtered = params.toString();
  let next: string | null = null;
  if (nextCursor !== null) {
    const withCursor = new URLSearchParams(params);
    withCursor.set('na', nextCursor);
    next = `/vragen?${withCursor.toString()}`;
  }
  return {
    next,
    first: cursor ? `/vragen${filtered ? `?${filtered}` : ''}` : null,
    filtered: filtered !== '',
  };
}
