// The queued half of bench:ingest: the same export uploaded through `POST /api/v1/imports` to an API process and
// imported by a separate worker process, as a browser upload or a script would hand it in. Reports the time from the
// first byte sent to the import's `done`, and the peak RSS of each process (the kernel's high-water mark, read before
// each process is stopped), so the upload's memory is the API's alone.
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './free-port.js';
import { spawnRole } from './role-process.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = path.join(root, 'bin/onderstroom.js');

export interface QueuedImportResult {
  seconds: number;
  upload_seconds: number;
  summary: Record<string, unknown>;
  api_peak_rss_mb: number;
  worker_peak_rss_mb: number;
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

/** VmHWM of a live process, in MB: its peak resident set so far. */
function peakRssMb(child: ChildProcess): number {
  const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1]);
  return Math.round(kb / 1024);
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const closed = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  await closed;
}

async function until<T>(check: () => Promise<T | null>, what: string, ms: number): Promise<T> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const value = await check();
    if (value !== null) return value;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/**
 * Uploads `file` to a fresh API process and imports it with a fresh worker process over `databaseUrl` (already
 * migrated) and its own queue prefix and data folder.
 */
export async function queuedImport(
  file: string,
  databaseUrl: string,
  dataDir: string,
  queuePrefix: string,
): Promise<QueuedImportResult> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    ONDERSTROOM_DATA_DIR: dataDir,
    ONDERSTROOM_QUEUE_PREFIX: queuePrefix,
    ONDERSTROOM_PSEUDONYM_KEY: crypto.randomBytes(32).toString('hex'),
    ONDERSTROOM_PORT: String(port),
    ONDERSTROOM_HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
  };
  const { key } = JSON.parse(
    await run(['keys', 'create', '--role', 'analyst', '--name', 'bench', '--json'], env),
  ) as {
    key: string;
  };
  // Through the build's onderstroom script: each role with the V8 flags it runs with in production.
  const roles = (['api', 'worker'] as const).map((role) => spawnRole(cli, role, env));
  const [api, worker] = roles as [ChildProcess, ChildProcess];
  try {
    const base = `http://127.0.0.1:${port}`;
    const headers = { authorization: `Bearer ${key}` };
    await until(
      async () => ((await fetch(`${base}/health`).catch(() => null))?.ok ? true : null),
      'the API',
      60_000,
    );
    const started = performance.now();
    const form = new FormData();
    form.append('preset', 'obi4wan');
    // A blob backed by the file: fetch streams it from disk, so the benchmark's own memory does not grow with it.
    form.append('file', await fs.openAsBlob(file), path.basename(file));
    const accepted = await fetch(`${base}/api/v1/imports`, { method: 'POST', headers, body: form });
    if (accepted.status !== 202)
      throw new Error(`upload answered ${accepted.status}: ${await accepted.text()}`);
    const uploadSeconds = (performance.now() - started) / 1000;
    const { id } = (await accepted.json()) as { id: string };
    const summary = await until(
      async () => {
        const view = (await (await fetch(`${base}/api/v1/imports/${id}`, { headers })).json()) as Record<
          string,
          unknown
        >;
        if (view.state === 'failed' || view.state === 'interrupted')
          throw new Error(`import ${id} ended ${String(view.state)}`);
        return view.state === 'done' ? view : null;
      },
      'the queued import',
      3_600_000,
    );
    const seconds = (performance.now() - started) / 1000;
    return {
      seconds,
      upload_seconds: uploadSeconds,
      summary,
      api_peak_rss_mb: peakRssMb(api),
      worker_peak_rss_mb: peakRssMb(worker),
    };
  } finally {
    await Promise.all(roles.map(stop));
  }
}
