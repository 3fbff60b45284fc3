// The messages of question notices (routed to a team, escalated to the coordinator), in Dutch, in the shape the alert
// channels render. Built once when the notice is queued, so every retry says exactly the same thing.
import type { AlertMessage } from '../alerts/alert-message.js';
import { trimText } from '../alerts/alert-message.js';

export interface NoticeQuestion {
  id: string;
  receivedAt: Date;
  channel: string;
  text: string;
  topics: readonly string[];
  teamName: string;
  dueAt: Date;
  /** When the notice is queued. */
  at: Date;
}

// One formatter per zone: building it costs more than formatting with it, and every notice formats dates.
const formats = new Map<string, Intl.DateTimeFormat>();

function when(date: Date, timeZone: string): string {
  let format = formats.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('nl-NL', { timeZone, dateStyle: 'medium', timeStyle: 'short' });
    formats.set(timeZone, format);
  }
  return format.format(date);
}

function message(question: NoticeQuestion, timeZone: string, title: string, headline: string): AlertMessage {
  return {
    version: 1,
    alertId: `vraag-${question.id}`,
    event: 'opened',
    // The channels render title, headline and facts; `kind` only labels the webhook payload. AlertKind knows no
    // question kinds yet, so the label is set here and the type is widened at this one place.
    kind: 'question' as AlertMessage['kind'],
    title,
    headline,
    baseline: null,
    facts: [
      { label: 'Ontvangen', value: when(question.receivedAt, timeZone) },
      { label: 'Kanaal', value: question.channel },
      { label: 'Onderwerpen', value: question.topics.length > 0 ? question.topics.join(', ') : 'geen' },
      { label: 'Team', value: question.teamName },
      { label: 'Uiterlijk', value: when(question.dueAt, timeZone) },
    ],
    terms: [],
    examples: [],
    measure: null,
    // Stored without a link: the notice service adds the question page's link when it sends (the question may have
    // no id yet when its notice is written).
    link: null,
    at: question.at.toISOString(),
  };
}

export function routedMessage(question: NoticeQuestion, timeZone: string): AlertMessage {
  return message(
    question,
    timeZone,
    `Nieuwe vraag voor ${question.teamName}`,
    `Vraag ${question.id}: “${trimText(question.text, 200)}”`,
  );
}

export function escalatedMessage(question: NoticeQuestion, timeZone: string): AlertMessage {
  return message(
    question,
    timeZone,
    `Vraag ${question.id} is over tijd`,
    `De vraag voor ${question.teamName} had uiterlijk ${when(question.dueAt, timeZone)} beantwoord moeten zijn.`,
  );
}
