// The outbox worker against an in-memory outbox and channels that answer when told: per channel the messages go
// out in event order (an alert before its resolution, even when both are due at once), channels side by side, and a
// message that must be retried holds back the later messages of the same alert to that channel.
import { describe, expect, it } from 'vitest';
import type { AlertsRepository } from '../repositories/alerts.repository.js';
import type { AlertMessage } from './alert-message.js';
import { DeliveryError, type Channel, type Delivery } from './channels/channel.js';
import { DeliveryService } from './delivery.service.js';

interface Row {
  id: string;
  eventId: string;
  alertId: string;
  channelId: string;
  state: 'pending' | 'sending' | 'delivered' | 'failed';
  notBefore: Date;
  lastError: string | null;
}

const NOW = new Date('2026-12-02T10:00:00Z');

function outbox(rows: Omit<Row, 'state' | 'notBefore' | 'lastError'>[]) {
  const stored: Row[] = rows.map((row) => ({ ...row, state: 'pending', notBefore: NOW, lastError: null }));
  const repository = {
    claimDue: (now: Date) => {
      const due = stored.filter((row) => row.state === 'pending' && row.notBefore <= now);
      for (const row of due) row.state = 'sending';
      return Promise.resolve(
        due.map((row) => ({
          id: row.id,
          eventId: row.eventId,
          alertId: row.alertId,
          channelId: row.channelId,
          channelKind: 'webhook',
          state: row.state,
          attempts: 1,
          notBefore: row.notBefore,
          lastError: null,
          deliveredAt: null,
          createdAt: NOW,
          message: { title: `event ${row.eventId}` },
        })),
      );
    },
    markDelivered: (id: string) => {
      stored.find((row) => row.id === id)!.state = 'delivered';
      return Promise.resolve();
    },
    markFailed: (id: string, error: string, retryAt: Date | null) => {
      const row = stored.find((r) => r.id === id)!;
      row.lastError = error;
      if (retryAt === null) row.state = 'failed';
      else Object.assign(row, { state: 'pending', notBefore: retryAt });
      return Promise.resolve();
    },
  };
  return { stored, repository: repository as unknown as AlertsRepository };
}

/** A channel that records what arrives, and whose first send of `slowEvent` answers late (or fails). */
function channel(id: string, received: string[], behaviour: { slowEvent?: string; failEvent?: string } = {}) {
  const send = async (delivery: Delivery) => {
    const title = (delivery.message as AlertMessage & { title: string }).title;
    if (delivery.eventId === behaviour.slowEvent) await new Promise((resolve) => setTimeout(resolve, 30));
    if (delivery.eventId === behaviour.failEvent) throw new DeliveryError('503 from the receiver', true);
    received.push(`${id}:${title}`);
  };
  return { id, kind: 'webhook', send } as Channel;
}

describe('DeliveryService', () => {
  it('sends one channel its messages in event order, even when the first answers slowly', async () => {
    const { stored, repository } = outbox([
      { id: 'd1', eventId: '1', alertId: 'a', channelId: 'mail' },
      { id: 'd2', eventId: '1', alertId: 'a', channelId: 'hook' },
      { id: 'd3', eventId: '2', alertId: 'a', channelId: 'mail' },
      { id: 'd4', eventId: '2', alertId: 'a', channelId: 'hook' },
    ]);
    const received: string[] = [];
    const channels = new Map([
      ['mail', channel('mail', received, { slowEvent: '1' })],
      ['hook', channel('hook', received)],
    ]);
    const run = await new DeliveryService(repository, channels, () => NOW).deliverDue();
    expect(run).toEqual({ delivered: 4, retried: 0, failed: 0 });
    expect(received.filter((r) => r.startsWith('mail:'))).toEqual(['mail:event 1', 'mail:event 2']);
    expect(received.filter((r) => r.startsWith('hook:'))).toEqual(['hook:event 1', 'hook:event 2']);
    // The channels did not wait for each other: the hook had both before the slow mail's first.
    expect(received.indexOf('hook:event 2')).toBeLessThan(received.indexOf('mail:event 1'));
    expect(stored.every((row) => row.state === 'delivered')).toBe(true);
  });

  it("holds back an alert's later message while its earlier one waits for a retry; other alerts go on", async () => {
    const { stored, repository } = outbox([
      { id: 'd1', eventId: '1', alertId: 'a', channelId: 'mail' },
      { id: 'd2', eventId: '2', alertId: 'b', channelId: 'mail' },
      { id: 'd3', eventId: '3', alertId: 'a', channelId: 'mail' },
    ]);
    const received: string[] = [];
    const channels = new Map([['mail', channel('mail', received, { failEvent: '1' })]]);
    const run = await new DeliveryService(repository, channels, () => NOW).deliverDue();
    expect(run).toEqual({ delivered: 1, retried: 2, failed: 0 });
    expect(received).toEqual(['mail:event 2']);
    const [first, , third] = stored;
    expect(first!.state).toBe('pending');
    expect(third!.state).toBe('pending');
    expect(third!.lastError).toMatch(/held back/);
    // The later message comes due with the earlier one, not before it.
    expect(third!.notBefore.getTime()).toBe(first!.notBefore.getTime());
    expect(first!.notBefore.getTime()).toBeGreaterThan(NOW.getTime());
  });
});
