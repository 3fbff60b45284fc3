// The Dutch message of an alert event: built once when the event happens, stored with it, and rendered per channel.
// Storing it makes every retry of a delivery say exactly the same thing.
import type { AlertKind } from './alert-kind.js';

export interface MessageExample {
  text: string;
  author: string | null;
  platform: string | null;
  url: string | null;
  sentiment: string;
  /** When the post was published (ISO): retention clears the example with the post's text. */
  postedAt?: string;
}

export interface MessageMeasure {
  title: string;
  level: string;
  date: string;
  url: string | null;
}

/** A new or changed measure, as the measures module reports it to the alerts (one alert per version). */
export interface MeasureChange {
  measureId: string;
  version: number;
  title: string;
  headline: string;
  facts: { label: string; value: string }[];
  measure: MessageMeasure;
  link: string | null;
  at: Date;
}

export interface AlertMessage {
  version: 1;
  alertId: string;
  event: 'opened' | 'updated' | 'resolved';
  kind: AlertKind;
  title: string;
  headline: string;
  baseline: string | null;
  facts: { label: string; value: string }[];
  terms: string[];
  examples: MessageExample[];
  measure: MessageMeasure | null;
  link: string | null;
  at: string;
  /** Points of a scheduled report (the weekly summary, the daily digest), each with its own link where it has one. */
  bullets?: MessageBullet[];
  /** What the link is called where "Open het dashboard" would be wrong (a report's page). */
  linkLabel?: string;
}

export interface MessageBullet {
  text: string;
  link: string | null;
}

const EVENT_PREFIX: Record<AlertMessage['event'], string> = {
  opened: '',
  updated: 'Update: ',
  resolved: 'Opgelost: ',
};

export function subject(message: AlertMessage): string {
  return `${EVENT_PREFIX[message.event]}${message.title}`;
}

export function trimText(text: string, max = 240): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).replace(/\s+\S*$/, '')}…`;
}

const nl = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 0 });

export function percent(share: number): string {
  return `${nl.format(Math.round(share * 100))}%`;
}

export function count(n: number): string {
  return nl.format(Math.round(n));
}

export function dutchDateTime(at: Date, timezone: string): string {
  return new Intl.DateTimeFormat('nl-NL', {
    timeZone: timezone,
    dateStyle: 'long',
    timeStyle: 'short',
  }).format(at);
}

export function dutchDate(at: Date, timezone: string): string {
  return new Intl.DateTimeFormat('nl-NL', { timeZone: timezone, dateStyle: 'long' }).format(at);
}

/** Plain text of a message: the e-mail's text part and the fallback text of chat messages. */
export function plainText(message: AlertMessage): string {
  const lines = [subject(message), '', message.headline];
  if (message.baseline) lines.push(message.baseline);
  if (message.facts.length > 0)
    lines.push('', ...message.facts.map((fact) => `${fact.label}: ${fact.value}`));
  if (message.bullets && message.bullets.length > 0)
    lines.push(
      '',
      ...message.bullets.map((bullet) => `- ${bullet.text}${bullet.link ? ` (${bullet.link})` : ''}`),
    );
  if (message.terms.length > 0) lines.push('', `Veel genoemd: ${message.terms.join(', ')}`);
  if (message.examples.length > 0) {
    lines.push('', 'Voorbeelden:');
    for (const example of message.examples) {
      lines.push(
        `- "${example.text}" (${[example.author, example.platform].filter(Boolean).join(', ') || 'onbekend'})`,
      );
    }
  }
  if (message.measure) {
    lines.push('', `Maatregel: ${message.measure.title} (${message.measure.level}, ${message.measure.date})`);
  }
  if (message.link) lines.push('', `${message.linkLabel ?? 'Dashboard'}: ${message.link}`);
  return lines.join('\n');
}
