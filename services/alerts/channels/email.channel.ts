// E-mail over SMTP with nodemailer: a plain-text and an HTML part. The Message-ID is derived from the delivery, so a
// retried send is recognisably the same message.
import type { Transporter } from 'nodemailer';
import { plainText, subject, type AlertMessage } from '../alert-message.js';
import { DeliveryError, type Channel, type Delivery } from './channel.js';

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function emailHtml(message: AlertMessage): string {
  const parts = [
    `<h2 style="margin:0 0 8px">${escapeHtml(subject(message))}</h2>`,
    `<p style="font-size:16px;margin:0 0 4px"><strong>${escapeHtml(message.headline)}</strong></p>`,
  ];
  if (message.baseline)
    parts.push(`<p style="color:#555;margin:0 0 12px">${escapeHtml(message.baseline)}</p>`);
  if (message.facts.length > 0) {
    parts.push(
      `<table cellpadding="4" style="border-collapse:collapse">${message.facts
        .map(
          (fact) =>
            `<tr><td style="color:#555">${escapeHtml(fact.label)}</td><td>${escapeHtml(fact.value)}</td></tr>`,
        )
        .join('')}</table>`,
    );
  }
  if (message.bullets && message.bullets.length > 0) {
    parts.push(
      `<ul>${message.bullets
        .map(
          (bullet) =>
            `<li>${escapeHtml(bullet.text)}${bullet.link ? ` (<a href="${escapeHtml(bullet.link)}">bekijk</a>)` : ''}</li>`,
        )
        .join('')}</ul>`,
    );
  }
  if (message.terms.length > 0)
    parts.push(`<p><strong>Veel genoemd:</strong> ${escapeHtml(message.terms.join(', '))}</p>`);
  if (message.examples.length > 0) {
    parts.push(
      `<p><strong>Voorbeelden</strong></p>${message.examples
        .map(
          (example) =>
            `<blockquote style="margin:0 0 8px;padding-left:8px;border-left:3px solid #ccc">${escapeHtml(example.text)}<br><small>${escapeHtml(
              [example.author, example.platform].filter(Boolean).join(', ') || 'onbekend',
            )}</small></blockquote>`,
        )
        .join('')}`,
    );
  }
  if (message.measure) {
    parts.push(
      `<p><strong>Maatregel:</strong> ${escapeHtml(`${message.measure.title} (${message.measure.level}, ${message.measure.date})`)}</p>`,
    );
  }
  if (message.link)
    parts.push(
      `<p><a href="${escapeHtml(message.link)}">${escapeHtml(message.linkLabel ?? 'Open het dashboard')}</a></p>`,
    );
  return `<!doctype html><html lang="nl"><body style="font-family:sans-serif">${parts.join('\n')}</body></html>`;
}

/**
 * The SMTP transport, with nodemailer imported on the first send: every role builds the configured channels, but
 * only the one that delivers sends mail (imported at start, nodemailer held about 1.5 MB of every API process's heap).
 */
function smtpTransport(smtpUrl: string): () => Promise<Transporter> {
  let transport: Promise<Transporter> | null = null;
  return () =>
    (transport ??= import('nodemailer').then(({ default: nodemailer }) =>
      nodemailer.createTransport({
        url: smtpUrl,
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 20_000,
      }),
    ));
}

export function emailChannel(id: string, smtpUrl: string, from: string, to: string[]): Channel {
  const transport = smtpTransport(smtpUrl);
  return {
    id,
    kind: 'email',
    async send(delivery: Delivery) {
      try {
        await (
          await transport()
        ).sendMail({
          from,
          // A report names its own recipients; every other message goes to the channel's list.
          to: delivery.recipients !== undefined && delivery.recipients.length > 0 ? delivery.recipients : to,
          subject: subject(delivery.message),
          text: plainText(delivery.message),
          html: emailHtml(delivery.message),
          messageId: `<${delivery.idempotencyKey}@onderstroom>`,
          headers: { 'X-Onderstroom-Delivery': delivery.idempotencyKey },
          attachments: delivery.attachments?.map((file) => ({
            filename: file.filename,
            content: file.content,
            contentType: file.contentType,
          })),
        });
      } catch (error) {
        const code = (error as { responseCode?: number }).responseCode;
        // 5xx SMTP answers (bad address, refused) will not get better by retrying; connection trouble may.
        throw new DeliveryError(`SMTP: ${(error as Error).message}`, code === undefined || code < 500);
      }
    },
  };
}
