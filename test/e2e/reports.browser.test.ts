// The page "Rapportage" in a real browser (Debian's Chromium): a coordinator chooses a week, reads the report as a
// page (which itself passes axe at WCAG 2.1 AA) and downloads its PDF, and does the same for a period of days; a week
// that does not exist, or a period that ends before it starts, is an error at the field; a KCC employee does not see
// the page.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations, CHROMIUM } from '../../tools/web-browser.js';
import { serveForBrowser, type BrowserServer, type WebUser } from '../support/browser.js';
import { createTestContext, type TestContext } from '../support/context.js';

const COORDINATOR = { name: 'coordinator.lisa', password: 'coordinator-wachtwoord-lang' };
const KCC = { name: 'kcc.sam', password: 'kcc-wachtwoord-lang' };
const STEP = 60_000;

let t: TestContext;
let web: BrowserServer;
let base: string;

describe.skipIf(!fs.existsSync(CHROMIUM))('Rapportage in the browser', () => {
  beforeAll(async () => {
    t = await createTestContext('organisation:\n  name: Gemeente Proefstad\n');
    web = await serveForBrowser(t.context);
    base = web.base;
    await t.context.users.users.create({
      name: COORDINATOR.name,
      role: 'coordinator',
      password: COORDINATOR.password,
    });
    await t.context.users.users.create({ name: KCC.name, role: 'kcc', password: KCC.password });
  }, 120_000);
  afterAll(async () => {
    await web?.close();
    await t?.close();
  });

  const signedIn = (user: WebUser) => web.signedIn(user, STEP, { acceptDownloads: true });

  it('a coordinator chooses a week, reads its report and downloads the PDF', async () => {
    const { context, page } = await signedIn(COORDINATOR);
    await page
      .getByRole('navigation', { name: 'Hoofdmenu' })
      .getByRole('link', { name: 'Rapportage' })
      .click();
    await expect.poll(() => page.url()).toBe(`${base}/rapportage`);
    expect(await accessibilityViolations(page), `axe on ${page.url()}`).toEqual([]);

    const week = page.getByLabel('Week');
    const options = await week.locator('option').allTextContents();
    expect(options).toHaveLength(26);
    const chosen = await week.locator('option').nth(1).getAttribute('value');
    expect(chosen).toMatch(/^\d{4}-W\d{2}$/);
    await week.selectOption(chosen as string);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'PDF downloaden' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`situatierapport-${chosen}.pdf`);
    const file = await download.path();
    expect(fs.readFileSync(file).subarray(0, 5).toString('latin1')).toBe('%PDF-');

    await page.getByRole('button', { name: 'Bekijken' }).click();
    await page.waitForURL(/\/rapportage\/bekijken\?week=/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toMatch(
      /^Situatierapport week \d+ \(/,
    );
    expect(await page.getByRole('heading', { name: 'Wat speelt er' }).count()).toBe(1);
    // The test database is empty: the report says so rather than drawing empty charts.
    expect(await page.getByText('zijn geen berichten en geen vragen opgeslagen').count()).toBe(1);
    expect(await accessibilityViolations(page), 'axe on the report itself').toEqual([]);
    await context.close();
  }, 300_000);

  it('names the field when the week does not exist', async () => {
    const { context, page } = await signedIn(COORDINATOR);
    const response = await page.goto(`${base}/rapportage/download?week=2021-W53`);
    expect(response?.status()).toBe(400);
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toMatch(/Week: "2021-W53" is geen week die bestaat/);
    expect(await page.getByLabel('Week').getAttribute('aria-invalid')).toBe('true');
    expect(await accessibilityViolations(page), 'axe on the refused form').toEqual([]);
    await context.close();
  }, 120_000);

  it('a coordinator gives a period of days, reads its report and downloads the PDF', async () => {
    const { context, page } = await signedIn(COORDINATOR);
    await page.goto(`${base}/rapportage`);
    await page.getByLabel('Van').fill('2021-01-18');
    await page.getByLabel('Tot (niet meegeteld)').fill('2021-01-25');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'PDF van de periode' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('situatierapport-2021-01-18_2021-01-25.pdf');
    expect(
      fs
        .readFileSync(await download.path())
        .subarray(0, 5)
        .toString('latin1'),
    ).toBe('%PDF-');

    await page.getByRole('button', { name: 'Periode tonen' }).click();
    await page.waitForURL(/\/rapportage\/bekijken\?van=2021-01-18&tot=2021-01-25/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'Situatierapport 18 t/m 24 januari 2021',
    );
    expect(await page.getByText('zijn geen berichten en geen vragen opgeslagen').count()).toBe(1);
    await context.close();
  }, 300_000);

  it('names the field when the period ends before it starts, and keeps what was typed', async () => {
    const { context, page } = await signedIn(COORDINATOR);
    await page.goto(`${base}/rapportage`);
    await page.getByLabel('Van').fill('2021-01-25');
    await page.getByLabel('Tot (niet meegeteld)').fill('2021-01-18');
    await page.getByRole('button', { name: 'Periode tonen' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toMatch(/Tot \(niet meegeteld\): de periode eindigt voordat hij begint/);
    const to = page.getByLabel('Tot (niet meegeteld)');
    expect(await to.getAttribute('aria-invalid')).toBe('true');
    expect(await to.inputValue()).toBe('2021-01-18');
    expect(await page.getByLabel('Van').getAttribute('aria-invalid')).toBeNull();
    // The error in the summary links to the field, whose own error message describes it.
    expect(await page.getByRole('alert').getByRole('link').getAttribute('href')).toBe('#tot');
    expect(await to.getAttribute('aria-describedby')).toBe('periode-uitleg tot-fout');
    expect(await accessibilityViolations(page), 'axe on the refused period').toEqual([]);
    await context.close();
  }, 120_000);

  it('is not there for a KCC employee', async () => {
    const { context, page } = await signedIn(KCC);
    const response = await page.goto(`${base}/rapportage`);
    expect(response?.status()).toBe(403);
    expect(await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByText('Rapportage').count()).toBe(0);
    await context.close();
  }, 120_000);
});
