// GET /api/v1/analyses/environment over two seeded weeks: every section is there, every count in the document is
// what /api/v1/series returns for the same period, the shift that was seeded is found (and the steady topic is not),
// a viewer gets no example texts while an analyst's read is logged, and bad input is a 400 naming its parameter.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Api } from '../../services/api/app.js';
import { buildCheckedApi } from '../support/openapi.js';
import type { EnvironmentDocument } from '../../services/analyses/environment-document.js';
import type { RawMention } from '../../services/ingest/raw-mention.js';
import type { QuestionActor, RawQuestion } from '../../services/questions/question.js';
import { createTestContext, type TestContext } from '../support/context.js';
import { raw } from '../support/mentions.js';

let t: TestContext;
let api: Api;
const keys: Record<string, string> = {};

const ADMIN: QuestionActor = { name: 'test', role: 'admin', team: null, apiKeyId: null };
const HOUR = 3_600_000;
// Local midnight (Europe/Amsterdam, UTC+1 in January) of 18 and 25 January and 1 February 2021.
const COMPARE_FROM = Date.parse('2021-01-17T23:00:00Z');
const FROM = Date.parse('2021-01-24T23:00:00Z');
const TO = Date.parse('2021-01-31T23:00:00Z');
const PERIOD = 'from=2021-01-25&to=2021-02-01';

const NEGATIVE_CURFEW = 'De avondklok is belachelijk en schandalig.';
const POSITIVE_CURFEW = 'Blij dat de avondklok er is, goed zo.';
const MASKS = 'Mondkapjes in de winkel, prima geregeld!';
// Posts that ask (by residents; the first of each batch is the public account's, which does not count as asking).
// The shop question has a published FAQ, the gym question none.
const SPORT_QUESTION = 'Mag ik nog naar de sportschool?';
const SHOP_QUESTION = 'Zijn de winkels op zondag open?';
// What the asking posts add to the volume: 7 + 4 + 2 (read later) in the period, 3 + 5 the week before.
const ASKING_POSTS = { now: 13, before: 8 };

/** `count` posts spread over days 0..5 of a week from `start` (day 6, the Sunday, stays empty). */
function posts(prefix: string, start: number, count: number, text: (i: number) => string): RawMention[] {
  return Array.from({ length: count }, (_, i) =>
    raw({
      externalId: `${prefix}-${i}`,
      postedAt: new Date(start + (i % 6) * 24 * HOUR + 9 * HOUR + (i % 50) * 60_000),
      text: text(i),
      author: i % 10 === 0 ? 'gemeente_utrecht' : `inwoner ${i}`,
      reach: 1000 - i,
    }),
  );
}

