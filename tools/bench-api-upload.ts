// npm run bench:upload [-- --mb 1024] [-- --cli path/to/bin/onderstroom.js]: the API process's memory during a
// large upload (issue 18's target: API RSS <= 200 MB during a 1 GB upload). Starts the API role alone, reads its RSS
// at idle, then uploads a generated OBI4wan export of about `--mb` MB through POST /api/v1/imports and samples the
// RSS every 100 ms until the 202; prints the idle RSS, the highest sample and the kernel's high-water mark.
// No worker runs: the import is queued and never run, so the figures are the upload's alone. The file's data rows
// are those of a 20,000-row export repeated (the import would count the repeats as duplicates).
// --cli points at another build (say a copy of main's) to compare two builds in the same session.
// The API starts through the build's `onderstroom` script, with the V8 flags it gives the API role. A build that
// knows ONDERSTROOM_MEMORY_SAMPLES also says which part of its memory grew (the heap, the young generation,
// ArrayBuffers: the request body's Buffers live outside the heap) at idle and at most during the upload.
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeSyntheticObi4wanExport } from './importers/synthetic-export.js';
import { benchQueuePrefix, benchRunId, createBenchDatabase, dropBenchDatabase } from './bench-database.js';
import { numberArg, twoDecimals } from './bench-figures.js';
import { freePort } from './free-port.js';
import { spawnRole } from './role-process.js';
import { readMemorySamples, type MemorySample } from '../services/metrics/memory-samples.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cliAt = process.argv.indexOf('--cli');
const cli = cliAt > 0 ? path.resolve(process.argv[cliAt + 1]!) : path.join(root, 'bin/onderstroom.js');
const MB = numberArg('--mb', 1024);
const runId = benchRunId();

function statusMb(child: ChildProcess, field: 'VmRSS' | 'VmHWM'): number {
  const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
  return Math.round(Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1]) / 1024);
}

const PARTS = ['rss', 'heapTotal', 'heapUsed', 'newSpace', 'external', 'arrayBuffers'] as const;

/** Each part of the memory in MB: in the last sample before the upload, and its highest during it. */
function memoryParts(samples: MemorySample[], from: number, to: number) {
  const before = samples.filter((sample) => sample.at < from).at(-1);
  const during = samples.filter((sample) => sample.at >= from && sample.at <= to);
  if (before === undefined || during.length === 0) return null;
  const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
  return {
    samples_during_upload: during.length,
    idle_mb: Object.fromEntries(PARTS.map((part) => [part, mb(before[part])])),
    upload_highest_mb: Object.fromEntries(
      PARTS.map((part) => [part, mb(Math.max(...during.map((sample) => sample[part])))]),
    ),
  };
}

function run(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('close', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`onderstroom ${args.join(' ')} exited with ${code}`)),
    );
  });
}

/** An export of about `mb` MB: the header and rows of a generated export, its data rows repeated. */
async function largeExport(dir: string, mb: number): Promise<{ file: string; bytes: number }> {
  const seed = path.join(dir, 'seed.SYNTHETIC.csv');
  await writeSyntheticObi4wanExport(seed, {
    rows: 20_000,
    seed: 2021,
    start: new Date('2021-01-01T00:00:00Z'),
    days: 30,
    encoding: 'cp1252',
  });
  const text = fs.readFileSync(seed);
  const headerEnd = text.indexOf(0x0a) + 1;
  const body = text.subarray(headerEnd);
  const file = path.join(dir, 'large.SYNTHETIC.csv');
  const out = fs.openSync(file, 'w');
  try {
    fs.writeSync(out, text.subarray(0, headerEnd));
    let bytes = headerEnd;
    while (bytes < mb * 1024 * 1024) bytes += fs.writeSync(out, body);
    return { file, bytes };
  } finally {
    fs.closeSync(out);
  }
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onderstroom-bench-upload-'));
  // Migrated by the build under test (its `keys create`), so an older build can be compared on its own schema.
  const database = await createBenchDatabase('upload', runId, { migrate: false });
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: database.url,
    ONDERSTROOM_DATA_DIR: path.join(dir, 'data'),
    ONDERSTROOM_QUEUE_PREFIX: benchQueuePrefix('upload', runId),
    ONDERSTROOM_PSEUDONYM_KEY: crypto.randomBytes(32).toString('hex'),
    ONDERSTROOM_PORT: String(port),
    ONDERSTROOM_HOST: '127.0.0.1',
    ONDERSTROOM_UPLOAD_MAX_BYTES: String((MB + 64) * 1024 * 1024),
    ONDERSTROOM_MEMORY_SAMPLES: path.join(dir, 'memory.jsonl'),
    LOG_LEVEL: 'warn',
  };
  let api: ChildProcess | null = null;
  try {
    const { file, bytes } = await largeExport(dir, MB);
    const { key } = JSON.parse(
      await run(['keys', 'create', '--role', 'analyst', '--name', 'bench', '--json'], env),
    ) as { key: string };
    api = spawnRole(cli, 'api', env);
    const base = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 120_000;
    while (!(await fetch(`${base}/health`).catch(() => null))?.ok) {
      if (Date.now() > deadline) throw new Error('the API did not answer /health within 120 s');
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    // Settled: what start-up allocated and let go is given back before the idle figure is read.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const idle = statusMb(api, 'VmRSS');
    const idlePeak = statusMb(api, 'VmHWM');
    let highest = idle;
    const running = api;
    const sampler = setInterval(() => (highest = Math.max(highest, statusMb(running, 'VmRSS'))), 100);
    const started = performance.now();
    const startedAt = Date.now();
    const form = new FormData();
    form.append('preset', 'obi4wan');
    form.append('file', await fs.openAsBlob(file), path.basename(file));
    const answer = await fetch(`${base}/api/v1/imports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}` },
      body: form,
    });
    const seconds = (performance.now() - started) / 1000;
    const endedAt = Date.now();
    clearInterval(sampler);
    if (answer.status !== 202) throw new Error(`upload answered ${answer.status}: ${await answer.text()}`);
    console.log(
      JSON.stringify(
        {
          cli,
          upload_mb: Math.round(bytes / 1024 / 1024),
          upload_seconds: twoDecimals(seconds),
          api_idle_rss_mb: idle,
          api_start_peak_rss_mb: idlePeak,
          api_upload_highest_rss_mb: highest,
          api_peak_rss_mb: statusMb(api, 'VmHWM'),
          upload_mb_per_s: twoDecimals(bytes / 1024 / 1024 / seconds),
          // Null for a build without the sampler.
          memory: fs.existsSync(env.ONDERSTROOM_MEMORY_SAMPLES!)
            ? memoryParts(readMemorySamples(env.ONDERSTROOM_MEMORY_SAMPLES!), startedAt, endedAt)
            : null,
          target: 'API RSS <= 200 MB during a 1 GB upload',
          load_average: os.loadavg().map((x) => twoDecimals(x)),
        },
        null,
        2,
      ),
    );
  } finally {
    if (api && api.exitCode === null) {
      const closed = new Promise<void>((resolve) => api!.once('exit', () => resolve()));
      api.kill('SIGTERM');
      await closed;
    }
    await dropBenchDatabase(database.name);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
