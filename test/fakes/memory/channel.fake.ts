// A delivery channel (Teams, Slack, webhook, e-mail) that records what it is sent and fails when told to, for the
// services that hand messages to `Channel`s: the HTTP and SMTP clients themselves are never reached.
import { DeliveryError, type Channel, type Delivery } from '../../../services/alerts/channels/channel.js';

export class FakeChannel implements Channel {
  readonly sent: Delivery[] = [];
  private failures: { message: string; retryable: boolean }[] = [];

  constructor(
    readonly id: string,
    readonly kind: Channel['kind'] = 'webhook',
  ) {}

  /** The next `times` sends fail with `message` (retryable or final), then sends succeed again. */
  failNext(message: string, options: { retryable?: boolean; times?: number } = {}): void {
    for (let i = 0; i < (options.times ?? 1); i++)
      this.failures.push({ message, retryable: options.retryable ?? true });
  }

  send(delivery: Delivery, _signal: AbortSignal): Promise<void> {
    const failure = this.failures.shift();
    if (failure !== undefined) return Promise.reject(new DeliveryError(failure.message, failure.retryable));
    this.sent.push(delivery);
    return Promise.resolve();
  }
}

/** Channels by id, as the services take them. */
export function channelMap(...channels: FakeChannel[]): Map<string, Channel> {
  return new Map(channels.map((channel) => [channel.id, channel]));
}
