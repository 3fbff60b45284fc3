// The weekly alert of new FAQ gaps against a real webhook receiver: on Monday after 08:00 the last week's new gaps
// (a KCC cluster and an online one, each of at least `min_count` questions) go once to the configured channel,
// with a link to Vragen zonder FAQ over that week and no post's text; a second tick, a restarted worker and two
// workers at once send nothing more; a week without new gaps sends nothing; and the job `reports.tick` of the app
// context does the same from its own configuration.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildChannels } from '../../services/alerts/channels/channel-registry.js';
import type { Channel } from '../../services/alerts/channels/channel.js';
import { readSecret } from '../../services/config/env.js';
import { ReportDeliveryService } from '../../services/reports/delivery/report-delivery.service.js';
import { HANDLERS } from '../../workers/handlers.js';
import { createTestContext, type TestContext } from '../support/context.js';
import { raw } from '../support/mentions.js';
import { startHttpReceiver, type HttpReceiver } from '../fakes/receivers.js';

let t: TestContext;
let hook: HttpReceiver;
let channels: Map<string, Channel>;
const WEB_URL = 'https://onderstroom.proefstad.example';
const admin = { name: 'test', role: 'admin' as const, team: null, apiKeyId: null };

beforeAll(async () => {
  hook = await startHttpReceiver();
  t = await createTestContext(`alerts:
  channels:
    - { id: hook, kind: webhook, url: "${hook.url}" }
reports:
  faq_gaps: { schedule: "monday 08:00", min_count: 2, channels: [hook] }
`);
  channels = buildChannels(t.context.config.alerts.channels, readSecret).channels;
  // Week 48 of 2026 (23 to 29 November): three KCC questions on bulky waste, two posts on the ice rink.
  await t.context.questions.questions.register(
    admin,
    'kcc-log',
    [
      'Wanneer wordt het grofvuil opgehaald in de Dorpsstraat?',
      'Wanneer wordt grofvuil opgehaald? Bel me op 06-12345678',
      'wanneer word grofvuil opgehaald bij de flat',
    ].map((text, i) => ({
      external_id: `g-${i}`,
      received_at: `2026-11-25T10:0${i}:00+01:00`,
      channel: 'telefoon' as const,
      text,
    })),
  );
  await t.context.repositories.sources.ensure('obi4wan', 'obi4wan');
  await t.context.ingest.ingest(
    [
      'Weet iemand of de ijsbaan op het Stationsplein doorgaat?',
      'Gaat de ijsbaan op het Stationsplein door dit jaar?',
    ].map((text, i) =>
      raw({
        externalId: `ijs-${i}`,
        text,
        language: 'nl',
        postedAt: new Date(`2026-11-26T09:0${i}:00+01:00`),
      }),
    ),
    { sourceId: 'obi4wan', sourceKind: 'obi4wan' },
  );
  await t.context.faqs.gaps.decide();
  await t.context.faqs.gaps.decideMentions();
}, 120_000);
afterAll(async () => {
  await t?.close();
  await hook?.close();
});

function service(iso: string): ReportDeliveryService {
  return new ReportDeliveryService({
    repository: t.context.repositories.reports,
    channels,
    config: t.context.config.reports,
    timeZone: 'Europe/Amsterdam',
    renderWeekly: () => Promise.reject(new Error('no weekly report in this test')),
    analyses: t.context.analyses,
    webUrl: WEB_URL,
    dashboardLink: () => null,
    faqGaps: (period, minCount) =>
      t.context.faqs.gaps.weeklyAlert(period, minCount, { webUrl: WEB_URL, topicLabel: (topic) => topic }),
    now: () => new Date(iso),
  });
}

interface Sent {
  delivery_id: string;
  message: { title: string; headline: string; link: string | null; bullets: { text: string }[] };
}

describe('the weekly gaps alert', () => {
  it('sends the new gaps of the last week once, with a link to the page and no post text', async () => {
    // Monday 07:59 in Amsterdam: week 48 is not due yet (week 47 is, and had no gaps).
    const early = await service('2026-11-30T06:59:00Z').storeFaqGaps();
    expect(early).toMatchObject({ period: '2026-W47', deliveriesAdded: 0 });
    const at = '2026-11-30T07:05:00Z';
    const [a, b] = await Promise.all([service(at).tick(), service(at).tick()]);
    expect([a.faqGaps?.period, b.faqGaps?.period]).toEqual(['2026-W48', '2026-W48']);
    expect(a.delivered.delivered + b.delivered.delivered).toBe(1);
    await service('2026-11-30T09:00:00Z').tick();
    await service('2026-12-06T22:00:00Z').tick();
    expect(hook.accepted).toHaveLength(1);
    const sent = JSON.parse(hook.accepted[0]!.body) as Sent;
    expect(sent.delivery_id).toBe('onderstroom-report-faq_gaps-2026-W48-hook');
    expect(sent.message.title).toMatch(/^Nieuwe vragen zonder FAQ, week 48/);
    expect(sent.message.headline).toMatch(/^2 nieuwe groepen van 2 of meer vragen/);
    expect(sent.message.link).toBe(`${WEB_URL}/vragen-zonder-faq?van=2026-11-23&tot=2026-11-30`);
    const texts = sent.message.bullets.map((bullet) => bullet.text);
    expect(texts).toHaveLength(2);
    expect(texts[0]).toMatch(/^KCC: ".*grofvuil.*" \(.*\): 3 vragen, vorige week 0$/);
    expect(texts[1]).toMatch(/^Online: 2 berichten over .*, vorige week 0$/);
    const all = hook.accepted[0]!.body;
    expect(all).not.toContain('12345678');
    expect(all).not.toContain('ijsbaan');
    expect(all).not.toContain('Stationsplein');
    const rows = await sql<{ status: string }>`select status from report_deliveries
      where kind = 'faq_gaps'`.execute(t.context.database.db);
    expect(rows.rows).toEqual([{ status: 'delivered' }]);
  });

  it('is sent by the reports.tick job of the app context, once', async () => {
    await sql`delete from report_documents where kind = 'faq_gaps'`.execute(t.context.database.db);
    const before = hook.accepted.length;
    await HANDLERS['reports.tick'](t.context, {});
    await HANDLERS['reports.tick'](t.context, {});
    // The real clock's last due week: sent only when it had new gaps (this data is in week 48 of 2026).
    const due = await sql<{ period_key: string; summary: string[] }>`select period_key, summary
      from report_documents where kind = 'faq_gaps'`.execute(t.context.database.db);
    expect(due.rows).toHaveLength(1);
    expect(hook.accepted.length - before).toBe(due.rows[0]!.summary.length > 0 ? 1 : 0);
  });
});
