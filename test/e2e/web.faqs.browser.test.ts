// The FAQ pages in a real browser (Debian's Chromium): a coordinator opens an FAQ made stale by a measure change,
// edits it and sees the new version in its history, marks it "gecontroleerd"; the list, the FAQ page and the public
// page scanned with axe at WCAG 2.1 AA. Skipped only when /usr/bin/chromium is not installed.
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApi, type Api } from '../../services/api/app.js';
import { parseFaqFile } from '../../services/faqs/faq-file.js';
import { accessibilityViolations, launchChromium } from '../../tools/web-browser.js';
import { createTestContext, type TestContext } from '../support/context.js';

const HAS_CHROMIUM = fs.existsSync('/usr/bin/chromium');
const COORDINATOR = { name: 'coordinator', password: 'coordinator-wachtwoord' };
const STEP = 30_000;

let t: TestContext;
let api: Api;
let browser: Browser;
let base: string;
let faqId: string;

beforeAll(async () => {
  if (!HAS_CHROMIUM) return;
  t = await createTestContext('');
  api = await buildApi({ context: t.context, redisHealth: () => Promise.resolve('ok') }, { logger: false });
  await api.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(api.server.address() as AddressInfo).port}`;
  await t.context.users.users.create({
    name: COORDINATOR.name,
    role: 'coordinator',
    password: COORDINATOR.password,
  });
  const actor = { name: 'import:faqs.csv', role: 'admin' as const, apiKeyId: null };
  await t.context.faqs.faqs.importEntries(
    actor,
    'faqs.csv',
    parseFaqFile(
      'faqs.csv',
      new TextEncoder().encode(
        'id;vraag;antwoord;onderwerp\na1;Hoe laat begint de avondklok?;Om 21.00 uur.;avondklok\n',
      ),
    ),
    'gepubliceerd',
  );
  faqId = (await t.context.faqs.faqs.published())[0]!.id;
  const fields = {
    level: 'national' as const,
    region: null,
    municipality: null,
    title: 'Avondklok ingesteld',
    summary: null,
    announcedOn: null,
    effectiveFrom: '2021-01-23',
    effectiveUntil: null,
    topics: ['avondklok'],
    direction: 'tightening' as const,
    sourceUrl: null,
    sources: [],
    verified: true,
    note: null,
  };
  await t.context.measures.editing.create({ id: 'avondklok-2021', ...fields }, { notify: false });
  await t.context.measures.editing.update(
    'avondklok-2021',
    { title: 'Avondklok vanaf 22.00 uur' },
    { notify: true },
  );
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await api?.close();
  await t?.close();
});

async function expectAccessible(page: Page): Promise<void> {
  expect(await accessibilityViolations(page), `axe on ${page.url()}`).toEqual([]);
}

describe.skipIf(!HAS_CHROMIUM)('the FAQ pages in Chromium', () => {
  it('edits a stale FAQ, sees the new version, and marks it checked', { timeout: 180_000 }, async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'nl-NL' });
    context.setDefaultTimeout(STEP);
    const page = await context.newPage();
    await page.goto(`${base}/inloggen`);
    await page.getByLabel('Gebruikersnaam').fill(COORDINATOR.name);
    await page.getByLabel('Wachtwoord', { exact: true }).fill(COORDINATOR.password);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.waitForLoadState('load');

    await page.goto(`${base}/faq-beheer?controleren=ja`);
    await expect.poll(() => page.getByRole('cell', { name: 'Mogelijk verouderd' }).count()).toBe(1);
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Hoe laat begint de avondklok?' }).click();
    await page.waitForLoadState('load');
    expect(await page.getByRole('heading', { name: 'Mogelijk verouderd' }).count()).toBe(1);
    expect(await page.locator('main').innerText()).toContain('Avondklok vanaf 22.00 uur');
    await expectAccessible(page);

    await page.getByLabel('Antwoord (platte tekst; webadressen worden links)').fill('Om 22.00 uur.');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.waitForLoadState('load');
    expect(await page.getByRole('status').first().innerText()).toContain('opgeslagen als een nieuwe versie');
    const history = page.getByRole('table', { name: 'Wie wat wanneer wijzigde' });
    expect(await history.getByRole('row').nth(1).innerText()).toMatch(/^3\s.*coordinator.*answer/s);
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Gecontroleerd' }).click();
    await page.waitForLoadState('load');
    expect(await page.getByRole('heading', { name: 'Mogelijk verouderd' }).count()).toBe(0);
    expect((await t.context.faqs.faqs.open(null, faqId)).faq.stale).toBeNull();

    await page.goto(`${base}/faqs`);
    expect(await page.getByRole('heading', { name: 'Hoe laat begint de avondklok?' }).count()).toBe(1);
    await expectAccessible(page);
    await context.close();
  });
});
