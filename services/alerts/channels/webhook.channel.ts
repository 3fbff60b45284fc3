// A generic webhook: the message as JSON, signed with HMAC-SHA256 over the exact body, and an Idempotency-Key that
// stays the same on every retry of one delivery, so a receiver can drop repeats.
import crypto from 'node:crypto';
import { postJson, type Channel, type Delivery } from './channel.js';

export const SIGNATURE_HEADER = 'x-onderstroom-signature';

export function webhookBody(delivery: Delivery): string {
  return JSON.stringify({
    delivery_id: delivery.idempotencyKey,
    event: delivery.message.event,
    alert_id: delivery.message.alertId,
    kind: delivery.message.kind,
    message: delivery.message,
  });
}

export function sign(body: string, secret: string): string {
  return `sha256=${crypto.createHmac('sha256', secret).update(body).digest('hex')}`;
}

export function webhookChannel(id: string, url: string, secret: string | null): Channel {
  return {
    id,
    kind: 'webhook',
    send(delivery: Delivery, signal: AbortSignal) {
      const body = webhookBody(delivery);
      const headers: Record<string, string> = {
        'idempotency-key': delivery.idempotencyKey,
        'x-onderstroom-event': `alert.${delivery.message.event}`,
      };
      if (secret !== null) headers[SIGNATURE_HEADER] = sign(body, secret);
      return postJson(url, body, headers, signal);
    },
  };
}
