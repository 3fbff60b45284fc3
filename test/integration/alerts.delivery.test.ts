// The delivery outbox against real receivers: each state change of an alert reaches each channel exactly once,
// through failures, stalls and a worker that dies holding a delivery.
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildChannels } from '../../services/alerts/channels/channel-registry.js';
import { DeliveryService } from '../../services/alerts/delivery.service.js';
import { readSecret } from '../../services/config/env.js';
import { createTestContext, type TestContext } from '../support/context.js';
import {
  startHttpReceiver,
  startSmtpReceiver,
  type HttpReceiver,
  type SmtpReceiver,
} from '../fakes/receivers.js';

let t: TestContext;
let teams: HttpReceiver;
let slack: HttpReceiver;
let webhook: HttpReceiver;
let smtp: SmtpReceiver;
// The delivery clock runs a minute ahead of the wall clock that stamps new events, and is moved on by the tests.
let clock = Date.now() + 60_000;
let deliveries: DeliveryService;

beforeAll(async () => {
  [teams, slack, webhook, smtp] = await Promise.all([
    startHttpReceiver(),
    startHttpReceiver(),
    startHttpReceiver(),
    startSmtpReceiver(),
  ]);
  process.env.TEST_ALERT_SMTP_URL = smtp.url;
  process.env.TEST_ALERT_WEBHOOK_SECRET = 'gedeeld-geheim';
  t = await createTestContext(`
alerts:
  channels:
    - { id: crisisteam, kind: teams, url: "${teams.url}" }
    - { id: slack, kind: slack, url: "${slack.url}" }
    - { id: hook, kind: webhook, url: "${webhook.url}", secret_env: TEST_ALERT_WEBHOOK_SECRET }
    - { id: mail, kind: email, smtp_url_env: TEST_ALERT_SMTP_URL, from: "Onderstroom <alerts@huizen.example>", to: [communicatie@huizen.example] }
  source_failures: { after: 2, channels: [crisisteam, slack, hook, mail] }
`);
  const { channels, problems } = buildChannels(t.context.config.alerts.channels, readSecret);
  expect(problems).toEqual([]);
  deliveries = new DeliveryService(t.context.repositories.alerts, channels, () => new Date(clock), 500);
});

afterAll(async () => {
  await Promise.all([teams.close(), slack.close(), webhook.close(), smtp.close()]);
  await t.close();
});

