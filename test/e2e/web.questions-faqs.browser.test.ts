// The KCC side of FAQ matching in a real browser (Debian's Chromium): a KCC employee registers a question, sees
// "Antwoord staat mogelijk in FAQ", opens the question, is told to choose how, then answers it with the FAQ; a
// coordinator writes a concept FAQ with "Nieuwe FAQ" after a refused empty save. Every state is scanned with axe at
// WCAG 2.1 AA. Skipped only when /usr/bin/chromium is not installed.
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations } from '../../tools/web-browser.js';
import { serveForBrowser, type BrowserServer } from '../support/browser.js';
import { createTestContext, type TestContext } from '../support/context.js';

const HAS_CHROMIUM = fs.existsSync('/usr/bin/chromium');
const KCC = { name: 'kcc.amira', password: 'kcc-wachtwoord-lang' };
const COORDINATOR = { name: 'coordinator', password: 'coordinator-wachtwoord' };
const STEP = 30_000;

let t: TestContext;
let web: BrowserServer;
let base: string;
let faqId: string;

beforeAll(async () => {
  if (!HAS_CHROMIUM) return;
  t = await createTestContext('');
  web = await serveForBrowser(t.context);
  base = web.base;
  await t.context.users.users.create({ name: KCC.name, role: 'kcc', password: KCC.password });
  await t.context.users.users.create({
    name: COORDINATOR.name,
    role: 'coordinator',
    password: COORDINATOR.password,
  });
  faqId = (
    await t.context.faqs.faqs.create(
      { name: 'test', role: 'admin', apiKeyId: null },
      {
        question: 'Mag de kapper open?',
        answer: 'Ja, kappers mogen open met een afspraak.',
        status: 'gepubliceerd',
      },
    )
  ).id;
}, 120_000);
afterAll(async () => {
  await web?.close();
  await t?.close();
});

async function expectAccessible(page: Page): Promise<void> {
  expect(await accessibilityViolations(page), `axe on ${page.url()}`).toEqual([]);
}

describe.skipIf(!HAS_CHROMIUM)('FAQs at the KCC in Chromium', () => {
  it(
    'registers a question that matches an FAQ and answers it with the FAQ',
    { timeout: 180_000 },
    async () => {
      const { context, page } = await web.signedIn(KCC, STEP);
      await page.goto(`${base}/vragen/nieuw`);
      await page.getByLabel('Vraag', { exact: true }).fill('Mag mijn kapper weer open?');
      await page.getByRole('button', { name: 'Vraag opslaan' }).click();
      await page.waitForLoadState('load');
      const confirmation = page.getByRole('status');
      expect(await confirmation.innerText()).toContain('Antwoord staat mogelijk in FAQ: Mag de kapper open?');
      await expectAccessible(page);

      await page.getByRole('link', { name: /^Vraag \d+ openen$/ }).click();
      await page.waitForLoadState('load');
      expect(await page.getByRole('heading', { name: "FAQ's bij deze vraag" }).count()).toBe(1);
      await expectAccessible(page);

      // Chosen the FAQ but not how: refused at the field, linked from the summary.
      await page.getByLabel('Mag de kapper open? (voorgesteld)').check();
      await page.getByRole('button', { name: 'Beantwoord met FAQ' }).click();
      await page.waitForLoadState('load');
      await page
        .getByRole('link', { name: /Hoe beantwoord/ })
        .first()
        .click();
      expect(await page.evaluate('document.activeElement?.id')).toBe('faq-hoe-telefonisch-teruggebeld');
      await expectAccessible(page);

      await page.getByLabel('Mag de kapper open? (voorgesteld)').check();
      await page.getByLabel('Telefonisch teruggebeld').check();
      await page.getByRole('button', { name: 'Beantwoord met FAQ' }).click();
      await page.waitForLoadState('load');
      expect(await page.getByRole('status').first().innerText()).toContain('beantwoord met de FAQ');
      expect(await page.locator('#faq-waarde').innerText()).toBe('Mag de kapper open?');
      expect(await page.locator('#status-waarde').innerText()).toBe('beantwoord');
      await expectAccessible(page);
      const id = /\/vragen\/(\d+)/.exec(page.url())![1]!;
      expect((await t.context.questions.repository.get(id))!.answeredFaqId).toBe(faqId);
      await context.close();
    },
  );

  it('writes a concept FAQ with Nieuwe FAQ after a refused empty save', { timeout: 180_000 }, async () => {
    const { context, page } = await web.signedIn(COORDINATOR, STEP);
    await page.goto(`${base}/faq-beheer`);
    await page.getByRole('link', { name: 'Nieuwe FAQ' }).click();
    await page.waitForLoadState('load');
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Concept opslaan' }).click();
    await page.waitForLoadState('load');
    await page.locator('a[href="#vraag"]').click();
    expect(await page.evaluate('document.activeElement?.id')).toBe('vraag');
    await expectAccessible(page);

    await page.getByLabel('Vraag', { exact: true }).fill('Moet ik een mondkapje dragen in de bus?');
    await page
      .getByLabel('Antwoord', { exact: true })
      .fill('Ja, in het openbaar vervoer draagt u een mondkapje.');
    await page.getByLabel('inwoners').check();
    await page.getByRole('button', { name: 'Concept opslaan' }).click();
    await page.waitForLoadState('load');
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(
      'Moet ik een mondkapje dragen in de bus?',
    );
    expect(await page.getByRole('status').first().innerText()).toContain('opgeslagen als concept');
    await expectAccessible(page);
    await context.close();
  });
});
