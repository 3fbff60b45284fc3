// Measure watchers as pollers of the live-sources framework, against fake SRU, CVDR, Rijksoverheid open-data and
// Veiligheidsregio feed servers: a first pass fills the timeline quietly, a new or changed publication becomes a
// measure (version) with one measure_change alert, diagnostics and 503s become the source's error and back-off.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PollOutcome } from '../../services/sources/poll.service.js';
import { FakeMeasureFeed } from '../fakes/fake-measure-feed.js';
import { FakeRijksoverheid } from '../fakes/fake-rijksoverheid.js';
import { FakeSru } from '../fakes/fake-sru.js';
import { createTestContext, type TestContext } from '../support/context.js';

let t: TestContext;
const sru = new FakeSru('sru');
const busy = new FakeSru('sru');
const cvdr = new FakeSru('cvdr');
const rijksoverheid = new FakeRijksoverheid();
const feed = new FakeMeasureFeed();

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

beforeAll(async () => {
  for (const fake of [sru, busy, cvdr, rijksoverheid, feed]) await fake.start();
  const common = '    every: 1s\n    timeout: 2s\n';
  t = await createTestContext(`
alerts:
  channels:
    - { id: team, kind: webhook, url: "http://127.0.0.1:9/hook" }
  measure_changes:
    channels: [team]
sources:
  - id: gemeenteblad-huizen
    kind: sru
    url: ${sru.url}/sru
    query: c.product-area==officielepublicaties and dt.creator="Huizen"
    since: 2020-01-01
    page_size: 2
${common}  - id: verkeerde-query
    kind: sru
    url: ${sru.url}/sru
    query: and dt.title any "noodverordening"
${common}  - id: staatscourant
    kind: sru
    url: ${busy.url}/sru
    query: c.product-area==officielepublicaties and dt.title any "covid-19"
${common}  - id: cvdr-huizen
    kind: cvdr
    url: ${cvdr.url}/sru/Search
    query: creator="Huizen"
${common}  - id: rijksoverheid-corona
    kind: rijksoverheid
    url: ${rijksoverheid.url}/v1
    subject: coronavirus-covid-19
    since: 2020-09-01
    page_size: 2
${common}  - id: vr-gooi
    kind: rss
    url: ${feed.url}/feed/
    measures: true
    level: regional
    region: Gooi en Vechtstreek
${common}`);
});
afterAll(async () => {
  await t?.close();
  for (const fake of [sru, busy, cvdr, rijksoverheid, feed]) await fake.stop();
});

async function measureAlerts() {
  return t.context.alerts.list({
    fromMs: 0,
    toMs: Date.now() + 60_000,
    kind: 'measure_change',
    state: null,
    limit: 100,
  });
}

async function measuresOf(sourceId: string) {
  return (
    await t.context.measures.editing.list({
      fromMs: null,
      toMs: null,
      level: null,
      direction: null,
      topic: null,
      limit: 1000,
    })
  ).filter((m) => m.sourceId === sourceId);
}

function polled(outcome: PollOutcome) {
  if (outcome.status !== 'polled')
    throw new Error(`expected a successful poll, got ${JSON.stringify(outcome)}`);
  return outcome;
}

