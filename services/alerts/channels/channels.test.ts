import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { AlertMessage } from '../alert-message.js';
import { emailHtml, escapeHtml } from './email.channel.js';
import { slackEscape, slackPayload } from './slack.channel.js';
import { teamsPayload } from './teams.channel.js';
import { sign, webhookBody } from './webhook.channel.js';

const message: AlertMessage = {
  version: 1,
  alertId: '42',
  event: 'opened',
  kind: 'spike',
  title: 'Piek in negatief sentiment: Avondklok',
  headline: '62% negatief (normaal 28%), 143 berichten in het afgelopen uur',
  baseline: 'Normaal: hetzelfde uur in eerdere weken',
  facts: [{ label: 'Afwijkingsscore', value: '0,998' }],
  terms: ['avondklok rellen', 'boete'],
  examples: [
    {
      text: 'Dit is <echt> belachelijk & onterecht',
      author: 'p_abc',
      platform: 'twitter',
      url: null,
      sentiment: 'negative',
    },
  ],
  measure: { title: 'Avondklok ingevoerd', level: 'landelijk', date: '23 januari 2021', url: null },
  link: 'https://grafana.example.nl/d/onderstroom-onderwerpen?from=1&to=2',
  at: '2021-01-24T20:00:00.000Z',
};

describe('Teams', () => {
  it('sends an Adaptive Card in a message envelope with the dashboard link', () => {
    const payload = teamsPayload(message) as {
      type: string;
      attachments: {
        contentType: string;
        content: { type: string; body: { text?: string }[]; actions: { url: string }[] };
      }[];
    };
    expect(payload.type).toBe('message');
    const card = payload.attachments[0]!;
    expect(card.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(card.content.type).toBe('AdaptiveCard');
    expect(card.content.body[0]!.text).toBe(message.title);
    expect(JSON.stringify(card.content.body)).toContain('Veel genoemd: avondklok rellen, boete');
    expect(card.content.actions[0]!.url).toBe(message.link);
  });
});

describe('Slack', () => {
  it('escapes control characters and adds a fallback text', () => {
    expect(slackEscape('a <b> & c')).toBe('a &lt;b&gt; &amp; c');
    const payload = slackPayload(message) as { text: string; blocks: unknown[] };
    expect(payload.text).toContain('62% negatief');
    expect(JSON.stringify(payload.blocks)).toContain('&lt;echt&gt; belachelijk &amp; onterecht');
    expect(JSON.stringify(payload.blocks)).not.toContain('<echt>');
  });
});

describe('e-mail', () => {
  it('escapes HTML in every user-written part', () => {
    expect(escapeHtml('<script>"x"</script>')).toBe('&lt;script&gt;&quot;x&quot;&lt;/script&gt;');
    const html = emailHtml({ ...message, title: 'Piek <b>' });
    expect(html).toContain('&lt;echt&gt;');
    expect(html).not.toContain('<echt>');
    expect(html).toContain('Piek &lt;b&gt;');
    expect(html).toContain('lang="nl"');
  });
});

describe('webhook', () => {
  it('signs the exact body with HMAC-SHA256', () => {
    const body = webhookBody({
      id: '1',
      eventId: '7',
      channelId: 'hook',
      idempotencyKey: 'onderstroom-7-hook',
      message,
    });
    const expected = crypto.createHmac('sha256', 'geheim').update(body).digest('hex');
    expect(sign(body, 'geheim')).toBe(`sha256=${expected}`);
    expect(JSON.parse(body)).toMatchObject({
      delivery_id: 'onderstroom-7-hook',
      event: 'opened',
      alert_id: '42',
      kind: 'spike',
    });
  });
});

describe('a report message with bullets and a link label', () => {
  const report: AlertMessage = {
    ...message,
    title: 'Dagoverzicht 25 januari 2021',
    terms: [],
    examples: [],
    measure: null,
    bullets: [
      {
        text: 'Open signalen: 1 <piek>',
        link: 'https://grafana.example.nl/d/onderstroom-overzicht?from=1&to=2',
      },
      { text: 'Vragen bij het KCC: 12', link: null },
    ],
    linkLabel: 'Open het situatierapport',
  };

  it('lists the bullets, escaped, with their links, on every channel', () => {
    const html = emailHtml(report);
    expect(html).toContain(
      '<li>Open signalen: 1 &lt;piek&gt; (<a href="https://grafana.example.nl/d/onderstroom-overzicht?from=1&amp;to=2">bekijk</a>)</li>',
    );
    expect(html).toContain('<li>Vragen bij het KCC: 12</li>');
    expect(html).toContain('>Open het situatierapport</a>');
    const teams = JSON.stringify(teamsPayload(report));
    expect(teams).toContain(
      '- [Open signalen: 1 <piek>](https://grafana.example.nl/d/onderstroom-overzicht?from=1&to=2)\\n- Vragen bij het KCC: 12',
    );
    expect(teams).toContain('"title":"Open het situatierapport"');
    const slack = JSON.stringify(slackPayload(report));
    expect(slack).toContain(
      '• <https://grafana.example.nl/d/onderstroom-overzicht?from=1&to=2|Open signalen: 1 &lt;piek&gt;>\\n• Vragen bij het KCC: 12',
    );
  });

  it('leaves an alert without bullets as it was', () => {
    expect(emailHtml(message)).not.toContain('<ul>');
    expect(emailHtml(message)).toContain('>Open het dashboard</a>');
  });
});