describe('the delivery outbox', () => {
  it('does not alert before the configured number of failures', async () => {
    expect(
      await t.context.alerts.sourceFailing({ id: 'mastodon-huizen', kind: 'mastodon' }, 1, 'HTTP 503'),
    ).toBeNull();
  });

  it('retries a channel that is down or stalls, and delivers each event once per channel', async () => {
    const event = await t.context.alerts.sourceFailing(
      { id: 'mastodon-huizen', kind: 'mastodon' },
      2,
      'HTTP 503 van de server',
    );
    expect(event).not.toBeNull();
    // Failing a third time does not open a second alert.
    expect(
      await t.context.alerts.sourceFailing({ id: 'mastodon-huizen', kind: 'mastodon' }, 3, 'HTTP 503'),
    ).toBeNull();

    webhook.behave('fail');
    teams.behave('stall');
    expect(await deliveries.deliverDue()).toEqual({ delivered: 2, retried: 2, failed: 0 });
    // Nothing is due again before the back-off has passed.
    expect(await deliveries.deliverDue()).toEqual({ delivered: 0, retried: 0, failed: 0 });

    webhook.behave('ok');
    teams.behave('ok');
    clock += 60_000;
    expect(await deliveries.deliverDue()).toEqual({ delivered: 2, retried: 0, failed: 0 });
    clock += 3_600_000;
    expect(await deliveries.deliverDue()).toEqual({ delivered: 0, retried: 0, failed: 0 });

    expect(teams.accepted).toHaveLength(1);
    expect(slack.accepted).toHaveLength(1);
    expect(webhook.accepted).toHaveLength(1);
    expect(smtp.messages).toHaveLength(1);

    // The retried webhook carried the same idempotency key both times, and a valid signature.
    expect(webhook.all).toHaveLength(2);
    expect(new Set(webhook.all.map((r) => r.headers['idempotency-key'])).size).toBe(1);
    const received = webhook.accepted[0]!;
    const signature = crypto.createHmac('sha256', 'gedeeld-geheim').update(received.body).digest('hex');
    expect(received.headers['x-onderstroom-signature']).toBe(`sha256=${signature}`);
    expect(JSON.parse(received.body)).toMatchObject({ event: 'opened', kind: 'source_failure' });

    expect(smtp.messages[0]!.to).toEqual(['communicatie@huizen.example']);
    expect(smtp.messages[0]!.raw).toMatch(/Subject: Bron werkt niet: mastodon-huizen/);
    expect(smtp.messages[0]!.raw).toMatch(/Content-Type: text\/html/);

    const [alert] = await t.context.alerts.list({
      fromMs: 0,
      toMs: clock + 1,
      kind: 'source_failure',
      state: 'open',
      limit: 10,
    });
    expect(alert!.deliveries.map((d) => [d.channelId, d.state, d.attempts]).sort()).toEqual([
      ['crisisteam', 'delivered', 2],
      ['hook', 'delivered', 2],
      ['mail', 'delivered', 1],
      ['slack', 'delivered', 1],
    ]);
    expect(alert!.deliveries.find((d) => d.channelId === 'hook')!.lastError).toBeNull();
  });

  it('delivers the resolution as a second message', async () => {
    expect(await t.context.alerts.sourceRecovered('mastodon-huizen')).not.toBeNull();
    expect(await t.context.alerts.sourceRecovered('mastodon-huizen')).toBeNull();
    expect(await deliveries.deliverDue()).toEqual({ delivered: 4, retried: 0, failed: 0 });
    expect(JSON.parse(webhook.accepted[1]!.body)).toMatchObject({ event: 'resolved' });
    expect(smtp.messages[1]!.raw).toMatch(/Subject: Opgelost: Bron werkt niet/);
    expect(teams.accepted).toHaveLength(2);
    expect(slack.accepted).toHaveLength(2);
  });

  it('takes over a delivery from a worker that died holding it, once its lease ends', async () => {
    await t.context.alerts.sourceFailing({ id: 'rss-vrgv', kind: 'rss' }, 5, 'timeout');
    // A worker claims everything and dies before sending.
    const claimed = await t.context.repositories.alerts.claimDue(new Date(clock), 50, 120_000);
    expect(claimed).toHaveLength(4);
    expect(await deliveries.deliverDue()).toEqual({ delivered: 0, retried: 0, failed: 0 });
    clock += 121_000;
    expect(await deliveries.deliverDue()).toEqual({ delivered: 4, retried: 0, failed: 0 });
    expect(webhook.accepted).toHaveLength(3);
    expect(smtp.messages).toHaveLength(3);
  });

  it('gives up on a receiver that refuses the message for good, and says why', async () => {
    await t.context.alerts.sourceFailing({ id: 'reddit-nl', kind: 'reddit' }, 5, 'HTTP 500');
    webhook.behave('reject');
    expect(await deliveries.deliverDue()).toEqual({ delivered: 3, retried: 0, failed: 1 });
    const [alert] = await t.context.alerts.list({
      fromMs: 0,
      toMs: clock + 1,
      kind: 'source_failure',
      state: 'open',
      limit: 1,
    });
    const hook = alert!.deliveries.find((d) => d.channelId === 'hook')!;
    expect(hook.state).toBe('failed');
    expect(hook.lastError).toMatch(/answered 400: invalid payload/);
    webhook.behave('ok');
  });
});
