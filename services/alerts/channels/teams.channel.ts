// Microsoft Teams: an Adaptive Card posted to an incoming webhook or a Workflows ("When a Teams webhook request is
// received") URL; both accept the message envelope with a card attachment.
import { subject, type AlertMessage } from '../alert-message.js';
import { postJson, type Channel, type Delivery } from './channel.js';

export function teamsPayload(message: AlertMessage): unknown {
  const body: unknown[] = [
    { type: 'TextBlock', text: subject(message), weight: 'Bolder', size: 'Medium', wrap: true },
    { type: 'TextBlock', text: message.headline, wrap: true },
  ];
  if (message.baseline)
    body.push({ type: 'TextBlock', text: message.baseline, isSubtle: true, wrap: true, spacing: 'None' });
  if (message.facts.length > 0) {
    body.push({
      type: 'FactSet',
      facts: message.facts.map((fact) => ({ title: fact.label, value: fact.value })),
    });
  }
  if (message.bullets && message.bullets.length > 0) {
    body.push({
      type: 'TextBlock',
      text: message.bullets
        .map((bullet) => `- ${bullet.link ? `[${bullet.text}](${bullet.link})` : bullet.text}`)
        .join('\n'),
      wrap: true,
    });
  }
  if (message.terms.length > 0)
    body.push({ type: 'TextBlock', text: `Veel genoemd: ${message.terms.join(', ')}`, wrap: true });
  for (const example of message.examples) {
    body.push({
      type: 'TextBlock',
      text: `“${example.text}” — ${[example.author, example.platform].filter(Boolean).join(', ') || 'onbekend'}`,
      wrap: true,
      isSubtle: true,
    });
  }
  if (message.measure) {
    body.push({
      type: 'TextBlock',
      text: `Maatregel: ${message.measure.title} (${message.measure.level}, ${message.measure.date})`,
      wrap: true,
    });
  }
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body,
          actions: message.link
            ? [{ type: 'Action.OpenUrl', title: message.linkLabel ?? 'Open dashboard', url: message.link }]
            : [],
        },
      },
    ],
  };
}

export function teamsChannel(id: string, url: string): Channel {
  return {
    id,
    kind: 'teams',
    send: (delivery: Delivery, signal: AbortSignal) =>
      postJson(url, JSON.stringify(teamsPayload(delivery.message)), {}, signal),
  };
}
