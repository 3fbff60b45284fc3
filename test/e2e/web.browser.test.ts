// The web pages in a real browser (Debian's Chromium): sign in, create a user, first sign-in with the one-time
// password, sign out, lockout, CSRF refusal and session expiry; the KCC registers a question by keyboard alone,
// the team member answers and closes it; every page scanned with axe at WCAG 2.1 AA.
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApi, type Api } from '../../services/api/app.js';
import { accessibilityViolations, launchChromium } from '../../tools/web-browser.js';
import { createTestContext, type TestContext } from '../support/context.js';

const CONFIG = `
questions:
  default_team: handhaving
  teams:
    - id: handhaving
      name: Handhaving
    - id: economische-zaken
      name: Economische Zaken
  routes:
    - { topic: horeca, team: economische-zaken }
web:
  lockout_attempts: 3
`;
const ADMIN = { name: 'beheer', password: 'beheer-wachtwoord-lang' };
const KCC = { name: 'kcc.amira', password: 'kcc-wachtwoord-lang' };
const TEAM = { name: 'ez.piet', password: 'team-wachtwoord-lang' };
// Browser start and argon2 on a loaded machine can take seconds; every step has room to spare.
const STEP = 30_000;

let t: TestContext;
let api: Api;
let browser: Browser;
let base: string;

