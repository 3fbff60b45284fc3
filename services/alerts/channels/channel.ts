// A delivery channel sends one stored message. Sending may be retried, so each send carries the delivery's
// idempotency key where the channel supports one.
import type { AlertMessage } from '../alert-message.js';

export interface Delivery {
  id: string;
  eventId: string;
  channelId: string;
  idempotencyKey: string;
  message: AlertMessage;
  /** Files sent along where the channel can (e-mail); chat channels carry the message's link instead. */
  attachments?: DeliveryAttachment[];
  /** E-mail addresses that replace the channel's own `to` for this delivery (a report's recipients list). */
  recipients?: string[];
}

export interface DeliveryAttachment {
  filename: string;
  content: Buffer;
  contentType: string;
}

export interface Channel {
  readonly id: string;
  readonly kind: 'teams' | 'slack' | 'webhook' | 'email';
  send(delivery: Delivery, signal: AbortSignal): Promise<void>;
}

export class DeliveryError extends Error {
  constructor(
    message: string,
    /** False when retrying cannot help (a 400 or 404 from the receiver, a refused address). */
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

/** POSTs JSON and turns the answer into success, a retryable failure or a final one. */
export async function postJson(
  url: string,
  body: string,
  headers: Record<string, string>,
  signal: AbortSignal,
): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', ...headers },
      signal,
    });
  } catch (error) {
    throw new DeliveryError(`no answer from ${new URL(url).host}: ${(error as Error).message}`, true);
  }
  const text = (await response.text().catch(() => '')).slice(0, 300);
  if (response.ok) return;
  const retryable = response.status === 408 || response.status === 429 || response.status >= 500;
  throw new DeliveryError(
    `${new URL(url).host} answered ${response.status}${text ? `: ${text}` : ''}`,
    retryable,
  );
}