describe('kind: sru (official publications)', () => {
  it('fills the timeline from the first pass without alerts, paging by startRecord and nextRecordPosition', async () => {
    sru.publish({
      identifier: 'gmb-2020-100001',
      title: 'Noodverordening COVID-19 Veiligheidsregio Gooi en Vechtstreek',
      abstract: 'Horeca sluit om 22.00 uur; een mondkapjesplicht geldt in publieke binnenruimten.',
      modified: '2020-10-14',
    });
    sru.publish({
      identifier: 'gmb-2020-100002',
      title: 'Aanwijzing handhavers noodverordening',
      modified: '2020-10-15',
    });
    sru.publish({
      identifier: 'gmb-2020-100003',
      title: 'Verlenging terrasvergunningen horeca',
      modified: '2020-10-16',
    });
    const outcome = polled(await t.context.polls.poll('gemeenteblad-huizen'));
    // Four records (three invented, one real Bergeijk asbestos notice that is no measure) in pages of two.
    expect(outcome.pages).toBe(2);
    expect(outcome.stored).toBe(3);
    expect(sru.feedRequests().map((r) => r.query.get('startRecord'))).toEqual(['1', '3']);
    expect(sru.feedRequests()[0]!.query.get('query')).toBe(
      '(c.product-area==officielepublicaties and dt.creator="Huizen") and dt.modified>=2020-01-01',
    );
    const stored = await measuresOf('gemeenteblad-huizen');
    expect(stored.map((m) => m.externalId).sort()).toEqual([
      'gmb-2020-100001',
      'gmb-2020-100002',
      'gmb-2020-100003',
    ]);
    const order = stored.find((m) => m.externalId === 'gmb-2020-100001')!;
    expect(order).toMatchObject({
      level: 'municipal',
      municipality: 'Huizen',
      effectiveFrom: '2020-10-14',
      direction: 'tightening',
      sourceUrl: 'https://zoek.officielebekendmakingen.nl/gmb-2020-100001.html',
      origin: 'watcher',
    });
    expect(order.topics).toEqual(expect.arrayContaining(['horeca', 'mondkapjes', 'noodverordening']));
    expect(await measureAlerts()).toHaveLength(0);
  });

  it('makes a new publication one measure and one measure_change alert, and an unchanged one nothing', async () => {
    sru.publish({
      identifier: 'gmb-2026-200001',
      title: 'Noodverordening: samenkomsten van meer dan 30 personen verboden',
      abstract: 'Verbod op samenkomsten van meer dan 30 personen in de gemeente.',
      modified: today(),
    });
    const before = sru.feedRequests().length;
    const outcome = polled(await t.context.polls.poll('gemeenteblad-huizen'));
    expect(outcome.stored).toBe(1);
    // The second pass starts at the newest day the first one saw (the Bergeijk record's, 2023-04-20).
    expect(sru.feedRequests()[before]!.query.get('query')).toMatch(/and dt\.modified>=2023-04-20$/);
    const alerts = await measureAlerts();
    expect(alerts).toHaveLength(1);
    const message = alerts[0]!.events[0]!.message as {
      title: string;
      headline: string;
      facts: { label: string; value: string }[];
    };
    expect(message.title).toBe(
      'Nieuwe maatregel: Noodverordening: samenkomsten van meer dan 30 personen verboden',
    );
    expect(message.headline).toMatch(/^Aanscherping, gemeentelijk \(Huizen\), van kracht vanaf /);
    expect(message.facts.map((f) => f.label)).toEqual([
      'Niveau',
      'Richting',
      'Onderwerpen',
      'Ingangsdatum',
      'Publicatie',
      'Verwachting',
    ]);
    expect(alerts[0]!.deliveries.map((d) => d.channelId)).toEqual(['team']);

    polled(await t.context.polls.poll('gemeenteblad-huizen'));
    expect(await measureAlerts()).toHaveLength(1);
  });

  it('stores a changed publication as the next version of its measure, with its own alert', async () => {
    sru.publish({
      identifier: 'gmb-2026-200001',
      title: 'Noodverordening: samenkomsten van meer dan 50 personen verboden',
      abstract: 'Verbod op samenkomsten van meer dan 50 personen in de gemeente.',
      modified: today(),
    });
    expect(polled(await t.context.polls.poll('gemeenteblad-huizen')).stored).toBe(1);
    const measure = (await measuresOf('gemeenteblad-huizen')).find(
      (m) => m.externalId === 'gmb-2026-200001',
    )!;
    expect(measure.version).toBe(2);
    const { versions } = await t.context.measures.editing.get(measure.id);
    expect(versions.map((v) => v.changed)).toEqual([[], ['title', 'summary']]);
    const alerts = await measureAlerts();
    expect(alerts.map((a) => a.title)).toContain(
      'Maatregel gewijzigd: Noodverordening: samenkomsten van meer dan 50 personen verboden',
    );
    expect(alerts).toHaveLength(2);
  });

  it("reports the SRU diagnostics of a bad query (HTTP 200) as the source's error", async () => {
    const outcome = await t.context.polls.poll('verkeerde-query');
    expect(outcome).toMatchObject({ status: 'failed', kind: 'config' });
    expect(outcome.status === 'failed' && outcome.message).toMatch(
      /the SRU service refused the query \(Query syntax error: unexpected token 'AND' at position 1\)/,
    );
    const state = await t.context.repositories.sources.pollState('verkeerde-query');
    expect(state).toMatchObject({ state: 'failing', lastErrorKind: 'config', consecutiveFailures: 1 });
  });

  it('backs off after a 503 for as long as Retry-After asks', async () => {
    busy.fail(503, { headers: { 'retry-after': '30' } });
    const started = Date.now();
    const outcome = await t.context.polls.poll('staatscourant');
    expect(outcome).toMatchObject({ status: 'failed', kind: 'transient' });
    if (outcome.status !== 'failed') return;
    expect(outcome.message).toMatch(/answered 503/);
    expect(Date.parse(outcome.retryAt!)).toBeGreaterThanOrEqual(started + 30_000);
    const again = await t.context.polls.poll('staatscourant');
    expect(again.status === 'skipped' && again.reason).toMatch(/^backing_off/);
    expect(busy.feedRequests()).toHaveLength(1);
  });
});

