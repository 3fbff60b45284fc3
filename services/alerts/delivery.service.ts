// Works the outbox: takes due deliveries with a lease, sends each once, and records the outcome. A channel that is
// down is retried with exponential back-off and jitter; a delivery nobody can take gives up after a day.
import type { AlertsRepository } from '../repositories/alerts.repository.js';
import type { AlertMessage } from './alert-message.js';
import { DeliveryError, type Channel } from './channels/channel.js';

export interface DeliveryRun {
  delivered: number;
  retried: number;
  failed: number;
}

const LEASE_MS = 2 * 60_000;
const SEND_TIMEOUT_MS = 20_000;
const GIVE_UP_MS = 24 * 3_600_000;

export function retryDelayMs(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(3_600_000, 15_000 * 2 ** Math.max(0, attempts - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}

export function idempotencyKey(eventId: string, channelId: string): string {
  return `onderstroom-${eventId}-${channelId}`;
}

export class DeliveryService {
  constructor(
    private readonly repository: AlertsRepository,
    private readonly channels: ReadonlyMap<string, Channel>,
    private readonly now: () => Date = () => new Date(),
    private readonly sendTimeoutMs = SEND_TIMEOUT_MS,
  ) {}

  async deliverDue(limit = 50): Promise<DeliveryRun> {
    const run: DeliveryRun = { delivered: 0, retried: 0, failed: 0 };
    const claimed = await this.repository.claimDue(this.now(), limit, LEASE_MS);
    await Promise.all(
      claimed.map(async (delivery) => {
        const channel = this.channels.get(delivery.channelId);
        if (!channel) {
          await this.repository.markFailed(
            delivery.id,
            `channel "${delivery.channelId}" is not configured (any more)`,
            null,
          );
          run.failed += 1;
          return;
        }
        try {
          await channel.send(
            {
              id: delivery.id,
              eventId: delivery.eventId,
              channelId: delivery.channelId,
              idempotencyKey: idempotencyKey(delivery.eventId, delivery.channelId),
              message: delivery.message as AlertMessage,
            },
            AbortSignal.timeout(this.sendTimeoutMs),
          );
          await this.repository.markDelivered(delivery.id, this.now());
          run.delivered += 1;
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          const retryable = !(error instanceof DeliveryError) || error.retryable;
          const now = this.now();
          const tooLate = now.getTime() - delivery.createdAt.getTime() > GIVE_UP_MS;
          if (!retryable || tooLate) {
            await this.repository.markFailed(delivery.id, message, null);
            run.failed += 1;
          } else {
            await this.repository.markFailed(
              delivery.id,
              message,
              new Date(now.getTime() + retryDelayMs(delivery.attempts)),
            );
            run.retried += 1;
          }
        }
      }),
    );
    return run;
  }
}
