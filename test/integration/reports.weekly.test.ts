// The weekly situation report of a seeded week, printed to PDF by Chromium and read back with pdftotext: the numbers
// in "Wat speelt er" are those of the environment analysis of the same week, every section is there, the charts
// have data, no resident's name is printed, and a week without data says so plainly. Also GET /api/v1/reports/weekly.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Api } from '../../services/api/app.js';
import type { EnvironmentDocument } from '../../services/analyses/environment-document.js';
import type { RawMention } from '../../services/ingest/raw-mention.js';
import type { QuestionActor, RawQuestion } from '../../services/questions/question.js';
import { reportWeek } from '../../services/reports/weekly/report-week.js';
import { accessibilityViolations, launchChromium } from '../../tools/web-browser.js';
import { buildCheckedApi } from '../support/openapi.js';
import { createTestContext, type TestContext } from '../support/context.js';
import { raw } from '../support/mentions.js';

let t: TestContext;
let api: Api;
let dir: string;
const keys: Record<string, string> = {};

const READER = { apiKeyId: null, actor: 'test' };
const ADMIN: QuestionActor = { name: 'test', role: 'admin', team: null, apiKeyId: null };
const HOUR = 3_600_000;
const TZ = 'Europe/Amsterdam';
// Local midnight of Monday 18 January (week 3) and Monday 25 January 2021 (week 4).
const WEEK3 = Date.parse('2021-01-17T23:00:00Z');
const WEEK4 = Date.parse('2021-01-24T23:00:00Z');

const NEGATIVE_CURFEW = 'De avondklok is belachelijk en schandalig.';
const POSITIVE_CURFEW = 'Blij dat de avondklok er is, goed zo.';
const MASKS = 'Mondkapjes in de winkel, prima geregeld!';
// Residents ask about the gym in posts (the first post of each batch is the public account's: not a resident asking).
const SPORT_QUESTION = 'Mag ik nog naar de sportschool?';

/** `count` posts over days 0..5 of a week (the Sunday stays empty: a day without data). */
function posts(prefix: string, start: number, count: number, text: (i: number) => string): RawMention[] {
  return Array.from({ length: count }, (_, i) =>
    raw({
      externalId: `${prefix}-${i}`,
      postedAt: new Date(start + (i % 6) * 24 * HOUR + 9 * HOUR + (i % 50) * 60_000),
      text: text(i),
      author: i % 10 === 0 ? 'gemeente_utrecht' : `Jan Jansen ${i}`,
      reach: 1000 - i,
    }),
  );
}

function pdfText(file: string, ...args: string[]): string {
  return execFileSync('pdftotext', ['-layout', ...args, file, '-'], { encoding: 'utf8' });
}

/** A PDF's text as one line per paragraph is not needed: sentences are matched across line breaks. */
const flat = (text: string) => text.replace(/\s+/g, ' ');