beforeAll(async () => {
  t = await createTestContext(CONFIG);
  api = await buildApi({ context: t.context, redisHealth: () => Promise.resolve('ok') }, { logger: false });
  await api.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(api.server.address() as AddressInfo).port}`;
  const users = t.context.users;
  await users.users.create({ name: ADMIN.name, role: 'admin', password: ADMIN.password });
  await users.users.create({ name: KCC.name, role: 'kcc', password: KCC.password });
  await users.users.create({
    name: TEAM.name,
    role: 'team',
    team: 'economische-zaken',
    password: TEAM.password,
  });
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await api?.close();
  await t?.close();
});

async function fresh(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'nl-NL' });
  context.setDefaultTimeout(STEP);
  const page = await context.newPage();
  return { context, page };
}

async function signIn(page: Page, name: string, password: string): Promise<void> {
  await page.goto(`${base}/inloggen`);
  await page.getByLabel('Gebruikersnaam').fill(name);
  await page.getByLabel('Wachtwoord', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.waitForLoadState('load');
}

/** The focused element of a Tab stop inside main, and how its focus is drawn. */
interface FocusStop {
  id: string;
  outline: string;
  width: string;
  /** Focus sits in a part of the control (a date field's picker), not on the control itself. */
  inside: boolean;
}

async function expectAccessible(page: Page): Promise<void> {
  expect(await accessibilityViolations(page), `axe on ${page.url()}`).toEqual([]);
}

describe('the web pages in Chromium', () => {
  it('signs in as admin, shows the start page, creates a user who signs in with the one-time password', async () => {
    const { context, page } = await fresh();
    await page.goto(`${base}/`);
    expect(page.url()).toBe(`${base}/inloggen?terug=%2F`);
    await expect.poll(() => page.title()).toBe('Inloggen – Onderstroom');
    await expectAccessible(page);
    // The first Tab stop is the skip link, and it leads to the main content.
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement?.textContent')).toBe('Direct naar de inhoud');

    await signIn(page, ADMIN.name, ADMIN.password);
    expect(page.url()).toBe(`${base}/`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Welkom, beheer');
    expect(await page.locator('.onderstroom-facts').textContent()).toContain('Beheerder');
    await expectAccessible(page);

    await page.getByRole('link', { name: 'Gebruikers' }).first().click();
    await page.waitForURL(`${base}/gebruikers`);
    await expectAccessible(page);
    // An empty form: every field named in the summary, linked to the field.
    await page.getByRole('button', { name: 'Gebruiker aanmaken' }).click();
    await page.waitForLoadState('load');
    const summary = page.locator('.onderstroom-error-summary');
    expect(await summary.textContent()).toContain('Gebruikersnaam: Vul een gebruikersnaam in.');
    await expectAccessible(page);
    await summary.getByRole('link', { name: /Rol:/ }).click();
    expect(await page.evaluate('document.activeElement?.id')).toBe('rol');

    await page.getByLabel('Gebruikersnaam').fill('h.jansen');
    await page.getByLabel('Rol').selectOption('team');
    await page.getByLabel('Team').selectOption('handhaving');
    await page.getByRole('button', { name: 'Gebruiker aanmaken' }).click();
    await page.waitForLoadState('load');
    const oneTime = (await page.locator('#eenmalig-wachtwoord').textContent())!.trim();
    expect(oneTime).toMatch(/^[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}$/);
    expect(await page.locator('table').textContent()).toContain('h.jansen');
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Uitloggen' }).first().click();
    await page.waitForURL(`${base}/inloggen?uitgelogd=1`);
    expect(await page.locator('[role=status]').textContent()).toContain('U bent uitgelogd.');

    await signIn(page, 'h.jansen', oneTime);
    expect(page.url()).toBe(`${base}/wachtwoord`);
    await expectAccessible(page);
    await page.goto(`${base}/`);
    expect(page.url()).toBe(`${base}/wachtwoord`);
    await page.getByLabel('Huidig wachtwoord').fill(oneTime);
    await page.getByLabel('Nieuw wachtwoord', { exact: true }).fill('een eigen lange zin');
    await page.getByLabel('Herhaal het nieuwe wachtwoord').fill('een eigen lange zin');
    await page.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
    await page.waitForURL(`${base}/`);
    const facts = await page.locator('.onderstroom-facts').textContent();
    expect(facts).toContain('Teamlid');
    expect(facts).toContain('Handhaving');
    expect(await page.getByRole('link', { name: 'Gebruikers' }).count()).toBe(0);
    await page.goto(`${base}/uitloggen`);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Ja, uitloggen' }).click();
    await page.waitForURL(`${base}/inloggen?uitgelogd=1`);
    await page.goto(`${base}/`);
    expect(page.url()).toContain('/inloggen');
    await context.close();
  }, 180_000);

  it('locks a name after repeated failures and says until when, in Dutch', async () => {
    const { context, page } = await fresh();
    for (let i = 0; i < 2; i++) {
      await signIn(page, ADMIN.name, 'niet-het-wachtwoord');
      expect(await page.locator('.onderstroom-error-summary').textContent()).toContain('klopt niet');
    }
    await expectAccessible(page);
    await signIn(page, ADMIN.name, 'niet-het-wachtwoord');
    const message = await page.locator('.onderstroom-error-summary').textContent();
    expect(message).toMatch(
      /Te veel mislukte pogingen met deze gebruikersnaam\. Inloggen kan weer vanaf \d\d:\d\d uur/,
    );
    await signIn(page, ADMIN.name, ADMIN.password);
    expect(page.url()).toBe(`${base}/inloggen`);
    await expectAccessible(page);
    await t.context.database.pool.query('delete from sign_in_failures');
    await context.close();
  }, 120_000);

  it('refuses a form whose CSRF token was tampered with, and stores nothing', async () => {
    const { context, page } = await fresh();
    await signIn(page, ADMIN.name, ADMIN.password);
    await page.goto(`${base}/gebruikers`);
    const before = await t.context.database.pool.query('select count(*) from users');
    await page.getByLabel('Gebruikersnaam').fill('vervalst');
    await page.getByLabel('Rol').selectOption('kcc');
    await page.evaluate(
      "document.querySelectorAll('input[name=_csrf]').forEach((input) => { input.value = 'vervalst'; })",
    );
    await page.getByRole('button', { name: 'Gebruiker aanmaken' }).click();
    await page.waitForLoadState('load');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Formulier verlopen');
    await expectAccessible(page);
    const after = await t.context.database.pool.query('select count(*) from users');
    expect(after.rows).toEqual(before.rows);
    await context.close();
  }, 120_000);

  it('sends a stale session back to the sign-in page with a notice, and back to the page after signing in', async () => {
    const { context, page } = await fresh();
    await signIn(page, ADMIN.name, ADMIN.password);
    await page.goto(`${base}/gebruikers`);
    await t.context.database.pool.query(
      `update user_sessions set last_seen_at = now() - interval '31 minutes'`,
    );
    await page.reload();
    expect(page.url()).toBe(`${base}/inloggen?terug=%2Fgebruikers&verlopen=1`);
    expect(await page.locator('[role=status]').textContent()).toContain('Uw sessie is verlopen');
    await expectAccessible(page);
    await page.getByLabel('Gebruikersnaam').fill(ADMIN.name);
    await page.getByLabel('Wachtwoord', { exact: true }).fill(ADMIN.password);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.waitForURL(`${base}/gebruikers`);
    await context.close();
  }, 120_000);

  it('registers a question by keyboard alone as the KCC and sees where it was routed', async () => {
    const { context, page } = await fresh();
    await signIn(page, KCC.name, KCC.password);
    await page.getByRole('link', { name: 'Vraag registreren' }).first().click();
    await page.waitForURL(`${base}/vragen/nieuw`);
    await expectAccessible(page);
    // From the top of the page, Tab walks the header, the menu, then the form's fields in reading order, each
    // with a visible focus outline.
    const order: string[] = [];
    for (let i = 0; i < 30 && !order.includes('opslaan'); i++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate<FocusStop | null>(`(() => {
        const el = document.activeElement;
        if (!el || !el.closest('main')) return null;
        const style = getComputedStyle(el);
        return { id: el.id || (el.type === 'submit' ? 'opslaan' : el.tagName), outline: style.outlineStyle, width: style.outlineWidth, inside: !el.matches(':focus') };
      })()`);
      if (focused === null) continue;
      // A date field takes one Tab per part (day, month, year, hours, minutes, picker): one stop in the order.
      if (order.at(-1) !== focused.id) order.push(focused.id);
      // Focus on the picker button inside the date field is drawn by the browser itself.
      if (focused.inside) continue;
      expect(focused.outline, `focus outline on ${focused.id}`).not.toBe('none');
      expect(focused.width, `focus outline on ${focused.id}`).not.toBe('0px');
    }
    expect(order).toEqual([
      'kanaal',
      'vraag',
      'team',
      'terugbellen',
      'terugbellen-voor',
      'naam',
      'telefoon',
      'email',
      'opslaan',
    ]);
    // An empty save: the summary names the field and its link moves the focus there.
    await page.keyboard.press('Enter');
    await page.waitForLoadState('load');
    const summary = page.locator('.onderstroom-error-summary');
    expect(await summary.textContent()).toContain('Vraag: Vul de vraag van de inwoner in.');
    await expectAccessible(page);
    await summary.getByRole('link', { name: /Vraag:/ }).focus();
    await page.keyboard.press('Enter');
    expect(await page.evaluate('document.activeElement?.id')).toBe('vraag');
    await page.keyboard.type(
      'Mag mijn terras open na tien uur nu de horeca eerder dicht moet? <script>x</script>',
    );
    await page.keyboard.press('Tab'); // team
    await page.keyboard.press('Tab'); // terugbellen
    await page.keyboard.press('Space');
    // The date field's parts each take a Tab; the name field is reached directly.
    await page.getByLabel('Naam').focus();
    await page.keyboard.type('J. de Vries');
    await page.keyboard.press('Tab'); // telefoon
    await page.keyboard.type('06 12345678');
    await page.keyboard.press('Tab'); // e-mail
    await page.keyboard.press('Tab'); // opslaan
    await page.keyboard.press('Enter');
    await page.waitForLoadState('load');
    expect(await page.locator('#bevestiging').textContent()).toMatch(
      /Vraag geregistreerd, doorgestuurd naar Economische Zaken, uiterlijk .+\d\d:\d\d\./,
    );
    expect(await page.locator('#vraag').inputValue()).toBe('');
    expect(await page.locator('#terugbellen').isChecked()).toBe(false);
    await expectAccessible(page);
    const stored = await t.context.database.pool.query<{ n: string }>(
      `select count(*) as n from questions where team = 'economische-zaken' and callback_wanted`,
    );
    expect(Number(stored.rows[0]!.n)).toBe(1);
    await context.close();
  }, 180_000);

  it('lets the team member find the question, read the contact details, answer and close it', async () => {
    const { context, page } = await fresh();
    await signIn(page, TEAM.name, TEAM.password);
    await page.getByRole('link', { name: 'Vragen', exact: true }).first().click();
    await page.waitForURL(`${base}/vragen`);
    expect(await page.locator('main').textContent()).toContain(
      'U ziet de vragen van uw team: Economische Zaken',
    );
    await expectAccessible(page);
    await page.getByLabel('Status').selectOption('doorgestuurd');
    await page.getByRole('button', { name: 'Filteren' }).click();
    await page.waitForURL(/status=doorgestuurd/);
    await expectAccessible(page);
    await page.getByRole('link', { name: /Mag mijn terras open/ }).click();
    await page.waitForURL(/\/vragen\/\d+$/);
    // Script typed into the form is shown as text.
    expect(await page.locator('.onderstroom-question-text').textContent()).toContain('<script>x</script>');
    expect(await page.locator('#team-waarde').textContent()).toBe('Economische Zaken');
    expect(await page.locator('table').last().textContent()).toContain(KCC.name);
    await expectAccessible(page);
    const questionUrl = page.url();

    await page.getByRole('link', { name: 'Contactgegevens bekijken' }).click();
    await page.waitForURL(/\/contact$/);
    expect(await page.locator('#contactgegevens').textContent()).toContain('06 12345678');
    await expectAccessible(page);
    await page.goto(questionUrl);

    await page
      .getByLabel('Antwoord', { exact: true })
      .fill('Ja, tot 22:00 uur; daarna moet het terras leeg zijn.');
    await page.getByLabel('Telefonisch teruggebeld').check();
    await page.getByRole('button', { name: 'Antwoord opslaan' }).click();
    await page.waitForURL(/gedaan=beantwoord/);
    expect(await page.locator('[role=status]').textContent()).toContain('Het antwoord is opgeslagen');
    expect(await page.locator('#status-waarde').textContent()).toBe('beantwoord');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Vraag sluiten' }).click();
    await page.waitForURL(/gedaan=gesloten/);
    expect(await page.locator('#status-waarde').textContent()).toBe('gesloten');
    const history = await page.locator('table').last().textContent();
    expect(history).toContain('Beantwoord');
    expect(history).toContain('Gesloten');
    expect(history).toContain(TEAM.name);
    await expectAccessible(page);

    await page.goto(`${base}/vragen/999999`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Vraag niet gevonden');
    await expectAccessible(page);
    await page.goto(`${base}/bestaat-niet`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Pagina niet gevonden');
    await expectAccessible(page);
    await context.close();
  }, 180_000);

  it('loads every page with its stylesheet and icon, and nothing breaks the CSP', async () => {
    // A context without axe (axe adds its own styles): what a user's browser sees.
    const { context, page } = await fresh();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy|Refused/.test(message.text()))
        problems.push(`${page.url()}: ${message.text()}`);
    });
    page.on('response', (response) => {
      if (response.request().resourceType() !== 'document' && response.status() >= 400)
        problems.push(`${response.url()}: ${response.status()}`);
    });
    let styled = 0;
    page.on('response', (response) => {
      if (response.url().endsWith('/static/utrecht/index.css') && response.status() < 400) styled += 1;
    });
    await page.goto(`${base}/inloggen`);
    await signIn(page, ADMIN.name, ADMIN.password);
    for (const path of ['/', '/gebruikers', '/wachtwoord', '/uitloggen', '/vragen/nieuw', '/vragen']) {
      await page.goto(`${base}${path}`);
      expect(await page.locator('h1').count()).toBe(1);
    }
    expect(problems).toEqual([]);
    expect(styled).toBeGreaterThan(0);
    // The theme's brand colour reached the header: the stylesheet and its tokens apply.
    expect(
      await page.evaluate("getComputedStyle(document.querySelector('.onderstroom-header')).backgroundColor"),
    ).toBe('rgb(0, 88, 122)');
    await context.close();
  }, 120_000);
});
