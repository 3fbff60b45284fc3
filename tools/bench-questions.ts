// npm run bench:questions [-- --rows N --registers M --lists K]: imports a generated KCC log of N rows (default
// 100,000) into a fresh database end to end (read, check, classify, route, store with events and rollups), then makes
// M single-question register calls (default 10,000, as the issue asks) from 8 concurrent callers through the service
// the API and the pages use, then K calls (default 200) of each queue listing over everything stored.
// Prints one JSON object: import rows/s, p50/p95 of a register call in ms (classification and routing included),
// p50/p95 of each listing, and beside each a floor measured in the same run on the same server (COPY of the same
// rows; a one-row insert per transaction from the same 8 callers), since other work may share the machine.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { pino } from 'pino';
import { createAppContext } from '../services/app-context.js';
import { readEnv } from '../services/config/env.js';
import { pg } from '../services/db/pg-defaults.js';
import { importQuestionLog } from '../services/questions/question-import.service.js';
import type { QuestionActor } from '../services/questions/question.js';
import type { QueueFilter, QuestionsService } from '../services/questions/questions.service.js';
import { benchRunId, createBenchDatabase, dropBenchDatabase } from './bench-database.js';
import { numberArg, percentile, twoDecimals } from './bench-figures.js';

const ROWS = numberArg('--rows', 100_000);
const REGISTERS = numberArg('--registers', 10_000);
const LISTS = numberArg('--lists', 200);
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

function summary(latencies: number[]): { p50Ms: number; p95Ms: number } {
  const sorted = [...latencies].sort((a, b) => a - b);
  return { p50Ms: twoDecimals(percentile(sorted, 50)), p95Ms: twoDecimals(percentile(sorted, 95)) };
}

/** Runs `call(i)` for i in [0, total) from `callers` concurrent callers; the latency of each call in ms. */
async function timedCalls(total: number, callers: number, call: (i: number) => Promise<unknown>) {
  const latencies: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: callers }, async () => {
      for (;;) {
        const i = next++;
        if (i >= total) return;
        const t0 = performance.now();
        await call(i);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return latencies;
}

const QUESTION_COLUMNS =
  'source, external_id, received_at, channel, text, language, topics, sentiment_score, sentiment_label, sentiment_model, status, team, due_at, callback_wanted, callback_by';

/** The floor of the import: COPY of the stored question rows into an empty table with the same columns and indexes. */
async function copyFloor(url: string, dir: string): Promise<{ seconds: number; rows: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const file = path.join(dir, 'questions.copy');
    await pipeline(
      client.query(copyTo(`copy (select ${QUESTION_COLUMNS} from questions) to stdout`)),
      fs.createWriteStream(file),
    );
    await client.query('create table bench_questions_floor (like questions including all)');
    const began = performance.now();
    await pipeline(
      fs.createReadStream(file),
      client.query(copyFrom(`copy bench_questions_floor (${QUESTION_COLUMNS}) from stdin`)),
    );
    const seconds = (performance.now() - began) / 1000;
    const counted = await client.query<{ n: string }>('select count(*) as n from bench_questions_floor');
    return { seconds, rows: Number(counted.rows[0]!.n) };
  } finally {
    await client.end();
  }
}

/** The floor of a register call: one single-row insert per transaction (one commit each) from the same callers. */
async function commitFloor(url: string, total: number): Promise<number[]> {
  const pool = new pg.Pool({ connectionString: url, max: CONCURRENCY });
  try {
    await pool.query('truncate bench_questions_floor');
    return await timedCalls(total, CONCURRENCY, (i) =>
      pool.query(
        `insert into bench_questions_floor (${QUESTION_COLUMNS})
         values ('floor', $1, now(), 'telefoon', $2, 'nl', '{}', 0, 'neutral', 'bench', 'doorgestuurd', 'kcc', now(),
           false, null)`,
        [`floor-${i}`, QUESTIONS[i % QUESTIONS.length]],
      ),
    );
  } finally {
    await pool.end();
  }
}

/**
 * A queue in use: most stored questions answered or closed, some taken up, some overdue. Seeded by one statement
 * (what the service would reach through answer/close calls, which would take this benchmark hours).
 */
async function spreadStatuses(url: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // k spreads the statuses independently of the question texts (which repeat with the id): 60% closed, 10%
    // answered, 10% taken up, 1% waiting for the resident, the rest forwarded, of which half overdue.
    await client.query(`
      update questions q set
        status = case when s.k < 60 then 'gesloten' when s.k < 70 then 'beantwoord'
          when s.k < 80 then 'in behandeling' when s.k = 80 then 'wacht op inwoner' else q.status end,
        answered_at = case when s.k < 70 then q.received_at + interval '1 day' end,
        answered_how = case when s.k < 70 then 'per e-mail' end,
        answer = case when s.k < 70 then 'Zie de website van de gemeente.' end,
        closed_at = case when s.k < 60 then q.received_at + interval '2 days' end,
        overdue_at = case when s.k >= 90 then q.due_at end,
        escalated_at = case when s.k >= 90 then q.due_at end
      from (select id, abs(hashint8(id)) % 100 as k from questions) s
      where s.id = q.id`);
    await client.query('analyze questions');
    const counts = await client.query<{ status: string; n: string }>(
      'select status, count(*) as n from questions group by status order by status',
    );
    return Object.fromEntries(counts.rows.map((row) => [row.status, Number(row.n)]));
  } finally {
    await client.end();
  }
}