beforeAll(async () => {
  t = await createTestContext(
    "privacy:\n  public_accounts:\n    - { name: 'gemeente_utrecht', kind: institution }\n",
  );
  api = await buildCheckedApi(
    { context: t.context, redisHealth: () => Promise.resolve('ok') },
    { logger: false },
  );
  for (const role of ['viewer', 'analyst'] as const)
    keys[role] = (await t.context.apiKeys.create(`test ${role}`, role)).key;
  const sources = t.context.repositories.sources;
  await sources.ensure('obi4wan', 'obi4wan');
  await sources.ensure('mastodon', 'mastodon');
  const ingest = t.context.ingest;
  // The curfew turns negative: 25% negative before, 75% in the period. Masks stay the same.
  await ingest.ingest(
    [
      ...posts('cb', COMPARE_FROM, 60, (i) => (i % 4 === 0 ? NEGATIVE_CURFEW : POSITIVE_CURFEW)),
      ...posts('cp', FROM, 60, (i) => (i % 4 === 0 ? POSITIVE_CURFEW : NEGATIVE_CURFEW)),
    ],
    { sourceId: 'obi4wan', sourceKind: 'obi4wan' },
  );
  await ingest.ingest(
    [
      ...posts('mb', COMPARE_FROM, 30, () => MASKS),
      ...posts('mp', FROM, 31, () => MASKS),
      ...posts('sp', FROM, 7, () => SPORT_QUESTION),
      ...posts('wp', FROM, 4, () => SHOP_QUESTION),
      ...posts('sb', COMPARE_FROM, 3, () => SPORT_QUESTION),
      ...posts('wb', COMPARE_FROM, 5, () => SHOP_QUESTION),
    ],
    {
      sourceId: 'mastodon',
      sourceKind: 'mastodon',
    },
  );
  const question = (prefix: string, start: number, n: number): RawQuestion[] =>
    Array.from({ length: n }, (_, i) => ({
      external_id: `${prefix}-${i}`,
      received_at: new Date(start + (i % 6) * 24 * HOUR + 10 * HOUR).toISOString(),
      channel: 'telefoon',
      text: i % 2 === 0 ? 'Moet ik een mondkapje dragen in de bus?' : 'Hoe laat begint de avondklok?',
    }));
  await t.context.questions.questions.register(ADMIN, 'test', [
    ...question('qb', COMPARE_FROM, 12),
    ...question('qp', FROM, 30),
  ]);
  // One published FAQ answers the mask question and none the curfew one; one mask question of the period is then
  // answered without the FAQ: 15 curfew questions without an FAQ plus that one, against 6 the week before.
  await t.context.faqs.faqs.create(
    { name: 'test', role: 'admin', apiKeyId: null },
    {
      question: 'Moet ik een mondkapje dragen in de bus?',
      answer: 'Ja, in de bus, de trein en de tram draagt iedereen vanaf 13 jaar een mondkapje.',
      status: 'gepubliceerd',
    },
  );
  await t.context.faqs.faqs.create(
    { name: 'test', role: 'admin', apiKeyId: null },
    {
      question: 'Zijn de winkels op zondag open?',
      answer: 'Ja, de winkels mogen op zondag open van 12 tot 17 uur.',
      status: 'gepubliceerd',
    },
  );
  await t.context.faqs.gaps.decide();
  await t.context.faqs.gaps.decideMentions();
  // Stored rows the decider has not finished with: two gym posts it has not read yet; a shop post of the period
  // decided against an older set of FAQs while it keeps its text (to be decided again); and a gym post of the week
  // before decided against an older set after its text expired (never decided again).
  await ingest.ingest(
    posts('su', FROM, 2, () => SPORT_QUESTION),
    {
      sourceId: 'mastodon',
      sourceKind: 'mastodon',
    },
  );
  const db = t.context.database.db;
  // (The seed's posts are from 2021, so their stored text expiry has passed; this one's keeps its text a month.)
  await sql`update mention_faq_matches set faq_set = 'older', text_expires_at = now() + interval '30 days'
    where mention_id = (select id from mentions where external_id = 'wp-1')`.execute(db);
  await sql`update mention_faq_matches set faq_set = 'older' where mention_id =
    (select id from mentions where external_id = 'sb-1')`.execute(db);
  await sql`update mentions set text = null where external_id = 'sb-1'`.execute(db);
  const masked = await sql<{ id: string }>`
    select id::text as id from questions where external_id = 'qp-0'`.execute(t.context.database.db);
  await t.context.questions.questions.answer(ADMIN, masked.rows[0]!.id, {
    answer: 'Ja, in de bus wel.',
    how: 'telefonisch teruggebeld',
  });
  const measure = {
    level: 'national' as const,
    region: null,
    municipality: null,
    summary: null,
    announcedOn: null,
    effectiveUntil: null,
    direction: 'tightening' as const,
    sourceUrl: 'https://example.org/avondklok',
    sources: [],
    verified: true,
    note: null,
  };
  await t.context.measures.editing.create(
    {
      ...measure,
      id: 'nl-avondklok',
      title: 'Avondklok',
      effectiveFrom: '2021-01-23',
      topics: ['avondklok'],
    },
    { notify: false },
  );
  await t.context.measures.editing.create(
    {
      ...measure,
      id: 'nl-winkels',
      title: 'Winkels dicht',
      effectiveFrom: '2021-01-27',
      topics: ['winkels'],
    },
    { notify: false },
  );
  // Ended before the period: not in force. Ends during it: in force, and a change.
  await t.context.measures.editing.create(
    {
      ...measure,
      id: 'nl-oud',
      title: 'Oud',
      effectiveFrom: '2021-01-01',
      effectiveUntil: '2021-01-10',
      topics: [],
    },
    { notify: false },
  );
  await t.context.measures.editing.create(
    {
      ...measure,
      id: 'nl-kort',
      title: 'Kort',
      effectiveFrom: '2021-01-20',
      effectiveUntil: '2021-01-26',
      topics: [],
    },
    { notify: false },
  );
  const alerts = t.context.repositories.alerts;
  await alerts.insert({
    kind: 'spike',
    ruleId: 'test',
    seriesKey: 'negative_share:all:avondklok',
    title: 'Negatiever over de avondklok',
    at: new Date(FROM + 30 * HOUR),
    score: 0.99,
    observed: 0.75,
    expected: 0.25,
    details: { topic: 'avondklok' },
  });
  await alerts.insert({
    kind: 'source_failure',
    ruleId: 'source_failures',
    seriesKey: 'source:mastodon',
    title: 'Bron mastodon faalt',
    at: new Date(FROM + 50 * HOUR),
    score: null,
    observed: null,
    expected: null,
    details: { source: 'mastodon', kind: 'mastodon', problem: 'HTTP 503' },
  });
});

