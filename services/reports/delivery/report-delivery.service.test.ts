// The scheduled sends against in-memory fakes of the reports repository and the channels: a due week's report is
// rendered and stored once with one delivery per channel, each delivery goes out once, a channel added later gets
// its own, a failed render waits its growing delay instead of rendering every tick, and a failed send is retried or
// given up as the channel says.
import { describe, expect, it } from 'vitest';
import { channelMap, FakeChannel } from '../../../test/fakes/memory/channel.fake.js';
import { FakeClock } from '../../../test/fakes/memory/clock.js';
import { FakeReportsRepository } from '../../../test/fakes/memory/reports.fake.js';
import type { AlertMessage } from '../../alerts/alert-message.js';
import type { ReportPeriod } from '../report-types.js';
import { RENDER_RETRY, ReportDeliveryService, type ReportDeliveryDeps } from './report-delivery.service.js';
import type { ReportsConfig } from './reports-config.schema.js';

// Monday 30 November 2026, 09:00 in Amsterdam: the weekly report of week 48 is due since 08:00.
const MONDAY = '2026-11-30T08:00:00Z';

function config(overrides: Partial<ReportsConfig> = {}): ReportsConfig {
  return {
    weekly: { schedule: 'monday 08:00', channels: ['teams', 'mail'], recipients: [] },
    daily_digest: { time: '08:30', channels: [], recipients: [] },
    faq_gaps: { schedule: 'monday 08:00', min_count: 5, channels: [] },
    ...overrides,
  };
}

function setup(options: { config?: ReportsConfig; faqGaps?: ReportDeliveryDeps['faqGaps'] } = {}) {
  const repository = new FakeReportsRepository();
  const teams = new FakeChannel('teams', 'teams');
  const mail = new FakeChannel('mail', 'email');
  const clock = new FakeClock(MONDAY);
  const rendered: ReportPeriod[] = [];
  const render = { fail: null as string | null };
  const deps: ReportDeliveryDeps = {
    repository,
    channels: channelMap(teams, mail),
    config: options.config ?? config(),
    timeZone: 'Europe/Amsterdam',
    renderWeekly: (period) => {
      rendered.push(period);
      if (render.fail !== null) return Promise.reject(new Error(render.fail));
      return Promise.resolve({
        pdf: Buffer.from('%PDF-1.7 test'),
        filename: `situatierapport-${period.key}.pdf`,
        summary: ['Het volume steeg met 20%.'],
      });
    },
    analyses: { environment: () => Promise.reject(new Error('the digest is not configured here')) },
    webUrl: 'https://onderstroom.example.nl',
    dashboardLink: () => null,
    faqGaps: options.faqGaps,
    now: clock.now,
  };
  return { service: new ReportDeliveryService(deps), deps, repository, teams, mail, clock, rendered, render };
}

