// Slack: an incoming webhook with Block Kit blocks and a plain fallback text.
import { plainText, subject, type AlertMessage } from '../alert-message.js';
import { postJson, type Channel, type Delivery } from './channel.js';

/** Slack's mrkdwn treats &, < and > as control characters. */
export function slackEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function slackPayload(message: AlertMessage): unknown {
  const blocks: unknown[] = [
    { type: 'header', text: { type: 'plain_text', text: subject(message).slice(0, 150) } },
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `*${slackEscape(message.headline)}*${message.baseline ? `\n${slackEscape(message.baseline)}` : ''}`,
      },
    },
  ];
  if (message.facts.length > 0) {
    blocks.push({
      type: 'section',
      fields: message.facts.slice(0, 10).map((fact) => ({
        type: 'mrkdwn',
        text: `*${slackEscape(fact.label)}*\n${slackEscape(fact.value)}`,
      })),
    });
  }
  if (message.bullets && message.bullets.length > 0) {
    blocks.push({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: message.bullets
          .map((bullet) =>
            bullet.link ? `• <${bullet.link}|${slackEscape(bullet.text)}>` : `• ${slackEscape(bullet.text)}`,
          )
          .join('\n')
          .slice(0, 3000),
      },
    });
  }
  if (message.terms.length > 0) {
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: `*Veel genoemd:* ${slackEscape(message.terms.join(', '))}` },
    });
  }
  for (const example of message.examples) {
    const who = [example.author, example.platform].filter(Boolean).join(', ') || 'onbekend';
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: `> ${slackEscape(example.text)}\n— ${slackEscape(who)}` }],
    });
  }
  if (message.measure) {
    blocks.push({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `*Maatregel:* ${slackEscape(`${message.measure.title} (${message.measure.level}, ${message.measure.date})`)}`,
      },
    });
  }
  if (message.link) {
    blocks.push({
      type: 'actions',
      elements: [
        {
          type: 'button',
          text: { type: 'plain_text', text: message.linkLabel ?? 'Open dashboard' },
          url: message.link,
        },
      ],
    });
  }
  return { text: plainText(message).slice(0, 3000), blocks };
}

export function slackChannel(id: string, url: string): Channel {
  return {
    id,
    kind: 'slack',
    send: (delivery: Delivery, signal: AbortSignal) =>
      postJson(url, JSON.stringify(slackPayload(delivery.message)), {}, signal),
  };
}
