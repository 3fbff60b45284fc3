// The page "Importeren" in a real browser (Debian's Chromium): an analyst uploads the sample export through the
// form, follows the progress and sees the summary; the pages pass axe at WCAG 2.1 AA; a viewer of another role
// is refused. A worker pool in this process imports the upload from the ingest queue.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Queues } from '../../services/jobs/queues.js';
import { producerConnection, workerConnection } from '../../services/jobs/redis-connection.js';
import { accessibilityViolations, CHROMIUM } from '../../tools/web-browser.js';
import { startWorkers, type WorkerPool } from '../../workers/worker-pool.js';
import { serveForBrowser, type BrowserServer, type WebUser } from '../support/browser.js';
import { ROOT } from '../support/cli.js';
import { createTestContext, type TestContext } from '../support/context.js';

const SAMPLE = path.join(ROOT, 'samples/obi4wan-sample.SYNTHETIC.csv');
const ANALYST = { name: 'analist.noor', password: 'analist-wachtwoord-lang' };
const KCC = { name: 'kcc.sam', password: 'kcc-wachtwoord-lang' };
const STEP = 60_000;

let t: TestContext;
let web: BrowserServer;
let base: string;
let queues: Queues;
let pool: WorkerPool;
const redis: { disconnect(): void }[] = [];

describe.skipIf(!fs.existsSync(CHROMIUM))('Importeren in the browser', () => {
  beforeAll(async () => {
    t = await createTestContext();
    const producer = producerConnection(t.env.redisUrl);
    const worker = workerConnection(t.env.redisUrl);
    redis.push(producer, worker);
    queues = new Queues(producer, t.env.queuePrefix);
    pool = startWorkers(t.context, worker, t.env.queuePrefix);
    web = await serveForBrowser(t.context, { importJobs: queues.importJobs() });
    base = web.base;
    await t.context.users.users.create({ name: ANALYST.name, role: 'analyst', password: ANALYST.password });
    await t.context.users.users.create({ name: KCC.name, role: 'kcc', password: KCC.password });
  }, 120_000);
  afterAll(async () => {
    await web?.close();
    await pool?.close();
    await queues?.close();
    for (const connection of redis) connection.disconnect();
    await t?.close();
  });

  const signedIn = (user: WebUser) => web.signedIn(user, STEP);

  it('an analyst uploads the sample export and sees the summary', async () => {
    const { context, page } = await signedIn(ANALYST);
    await page
      .getByRole('navigation', { name: 'Hoofdmenu' })
      .getByRole('link', { name: 'Importeren' })
      .click();
    await expect.poll(() => page.url()).toBe(`${base}/importeren`);
    expect(await accessibilityViolations(page), `axe on ${page.url()}`).toEqual([]);

    // Without a file the form names the field.
    await page.locator('#bestand').evaluate((input: { removeAttribute(name: string): void }) => {
      input.removeAttribute('required');
    });
    await page.getByRole('button', { name: 'Importeren' }).click();
    await page.waitForLoadState('load');
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/Bestand: kies een bestand/);
    expect(await accessibilityViolations(page), `axe on the refused form`).toEqual([]);

    await page.getByLabel('Bestand').setInputFiles(SAMPLE);
    await page.getByLabel('Soort export').selectOption('auto');
    await page.getByRole('button', { name: 'Importeren' }).click();
    await page.waitForURL(/\/importeren\/\d+$/);
    // The script follows the progress and reloads for the summary when the worker is done.
    await page.getByRole('heading', { name: 'Samenvatting' }).waitFor({ timeout: 120_000 });
    const facts = await page.locator('dl.onderstroom-facts').textContent();
    expect(facts).toMatch(
      /Rijen gelezen\s*2\.000\s*Nieuw opgeslagen\s*2\.000\s*Dubbel[^0-9]*0\s*Afgekeurd\s*0\s*Rijen per seconde\s*[\d.]+/,
    );
    expect(await page.getByText('Geen rijen afgekeurd.').count()).toBe(1);
    expect(await accessibilityViolations(page), `axe on ${page.url()}`).toEqual([]);

    // The list of earlier imports says who imported what, with which result.
    await page.getByRole('link', { name: 'Terug naar Importeren' }).click();
    const row = page.getByRole('row', { name: /obi4wan-sample\.SYNTHETIC\.csv/ });
    expect(await row.textContent()).toMatch(/analist\.noor.*Klaar.*2\.000/s);

    // The same file again is the same import.
    await page.getByLabel('Bestand').setInputFiles(SAMPLE);
    await page.getByRole('button', { name: 'Importeren' }).click();
    await page.waitForURL(/\/importeren\/\d+\?eerder=1$/);
    expect(await page.getByText('Dit bestand is al eerder aangeboden').count()).toBe(1);
    await context.close();
  }, 300_000);

  it('is not there for a KCC employee', async () => {
    const { context, page } = await signedIn(KCC);
    const response = await page.goto(`${base}/importeren`);
    expect(response?.status()).toBe(403);
    expect(await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByText('Importeren').count()).toBe(0);
    await context.close();
  }, 120_000);
});