describe('kind: cvdr (local regulations)', () => {
  it('reads a regulation with its dates of force, and its next expression as the next version', async () => {
    cvdr.publish({
      identifier: 'CVDR700001_1',
      title: 'Noodverordening COVID-19 Huizen: sluiting van sportclubs en horeca',
      modified: '2020-03-16',
      inForce: '2020-03-16',
      outOfForce: '2020-04-06',
    });
    const first = polled(await t.context.polls.poll('cvdr-huizen'));
    expect(first.stored).toBe(1);
    expect(cvdr.feedRequests()[0]!.query.get('x-connection')).toBe('cvdr');
    expect(cvdr.feedRequests()[0]!.query.get('version')).toBe('1.2');
    const [regulation] = await measuresOf('cvdr-huizen');
    expect(regulation).toMatchObject({
      externalId: 'CVDR700001',
      effectiveFrom: '2020-03-16',
      effectiveUntil: '2020-04-06',
      level: 'municipal',
      municipality: 'Huizen',
      version: 1,
    });
    const alertsBefore = (await measureAlerts()).length;
    // The second expression is published beside the first, as CVDR keeps both.
    cvdr.publish({
      identifier: 'CVDR700001_2',
      title: 'Noodverordening COVID-19 Huizen: sluiting van sportclubs en horeca',
      modified: '2020-04-06',
      inForce: '2020-03-16',
      outOfForce: '2020-05-19',
    });
    expect(polled(await t.context.polls.poll('cvdr-huizen')).stored).toBe(1);
    const [next] = await measuresOf('cvdr-huizen');
    expect(next).toMatchObject({ version: 2, effectiveUntil: '2020-05-19' });
    expect((await measureAlerts()).length).toBe(alertsBefore + 1);
    // Served again with the older expression first, nothing changes.
    expect(polled(await t.context.polls.poll('cvdr-huizen')).stored).toBe(0);
  });
});