describe('ReportDeliveryService', () => {
  it('stores the due week once with a delivery per channel, and sends each delivery once', async () => {
    const { service, repository, teams, mail, rendered } = setup();
    const first = await service.tick();
    expect(first.weekly).toEqual({ period: '2026-W48', stored: true, deliveriesAdded: 2 });
    expect(first.delivered).toEqual({ delivered: 2, retried: 0, failed: 0 });
    expect(teams.sent.map((d) => d.idempotencyKey)).toEqual(['onderstroom-report-weekly-2026-W48-teams']);
    expect(mail.sent[0]!.attachments?.[0]?.filename).toBe('situatierapport-2026-W48.pdf');

    const second = await service.tick();
    expect(second.weekly).toEqual({ period: '2026-W48', stored: false, deliveriesAdded: 0 });
    expect(second.delivered).toEqual({ delivered: 0, retried: 0, failed: 0 });
    expect(rendered).toHaveLength(1);
    expect(teams.sent).toHaveLength(1);
    expect(mail.sent).toHaveLength(1);
    expect(repository.documentCount()).toBe(1);
  });

  it('gives a channel configured after the week was stored its own delivery, without sending the others again', async () => {
    const first = setup({
      config: config({ weekly: { schedule: 'monday 08:00', channels: ['teams'], recipients: [] } }),
    });
    await first.service.tick();
    expect(first.teams.sent).toHaveLength(1);
    // The same stored state, read by a process whose configuration now also names `mail`.
    const later = new ReportDeliveryService({ ...first.deps, config: config() });
    const tick = await later.tick();
    expect(tick.weekly).toEqual({ period: '2026-W48', stored: false, deliveriesAdded: 1 });
    expect(first.teams.sent).toHaveLength(1);
    expect(first.mail.sent).toHaveLength(1);
    expect(first.rendered).toHaveLength(1);
  });

  it('sends the report to its own recipients in place of the e-mail channel`s', async () => {
    const { service, mail } = setup({
      config: config({
        weekly: { schedule: 'monday 08:00', channels: ['mail'], recipients: ['crisisteam@example.nl'] },
      }),
    });
    await service.tick();
    expect(mail.sent[0]!.recipients).toEqual(['crisisteam@example.nl']);
  });

  it('after a failed render waits 1 minute, then 2, before rendering that week again', async () => {
    const { service, repository, clock, rendered, render, teams } = setup();
    render.fail = 'Chromium is gone';
    await expect(service.tick()).rejects.toThrow('Chromium is gone');
    expect(await repository.renderFailure('weekly', '2026-W48')).toMatchObject({ attempts: 1 });

    clock.advance(RENDER_RETRY.baseMs - 1_000);
    const waiting = await service.tick();
    expect(waiting.weekly).toMatchObject({
      stored: false,
      renderFailed: { attempts: 1, lastError: 'Chromium is gone' },
    });
    expect(rendered).toHaveLength(1);

    clock.advance(1_000);
    await expect(service.tick()).rejects.toThrow('Chromium is gone');
    const second = await repository.renderFailure('weekly', '2026-W48');
    expect(second?.attempts).toBe(2);
    expect(second!.nextAttemptAt.getTime() - clock.now().getTime()).toBe(2 * RENDER_RETRY.baseMs);

    render.fail = null;
    clock.advance(2 * RENDER_RETRY.baseMs);
    const stored = await service.tick();
    expect(stored.weekly).toEqual({ period: '2026-W48', stored: true, deliveriesAdded: 2 });
    expect(await repository.renderFailure('weekly', '2026-W48')).toBeNull();
    expect(teams.sent).toHaveLength(1);
  });

  it('retries a send the channel may take later, and gives up one it refuses for good', async () => {
    const { service, repository, teams, mail, clock } = setup();
    teams.failNext('503 from Teams', { retryable: true });
    mail.failNext('550 no such mailbox', { retryable: false });
    const tick = await service.tick();
    expect(tick.delivered).toEqual({ delivered: 0, retried: 1, failed: 1 });
    expect(await repository.deliveries('weekly')).toMatchObject([
      { channelId: 'mail', status: 'failed', lastError: '550 no such mailbox' },
      { channelId: 'teams', status: 'pending', lastError: '503 from Teams' },
    ]);
    clock.advance(3_600_000);
    const retried = await service.tick();
    expect(retried.delivered).toEqual({ delivered: 1, retried: 0, failed: 0 });
    expect(teams.sent).toHaveLength(1);
    expect(mail.sent).toHaveLength(0);
  });

  it('stores a week without new FAQ gaps without deliveries, and asks for it once', async () => {
    const asked: string[] = [];
    const gapsConfig = config({
      weekly: { schedule: 'monday 08:00', channels: [], recipients: [] },
      faq_gaps: { schedule: 'monday 08:00', min_count: 3, channels: ['teams'] },
    });
    const quiet = setup({
      config: gapsConfig,
      faqGaps: (period, minCount) => {
        asked.push(`${period.key}/${minCount}`);
        return Promise.resolve(null);
      },
    });
    expect((await quiet.service.tick()).faqGaps).toEqual({
      period: '2026-W48',
      stored: true,
      deliveriesAdded: 0,
    });
    expect((await quiet.service.tick()).faqGaps).toEqual({
      period: '2026-W48',
      stored: false,
      deliveriesAdded: 0,
    });
    expect(asked).toEqual(['2026-W48/3']);
    expect(quiet.teams.sent).toHaveLength(0);

    const message: AlertMessage = {
      version: 1,
      alertId: 'faq-gaps-2026-W48',
      event: 'opened',
      kind: 'question_spike',
      title: 'Nieuwe vragen zonder FAQ',
      headline: '1 nieuw cluster',
      baseline: null,
      facts: [],
      terms: [],
      examples: [],
      measure: null,
      link: null,
      at: MONDAY,
      bullets: [{ text: 'Mondkapjes in de bus (4 vragen)', link: null }],
    };
    const busy = setup({ config: gapsConfig, faqGaps: () => Promise.resolve(message) });
    expect((await busy.service.tick()).faqGaps).toEqual({
      period: '2026-W48',
      stored: true,
      deliveriesAdded: 1,
    });
    expect(busy.repository.document('faq_gaps', '2026-W48')?.summary).toEqual([
      'Mondkapjes in de bus (4 vragen)',
    ]);
    expect(busy.teams.sent.map((d) => d.eventId)).toEqual(['report-faq_gaps-2026-W48']);
  });
});
