// npm run bench:pages [-- --stored N --saves M --sessions S]: the question pages over real HTTP on a fresh database. Stores N
// questions (default 100,000) through the register service, then 8 signed-in KCC sessions each open the form and
// save it until M saves are done (default 10,000: classification, routing and the one-time form id included),
// then a coordinator opens the queue page 200 times (no filter, each filter, the next page). Prints one JSON object
// with p50/p95 of a save and of a queue page, in ms.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { buildApi } from '../services/api/app.js';
import { createAppContext } from '../services/app-context.js';
import { readEnv } from '../services/config/env.js';
import type { QuestionActor } from '../services/questions/question.js';
import { benchRunId, createBenchDatabase, dropBenchDatabase } from './bench-database.js';
import { numberArg, percentile, twoDecimals } from './bench-figures.js';

const STORED = numberArg('--stored', 100_000);
const SAVES = numberArg('--saves', 10_000);
const SESSIONS = numberArg('--sessions', 8);
const QUEUE_READS = 200;
const PASSWORD = 'bench-wachtwoord-lang';

const QUESTIONS = [
  'Mag mijn terras na tien uur nog open blijven?',
  'Moet ik een mondkapje dragen in de bus naar het ziekenhuis?',
  'Waar kan ik me laten testen als ik klachten heb?',
  'Krijg ik een boete als ik zonder coronatoegangsbewijs naar binnen ga?',
  'Geldt de noodverordening ook voor een demonstratie op het plein?',
  'Wanneer gaan de scholen weer open na de kerstvakantie?',
  'Hoe vraag ik de tegemoetkoming voor ondernemers aan?',
  'Tot hoe laat mogen winkels open op zaterdag?',
];
const CHANNELS = ['telefoon', 'e-mail', 'balie', 'webformulier', 'social'];

/** One browser's worth of state: cookies and the CSRF token of the last page. */
class Session {
  private readonly cookies = new Map<string, string>();
  token = '';

  constructor(private readonly base: string) {}