describe('kind: rijksoverheid (open-data news by subject)', () => {
  it('pages by offset, keeps news that names a measure, and alerts on a new one', async () => {
    rijksoverheid.publish({
      id: 'minister-bezoekt-testlocatie',
      title: 'Minister bezoekt testlocatie in Utrecht',
      introduction: 'Een werkbezoek.',
    });
    rijksoverheid.publish({
      id: 'mondkapje-niet-meer-verplicht',
      title: 'Versoepeling: mondkapje niet meer verplicht in het openbaar vervoer',
      introduction: 'Vanaf 23 maart is een mondkapje in het ov niet meer verplicht.',
    });
    const first = polled(await t.context.polls.poll('rijksoverheid-corona'));
    expect(first.pages).toBe(2);
    expect(rijksoverheid.feedRequests().map((r) => [r.path, r.query.get('offset')])).toEqual([
      ['/v1/infotypes/news/subjects/coronavirus-covid-19/lastmodifiedsince/20200901/', '0'],
      ['/v1/infotypes/news/subjects/coronavirus-covid-19/lastmodifiedsince/20200901/', '2'],
    ]);
    const stored = await measuresOf('rijksoverheid-corona');
    expect(stored.map((m) => m.externalId).sort()).toEqual([
      '00000000-0000-0000-0000-000000000001',
      'mondkapje-niet-meer-verplicht',
    ]);
    const relaxation = stored.find((m) => m.externalId === 'mondkapje-niet-meer-verplicht')!;
    expect(relaxation).toMatchObject({ level: 'national', direction: 'relaxation' });
    expect(relaxation.topics).toContain('mondkapjes');
    const alertsBefore = (await measureAlerts()).length;
    rijksoverheid.publish({
      id: 'avondklok-vanaf-zaterdag',
      title: 'Kabinet voert avondklok in vanaf zaterdag 21.00 uur',
      introduction: 'Het kabinet neemt extra maatregelen: een avondklok van 21.00 tot 04.30 uur.',
    });
    expect(polled(await t.context.polls.poll('rijksoverheid-corona')).stored).toBe(1);
    const alerts = await measureAlerts();
    expect(alerts.length).toBe(alertsBefore + 1);
    expect(alerts.map((a) => a.title)).toContain(
      'Nieuwe maatregel: Kabinet voert avondklok in vanaf zaterdag 21.00 uur',
    );
  });
});

describe('kind: rss with measures: true (the Veiligheidsregio site)', () => {
  it('reads its noodverordeningen as regional measures, not as mentions', async () => {
    const outcome = polled(await t.context.polls.poll('vr-gooi'));
    expect(outcome.stored).toBe(2);
    const stored = await measuresOf('vr-gooi');
    const september27 = stored.find((m) => m.title === 'Noodverordening 27 september 2020')!;
    expect(september27).toMatchObject({
      level: 'regional',
      region: 'Gooi en Vechtstreek',
      effectiveFrom: '2020-09-27',
      direction: 'tightening',
      sourceUrl: 'https://www.vrgooienvechtstreek.nl/2020/09/noodverordening-27-september-2020/',
    });
    expect(september27.topics).toEqual(expect.arrayContaining(['horeca', 'noodverordening', 'samenkomsten']));
    // The source row counts them as its items, as a poller counts mentions.
    const row = (await t.context.repositories.sources.list()).find((source) => source.id === 'vr-gooi')!;
    expect(row.itemsStored).toBe(2);
    expect(row.newestItemAt?.toISOString()).toBe('2020-09-27T16:30:00.000Z');
    const mentions = await sql<{
      n: string;
    }>`select count(*) as n from mentions where source_id = 'vr-gooi'`.execute(t.context.database.db);
    expect(Number(mentions.rows[0]!.n)).toBe(0);
  });

  it('alerts once on a new notice, and an unchanged feed (304) costs nothing', async () => {
    const alertsBefore = (await measureAlerts()).length;
    feed.publish({
      slug: '2020/10/noodverordening-14-oktober-2020',
      title: 'Noodverordening 14 oktober 2020',
      html: '<p>Eet- en drinkgelegenheden sluiten. Er geldt een verbod op groepsvorming van meer dan vier personen.</p>',
    });
    expect(polled(await t.context.polls.poll('vr-gooi')).stored).toBe(1);
    expect(polled(await t.context.polls.poll('vr-gooi')).stored).toBe(0);
    expect(feed.feedRequests().at(-1)!.headers['if-none-match']).toBeDefined();
    expect((await measureAlerts()).length).toBe(alertsBefore + 1);
  });
});
