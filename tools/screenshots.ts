// npm run screenshots: the web pages at 1280x800 in Debian's Chromium, written to docs/screenshots/, and pages 1
// and 2 of the weekly report of 2021-W03 on the synthetic sample (its PDF drawn by pdftoppm). Runs against a fresh
// database on the configured PostgreSQL (DATABASE_URL or the local default), dropped again afterwards.
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { pino } from 'pino';
import { buildApi } from '../services/api/app.js';
import { createAppContext } from '../services/app-context.js';
import { DEFAULT_DATABASE_URL, readEnv } from '../services/config/env.js';
import { pg } from '../services/db/pg-defaults.js';
import { reportWeek } from '../services/reports/weekly/report-week.js';
import { launchChromium } from './web-browser.js';

const root = path.resolve(import.meta.dirname, import.meta.filename.endsWith('.js') ? '../..' : '..');
const out = path.join(root, 'docs/screenshots');
const CONFIG = `organisation:
  name: Gemeente Huizen
questions:
  default_team: handhaving
  teams:
    - id: handhaving
      name: Handhaving
    - id: economische-zaken
      name: Economische Zaken
    - id: veiligheidsregio
      name: Veiligheidsregio
  routes:
    - { topic: horeca, team: economische-zaken }
    - { topic: noodverordening, team: veiligheidsregio }
`;

async function admin(serverUrl: string, statement: string): Promise<void> {
  const url = new URL(serverUrl);
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(out, `${name}.png`), fullPage: false });
  process.stderr.write(`docs/screenshots/${name}.png\n`);
}

