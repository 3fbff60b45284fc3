// The scheduled reports against real receivers: the due week's situation report (printed by the real renderer and
// Chromium) goes once by e-mail with its PDF attached and once to Teams with the report page's link; a second tick,
// a restarted worker and two workers at once send nothing more; a failing SMTP server is retried with back-off and
// then gets the report once; the daily digest goes once to a webhook and to Teams; and the job `reports.tick`
// does the same from the app context's own configuration.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildChannels } from '../../services/alerts/channels/channel-registry.js';
import { emailChannel } from '../../services/alerts/channels/email.channel.js';
import type { Channel } from '../../services/alerts/channels/channel.js';
import { readSecret } from '../../services/config/env.js';
import {
  ReportDeliveryService,
  type ReportDeliveryDeps,
} from '../../services/reports/delivery/report-delivery.service.js';
import { Metrics } from '../../services/metrics/metrics.js';
import type { ReportsConfig } from '../../services/reports/delivery/reports-config.schema.js';
import { lastDueWeek } from '../../services/reports/delivery/report-schedule.js';
import type { WeeklyReportRenderer } from '../../services/reports/report-types.js';
import { createWeeklyReportRenderer } from '../../services/reports/weekly/weekly-report.renderer.js';
import { createPdfPrinter } from '../../services/reports/weekly/pdf-printer.js';
import { pino } from 'pino';
import { createAppContext } from '../../services/app-context.js';
import { HANDLERS } from '../../workers/handlers.js';
import { createTestContext, type TestContext } from '../support/context.js';
import { raw } from '../support/mentions.js';
import {
  startHttpReceiver,
  startSmtpReceiver,
  type HttpReceiver,
  type SmtpReceiver,
} from '../fakes/receivers.js';

let t: TestContext;
let smtp: SmtpReceiver;
let teams: HttpReceiver;
let hook: HttpReceiver;
let channels: Map<string, Channel>;
let renders = 0;
let realRenderer: WeeklyReportRenderer;

const HOUR = 3_600_000;
const MINUTE = 60_000;
const WEB_URL = 'https://onderstroom.proefstad.example';
const grafana = (dashboard: string, fromMs: number, toMs: number) =>
  `https://grafana.proefstad.example/d/${dashboard}?from=${fromMs}&to=${toMs}`;

beforeAll(async () => {
  [smtp, teams, hook] = await Promise.all([startSmtpReceiver(), startHttpReceiver(), startHttpReceiver()]);
  process.env.TEST_REPORT_SMTP_URL = smtp.url;
  t = await createTestContext(`organisation:
  name: Gemeente Proefstad
alerts:
  channels:
    - { id: mail, kind: email, smtp_url_env: TEST_REPORT_SMTP_URL, from: "Onderstroom <rapport@proefstad.example>", to: [crisisteam@proefstad.example] }
    - { id: teams, kind: teams, url: "${teams.url}" }
    - { id: hook, kind: webhook, url: "${hook.url}" }
reports:
  weekly: { schedule: "monday 08:00", channels: [mail, teams] }
  daily_digest: { time: "08:30", channels: [hook, teams] }
`);
  channels = buildChannels(t.context.config.alerts.channels, readSecret).channels;
  const real = createWeeklyReportRenderer({
    analyses: t.context.analyses,
    series: t.context.series,
    print: createPdfPrinter(),
    organisation: 'Gemeente Proefstad',
    timeZone: 'Europe/Amsterdam',
  });
  realRenderer = async (period) => {
    renders += 1;
    return real(period);
  };
  await t.context.repositories.sources.ensure('obi4wan', 'obi4wan');
  // Week 3 of 2021 and the day before the digest of Monday 25 January: the curfew comes up on Sunday the 24th.
  const post = (id: string, at: number, text: string) =>
    raw({ externalId: id, postedAt: new Date(at), text });
  const sunday = Date.parse('2021-01-24T09:00:00Z');
  await t.context.ingest.ingest(
    [
      ...Array.from({ length: 30 }, (_, i) =>
        post(
          `week-${i}`,
          Date.parse('2021-01-19T09:00:00Z') + i * HOUR,
          'Mondkapjes in de winkel, prima geregeld!',
        ),
      ),
      ...Array.from({ length: 5 }, (_, i) =>
        post(`sat-${i}`, sunday - 24 * HOUR + i * HOUR, 'Blij dat de avondklok er is, goed zo.'),
      ),
      ...Array.from({ length: 40 }, (_, i) =>
        post(`sun-${i}`, sunday + i * 10 * MINUTE, 'De avondklok is belachelijk en schandalig.'),
      ),
    ],
    { sourceId: 'obi4wan', sourceKind: 'obi4wan' },
  );
}, 120_000);

