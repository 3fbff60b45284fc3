// The service's web pages served on a local port for a browser test, and Debian's Chromium to drive them
// (tools/web-browser.ts): a new page at 1280x800 in Dutch, and signing in through the real sign-in form.
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { buildApi, type Api } from '../../services/api/app.js';
import type { ApiDeps } from '../../services/api/api-deps.js';
import type { AppContext } from '../../services/app-context.js';
import { launchChromium } from '../../tools/web-browser.js';

export interface WebUser {
  name: string;
  password: string;
}

export interface BrowserServer {
  api: Api;
  browser: Browser;
  /** `http://127.0.0.1:<port>`, where the pages are served. */
  base: string;
  /** A fresh browser context (no cookies) and its page; every step may take up to `step` ms. */
  newPage(step: number, options?: BrowserContextOptions): Promise<{ context: BrowserContext; page: Page }>;
  /** Fills and sends the sign-in form on `page`, and waits for the page it leads to. */
  signIn(page: Page, user: WebUser): Promise<void>;
  /** `newPage` and `signIn` in one. */
  signedIn(
    user: WebUser,
    step: number,
    options?: BrowserContextOptions,
  ): Promise<{ context: BrowserContext; page: Page }>;
  /** Closes the browser, then the server (not the app context: that is the test's). */
  close(): Promise<void>;
}

/** Serves the API and web pages of `context` (with `deps` beside it) and starts Chromium. */
export async function serveForBrowser(
  context: AppContext,
  deps: Omit<ApiDeps, 'context' | 'redisHealth'> = {},
): Promise<BrowserServer> {
  const api = await buildApi(
    { context, redisHealth: () => Promise.resolve('ok'), ...deps },
    { logger: false },
  );
  await api.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(api.server.address() as AddressInfo).port}`;
  let browser: Browser;
  try {
    browser = await launchChromium();
  } catch (error) {
    await api.close();
    throw error;
  }
  const newPage = async (step: number, options: BrowserContextOptions = {}) => {
    const browserContext = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      locale: 'nl-NL',
      ...options,
    });
    browserContext.setDefaultTimeout(step);
    return { context: browserContext, page: await browserContext.newPage() };
  };
  const signIn = async (page: Page, user: WebUser) => {
    await page.goto(`${base}/inloggen`);
    await page.getByLabel('Gebruikersnaam').fill(user.name);
    await page.getByLabel('Wachtwoord', { exact: true }).fill(user.password);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.waitForLoadState('load');
  };
  return {
    api,
    browser,
    base,
    newPage,
    signIn,
    async signedIn(user, step, options) {
      const opened = await newPage(step, options);
      await signIn(opened.page, user);
      return opened;
    },
    async close() {
      try {
        await browser.close();
      } finally {
        await api.close();
      }
    },
  };
}