beforeAll(async () => {
  t = await createTestContext(
    "organisation:\n  name: Gemeente Proefstad\nprivacy:\n  public_accounts:\n    - { name: 'gemeente_utrecht', kind: institution }\n",
  );
  api = await buildCheckedApi(
    { context: t.context, redisHealth: () => Promise.resolve('ok') },
    { logger: false },
  );
  for (const role of ['viewer', 'analyst'] as const)
    keys[role] = (await t.context.apiKeys.create(`test ${role}`, role)).key;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onderstroom-report-'));
  await t.context.repositories.sources.ensure('obi4wan', 'obi4wan');
  await t.context.repositories.sources.ensure('mastodon', 'mastodon');
  // The curfew turns negative: 25% negative in week 3, 75% in week 4. Masks stay the same.
  await t.context.ingest.ingest(
    [
      ...posts('cb', WEEK3, 60, (i) => (i % 4 === 0 ? NEGATIVE_CURFEW : POSITIVE_CURFEW)),
      ...posts('cp', WEEK4, 60, (i) => (i % 4 === 0 ? POSITIVE_CURFEW : NEGATIVE_CURFEW)),
    ],
    { sourceId: 'obi4wan', sourceKind: 'obi4wan' },
  );
  await t.context.ingest.ingest(
    [
      ...posts('mb', WEEK3, 30, () => MASKS),
      ...posts('mp', WEEK4, 31, () => MASKS),
      ...posts('sb', WEEK3, 5, () => SPORT_QUESTION),
      ...posts('sp', WEEK4, 7, () => SPORT_QUESTION),
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
    ...question('qb', WEEK3, 12),
    ...question('qp', WEEK4, 30),
  ]);
  // One published FAQ answers the mask question; the 15 curfew questions of week 4 (6 in week 3) have none.
  await t.context.faqs.faqs.create(
    { name: 'test', role: 'admin', apiKeyId: null },
    {
      question: 'Moet ik een mondkapje dragen in de bus?',
      answer: 'Ja, in de bus, de trein en de tram draagt iedereen vanaf 13 jaar een mondkapje.',
      status: 'gepubliceerd',
    },
  );
  await t.context.faqs.gaps.decide();
  await t.context.faqs.gaps.decideMentions();
  await t.context.measures.editing.create(
    {
      level: 'national',
      region: null,
      municipality: null,
      summary: null,
      announcedOn: null,
      effectiveUntil: null,
      direction: 'tightening',
      sourceUrl: 'https://example.org/avondklok',
      sources: [],
      verified: true,
      note: null,
      id: 'nl-winkels',
      title: 'Winkels dicht',
      effectiveFrom: '2021-01-27',
      topics: ['winkels'],
    },
    { notify: false },
  );
  await t.context.repositories.alerts.insert({
    kind: 'spike',
    ruleId: 'test',
    seriesKey: 'negative_share:all:avondklok',
    title: 'Negatiever over de avondklok',
    at: new Date(WEEK4 + 30 * HOUR),
    score: 0.99,
    observed: 0.75,
    expected: 0.25,
    details: { topic: 'avondklok' },
  });
}, 180_000);