afterAll(async () => {
  delete process.env.TEST_REPORT_SMTP_URL;
  await t?.close();
  await Promise.all([smtp?.close(), teams?.close(), hook?.close()]);
});

function service(
  now: () => Date,
  overrides: {
    config?: Partial<ReportsConfig>;
    channels?: Map<string, Channel>;
    render?: WeeklyReportRenderer;
    metrics?: Metrics;
    log?: { warn(object: unknown, message: string): void };
  } = {},
): ReportDeliveryService {
  return new ReportDeliveryService({
    repository: t.context.repositories.reports,
    channels: overrides.channels ?? channels,
    config: { ...t.context.config.reports, ...overrides.config },
    timeZone: 'Europe/Amsterdam',
    renderWeekly: overrides.render ?? realRenderer,
    analyses: t.context.analyses,
    webUrl: WEB_URL,
    dashboardLink: grafana,
    now,
    metrics: overrides.metrics,
    log: overrides.log as ReportDeliveryDeps['log'],
  });
}

const fixed = (iso: string) => () => new Date(iso);
const WEEKLY_ONLY = { daily_digest: { time: '08:30', channels: [], recipients: [] } };
const DIGEST_ONLY = { weekly: { schedule: 'monday 08:00', channels: [], recipients: [] } };

/** The decoded text part of a raw e-mail (quoted-printable) and its attachments (base64), by file name. */
function parseMail(raw: string): { text: string; attachments: Map<string, Buffer> } {
  const attachments = new Map<string, Buffer>();
  const pattern = /filename="?([^"\r\n;]+)"?[^]*?\r\n\r\n([A-Za-z0-9+/=\r\n]+?)\r\n(?:\r\n)?--/g;
  for (const match of raw.matchAll(pattern))
    attachments.set(match[1]!, Buffer.from(match[2]!.replace(/\s+/g, ''), 'base64'));
  const textPart = /Content-Type: text\/plain[^]*?\r\n\r\n([^]*?)\r\n--/.exec(raw)?.[1] ?? '';
  const bytes = textPart
    .replace(/=\r\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return { text: Buffer.from(bytes, 'latin1').toString('utf8'), attachments };
}