afterAll(async () => {
  await api.close();
  await t.close();
});

const get = (url: string, role = 'viewer') =>
  api.inject({ method: 'GET', url, headers: { authorization: `Bearer ${keys[role]}` } });

async function document(query: string, role = 'viewer'): Promise<EnvironmentDocument> {
  const response = await get(`/api/v1/analyses/environment?${query}`, role);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<EnvironmentDocument>();
}

interface Point {
  time: number;
  value: number | null;
}

/** Counts reproduced from /api/v1/series: daily volume, and negative and positive counts as share x volume. */
async function fromSeries(params: string, fromMs: number, toMs: number) {
  const range = `from=${fromMs}&to=${toMs}&interval=1d`;
  const read = async (metric: string) => {
    const response = await get(`/api/v1/series?metric=${metric}&${params}&${range}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json<Point[]>();
  };
  const [volume, negative, positive] = await Promise.all([
    read('volume'),
    read('negative_share'),
    read('positive_share'),
  ]);
  const count = (shares: Point[]) =>
    shares.reduce((n, point, i) => n + Math.round((point.value ?? 0) * (volume[i]!.value ?? 0)), 0);
  return {
    volume: volume.reduce((n, point) => n + (point.value ?? 0), 0),
    negative: count(negative),
    positive: count(positive),
    emptyDays: volume.filter((point) => point.value === 0).map((point) => point.time),
  };
}

async function questionsFromSeries(topic: string, fromMs: number, toMs: number): Promise<number> {
  const response = await get(
    `/api/v1/series?metric=questions&topic=${topic}&from=${fromMs}&to=${toMs}&interval=1d`,
  );
  expect(response.statusCode, response.body).toBe(200);
  return response.json<Point[]>().reduce((n, point) => n + (point.value ?? 0), 0);
}

describe('the environment analysis of a seeded week', () => {
  it('has every section, for the period and the week before it', async () => {
    const doc = await document(PERIOD);
    expect(doc.period).toEqual({
      from: new Date(FROM).toISOString(),
      to: new Date(TO).toISOString(),
      days: 7,
    });
    expect(doc.comparison).toMatchObject({
      kind: 'previous',
      from: new Date(COMPARE_FROM).toISOString(),
      days: 7,
    });
    expect(doc.has_data).toBe(true);
    expect(doc.notes).toEqual([]);
    expect(doc.betekenisgeving.volume).toBe(91 + ASKING_POSTS.now);
    expect(doc.betekenisgeving.comparison.volume).toBe(90 + ASKING_POSTS.before);
    expect(doc.informatiebehoefte).toMatchObject({
      question_source: 'kcc_register',
      questions: 30,
      comparison_questions: 12,
      without_faq: {
        questions: 16,
        no_faq_found: 15,
        answered_without_faq: 1,
        comparison: { questions: 6, no_faq_found: 6, answered_without_faq: 0 },
        undecided: 0,
      },
    });
    expect(doc.informatiebehoefte.change.low).toBeGreaterThan(1);
    expect(doc.handelingsperspectief.in_force.map((m) => [m.id, m.changes])).toEqual([
      ['nl-kort', ['ends']],
      ['nl-avondklok', []],
      ['nl-winkels', ['starts']],
    ]);
    expect(doc.handelingsperspectief.changed_in_period).toEqual(['nl-kort', 'nl-winkels']);
    const curfew = doc.handelingsperspectief.in_force.find((m) => m.id === 'nl-avondklok')!;
    expect(curfew.effect).toMatchObject({ complete: true, window_hours: { before: 48, after: 48 } });
    expect(doc.signalen.alerts.map((a) => [a.kind, a.state])).toEqual([
      ['source_failure', 'open'],
      ['spike', 'open'],
    ]);
    expect(doc.dekking.failed_sources).toEqual([
      expect.objectContaining({ source: 'mastodon', problem: 'HTTP 503', resolved_at: null }),
    ]);
    // Sunday 31 January holds no posts at all.
    expect(doc.dekking.days_without_data).toEqual(['2021-01-31']);
    expect(doc.dekking.sentiment_model.in_use).toEqual(expect.any(String));
  });

  it('finds the shift in negative share about the curfew, with test and corrected p, and not about masks', async () => {
    const doc = await document(PERIOD);
    const curfew = doc.betekenisgeving.per_topic.find((row) => row.topic === 'avondklok')!;
    const masks = doc.betekenisgeving.per_topic.find((row) => row.topic === 'mondkapjes')!;
    expect(curfew.negative.share).toBeCloseTo(0.75, 10);
    expect(curfew.comparison.negative.share).toBeCloseTo(0.25, 10);
    expect(curfew.negative.low).toBeLessThan(0.75);
    expect(curfew.negative.high).toBeGreaterThan(0.75);
    expect(curfew.negative_share_test).toMatchObject({ test: 'two_proportion_z', significant: true });
    expect(curfew.negative_share_test!.p_adjusted).toBeGreaterThanOrEqual(
      curfew.negative_share_test!.p_value,
    );
    expect(masks.negative_share_test?.significant ?? false).toBe(false);
    expect(doc.betekenisgeving.significant_changes.map((c) => c.topic)).toEqual(['avondklok']);
    expect(doc.methods.correction).toMatch(/^Holm over the \d+ topics tested/);
  });

  it('holds only counts that /api/v1/series returns for the same period', async () => {
    const doc = await document(PERIOD);
    for (const [fromMs, toMs] of [
      [FROM, TO],
      [COMPARE_FROM, FROM],
    ] as const) {
      const all = await fromSeries('topic=all&source=all', fromMs, toMs);
      const overall = fromMs === FROM ? doc.betekenisgeving : doc.betekenisgeving.comparison;
      expect([overall.volume, overall.negative.count, overall.positive.count]).toEqual([
        all.volume,
        all.negative,
        all.positive,
      ]);
      for (const row of doc.betekenisgeving.per_topic) {
        const block = fromMs === FROM ? row : row.comparison;
        const series = await fromSeries(`topic=${row.topic}`, fromMs, toMs);
        expect([row.topic, block.volume, block.negative.count, block.positive.count]).toEqual([
          row.topic,
          series.volume,
          series.negative,
          series.positive,
        ]);
      }
      for (const row of doc.betekenisgeving.per_source) {
        const block = fromMs === FROM ? row : row.comparison;
        const series = await fromSeries(`source=${row.source}`, fromMs, toMs);
        expect([row.source, block.volume, block.negative.count]).toEqual([
          row.source,
          series.volume,
          series.negative,
        ]);
        const coverage = doc.dekking.per_source.find((c) => c.source === row.source)!;
        expect(fromMs === FROM ? coverage.items : coverage.comparison_items).toBe(series.volume);
        if (fromMs === FROM) expect(coverage.days_without_data.length).toBe(series.emptyDays.length);
      }
      const questions =
        fromMs === FROM ? doc.informatiebehoefte.questions : doc.informatiebehoefte.comparison_questions;
      expect(questions).toBe(await questionsFromSeries('all', fromMs, toMs));
      for (const row of doc.informatiebehoefte.per_topic) {
        const n = fromMs === FROM ? row.questions : row.comparison_questions;
        expect([row.topic, n]).toEqual([row.topic, await questionsFromSeries(row.topic, fromMs, toMs)]);
      }
    }
    expect(doc.informatiebehoefte.per_topic.some((row) => row.questions > 0)).toBe(true);
    expect(doc.betekenisgeving.per_topic.filter((row) => row.volume > 0).length).toBeGreaterThanOrEqual(2);
  });

  it('counts the questions without an FAQ per topic as the stored decisions and the gaps list do', async () => {
    const doc = await document(PERIOD);
    const gaps = doc.informatiebehoefte.without_faq;
    // A recount from the stored rows: each question once per topic it has, its decision against the current set.
    const recount = async (fromMs: number, toMs: number) => {
      const rows = await sql<{ topics: string[]; decision: string; answered: boolean; faq: boolean }>`
        select q.topics, m.decision, q.answered_at is not null as answered, q.answered_faq_id is not null as faq
        from questions q join question_faq_matches m on m.question_id = q.id
        where q.received_at >= ${new Date(fromMs).toISOString()}::timestamptz
          and q.received_at < ${new Date(toMs).toISOString()}::timestamptz`.execute(t.context.database.db);
      const counts = new Map<string, { none: number; answered: number }>();
      for (const row of rows.rows) {
        const none = row.decision === 'none' && !row.faq;
        const answered = row.decision === 'match' && row.answered && !row.faq;
        for (const topic of new Set(['all', ...row.topics])) {
          const c = counts.get(topic) ?? { none: 0, answered: 0 };
          counts.set(topic, { none: c.none + Number(none), answered: c.answered + Number(answered) });
        }
      }
      return counts;
    };
    const [now, before] = [await recount(FROM, TO), await recount(COMPARE_FROM, FROM)];
    expect(gaps.no_faq_found).toBe(now.get('all')!.none);
    expect(gaps.comparison.no_faq_found).toBe(before.get('all')!.none);
    for (const row of gaps.per_topic) {
      expect([row.topic, row.no_faq_found, row.answered_without_faq]).toEqual([
        row.topic,
        now.get(row.topic)?.none ?? 0,
        now.get(row.topic)?.answered ?? 0,
      ]);
      expect([row.topic, row.comparison.no_faq_found]).toEqual([row.topic, before.get(row.topic)?.none ?? 0]);
    }
    // The curfew questions are the gaps: found under their topic, with the rate ratio 16/6 per day.
    const curfew = gaps.per_topic.find((row) => row.topic === 'avondklok')!;
    expect(curfew).toMatchObject({ questions: 15, no_faq_found: 15, comparison: { questions: 6 } });
    expect(gaps.change.ratio).toBeCloseTo(16 / 6, 10);
    // 16 against 6 is not clear of chance (the exact interval holds 1).
    expect(gaps.change.low).toBeLessThan(1);
    expect(gaps.change.high).toBeGreaterThan(16 / 6);
    // The same questions GET /api/v1/faqs/gaps clusters for the period.
    const listed = await get(`/api/v1/faqs/gaps?${PERIOD}`, 'analyst');
    expect(listed.statusCode, listed.body).toBe(200);
    expect(listed.json<{ gap_questions: number }>().gap_questions).toBe(gaps.questions);
    expect(gaps.faq_set).toMatch(/^[0-9a-f]{32}$/);
  });

  it('counts the posts that ask per topic, and those without an FAQ, as the stored rows do', async () => {
    const doc = await document(PERIOD);
    const online = doc.informatiebehoefte.online;
    // Decided against the same published FAQs as the KCC's questions.
    expect(online.faq_set).toBe(doc.informatiebehoefte.without_faq.faq_set);
    // A recount from the stored rows: every post of the range, its mark and its decision, counted here per topic.
    const recount = async (fromMs: number, toMs: number) => {
      const rows = await sql<{
        topics: string[];
        asks: boolean | null;
        has_text: boolean;
        decision: string | null;
        faq_set: string | null;
        keeps_text: boolean | null;
      }>`
        select m.topics, m.asks_question as asks, m.text is not null as has_text, d.decision, d.faq_set,
          d.text_expires_at > now() as keeps_text
        from mentions m left join mention_faq_matches d on d.mention_id = m.id
        where m.posted_at >= ${new Date(fromMs).toISOString()}::timestamptz
          and m.posted_at < ${new Date(toMs).toISOString()}::timestamptz`.execute(t.context.database.db);
      const counts = new Map<string, { asks: number; none: number; undecided: number; older: number }>();
      for (const row of rows.rows) {
        const current = row.faq_set === online.faq_set;
        const add = {
          asks: Number(row.asks === true),
          none: Number(row.asks === true && current && row.decision === 'none'),
          // Not read yet; or decided against other FAQs while the post keeps its text (by the stored expiry, as the
          // decider judges what to decide again); else an older decision that stays.
          undecided: Number(
            (row.asks === null && row.has_text) || (row.asks === true && !current && row.keeps_text === true),
          ),
          older: Number(row.asks === true && !current && row.keeps_text !== true),
        };
        for (const topic of new Set(['all', ...row.topics])) {
          const c = counts.get(topic) ?? { asks: 0, none: 0, undecided: 0, older: 0 };
          counts.set(topic, {
            asks: c.asks + add.asks,
            none: c.none + add.none,
            undecided: c.undecided + add.undecided,
            older: c.older + add.older,
          });
        }
      }
      return counts;
    };
    const [now, before] = [await recount(FROM, TO), await recount(COMPARE_FROM, FROM)];
    const figures = (row: typeof online) => [
      row.questions,
      row.without_faq,
      row.undecided,
      row.older_decision,
      row.comparison_questions,
      row.comparison_without_faq,
      row.comparison_undecided,
      row.comparison_older_decision,
    ];
    const recounted = (topic: string) => {
      const a = now.get(topic) ?? { asks: 0, none: 0, undecided: 0, older: 0 };
      const b = before.get(topic) ?? { asks: 0, none: 0, undecided: 0, older: 0 };
      return [a.asks, a.none, a.undecided, a.older, b.asks, b.none, b.undecided, b.older];
    };
    expect(figures(online)).toEqual(recounted('all'));
    expect(online.per_topic.map((row) => row.topic)).toEqual(
      doc.informatiebehoefte.per_topic.map((r) => r.topic),
    );
    for (const row of online.per_topic)
      expect([row.topic, ...figures({ ...online, ...row })]).toEqual([row.topic, ...recounted(row.topic)]);
    // What was seeded: 6 gym questions of residents now (2 more not read yet), 2 the week before of which one was
    // decided against older FAQs after its text expired; the shop questions have an FAQ, one decided against
    // older FAQs and to be decided again.
    const sport = online.per_topic.find((row) => row.topic === 'sport')!;
    expect(figures({ ...online, ...sport })).toEqual([6, 6, 2, 0, 2, 1, 0, 1]);
    const shops = online.per_topic.find((row) => row.topic === 'winkels')!;
    expect(figures({ ...online, ...shops })).toEqual([3, 0, 1, 0, 4, 0, 0, 0]);
    expect(sport.change.ratio).toBeCloseTo(3, 10);
    expect(sport.without_faq_change.ratio).toBeCloseTo(6, 10);
    expect(online.change.ratio).toBeCloseTo(9 / 6, 10);
    // Counts only, no texts (a viewer reads them; the analyst's read is checked with the example texts below).
    expect(JSON.stringify(online)).not.toContain('sportschool');
  });

  it('counts the posts that ask within the topic and source filters', async () => {
    const gym = await document(`${PERIOD}&topic=sport&source=mastodon`);
    expect([
      gym.informatiebehoefte.online.questions,
      gym.informatiebehoefte.online.comparison_questions,
    ]).toEqual([6, 2]);
    expect(gym.informatiebehoefte.online.per_topic.map((row) => row.topic)).toEqual(['sport']);
    const elsewhere = await document(`${PERIOD}&topic=sport&source=obi4wan`);
    expect(elsewhere.informatiebehoefte.online.questions).toBe(0);
  });

  it('narrows to a topic and a source', async () => {
    const doc = await document(`${PERIOD}&topic=avondklok&source=obi4wan`);
    expect(doc.filters).toEqual({ topic: 'avondklok', source: 'obi4wan' });
    expect(doc.betekenisgeving.per_topic.map((row) => row.topic)).toEqual(['avondklok']);
    expect(doc.betekenisgeving.per_source.map((row) => row.source)).toEqual(['obi4wan']);
    expect(doc.betekenisgeving.volume).toBe(
      (await fromSeries('topic=avondklok&source=obi4wan', FROM, TO)).volume,
    );
    expect(doc.notes.join(' ')).toMatch(/source filter applies to mentions only/);
  });

  it('compares with a period given in compare', async () => {
    const doc = await document(`${PERIOD}&compare=2021-01-18,2021-01-21`);
    expect(doc.comparison).toMatchObject({ kind: 'custom', days: 3 });
    expect(doc.betekenisgeving.comparison.volume).toBe(
      (await fromSeries('topic=all', COMPARE_FROM, COMPARE_FROM + 72 * HOUR)).volume,
    );
  });
});

describe('example texts', () => {
  const logged = () =>
    t.context.database.db
      .selectFrom('access_log')
      .select(['action', 'detail'])
      .where('action', '=', 'api.analyses.environment')
      .execute();

  it('are left out for a viewer, and nothing is logged', async () => {
    const doc = await document(PERIOD, 'viewer');
    expect(doc.betekenisgeving.examples).toEqual({
      shown: false,
      reason: 'example texts need the analyst role',
      topics: [],
    });
    expect(await logged()).toEqual([]);
  });

  it('are shown to an analyst: text and author only, residents by pseudonym, and the read is logged', async () => {
    const doc = await document(PERIOD, 'analyst');
    const { examples } = doc.betekenisgeving;
    expect(examples.shown).toBe(true);
    const curfew = examples.topics.find((topic) => topic.topic === 'avondklok')!;
    expect(curfew.posts.length).toBe(5);
    for (const post of curfew.posts) {
      expect(Object.keys(post).sort()).toEqual(['author', 'author_kind', 'source', 'text']);
      expect(post.author).not.toMatch(/^inwoner/);
    }
    // The post with the highest reach is from the public account, shown by name.
    expect(curfew.posts[0]!.author).toBe('gemeente_utrecht');
    // The counts of posts that ask are the viewer's too: only the example texts differ.
    expect(doc.informatiebehoefte.online).toEqual(
      (await document(PERIOD, 'viewer')).informatiebehoefte.online,
    );
    const reads = await logged();
    expect(reads.length).toBe(examples.topics.length);
    const topics = reads.map((read) => (read.detail as { topic: string }).topic).sort();
    expect(topics).toEqual(examples.topics.map((topic) => topic.topic).sort());
  });
});

describe('bad input and no data', () => {
  it.each([
    ['a zero-length period', 'from=2021-01-25&to=2021-01-25', /^to: the period is empty/],
    ['to before from', 'from=2021-02-01&to=2021-01-25', /^to: the period ends .* before it starts/],
    ['ten years', 'from=2011-01-01&to=2021-01-01', /^to: the period is 3653 days long; at most 366/],
    ['a date that does not exist', 'from=2021-02-30&to=2021-03-05', /^from: /],
    ['an unknown topic', `${PERIOD}&topic=ufo`, /^topic: unknown topic "ufo"/],
    [
      'an unknown source',
      `${PERIOD}&source=tiktok`,
      /^source: unknown source kind "tiktok"; known: mastodon, obi4wan/,
    ],
    ['a bad compare', `${PERIOD}&compare=last`, /^compare: expected "previous" or "<from>,<to>"/],
    ['an overlapping compare', `${PERIOD}&compare=2021-01-20,2021-01-27`, /^compare: .* overlaps/],
    ['a missing from', 'to=2021-02-01', /from/],
  ])('%s is a 400 naming the parameter', async (_, query, message) => {
    const response = await get(`/api/v1/analyses/environment?${query}`);
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json<{ message: string }>().message).toMatch(message);
  });

  it('says plainly that a period without data has none', async () => {
    const doc = await document('from=2020-03-02&to=2020-03-09');
    expect(doc.has_data).toBe(false);
    expect(doc.notes[0]).toMatch(/^No mentions and no questions were stored for this period/);
    expect(doc.betekenisgeving.volume).toBe(0);
    expect(doc.betekenisgeving.negative.share).toBeNull();
    expect(doc.betekenisgeving.significant_changes).toEqual([]);
    expect(doc.dekking.days_without_data.length).toBe(7);
  });
});