afterAll(async () => {
  await api?.close();
  await t?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

async function analysis(): Promise<EnvironmentDocument> {
  return t.context.analyses.environment(
    { from: '2021-01-25', to: '2021-02-01', compare: '2021-01-18,2021-01-25' },
    { apiKeyId: null, actor: 'test', mayReadText: false },
  );
}

const percentOf = (share: number) => `${(Math.round(share * 1000) / 10).toFixed(1).replace('.', ',')}%`;

describe('the weekly report of a seeded week', () => {
  let text = '';
  let firstPage = '';
  let doc: EnvironmentDocument;
  let summary: string[] = [];

  beforeAll(async () => {
    doc = await analysis();
    const rendered = await t.context.weeklyReport.pdf(reportWeek('2021-W04', TZ), READER);
    summary = rendered.summary;
    expect(rendered.filename).toBe('situatierapport-2021-W04.pdf');
    const file = path.join(dir, rendered.filename);
    fs.writeFileSync(file, rendered.pdf);
    text = flat(pdfText(file));
    firstPage = flat(pdfText(file, '-f', '1', '-l', '1'));
  }, 120_000);

  it('prints the numbers of the analysis in "Wat speelt er", on the first page', () => {
    expect(doc.has_data).toBe(true);
    expect(firstPage).toContain('Wat speelt er');
    expect(firstPage).toContain('Situatierapport week 4 (25 t/m 31 januari 2021)');
    const b = doc.betekenisgeving;
    // 91 posts about the curfew and masks, 7 asking about the gym.
    expect(b.volume).toBe(91 + 7);
    expect(firstPage).toMatch(new RegExp(`Er waren ${b.volume} berichten`));
    expect(firstPage).toContain(`(${b.comparison.volume})`);
    expect(firstPage).toContain(`Het aandeel negatieve berichten was ${percentOf(b.negative.share!)}`);
    expect(firstPage).toContain(`(vorige week ${percentOf(b.comparison.negative.share!)})`);
    const curfew = b.significant_changes.find((c) => c.topic === 'avondklok');
    expect(curfew, 'the seeded shift is significant').toBeDefined();
    expect(firstPage).toContain(`${percentOf(curfew!.share)} tegen ${percentOf(curfew!.comparison_share)}`);
    expect(firstPage).toContain(`Het KCC registreerde ${doc.informatiebehoefte.questions} vragen`);
    expect(doc.informatiebehoefte.questions).toBe(30);
    expect(summary.length).toBeGreaterThanOrEqual(4);
    expect(summary.length).toBeLessThanOrEqual(5);
    for (const sentence of summary) expect(sentence).toMatch(/\d/);
  });

  it('has every section, the organisation and page numbers in the footer', () => {
    for (const heading of [
      'Informatiebehoefte',
      'Handelingsperspectief',
      'Betekenisgeving',
      'Signalen',
      'Dekking',
    ])
      expect(text).toContain(heading);
    expect(text).toContain('Gemeente Proefstad – situatierapport week 4');
    expect(text).toMatch(/pagina 1 van \d/);
    expect(text).toContain('Winkels dicht');
    expect(text).toContain('Negatiever over de avondklok');
    expect(text).not.toContain('Geen gegevens om te tekenen');
  });

  it('shows the questions without an FAQ per topic in Informatiebehoefte, with the week before', () => {
    const gaps = doc.informatiebehoefte.without_faq;
    expect([gaps.questions, gaps.comparison.questions]).toEqual([15, 6]);
    expect(text).toContain('Vragen zonder FAQ');
    expect(text).toContain(
      `${gaps.questions} van de ${doc.informatiebehoefte.questions} vragen hadden geen passende FAQ (50,0%)`,
    );
    expect(text).not.toContain('wordt nog niet bijgehouden');
    // The table's row for the curfew: this week, last week, then the split.
    const curfew = gaps.per_topic.find((row) => row.topic === 'avondklok')!;
    expect(text).toMatch(new RegExp(`${curfew.label} ${curfew.questions} ${curfew.comparison.questions} `));
  });

  it('shows the questions in posts per topic beside the KCC, with those without an FAQ, in Informatiebehoefte', () => {
    const online = doc.informatiebehoefte.online;
    expect([online.questions, online.comparison_questions, online.without_faq]).toEqual([6, 4, 6]);
    expect(text).toContain('Vragen in berichten');
    expect(text).toContain(
      `Inwoners stelden ${online.questions} vragen in berichten, 50% meer dan vorige week (${online.comparison_questions}).`,
    );
    expect(text).not.toContain('vragen in berichten op sociale media nog niet');
    // The table's row for the gym: this week, last week, the ratio, then those without an FAQ in both weeks.
    expect(text).toMatch(/Sport 6 4 1,5× \([\d,]+ – [\d,]+\) 6 4 /);
  });

  it('shows example posts by pseudonym, public accounts by name, never a resident’s name', () => {
    expect(text).toContain('gemeente_utrecht');
    expect(text).not.toContain('Jan Jansen');
  });
});

describe('the weekly report as a reader sees it', () => {
  it('prints pages that pdftoppm can draw, charts with data, no text past its box, and no axe violation', async () => {
    const rendered = await t.context.weeklyReport.pdf(reportWeek('2021-W04', TZ), READER);
    const file = path.join(dir, 'visual.pdf');
    fs.writeFileSync(file, rendered.pdf);
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1]);
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(pages).toBeLessThanOrEqual(20);
    execFileSync('pdftoppm', ['-png', '-r', '40', file, path.join(dir, 'page')]);
    const pngs = fs.readdirSync(dir).filter((name) => /^page-\d+\.png$/.test(name));
    expect(pngs).toHaveLength(pages);
    for (const png of pngs) expect(fs.statSync(path.join(dir, png)).size).toBeGreaterThan(1000);

    const { html } = await t.context.weeklyReport.html(reportWeek('2021-W04', TZ), READER);
    const browser = await launchChromium();
    try {
      // The width of an A4 page at 96 dpi, as the PDF lays it out.
      const page = await (await browser.newContext({ viewport: { width: 794, height: 1123 } })).newPage();
      await page.setContent(html);
      await page.emulateMedia({ media: 'print' });
      // Evaluated in the page (this project's types have no DOM): each chart's title and number of drawn data marks.
      const charts = await page.evaluate<
        { title: string; marks: number }[]
      >(`[...document.querySelectorAll('svg[role="img"]')].map((svg) => ({
        title: svg.querySelector('title')?.textContent ?? '',
        marks: svg.querySelectorAll('g.role-mark > *').length,
      }))`);
      // Questions (KCC), without an FAQ, in posts; volume and negative share per day.
      expect(charts.length).toBe(5);
      // Vega draws each datum as a child of a `role-mark` group (axes and legends have roles of their own): an empty
      // chart draws none, this week's draw at least two (lines, points or bars).
      for (const chart of charts) expect(chart.marks, chart.title).toBeGreaterThanOrEqual(2);
      const overflowing = await page.evaluate<
        string[]
      >(`[...document.querySelectorAll('p, li, td, th, h1, h2, h3, figcaption, dd, dt')]
        .filter((element) => element.scrollWidth > element.clientWidth + 1)
        .map((element) => element.tagName + ': ' + (element.textContent ?? '').slice(0, 60))`);
      expect(overflowing).toEqual([]);
      expect(await accessibilityViolations(page)).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 120_000);
});

describe('a week without data', () => {
  it('says plainly that nothing was stored, with no empty chart left unexplained', async () => {
    const { model, html } = await t.context.weeklyReport.html(reportWeek('2020-W53', TZ), READER);
    expect(model.hasData).toBe(false);
    expect(model.summary).toEqual([
      'In week 53 (28 december 2020 t/m 3 januari 2021) zijn geen berichten en geen vragen opgeslagen (0 berichten, 0 vragen): dit rapport kan niet zeggen wat er speelde. Kijk bij Dekking welke bronnen leverden.',
    ]);
    expect(html).not.toContain('<svg');
    // Each of the five charts says it has nothing to draw (questions in posts is the fifth).
    expect(html.match(/Geen gegevens om te tekenen/g)?.length).toBe(5);
  });
});

describe('GET /api/v1/reports/weekly', () => {
  const get = (url: string, role: string) =>
    api.inject({ method: 'GET', url, headers: { authorization: `Bearer ${keys[role]}` } });

  it('gives an analyst the PDF of the week as a download', async () => {
    const response = await get('/api/v1/reports/weekly?week=2021-W04', 'analyst');
    expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="situatierapport-2021-W04.pdf"',
    );
    expect(response.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const file = path.join(dir, 'api.pdf');
    fs.writeFileSync(file, response.rawPayload);
    expect(flat(pdfText(file, '-f', '1', '-l', '1'))).toContain('Situatierapport week 4');
  }, 60_000);

  it('refuses a viewer, and a week that does not exist with a message naming week', async () => {
    expect((await get('/api/v1/reports/weekly?week=2021-W04', 'viewer')).statusCode).toBe(403);
    const missing = await get('/api/v1/reports/weekly?week=2021-W53', 'analyst');
    expect(missing.statusCode).toBe(400);
    expect(missing.json<{ message: string }>().message).toBe(
      'week: 2021 has ISO weeks 1 to 52; week 53 does not exist (got "2021-W53")',
    );
    const malformed = await get('/api/v1/reports/weekly?week=2021-3', 'analyst');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json<{ message: string }>().message).toContain('week: expected an ISO week');
    expect((await get('/api/v1/reports/weekly', 'analyst')).statusCode).toBe(400);
  });

  it('gives the report of a period of days, and refuses a wrong period naming the parameter', async () => {
    const response = await get('/api/v1/reports/weekly?from=2021-01-25&to=2021-01-28', 'analyst');
    expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="situatierapport-2021-01-25_2021-01-28.pdf"',
    );
    const file = path.join(dir, 'days.pdf');
    fs.writeFileSync(file, response.rawPayload);
    const first = flat(pdfText(file, '-f', '1', '-l', '1'));
    expect(first).toContain('Situatierapport 25 t/m 27 januari 2021');
    expect(first).toContain('vergeleken met 22 t/m 24 januari 2021');
    expect(first).toContain('vorige periode');
    expect(first).not.toContain('vorige week');
    const refused = async (query: string) => {
      const answer = await get(`/api/v1/reports/weekly?${query}`, 'analyst');
      expect(answer.statusCode, query).toBe(400);
      return answer.json<{ message: string }>().message;
    };
    expect(await refused('from=2021-01-25&to=2021-01-25')).toMatch(/^to: the period is empty/);
    expect(await refused('from=2021-01-25&to=2021-01-18')).toMatch(/^to: the period ends/);
    expect(await refused('from=2020-01-01&to=2021-06-01')).toMatch(/^to: the period is 517 days long/);
    expect(await refused('from=2021-01-25')).toMatch(/^to: /);
    expect(await refused('week=2021-W04&from=2021-01-25&to=2021-01-28')).toMatch(/^week: /);
    expect(await refused('from=2021-02-30&to=2021-03-02')).toMatch(/^from: expected a date/);
  }, 60_000);
});
