// The queue board (/admin/queues) and the API docs (/api/docs) in Debian's Chromium, signed in as an admin on the
// web pages: each page renders from its own files under its policy, with no CSP violation and no script error.
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApi, type Api } from '../../services/api/app.js';
import { Queues } from '../../services/jobs/queues.js';
import { producerConnection } from '../../services/jobs/redis-connection.js';
import { QUEUE_NAMES } from '../../services/jobs/catalogue.js';
import { launchChromium } from '../../tools/web-browser.js';
import { createTestContext, type TestContext } from '../support/context.js';

const ADMIN = { name: 'beheer', password: 'beheer-wachtwoord-lang' };
const STEP = 30_000;

let t: TestContext;
let api: Api;
let queues: Queues;
let browser: Browser;
let base: string;

beforeAll(async () => {
  t = await createTestContext();
  queues = new Queues(producerConnection(t.env.redisUrl), t.env.queuePrefix);
  api = await buildApi(
    { context: t.context, redisHealth: () => Promise.resolve('ok'), queues },
    { logger: false },
  );
  await api.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(api.server.address() as AddressInfo).port}`;
  await t.context.users.users.create({ name: ADMIN.name, role: 'admin', password: ADMIN.password });
  await queues.add('detect.tick', {}, { jobId: 'browser-board-tick' });
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await api?.close();
  for (const name of QUEUE_NAMES) await queues?.queue(name).obliterate({ force: true });
  await queues?.close();
  queues?.connection.disconnect();
  await t?.close();
});

/** A signed-in admin's page that records every console error (CSP violations are reported there) and script error. */
async function adminPage(): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  context.setDefaultTimeout(STEP);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(`${base}/inloggen`);
  await page.getByLabel('Gebruikersnaam').fill(ADMIN.name);
  await page.getByLabel('Wachtwoord', { exact: true }).fill(ADMIN.password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.waitForLoadState('load');
  return { page, problems };
}

describe('admin pages in a browser', () => {
  it('the queue board lists every queue under its CSP', async () => {
    const { page, problems } = await adminPage();
    const response = await page.goto(`${base}/admin/queues`);
    expect(response?.status()).toBe(200);
    for (const name of QUEUE_NAMES) await page.getByText(name, { exact: true }).first().waitFor();
    // One queue opened: its waiting job is listed (the board's API answered through the same session).
    await page.getByText('detect', { exact: true }).first().click();
    await page
      .getByText(/browser-board-tick/)
      .first()
      .waitFor();
    // The one thing refused, on purpose: the board's web font from Google (no third party is asked).
    expect(problems.filter((problem) => !problem.includes('https://fonts.googleapis.com/'))).toEqual([]);
    expect(problems.length).toBeLessThanOrEqual(1);
    await page.context().close();
  });

  it('the API docs render the document under their CSP', async () => {
    const { page, problems } = await adminPage();
    const response = await page.goto(`${base}/api/docs`);
    expect(response?.status()).toBe(200);
    await page.getByText('Onderstroom API').first().waitFor();
    await page.getByText('/api/v1/series', { exact: true }).first().waitFor();
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