describe('the weekly report', () => {
  it('goes once by e-mail with the PDF and once to Teams with the link, however often and by whom it is ticked', async () => {
    const monday = fixed('2021-01-25T07:00:30Z'); // 08:00:30 in Amsterdam
    const first = await service(monday, { config: WEEKLY_ONLY }).tick();
    expect(first.weekly).toEqual({ period: '2021-W03', stored: true, deliveriesAdded: 2 });
    expect(first.delivered).toEqual({ delivered: 2, retried: 0, failed: 0 });
    expect(renders).toBe(1);
    // The report's example posts were read by the schedule, and the access log says so.
    const reads = await t.context.database.db
      .selectFrom('access_log')
      .select(['api_key_id', 'detail'])
      .where('action', '=', 'api.analyses.environment')
      .execute();
    expect(reads.length).toBeGreaterThan(0);
    for (const read of reads)
      expect([read.api_key_id, (read.detail as { actor?: unknown }).actor]).toEqual([
        null,
        'system:schedule',
      ]);

    expect(smtp.messages).toHaveLength(1);
    const mail = parseMail(smtp.messages[0]!.raw);
    expect(smtp.messages[0]!.to).toEqual(['crisisteam@proefstad.example']);
    expect(smtp.messages[0]!.raw).toMatch(/Subject: Situatierapport week 3/);
    const pdf = mail.attachments.get('situatierapport-2021-W03.pdf');
    expect(pdf?.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf!.length).toBeGreaterThan(10_000);
    // The summary bullets ("Wat speelt er") are in the body, as the renderer made them.
    const stored = await t.context.database.db
      .selectFrom('report_documents')
      .select(['summary', 'pdf'])
      .where('period_key', '=', '2021-W03')
      .executeTakeFirstOrThrow();
    expect(stored.summary.length).toBeGreaterThan(0);
    expect(Buffer.compare(stored.pdf!, pdf!)).toBe(0);
    for (const bullet of stored.summary) expect(mail.text.replace(/\s+/g, ' ')).toContain(`- ${bullet}`);

    expect(teams.accepted).toHaveLength(1);
    const card = JSON.stringify(JSON.parse(teams.accepted[0]!.body));
    expect(card).toContain(`${WEB_URL}/rapportage/bekijken?week=2021-W03`);
    expect(card).toContain(stored.summary[0]!.replace(/"/g, '\\"'));

    // A second tick a minute later, a restarted worker, and two workers at once: nothing more.
    const later = fixed('2021-01-25T07:01:30Z');
    const again = await service(later, { config: WEEKLY_ONLY }).tick();
    expect(again.weekly).toEqual({ period: '2021-W03', stored: false, deliveriesAdded: 0 });
    await Promise.all([
      service(fixed('2021-01-27T12:00:00Z'), { config: WEEKLY_ONLY }).tick(),
      service(fixed('2021-01-27T12:00:00Z'), { config: WEEKLY_ONLY }).tick(),
    ]);
    expect(renders).toBe(1);
    expect(smtp.messages).toHaveLength(1);
    expect(teams.accepted).toHaveLength(1);
    const rows = await t.context.repositories.reports.deliveries('weekly');
    expect(rows.map((row) => [row.periodKey, row.channelId, row.status, row.attempts])).toEqual([
      ['2021-W03', 'mail', 'delivered', 1],
      ['2021-W03', 'teams', 'delivered', 1],
    ]);
  }, 120_000);

  it('is retried with back-off while the SMTP server refuses, then delivered once', async () => {
    let tries = 0;
    const accepted: string[] = [];
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, _session, callback) {
        let raw = '';
        stream.on('data', (chunk: Buffer) => (raw += chunk.toString()));
        stream.on('end', () => {
          tries += 1;
          if (tries === 1) {
            const error = Object.assign(new Error('mailbox busy, try again later'), { responseCode: 451 });
            callback(error);
            return;
          }
          accepted.push(raw);
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.server.address() as AddressInfo).port;
    try {
      const flaky = new Map<string, Channel>([
        [
          'mail',
          emailChannel('mail', `smtp://127.0.0.1:${port}`, 'rapport@proefstad.example', [
            'a@proefstad.example',
          ]),
        ],
      ]);
      let rendered = 0;
      // A fast stand-in for the renderer: this test is about the outbox, the one above prints for real.
      const render: WeeklyReportRenderer = (period) => {
        rendered += 1;
        return Promise.resolve({
          pdf: Buffer.from(`%PDF-1.7\n% ${period.key}\n%%EOF\n`),
          filename: `situatierapport-${period.key}.pdf`,
          summary: [`Week ${period.key}: 35 berichten.`],
        });
      };
      const config = {
        weekly: { schedule: 'monday 08:00', channels: ['mail'], recipients: [] },
        ...{ daily_digest: WEEKLY_ONLY.daily_digest },
      };
      let now = Date.parse('2021-02-01T07:00:00Z');
      const clock = () => new Date(now);
      const first = await service(clock, { config, channels: flaky, render }).tick();
      expect(first.delivered).toEqual({ delivered: 0, retried: 1, failed: 0 });
      let [row] = (await t.context.repositories.reports.deliveries('weekly')).filter(
        (r) => r.periodKey === '2021-W04',
      );
      expect(row).toMatchObject({ status: 'pending', attempts: 1 });
      expect(row!.lastError).toMatch(/451|try again later/);

      // Before the back-off (15 s ± 20%) has passed nothing is sent again.
      now += 5_000;
      expect((await service(clock, { config, channels: flaky, render }).tick()).delivered.retried).toBe(0);
      expect(tries).toBe(1);

      now += 60_000;
      const third = await service(clock, { config, channels: flaky, render }).tick();
      expect(third.delivered).toEqual({ delivered: 1, retried: 0, failed: 0 });
      now += 3_600_000;
      await service(clock, { config, channels: flaky, render }).tick();
      expect(tries).toBe(2);
      expect(accepted).toHaveLength(1);
      expect(
        parseMail(accepted[0]!).attachments.get('situatierapport-2021-W04.pdf')?.subarray(0, 5).toString(),
      ).toBe('%PDF-');
      expect(rendered).toBe(1);
      [row] = (await t.context.repositories.reports.deliveries('weekly')).filter(
        (r) => r.periodKey === '2021-W04',
      );
      expect(row).toMatchObject({ status: 'delivered', attempts: 2, lastError: null });
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }, 60_000);
});

describe('a report with recipients of its own', () => {
  it('goes by e-mail to those recipients instead of the channel`s to', async () => {
    const recipients = ['burgemeester@proefstad.example', 'communicatie@proefstad.example'];
    const config = {
      weekly: { schedule: 'monday 08:00', channels: ['mail'], recipients },
      ...WEEKLY_ONLY,
    };
    const render: WeeklyReportRenderer = (period) =>
      Promise.resolve({
        pdf: Buffer.from(`%PDF-1.7\n% ${period.key}\n%%EOF\n`),
        filename: `situatierapport-${period.key}.pdf`,
        summary: [`Week ${period.key}: 35 berichten.`],
      });
    const mails = smtp.messages.length;
    const tick = await service(fixed('2021-03-01T07:00:30Z'), { config, render }).tick();
    expect(tick.weekly).toEqual({ period: '2021-W08', stored: true, deliveriesAdded: 1 });
    expect(smtp.messages.length - mails).toBe(1);
    expect(smtp.messages.at(-1)!.to).toEqual(recipients);
  }, 60_000);
});

describe('a report that fails to render', () => {
  it('is recorded, tried again after a growing delay (not every tick), logged and counted, then sent once', async () => {
    let attempts = 0;
    const render: WeeklyReportRenderer = (period) => {
      attempts += 1;
      if (attempts <= 2) return Promise.reject(new Error('chromium: browser has disconnected'));
      return Promise.resolve({
        pdf: Buffer.from(`%PDF-1.7\n% ${period.key}\n%%EOF\n`),
        filename: `situatierapport-${period.key}.pdf`,
        summary: [`Week ${period.key}: 35 berichten.`],
      });
    };
    const warnings: string[] = [];
    const log = { warn: (_object: unknown, message: string) => warnings.push(message) };
    const metrics = new Metrics({ defaultMetrics: false });
    metrics.watchReports(() => t.context.repositories.reports.figures());
    const config = {
      weekly: { schedule: 'monday 08:00', channels: ['mail'], recipients: [] },
      ...WEEKLY_ONLY,
    };
    let now = Date.parse('2021-03-08T07:00:30Z');
    const clock = () => new Date(now);
    const run = () => service(clock, { config, render, metrics, log });
    const mails = smtp.messages.length;

    await expect(run().tick()).rejects.toThrow(/browser has disconnected/);
    expect(await t.context.repositories.reports.renderFailure('weekly', '2021-W09')).toMatchObject({
      attempts: 1,
      nextAttemptAt: new Date(now + 60_000),
    });
    expect(warnings).toEqual([
      `the weekly report of 2021-W09 failed to render (attempt 1); next try at ${new Date(now + 60_000).toISOString()}`,
    ]);
    const scraped = (await metrics.exposition()).body;
    expect(scraped).toContain('onderstroom_report_renders_total{kind="weekly",outcome="failed"} 1');
    expect(scraped).toContain('onderstroom_report_render_failures{kind="weekly"} 1');

    // The ticks of the next minute render nothing and say why.
    now += 30_000;
    expect(await run().storeWeekly()).toMatchObject({
      period: '2021-W09',
      stored: false,
      renderFailed: { attempts: 1, lastError: 'chromium: browser has disconnected' },
    });
    expect(attempts).toBe(1);
    // After a minute it is tried again and fails; the next try is two minutes on.
    now += 31_000;
    await expect(run().tick()).rejects.toThrow(/browser has disconnected/);
    expect(attempts).toBe(2);
    const second = await t.context.repositories.reports.renderFailure('weekly', '2021-W09');
    expect(second).toMatchObject({ attempts: 2, nextAttemptAt: new Date(now + 120_000) });
    now += 119_000;
    await run().tick();
    expect(attempts).toBe(2);
    now += 2_000;
    const done = await run().tick();
    expect(done.weekly).toEqual({ period: '2021-W09', stored: true, deliveriesAdded: 1 });
    expect(attempts).toBe(3);
    expect(smtp.messages.length - mails).toBe(1);
    expect(await t.context.repositories.reports.renderFailure('weekly', '2021-W09')).toBeNull();
    const after = (await metrics.exposition()).body;
    expect(after).toContain('onderstroom_report_renders_total{kind="weekly",outcome="rendered"} 1');
    expect(after).toContain('onderstroom_report_render_failures{kind="weekly"} 0');
    expect(after).toMatch(
      /onderstroom_report_deliveries\{kind="weekly",channel="mail",state="delivered"\} [1-9]/,
    );
  }, 60_000);
});

describe('the daily digest', () => {
  it('goes once a day to the webhook and to Teams, in Dutch, each point with a dashboard link', async () => {
    const teamsBefore = teams.accepted.length;
    const at = fixed('2021-01-25T07:30:00Z'); // 08:30 in Amsterdam
    // Two workers at once, then a second tick and a restarted worker: one digest per channel.
    const [a, b] = await Promise.all([
      service(at, { config: DIGEST_ONLY }).tick(),
      service(at, { config: DIGEST_ONLY }).tick(),
    ]);
    expect([a.dailyDigest?.period, b.dailyDigest?.period]).toEqual(['2021-01-25', '2021-01-25']);
    expect(a.delivered.delivered + b.delivered.delivered).toBe(2);
    await service(fixed('2021-01-25T09:00:00Z'), { config: DIGEST_ONLY }).tick();
    await service(fixed('2021-01-26T07:29:00Z'), { config: DIGEST_ONLY }).tick();
    expect(hook.accepted).toHaveLength(1);
    expect(teams.accepted.length - teamsBefore).toBe(1);

    const body = JSON.parse(hook.accepted[0]!.body) as {
      delivery_id: string;
      message: { title: string; headline: string; bullets: { text: string; link: string | null }[] };
    };
    expect(body.delivery_id).toBe('onderstroom-report-daily_digest-2021-01-25-hook');
    expect(body.message.title).toBe('Dagoverzicht 25 januari 2021 (de 24 uur tot 08:30)');
    // 40 posts on Sunday against 5 the day before: the curfew's volume is the notable change.
    expect(body.message.headline).toMatch(/^40 berichten, 100% negatief \(de dag ervoor 5 berichten\)/);
    const texts = body.message.bullets.map((bullet) => bullet.text);
    expect(texts.some((text) => /^Opvallend: .*40 berichten \(de dag ervoor 5\)/.test(text))).toBe(true);
    expect(texts).toContain('Open signalen: geen');
    expect(texts).toContain('Nieuwe of gewijzigde maatregelen: geen');
    expect(texts).toContain('Vragen bij het KCC: 0 (de dag ervoor 0)');
    const from = Date.parse('2021-01-24T07:30:00Z');
    const to = Date.parse('2021-01-25T07:30:00Z');
    for (const bullet of body.message.bullets)
      expect(bullet.link).toMatch(/^https:\/\/grafana\.proefstad\.example\/d\//);
    expect(body.message.bullets.at(-1)!.link).toBe(grafana('onderstroom-vragen', from, to));

    // The next day at 08:30: the next digest, once.
    await service(fixed('2021-01-26T07:30:00Z'), { config: DIGEST_ONLY }).tick();
    await service(fixed('2021-01-26T07:31:00Z'), { config: DIGEST_ONLY }).tick();
    expect(hook.accepted).toHaveLength(2);
    expect((JSON.parse(hook.accepted[1]!.body) as typeof body).message.title).toMatch(
      /^Dagoverzicht 26 januari 2021/,
    );
  }, 60_000);
});

describe('the job reports.tick', () => {
  it('sends the last due week and today`s digest from the configuration, once (a fresh install)', async () => {
    const mails = smtp.messages.length;
    const hooks = hook.accepted.length;
    await HANDLERS['reports.tick'](t.context, {});
    await HANDLERS['reports.tick'](t.context, {});
    const week = lastDueWeek(Date.now(), { weekday: 1, minutes: 8 * 60 }, 'Europe/Amsterdam').period.key;
    expect(smtp.messages.length - mails).toBe(1);
    const pdf = parseMail(smtp.messages.at(-1)!.raw).attachments.get(`situatierapport-${week}.pdf`);
    expect(pdf?.subarray(0, 5).toString()).toBe('%PDF-');
    expect(hook.accepted.length - hooks).toBe(1);

    // A restarted process (a new app context on the same database) sends nothing more.
    const restarted = await createAppContext(t.env, { log: pino({ level: 'warn' }), migrate: false });
    try {
      const tick = (await HANDLERS['reports.tick'](restarted, {})) as Awaited<
        ReturnType<ReportDeliveryService['tick']>
      >;
      expect(tick.weekly).toMatchObject({ period: week, stored: false, deliveriesAdded: 0 });
      expect(tick.delivered).toEqual({ delivered: 0, retried: 0, failed: 0 });
    } finally {
      await restarted.close();
    }
    expect(smtp.messages.length - mails).toBe(1);
    expect(hook.accepted.length - hooks).toBe(1);
  }, 120_000);
});

describe('a receiver that refuses', () => {
  it('marks the delivery failed at once and does not try again (a 400 will not get better)', async () => {
    hook.behave('reject');
    try {
      const before = hook.all.length;
      const config = { ...DIGEST_ONLY, daily_digest: { time: '08:30', channels: ['hook'], recipients: [] } };
      const first = await service(fixed('2021-02-10T07:30:00Z'), { config }).tick();
      expect(first.delivered).toEqual({ delivered: 0, retried: 0, failed: 1 });
      await service(fixed('2021-02-10T09:30:00Z'), { config }).tick();
      expect(hook.all.length - before).toBe(1);
      const [row] = (await t.context.repositories.reports.deliveries('daily_digest')).filter(
        (r) => r.periodKey === '2021-02-10',
      );
      expect(row).toMatchObject({ status: 'failed', attempts: 1 });
      expect(row!.lastError).toMatch(/400: invalid payload/);
    } finally {
      hook.behave('ok');
    }
  });
});

describe('the outbox lease', () => {
  it('keeps a claimed delivery from a second worker, and hands it on when its worker died holding it', async () => {
    const repository = t.context.repositories.reports;
    const at = new Date('2021-03-01T07:00:00Z');
    await repository.storeDocument(
      {
        kind: 'daily_digest',
        periodKey: '2021-03-01',
        fromMs: at.getTime() - 24 * HOUR,
        toMs: at.getTime(),
        label: '1 maart 2021',
        pdf: null,
        filename: null,
        summary: ['Geen berichten.'],
        message: { title: 'Dagoverzicht 1 maart 2021' },
      },
      ['hook'],
      at,
    );
    const LEASE = 2 * MINUTE;
    const first = await repository.claimDueNotices(at, 10, LEASE);
    expect(first.map((d) => [d.periodKey, d.channelId, d.attempts])).toEqual([['2021-03-01', 'hook', 1]]);
    // The worker that took it died: another sees nothing while the lease runs, then takes it once.
    expect(await repository.claimDueNotices(new Date(at.getTime() + MINUTE), 10, LEASE)).toEqual([]);
    const [both1, both2] = await Promise.all([
      repository.claimDueNotices(new Date(at.getTime() + LEASE + 1), 10, LEASE),
      repository.claimDueNotices(new Date(at.getTime() + LEASE + 1), 10, LEASE),
    ]);
    expect([...both1, ...both2].map((d) => d.attempts)).toEqual([2]);
    await repository.markNoticeDelivered([...both1, ...both2][0]!.id, new Date(at.getTime() + LEASE + 2));
    expect(await repository.claimDueNotices(new Date(at.getTime() + 10 * LEASE), 10, LEASE)).toEqual([]);
  });
});