async function signIn(page: Page, base: string, name: string, password: string): Promise<void> {
  await page.goto(`${base}/inloggen`);
  await page.getByLabel('Gebruikersnaam').fill(name);
  await page.getByLabel('Wachtwoord', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.waitForLoadState('load');
}

const env = readEnv();
const serverUrl = env.databaseUrl ?? DEFAULT_DATABASE_URL;
const database = `onderstroom_screenshots_${crypto.randomBytes(4).toString('hex')}`;
const url = new URL(serverUrl);
url.pathname = `/${database}`;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onderstroom-screenshots-'));
fs.writeFileSync(path.join(dir, 'onderstroom.yaml'), CONFIG);
fs.mkdirSync(out, { recursive: true });

await admin(serverUrl, `create database ${database}`);
try {
  const context = await createAppContext(
    {
      ...env,
      databaseUrl: url.toString(),
      configPath: path.join(dir, 'onderstroom.yaml'),
      configPathExplicit: true,
      dataDir: dir,
    },
    { log: pino({ level: 'warn' }), migrate: true },
  );
  const api = await buildApi({ context, redisHealth: () => Promise.resolve('ok') }, { logger: false });
  const browser = await launchChromium();
  try {
    await api.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(api.server.address() as AddressInfo).port}`;
    const { users } = context.users;
    await users.create({ name: 'beheer', role: 'admin', password: 'beheer-wachtwoord-lang' });
    await users.create({ name: 'm.dekker', role: 'coordinator', password: 'coordinator-wachtwoord' });
    await users.create({ name: 'kcc.amira', role: 'kcc', password: 'kcc-wachtwoord-lang' });

    const page = await (
      await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'nl-NL' })
    ).newPage();
    await page.goto(`${base}/inloggen`);
    await shoot(page, '01-inloggen');
    await signIn(page, base, 'beheer', 'niet het wachtwoord');
    await shoot(page, '02-inloggen-fout');
    await signIn(page, base, 'beheer', 'beheer-wachtwoord-lang');
    await shoot(page, '03-start-beheerder');
    await page.goto(`${base}/gebruikers`);
    await page.getByLabel('Gebruikersnaam').fill('<script>');
    await page.getByLabel('Rol').selectOption('team');
    await page.getByRole('button', { name: 'Gebruiker aanmaken' }).click();
    await page.waitForLoadState('load');
    await shoot(page, '04-gebruikers-fouten');
    await page.getByLabel('Gebruikersnaam').fill('h.jansen');
    await page.getByLabel('Rol').selectOption('team');
    await page.getByLabel('Team').selectOption('handhaving');
    await page.getByRole('button', { name: 'Gebruiker aanmaken' }).click();
    await page.waitForLoadState('load');
    const oneTime = (await page.locator('#eenmalig-wachtwoord').textContent())!.trim();
    await shoot(page, '05-gebruikers-aangemaakt');
    await page.getByRole('button', { name: 'Uitloggen' }).first().click();
    await page.waitForLoadState('load');
    await signIn(page, base, 'h.jansen', oneTime);
    await shoot(page, '06-wachtwoord-eerste-keer');
    await page.getByLabel('Huidig wachtwoord').fill(oneTime);
    await page.getByLabel('Nieuw wachtwoord', { exact: true }).fill('een eigen lange zin');
    await page.getByLabel('Herhaal het nieuwe wachtwoord').fill('een eigen lange zin');
    await page.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
    await page.waitForLoadState('load');
    await shoot(page, '07-start-teamlid');
    await page.goto(`${base}/uitloggen`);
    await shoot(page, '08-uitloggen');
    await page.getByRole('button', { name: 'Ja, uitloggen' }).click();
    await page.waitForLoadState('load');

    // The question pages: the KCC registers, the coordinator sees the queue and one question.
    await signIn(page, base, 'kcc.amira', 'kcc-wachtwoord-lang');
    await page.goto(`${base}/vragen/nieuw`);
    await shoot(page, '09-vraag-registreren');
    await page.getByRole('button', { name: 'Vraag opslaan' }).click();
    await page.waitForLoadState('load');
    await shoot(page, '10-vraag-registreren-fout');
    await page
      .getByLabel('Vraag', { exact: true })
      .fill('Mijn café moet om 22:00 dicht. Mag ik daarna nog afhaalmaaltijden verkopen aan de deur?');
    await page.getByLabel('De inwoner wil teruggebeld worden').check();
    await page.getByLabel('Naam').fill('J. de Vries');
    await page.getByLabel('Telefoonnummer').fill('06 12345678');
    await page.getByRole('button', { name: 'Vraag opslaan' }).click();
    await page.waitForLoadState('load');
    await shoot(page, '11-vraag-geregistreerd');
    const start = Date.now() - 3 * 3_600_000;
    await context.questions.questions.register(
      { name: 'kcc.amira', role: 'kcc', team: null, apiKeyId: null },
      'kcc-formulier',
      [
        'Moet ik een mondkapje dragen in de bus naar het ziekenhuis?',
        'Wie controleert of de terrassen om tien uur leeg zijn? Ik zie elke avond mensen zitten.',
        'Geldt de noodverordening ook voor een verjaardag in de tuin met tien mensen?',
        'Krijg ik als horecaondernemer compensatie voor de vervroegde sluiting?',
        'Is de markt op zaterdag gewoon open?',
      ].map((text, i) => ({
        external_id: `voorbeeld-${i}`,
        received_at: new Date(start + i * 1_200_000).toISOString(),
        channel: ['telefoon', 'e-mail', 'webformulier', 'telefoon', 'balie'][i]!,
        text,
      })),
    );
    // One example past its due time, as the overdue sweep would flag it.
    await context.database.pool.query(
      `update questions set overdue_at = now(), due_at = now() - interval '1 hour' where external_id = 'voorbeeld-4'`,
    );
    await page.getByRole('button', { name: 'Uitloggen' }).first().click();
    await page.waitForLoadState('load');
    await signIn(page, base, 'm.dekker', 'coordinator-wachtwoord');
    await page.goto(`${base}/vragen`);
    await shoot(page, '12-vragen');
    await page.getByRole('link', { name: /afhaalmaaltijden/ }).click();
    await page.waitForLoadState('load');
    await page.getByLabel('Behandelaar').fill('p.smit');
    await page.getByRole('button', { name: 'Toewijzing opslaan' }).click();
    await page.waitForLoadState('load');
    await shoot(page, '13-vraag');
    await page.getByRole('heading', { name: 'Beantwoorden' }).scrollIntoViewIfNeeded();
    await page.evaluate("document.getElementById('antwoord-kop').scrollIntoView({ block: 'start' })");
    await shoot(page, '14-vraag-beantwoorden');
    await page.goto(`${base}/bestaat-niet`);
    await shoot(page, '15-pagina-niet-gevonden');

    // The weekly report as the crisis team receives it: the sample's week 3 of 2021, with the shipped measures.
    await context.imports.importFile(path.join(root, 'samples/obi4wan-sample.SYNTHETIC.csv'), {
      preset: 'obi4wan',
    });
    await context.measures.timeline.loadFile(
      path.join(root, 'services/measures/seed/nl-corona-measures-2020-2022.yaml'),
    );
    // KCC questions of that week and the week before (the sample has none), one published FAQ, and their decisions
    // (the faqs.decide job), so Informatiebehoefte shows questions without an FAQ. Synthetic, like the sample.
    const kcc = { name: 'kcc.amira', role: 'kcc' as const, team: null, apiKeyId: null };
    const asked = [
      ['Moet ik een mondkapje dragen in de bus?', 'mondkapje', 3, 2],
      ['Vanaf hoe laat geldt de avondklok en heb ik een verklaring nodig voor mijn werk?', 'avondklok', 9, 4],
      ['Mag ik tijdens de avondklok de hond uitlaten?', 'hond', 6, 1],
      ['Krijg ik als horecaondernemer compensatie voor de sluiting?', 'horeca', 4, 3],
      ['Waar kan ik me laten testen als ik klachten heb?', 'testen', 5, 5],
    ] as const;
    const questions = asked.flatMap(([text, id, thisWeek, weekBefore]) => [
      ...Array.from({ length: thisWeek }, (_, i) => ({ id: `${id}-w03-${i}`, day: '2021-01-18', i, text })),
      ...Array.from({ length: weekBefore }, (_, i) => ({ id: `${id}-w02-${i}`, day: '2021-01-11', i, text })),
    ]);
    await context.questions.questions.register(
      kcc,
      'kcc-formulier',
      questions.map((q) => ({
        external_id: q.id,
        received_at: new Date(Date.parse(`${q.day}T09:00:00+01:00`) + (q.i % 6) * 86_400_000).toISOString(),
        channel: 'telefoon',
        text: q.text,
      })),
    );
    await context.faqs.faqs.create(
      { name: 'm.dekker', role: 'coordinator', apiKeyId: null },
      {
        question: 'Moet ik een mondkapje dragen in de bus?',
        answer: 'Ja, in het openbaar vervoer draagt iedereen vanaf 13 jaar een mondkapje.',
        status: 'gepubliceerd',
      },
    );
    await context.faqs.gaps.decide();
    const report = await context.weeklyReport.pdf(reportWeek('2021-W03', context.config.timezone), {
      apiKeyId: null,
      actor: 'system:screenshots',
    });
    const pdf = path.join(dir, report.filename);
    fs.writeFileSync(pdf, report.pdf);
    // One page at a time with -singlefile: pdftoppm pads page numbers by the page count (rapport-01 from 10 pages
    // on), and the names in docs/screenshots must not move with the report's length.
    for (const page of [1, 2])
      execFileSync('pdftoppm', [
        '-png',
        '-r',
        '80',
        '-f',
        String(page),
        '-l',
        String(page),
        '-singlefile',
        pdf,
        path.join(out, `rapport-${page}`),
      ]);
    // `npm run screenshots -- --report-pdf <file>` keeps the whole PDF, to look at the pages after the first two.
    const keep = process.argv.indexOf('--report-pdf');
    if (keep > 0 && process.argv[keep + 1]) fs.copyFileSync(pdf, path.resolve(process.argv[keep + 1]!));
  } finally {
    await browser.close();
    await api.close();
    await context.close();
  }
} finally {
  await admin(serverUrl, `drop database if exists ${database}`);
  fs.rmSync(dir, { recursive: true, force: true });
}