async function listings(
  questions: QuestionsService,
  stored: { fromMs: number; toMs: number },
): Promise<Record<string, { rows: number; p50Ms: number; p95Ms: number }>> {
  const coordinator: QuestionActor = { name: 'bench', role: 'coordinator', team: null, apiKeyId: null };
  const member: QuestionActor = { name: 'bench', role: 'team', team: 'economische-zaken', apiKeyId: null };
  const day = 86_400_000;
  const mid = Math.floor((stored.fromMs + stored.toMs) / 2 / day) * day;
  const oneDay = { fromMs: mid, toMs: mid + day };
  const cases: [string, QuestionActor, QueueFilter][] = [
    ['coordinator, no filter', coordinator, {}],
    ['coordinator, status doorgestuurd', coordinator, { status: 'doorgestuurd' }],
    ['coordinator, status gesloten', coordinator, { status: 'gesloten' }],
    ['coordinator, team handhaving', coordinator, { team: 'handhaving' }],
    ['coordinator, status wacht op inwoner', coordinator, { status: 'wacht op inwoner' }],
    ['coordinator, topic horeca', coordinator, { topic: 'horeca' }],
    ['coordinator, topic avondklok (none)', coordinator, { topic: 'avondklok' }],
    ['coordinator, overdue', coordinator, { overdue: true }],
    ['coordinator, one day', coordinator, oneDay],
    ['coordinator, team + status + day', coordinator, { team: 'kcc', status: 'doorgestuurd', ...oneDay }],
    ['team member, no filter', member, {}],
    ['team member, status in behandeling', member, { status: 'in behandeling' }],
    ['team member, overdue', member, { overdue: true }],
    ['team member, status wacht op inwoner', member, { status: 'wacht op inwoner' }],
  ];
  const results: Record<string, { rows: number; p50Ms: number; p95Ms: number }> = {};
  for (const [name, actor, filter] of cases) {
    let rows = 0;
    // Pages 1..5 in turn: the page after a cursor is what a reader paging on asks for.
    const cursors: (string | null)[] = [null];
    const latencies = await timedCalls(LISTS, 1, async (i) => {
      const k = i % 5;
      const page = await questions.list(
        actor,
        { ...filter, cursor: cursors[k] ?? null },
        'bench.questions.list',
      );
      if (k === 0) rows = page.questions.length;
      if (k === cursors.length - 1 && cursors.length < 5 && page.nextCursor) cursors.push(page.nextCursor);
    });
    results[name] = { rows, ...summary(latencies) };
  }
  return results;
}

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
    // Every store is one statement and so one transaction: counted here, how many questions share one.
    const repository = context.questions.repository;
    const store = repository.store.bind(repository);
    let transactions = 0;
    repository.store = (rows, now) => {
      transactions += 1;
      return store(rows, now);
    };
    const loadBefore = os.loadavg()[0]!;
    const began = performance.now();
    const imported = await importQuestionLog(context.questions.questions, actor, file, {
      preset: 'kcc',
      timeZone: 'Europe/Amsterdam',
    });
    const importSeconds = (performance.now() - began) / 1000;
    const importTransactions = transactions;
    const floor = await copyFloor(url, dir);

    const registerLatencies = await timedCalls(REGISTERS, CONCURRENCY, (i) =>
      context.questions.questions.register(actor, 'form', [
        {
          external_id: `form-${i}`,
          received_at: new Date(start + i * 60_000).toISOString(),
          channel: 'telefoon',
          text: `${QUESTIONS[i % QUESTIONS.length]} (${i})`,
        },
      ]),
    );
    const registerTransactions = transactions - importTransactions;
    const floorLatencies = await commitFloor(url, REGISTERS);
    const register = summary(registerLatencies);
    const commit = summary(floorLatencies);

    const statuses = await spreadStatuses(url);
    const listed = await listings(context.questions.questions, {
      fromMs: start,
      toMs: start + Math.max(ROWS * 20_000, REGISTERS * 60_000),
    });
    const importRate = imported.rows / importSeconds;
    const copyRate = floor.rows / floor.seconds;
    console.log(
      JSON.stringify(
        {
          import: {
            rows: imported.rows,
            new: imported.new,
            errors: imported.errors.length,
            seconds: twoDecimals(importSeconds),
            rowsPerSecond: Math.round(importRate),
            transactions: importTransactions,
            floor: {
              method:
                'COPY of the stored question rows into an empty table with the same columns and indexes',
              seconds: twoDecimals(floor.seconds),
              rowsPerSecond: Math.round(copyRate),
            },
            shareOfFloor: Math.round((importRate / copyRate) * 1000) / 1000,
          },
          register: {
            calls: REGISTERS,
            concurrency: CONCURRENCY,
            ...register,
            floor: {
              method: 'one single-row insert per transaction into that table, from the same 8 callers',
              ...commit,
            },
            p95OverFloor: Math.round((register.p95Ms / commit.p95Ms) * 100) / 100,
            transactions: registerTransactions,
            questionsPerTransaction: Math.round((REGISTERS / registerTransactions) * 100) / 100,
          },
          list: {
            stored: Object.values(statuses).reduce((a, b) => a + b, 0),
            statuses,
            callsEach: LISTS,
            limit: 100,
            cases: listed,
          },
          cpus: os.cpus().length,
          loadAverage1m: { atStart: twoDecimals(loadBefore), atEnd: twoDecimals(os.loadavg()[0]!) },
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
