// Works the outbox: takes due deliveries with a lease, sends each once, and records the outcome. A channel that is
// down is retried with exponential back-off and jitter; a delivery nobody can take gives up after a day.
import type { AlertsRepository } from '../repositories/alerts.repository.js';
import type { AlertMessage } from './alert-message.js';
import { DeliveryError, type Channel } from './channels/channel.js';
import type { Metrics } from '../metrics/metrics.js';

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

type Claimed = Awaited<ReturnType<AlertsRepository['claimDue']>>[number];

export class DeliveryService {
  constructor(
    private readonly repository: AlertsRepository,
    private readonly channels: ReadonlyMap<string, Channel>,
    private readonly now: () => Date = () => new Date(),
    private readonly sendTimeoutMs = SEND_TIMEOUT_MS,
    private readonly metrics?: Pick<Metrics, 'delivery'>,
  ) {}

  async deliverDue(limit = 50): Promise<DeliveryRun> {
    const run: DeliveryRun = { delivered: 0, retried: 0, failed: 0 };
    const claimed = await this.repository.claimDue(this.now(), limit, LEASE_MS);
    // Channels are sent to side by side, but each channel's messages one after the other in event order: a
    // catching-up tick can open and resolve an alert at once, and "Opgelost" must never arrive before the alert.
    const byChannel = new Map<string, Claimed[]>();
    for (const delivery of claimed) {
      const queue = byChannel.get(delivery.channelId);
      if (queue) queue.push(delivery);
      else byChannel.set(delivery.channelId, [delivery]);
    }
    await Promise.all([...byChannel.values()].map((deliveries) => this.deliverInOrder(deliveries, run)));
    return run;
  }

  private async deliverInOrder(deliveries: readonly Claimed[], run: DeliveryRun): Promise<void> {
    // An alert whose earlier message to this channel must be retried holds its later ones back until then.
    const heldUntil = new Map<string, Date>();
    for (const delivery of deliveries) {
      const held = heldUntil.get(delivery.alertId);
      if (held !== undefined) {
        await this.repository.markFailed(
          delivery.id,
          'held back: an earlier message of this alert to this channel is not delivered yet',
          held,
        );
        run.retried += 1;
        continue;
      }
      const retryAt = await this.deliverOne(delivery, run);
      if (retryAt !== null) heldUntil.set(delivery.alertId, retryAt);
    }
  }

  /** Sends one delivery and records the outcome; the retry time when it must be tried again, else null. */
  private async deliverOne(delivery: Claimed, run: DeliveryRun): Promise<Date | null> {
    const channel = this.channels.get(delivery.channelId);
    if (!channel) {
      await this.repository.markFailed(
        delivery.id,
        `channel "${delivery.channelId}" is not configured (any more)`,
        null,
      );
      run.failed += 1;
      this.metrics?.delivery(delivery.channelId, 'failed');
      return null;
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
      this.metrics?.delivery(delivery.channelId, 'delivered');
      return null;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const retryable = !(error instanceof DeliveryError) || error.retryable;
      const now = this.now();
      const tooLate = now.getTime() - delivery.createdAt.getTime() > GIVE_UP_MS;
      if (!retryable || tooLate) {
        await this.repository.markFailed(delivery.id, message, null);
        run.failed += 1;
        this.metrics?.delivery(delivery.channelId, 'failed');
        return null;
      }
      const retryAt = new Date(now.getTime() + retryDelayMs(delivery.attempts));
      await this.repository.markFailed(delivery.id, message, retryAt);
      run.retried += 1;
      this.metrics?.delivery(delivery.channelId, 'retried');
      return retryAt;
    }
  }
}
