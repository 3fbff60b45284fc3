// "Vragen zonder FAQ" in a real browser (Debian's Chromium): a coordinator opens the page from the menu, sees the
// cluster of the questions no FAQ answers (contact details masked), turns it into a concept FAQ with one click and
// lands on that FAQ; an analyst reads the online questions beside the KCC's (the post's text, its pseudonymised
// author); a coordinator turns an online cluster into a concept FAQ the same way; the gaps page scanned with axe at
// WCAG 2.1 AA for both. Skipped only when /usr/bin/chromium is missing.
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApi, type Api } from '../../services/api/app.js';
import { accessibilityViolations, launchChromium } from '../../tools/web-browser.js';
import { createTestContext, type TestContext } from '../support/context.js';
import { raw } from '../support/mentions.js';

const HAS_CHROMIUM = fs.existsSync('/usr/bin/chromium');
const COORDINATOR = { name: 'coordinator', password: 'coordinator-wachtwoord' };
const ANALYST = { name: 'analist', password: 'analist-wachtwoord' };
const STEP = 30_000;

let t: TestContext;
let api: Api;
let browser: Browser;
let base: string;

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
  const yesterday = Date.now() - 86_400_000;
  await t.context.questions.questions.register(
    { name: 'test', role: 'admin', team: null, apiKeyId: null },
    'kcc-log',
    [
      'Wanneer wordt het grofvuil opgehaald in de Dorpsstraat?',
      'Wanneer wordt grofvuil opgehaald? Mail me: piet@example.nl',
      'wanneer word grofvuil opgehaald bij de flat',
    ].map((text, i) => ({
      external_id: `b-${i}`,
      received_at: new Date(yesterday + i * 60_000).toISOString(),
      channel: 'telefoon' as const,
      text,
    })),
  );
  await t.context.faqs.gaps.decide();
  await t.context.users.users.create({ name: ANALYST.name, role: 'analyst', password: ANALYST.password });
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
        author: `Inwoner ${i}`,
        postedAt: new Date(yesterday + i * 60_000),
      }),
    ),
    { sourceId: 'obi4wan', sourceKind: 'obi4wan' },
  );
  await t.context.faqs.gaps.decideMentions();
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await api?.close();
  await t?.close();
});

async function signIn(user: { name: string; password: string }): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'nl-NL' });
  context.setDefaultTimeout(STEP);
  const page = await context.newPage();
  await page.goto(`${base}/inloggen`);
  await page.getByLabel('Gebruikersnaam').fill(user.name);
  await page.getByLabel('Wachtwoord', { exact: true }).fill(user.password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.waitForLoadState('load');
  return page;
}

async function expectAccessible(page: Page): Promise<void> {
  expect(await accessibilityViolations(page), `axe on ${page.url()}`).toEqual([]);
}

describe.skipIf(!HAS_CHROMIUM)('Vragen zonder FAQ in Chromium', () => {
  it('turns a gap into a concept FAQ with one click', { timeout: 180_000 }, async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'nl-NL' });
    context.setDefaultTimeout(STEP);
    const page = await context.newPage();
    await page.goto(`${base}/inloggen`);
    await page.getByLabel('Gebruikersnaam').fill(COORDINATOR.name);
    await page.getByLabel('Wachtwoord', { exact: true }).fill(COORDINATOR.password);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.waitForLoadState('load');

    await page.getByRole('link', { name: 'Vragen zonder FAQ' }).first().click();
    await page.waitForLoadState('load');
    const main = await page.locator('main').innerText();
    expect(main).toContain('grofvuil');
    expect(main).toContain('[e-mailadres]');
    expect(main).not.toContain('piet@example.nl');
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Maak concept-FAQ' }).first().click();
    await page.waitForLoadState('load');
    expect(page.url()).toMatch(/\/faq-beheer\/\d+\?gedaan=aangemaakt$/);
    expect(await page.getByRole('status').first().innerText()).toContain('opgeslagen als concept');
    const concepts = await t.context.faqs.faqs.list(
      { name: 'test', role: 'admin', apiKeyId: null },
      { status: 'concept' },
    );
    expect(concepts.faqs).toHaveLength(1);
    expect(concepts.faqs[0]!.question).toMatch(/grofvuil/i);

    await page.goBack();
    await page.reload();
    expect(await page.getByRole('link', { name: 'Concept-FAQ van deze groep bekijken' }).count()).toBe(1);
    await context.close();
  });

  it('shows an analyst the online questions beside the KCC questions', { timeout: 180_000 }, async () => {
    const page = await signIn(ANALYST);
    await page.getByRole('link', { name: 'Vragen zonder FAQ' }).first().click();
    await page.waitForLoadState('load');
    const online = await page.getByRole('region', { name: 'Vragen online' }).innerText();
    expect(online).toContain('ijsbaan');
    expect(online).toContain('2 berichten');
    expect(online).not.toContain('Inwoner');
    const kcc = await page.getByRole('region', { name: 'Vragen bij het KCC' }).innerText();
    expect(kcc).toContain('grofvuil');
    expect(await page.getByRole('button', { name: 'Maak concept-FAQ' }).count()).toBe(0);
    await expectAccessible(page);
    await page.setViewportSize({ width: 420, height: 900 });
    await expectAccessible(page);
    await page.context().close();
  });

  it('turns an online gap into a concept FAQ with one click', { timeout: 180_000 }, async () => {
    const page = await signIn(COORDINATOR);
    await page.getByRole('link', { name: 'Vragen zonder FAQ' }).first().click();
    await page.waitForLoadState('load');
    const online = page.getByRole('region', { name: 'Vragen online' });
    expect(await online.innerText()).not.toContain('ijsbaan');
    await online.getByRole('button', { name: 'Maak concept-FAQ' }).click();
    await page.waitForLoadState('load');
    expect(page.url()).toMatch(/\/faq-beheer\/\d+\?gedaan=aangemaakt$/);
    const main = await page.locator('main').innerText();
    expect(main).toContain('ijsbaan');
    expect(main).not.toContain('Inwoner');
    await expectAccessible(page);

    await page.goBack();
    await page.reload();
    const after = page.getByRole('region', { name: 'Vragen online' });
    expect(await after.getByRole('link', { name: 'Concept-FAQ van deze groep bekijken' }).count()).toBe(1);
    expect(await after.getByRole('button', { name: 'Maak concept-FAQ' }).count()).toBe(0);
    await expectAccessible(page);
    await page.context().close();
  });
});
