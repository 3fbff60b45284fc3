// npm run bench:vragen [-- --questions N --answers M]: registers N questions (default 100,000) over 30 days through
// the register (classified, routed, counted in the rollups), answers M of them (default 5,000), then runs every
// query of the Vragen dashboard over those 30 days in-process (Fastify inject, so the figures are the API's own
// work): p50/p95 per query. Prints one JSON object.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { buildApi } from '../services/api/app.js';
import { createAppContext } from '../services/app-context.js';
import { readEnv } from '../services/config/env.js';
import type { QuestionActor, RawQuestion } from '../services/questions/question.js';
import { MAX_BATCH } from '../services/questions/questions.service.js';
import { expandQueryUrl, listQueries } from '../dashboards/src/query.catalogue.js';
import { benchQueuePrefix, benchRunId, createBenchDatabase, dropBenchDatabase } from './bench-database.js';
import { numberArg, percentile, twoDecimals } from './bench-figures.js';

const QUESTIONS = numberArg('--questions', 100_000);
const ANSWERS = numberArg('--answers', 5_000);
const DAY = 86_400_000;

const TEXTS = [
  'Mag mijn terras na tien uur nog open blijven?',
  'Moet ik een mondkapje dragen in de bus naar het ziekenhuis?',
  'Waar kan ik me laten testen als ik klachten heb?',
  'Krijg ik een boete als ik zonder coronatoegangsbewijs naar binnen ga?',
  'Geldt de noodverordening ook voor een demonstratie op het plein?',
  'Wanneer gaan de scholen weer open na de kerstvakantie?',
  'Hoe vraag ik de tegemoetkoming voor ondernemers aan?',
  'Wanneer wordt het grofvuil opgehaald in mijn wijk?',
];
const CHANNELS = ['telefoon', 'e-mail', 'balie', 'webformulier', 'social'];

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onderstroom-bench-vragen-'));
  const run = benchRunId();
  const database = await createBenchDatabase('vragen', run);
  const configPath = path.join(dir, 'onderstroom.yaml');
  fs.writeFileSync(
    configPath,
    `questions:
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
      ONDERSTROOM_QUEUE_PREFIX: benchQueuePrefix('vragen', run),
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
    const actor: QuestionActor = { name: 'bench', role: 'admin', team: null, apiKeyId: null };
    const end = Date.now();
    const start = end - 30 * DAY;
    const step = (end - start) / QUESTIONS;
    const seeded = performance.now();
    const ids: string[] = [];
    for (let first = 0; first < QUESTIONS; first += MAX_BATCH) {
      const batch: RawQuestion[] = [];
      for (let i = first; i < Math.min(QUESTIONS, first + MAX_BATCH); i++) {
        batch.push({
          external_id: `v-${i}`,
          received_at: new Date(Math.floor(start + i * step)).toISOString(),
          channel: CHANNELS[i % CHANNELS.length]!,
          text: `${TEXTS[i % TEXTS.length]} (${i})`,
        });
      }
      const result = await context.questions.questions.register(actor, 'bench', batch);
      ids.push(...Object.values(result.ids));
    }
    const registerSeconds = (performance.now() - seeded) / 1000;
    // Answer every (N / M)th question, so answer times spread from minutes to a month.
    const every = Math.max(1, Math.floor(ids.length / ANSWERS));
    let answered = 0;
    for (let i = 0; i < ids.length && answered < ANSWERS; i += every, answered++)
      await context.questions.questions.answer(actor, ids[i]!, { answer: 'Zo zit het.', how: 'per e-mail' });

    const { key } = await context.apiKeys.create('bench', 'viewer');
    const headers = { authorization: `Bearer ${key}` };
    // Up to now: the answers were given after the last question was received.
    const values = { __from: String(start), __to: String(Date.now() + 1), topic: 'all', channel: 'all' };
    const queries = listQueries().filter((q) => q.dashboardUid === 'onderstroom-vragen');
    const distinct = [...new Map(queries.map((q) => [expandQueryUrl(q.url, values), q])).entries()];
    const results = [];
    for (const [url, query] of distinct) {
      for (let i = 0; i < 5; i++) await api.inject({ url, headers });
      const times: number[] = [];
      let body: unknown[] = [];
      for (let i = 0; i < 50; i++) {
        const t0 = performance.now();
        const response = await api.inject({ url, headers });
        times.push(performance.now() - t0);
        if (response.statusCode !== 200) throw new Error(`${url} answered ${response.statusCode}`);
        body = response.json<unknown[]>();
      }
      times.sort((a, b) => a - b);
      results.push({
        panel: `${query.origin}: ${query.panelTitle} (${query.refId})`,
        url: url.replace(/from=\d+&to=\d+/, 'from=…&to=…'),
        rows: body.length,
        // The team rows are the figures themselves; shown so a run proves they counted what was seeded.
        ...(url.startsWith('/grafana/questions/') ? { answer: body } : {}),
        p50_ms: twoDecimals(percentile(times, 50)),
        p95_ms: twoDecimals(percentile(times, 95)),
      });
    }
    console.log(
      JSON.stringify(
        {
          questions: QUESTIONS,
          answered,
          days: 30,
          seed_register_seconds: twoDecimals(registerSeconds),
          queries: results,
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