  async request(method: 'GET' | 'POST', url: string, fields?: Record<string, string>): Promise<string> {
    const response = await fetch(`${this.base}${url}`, {
      method,
      redirect: 'manual',
      headers: {
        cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; '),
        ...(fields ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      body: fields ? new URLSearchParams({ _csrf: this.token, ...fields }).toString() : undefined,
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
    const body = await response.text();
    if (response.status >= 400) throw new Error(`${method} ${url}: ${response.status}`);
    const token = /name="_csrf" value="([^"]+)"/.exec(body);
    if (token) this.token = token[1]!;
    return body;
  }

  async signIn(name: string): Promise<void> {
    await this.request('GET', '/inloggen');
    await this.request('POST', '/inloggen', { naam: name, wachtwoord: PASSWORD, terug: '/' });
  }
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onderstroom-bench-pages-'));
  const database = await createBenchDatabase('pages', benchRunId());
  const configPath = path.join(dir, 'onderstroom.yaml');
  fs.writeFileSync(
    configPath,
    `questions:
  default_team: kcc
  teams:
    - { id: kcc, name: KCC, due_hours: 16 }
    - { id: economische-zaken, name: Economische Zaken, due_hours: 16 }
    - { id: handhaving, name: Handhaving, due_hours: 8 }
  routes:
    - { topic: horeca, team: economische-zaken }
    - { topic: handhaving, team: handhaving }
`,
  );
  const env = readEnv(
    {
      ...process.env,
      DATABASE_URL: database.url,
      ONDERSTROOM_CONFIG: configPath,
      ONDERSTROOM_DATA_DIR: dir,
      LOG_LEVEL: 'warn',
    },
    dir,
  );
  const context = await createAppContext(env, {
    log: pino({ level: 'warn' }, pino.destination(2)),
    migrate: true,
  });
  const api = await buildApi({ context, redisHealth: () => Promise.resolve('ok') }, { logger: false });
  try {
    await api.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(api.server.address() as AddressInfo).port}`;
    const { users } = context.users;
    for (let s = 0; s < SESSIONS; s++)
      await users.create({ name: `kcc-${s}`, role: 'kcc', password: PASSWORD });
    await users.create({ name: 'coordinator', role: 'coordinator', password: PASSWORD });

    const actor: QuestionActor = { name: 'bench', role: 'admin', team: null, apiKeyId: null };
    const start = Date.now() - STORED * 30_000;
    const storeBegan = performance.now();
    for (let from = 0; from < STORED; from += 1_000) {
      await context.questions.questions.register(
        actor,
        'bench',
        Array.from({ length: Math.min(1_000, STORED - from) }, (_, k) => {
          const i = from + k;
          return {
            external_id: `stored-${i}`,
            received_at: new Date(start + i * 30_000).toISOString(),
            channel: CHANNELS[i % CHANNELS.length]!,
            text: `${QUESTIONS[i % QUESTIONS.length]} (${i})`,
          };
        }),
      );
    }
    const storeSeconds = (performance.now() - storeBegan) / 1000;
    // Some overdue, as the sweep would flag them, so the overdue filter has rows to find.
    await context.database.pool.query(
      `update questions set overdue_at = now() where id % 50 = 0 and closed_at is null`,
    );

    const saves: number[] = [];
    let next = 0;
    const savesBegan = performance.now();
    await Promise.all(
      Array.from({ length: SESSIONS }, async (_, s) => {
        const session = new Session(base);
        await session.signIn(`kcc-${s}`);
        let form = await session.request('GET', '/vragen/nieuw');
        for (;;) {
          const i = next++;
          if (i >= SAVES) return;
          const formId = /name="formulier" value="([^"]+)"/.exec(form)![1]!;
          const t0 = performance.now();
          // The answer is the confirmation and the next empty form.
          form = await session.request('POST', '/vragen/nieuw', {
            formulier: formId,
            kanaal: CHANNELS[i % CHANNELS.length]!,
            vraag: `${QUESTIONS[i % QUESTIONS.length]} (formulier ${i})`,
            team: '',
            naam: i % 3 === 0 ? 'J. de Vries' : '',
            telefoon: i % 3 === 0 ? '06 12345678' : '',
            email: '',
          });
          saves.push(performance.now() - t0);
          if (!form.includes('Vraag geregistreerd')) throw new Error(`save ${i} was not confirmed`);
        }
      }),
    );
    const savesSeconds = (performance.now() - savesBegan) / 1000;

    const coordinator = new Session(base);
    await coordinator.signIn('coordinator');
    const first = await coordinator.request('GET', '/vragen');
    const nextPage = /href="(\/vragen\?[^"]+)" rel="next"/.exec(first)![1]!.replace(/&amp;/g, '&');
    const urls = [
      '/vragen',
      '/vragen?status=doorgestuurd',
      '/vragen?team=economische-zaken',
      '/vragen?onderwerp=horeca',
      '/vragen?te-laat=ja',
      '/vragen?team=handhaving&onderwerp=handhaving&status=doorgestuurd',
      nextPage,
    ];
    const reads: number[] = [];
    for (let i = 0; i < QUEUE_READS; i++) {
      const t0 = performance.now();
      const page = await coordinator.request('GET', urls[i % urls.length]!);
      reads.push(performance.now() - t0);
      if (!page.includes('Vragen, nieuwste eerst')) throw new Error(`queue read ${i} failed`);
    }
    const stored = await context.database.pool.query<{ n: string }>('select count(*) as n from questions');
    saves.sort((a, b) => a - b);
    reads.sort((a, b) => a - b);
    console.log(
      JSON.stringify(
        {
          stored: { questions: Number(stored.rows[0]!.n), seedSeconds: twoDecimals(storeSeconds) },
          formSave: {
            saves: saves.length,
            sessions: SESSIONS,
            perSecond: Math.round(saves.length / savesSeconds),
            p50Ms: twoDecimals(percentile(saves, 50)),
            p95Ms: twoDecimals(percentile(saves, 95)),
          },
          queuePage: {
            reads: reads.length,
            urls,
            p50Ms: twoDecimals(percentile(reads, 50)),
            p95Ms: twoDecimals(percentile(reads, 95)),
          },
          cpus: os.cpus().length,
        },
        null,
        2,
      ),
    );
  } finally {
    await api.close();
    await context.close();
    await dropBenchDatabase(database.name);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
