// npm run bench:questions [-- --rows N --registers M]: imports a generated KCC log of N rows (default 100,000) into a
// fresh database end to end (read, check, classify, route, store with events and rollups), then makes M single-
// question register calls (default 2,000) from 8 concurrent callers through the service the API and the pages use.
// Prints one JSON object: import rows/s, and p50/p95 of a register call in ms (classification and routing included).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { createAppContext } from '../services/app-context.js';
import { readEnv } from '../services/config/env.js';
import { importQuestionLog } from '../services/questions/question-import.service.js';
import type { QuestionActor } from '../services/questions/question.js';
import { benchRunId, createBenchDatabase, dropBenchDatabase } from './bench-database.js';

const arg = (name: string, fallback: number) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const ROWS = arg('--rows', 100_000);
const REGISTERS = arg('--registers', 2_000);
const CONCURRENCY = 8;

const QUESTIONS = [
  'Mag mijn terras na tien uur nog open blijven?',
  'Moet ik een mondkapje dragen in de bus naar het ziekenhuis?',
  'Waar kan ik me laten testen als ik klachten heb?',
  'Krijg ik een boete als ik zonder coronatoegangsbewijs naar binnen ga?',
  'Geldt de noodverordening ook voor een demonstratie op het plein?',
  'Wanneer gaan de scholen weer open na de kerstvakantie?',
  'Hoe vraag ik de tegemoetkoming voor ondernemers aan?',
  'Mag de sportschool open blijven met de nieuwe maatregelen?',
  'Tot hoe laat mogen winkels open op zaterdag?',
  'Wanneer wordt het grofvuil opgehaald in mijn wijk?',
];
const CHANNELS = ['Telefoon', 'E-mail', 'Balie', 'Webformulier', 'Social'];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
const round = (ms: number) => Math.round(ms * 100) / 100;

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onderstroom-bench-questions-'));
  // Its own uniquely named database, dropped at the end; another run on the same server is never touched.
  const database = await createBenchDatabase('questions', benchRunId());
  const url = database.url;
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
  holidays: ['2026-12-25']
`,
  );
  const env = readEnv(
    {
      ...process.env,
      DATABASE_URL: url,
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
  try {
    const file = path.join(dir, 'kcc-log.csv');
    const lines = ['Registratienummer;Datum;Tijd;Kanaal;Vraag'];
    const start = Date.parse('2026-11-02T07:00:00Z');
    for (let i = 0; i < ROWS; i++) {
      const at = new Date(start + i * 20_000);
      const date = `${String(at.getUTCDate()).padStart(2, '0')}-${String(at.getUTCMonth() + 1).padStart(2, '0')}-${at.getUTCFullYear()}`;
      const time = `${String(at.getUTCHours()).padStart(2, '0')}:${String(at.getUTCMinutes()).padStart(2, '0')}`;
      lines.push(`B-${i};${date};${time};${CHANNELS[i % 5]};${QUESTIONS[i % QUESTIONS.length]} (${i})`);
    }
    fs.writeFileSync(file, lines.join('\n'));
    const actor: QuestionActor = { name: 'bench', role: 'kcc', team: null, apiKeyId: null };
    const began = performance.now();
    const imported = await importQuestionLog(context.questions.questions, actor, file, {
      preset: 'kcc',
      timeZone: 'Europe/Amsterdam',
    });
    const importSeconds = (performance.now() - began) / 1000;

    const latencies: number[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (;;) {
          const i = next++;
          if (i >= REGISTERS) return;
          const t0 = performance.now();
          await context.questions.questions.register(actor, 'form', [
            {
              external_id: `form-${i}`,
              received_at: new Date(start + i * 60_000).toISOString(),
              channel: 'telefoon',
              text: `${QUESTIONS[i % QUESTIONS.length]} (${i})`,
            },
          ]);
          latencies.push(performance.now() - t0);
        }
      }),
    );
    latencies.sort((a, b) => a - b);
    console.log(
      JSON.stringify(
        {
          import: {
            rows: imported.rows,
            new: imported.new,
            errors: imported.errors.length,
            seconds: round(importSeconds),
            rowsPerSecond: Math.round(imported.rows / importSeconds),
          },
          register: {
            calls: REGISTERS,
            concurrency: CONCURRENCY,
            p50Ms: round(percentile(latencies, 50)),
            p95Ms: round(percentile(latencies, 95)),
          },
          cpus: os.cpus().length,
        },
        null,
        2,
      ),
    );
  } finally {
    await context.close();
    await dropBenchDatabase(database.name);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
