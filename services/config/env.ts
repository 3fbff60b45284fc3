// The one place that reads the process environment. Everything else receives an Env.
import os from 'node:os';
import path from 'node:path';
import { ConfigError } from './config-error.js';

export interface Env {
  /** Null when unset: start-up then tries the local default and falls back to embedded PostgreSQL. */
  databaseUrl: string | null;
  redisUrl: string;
  configPath: string;
  /** True when ONDERSTROOM_CONFIG was set: then a missing file is an error, not "use defaults". */
  configPathExplicit: boolean;
  dataDir: string;
  pseudonymKey: string | null;
  port: number;
  host: string;
  logLevel: string;
  /** True when LOG_LEVEL was set: one-off commands then log at that level instead of only warnings. */
  logLevelExplicit: boolean;
  queuePrefix: string;
  /** The largest export an upload may be (bytes); 1 GiB unless set. */
  uploadMaxBytes: number;
  publicUrl: string | null;
  /** The web pages' own address (KCC, coordinator, teams), for links in question notices. */
  webUrl: string | null;
  /** Bearer token for GET /metrics; null: no metrics endpoint anywhere (a 404). */
  metricsToken: string | null;
  /** Port of the metrics listener of the worker and scheduler roles (the API serves /metrics itself). */
  metricsPort: number;
  /** ONDERSTROOM_QUEUE_BOARD_ACTIONS=on: admins may retry, promote, clean and pause jobs on /admin/queues; off by default. */
  queueBoardActions: boolean;
  /**
   * ONDERSTROOM_SCORING_THREADS: threads an import's Node work runs on. 1 scores in the main thread; N > 1 starts
   * N - 1 scoring workers (services/nlp/enrichment-pool.ts) while the main thread parses and stores. Default: one
   * per core, at most 4.
   */
  scoringThreads: number;
  /** ONDERSTROOM_MEMORY_SAMPLES: a file the roles append a memory sample to every 100 ms (benchmarks); else null. */
  memorySamplesFile: string | null;
}

/** Beyond 4 scoring threads parsing and Postgres are the limit, not scoring. */
export const MAX_DEFAULT_SCORING_THREADS = 4;
export const MAX_SCORING_THREADS = 32;

export const DEFAULT_DATABASE_URL = 'postgres://127.0.0.1:5432/onderstroom';
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

type Source = Record<string, string | undefined>;

function text(source: Source, name: string): string | null {
  const value = source[name];
  return value === undefined || value.trim() === '' ? null : value.trim();
}

/** Reads and checks every variable at once, so a bad deployment hears about all its problems together. */
export function readEnv(source: Source = process.env, cwd = process.cwd()): Env {
  const problems: string[] = [];

  const databaseUrl = text(source, 'DATABASE_URL');
  if (databaseUrl !== null && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('DATABASE_URL must start with postgres:// or postgresql://');
  }
  const redisUrl = text(source, 'REDIS_URL') ?? DEFAULT_REDIS_URL;
  if (!/^rediss?:\/\//.test(redisUrl)) problems.push('REDIS_URL must start with redis:// or rediss://');

  const portText = text(source, 'ONDERSTROOM_PORT') ?? '8080';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    problems.push(`ONDERSTROOM_PORT must be a port number 0-65535, got "${portText}"`);
  }

  const logLevel = text(source, 'LOG_LEVEL') ?? 'info';
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);

  const pseudonymKey = text(source, 'ONDERSTROOM_PSEUDONYM_KEY');
  if (pseudonymKey !== null && pseudonymKey.length < 32) {
    problems.push('ONDERSTROOM_PSEUDONYM_KEY must be at least 32 characters (use `openssl rand -hex 32`)');
  }

  const publicUrl = text(source, 'ONDERSTROOM_PUBLIC_URL');
  if (publicUrl !== null && !/^https?:\/\//.test(publicUrl)) {
    problems.push('ONDERSTROOM_PUBLIC_URL must be an http(s) URL');
  }

  const webUrl = text(source, 'ONDERSTROOM_WEB_URL');
  if (webUrl !== null && !/^https?:\/\//.test(webUrl)) {
    problems.push('ONDERSTROOM_WEB_URL must be an http(s) URL');
  }

  const queuePrefix = text(source, 'ONDERSTROOM_QUEUE_PREFIX') ?? 'onderstroom';
  if (!/^[A-Za-z0-9_-]+$/.test(queuePrefix)) {
    problems.push('ONDERSTROOM_QUEUE_PREFIX may hold only letters, digits, _ and -');
  }

  const metricsToken = text(source, 'ONDERSTROOM_METRICS_TOKEN');
  // Shorter tokens could be guessed by a scraper on the same network.
  if (metricsToken !== null && (metricsToken.length < 24 || /\s/.test(metricsToken))) {
    problems.push(
      'ONDERSTROOM_METRICS_TOKEN must be at least 24 characters without spaces (use `openssl rand -hex 24`)',
    );
  }
  const metricsPortText = text(source, 'ONDERSTROOM_METRICS_PORT') ?? '9464';
  const metricsPort = Number(metricsPortText);
  if (!Number.isInteger(metricsPort) || metricsPort < 0 || metricsPort > 65535) {
    problems.push(`ONDERSTROOM_METRICS_PORT must be a port number 0-65535, got "${metricsPortText}"`);
  }
  const uploadText = text(source, 'ONDERSTROOM_UPLOAD_MAX_BYTES') ?? String(1024 ** 3);
  const uploadMaxBytes = Number(uploadText);
  if (!Number.isSafeInteger(uploadMaxBytes) || uploadMaxBytes < 1) {
    problems.push(
      `ONDERSTROOM_UPLOAD_MAX_BYTES must be a whole number of bytes above 0, got "${uploadText}"`,
    );
  }

  const boardText = (text(source, 'ONDERSTROOM_QUEUE_BOARD_ACTIONS') ?? 'off').toLowerCase();
  if (!['on', 'off'].includes(boardText)) {
    problems.push(`ONDERSTROOM_QUEUE_BOARD_ACTIONS must be on or off, got "${boardText}"`);
  }

  const coresDefault = Math.max(1, Math.min(MAX_DEFAULT_SCORING_THREADS, os.availableParallelism()));
  const threadsText = text(source, 'ONDERSTROOM_SCORING_THREADS') ?? String(coresDefault);
  const scoringThreads = Number(threadsText);
  if (!Number.isInteger(scoringThreads) || scoringThreads < 1 || scoringThreads > MAX_SCORING_THREADS) {
    problems.push(
      `ONDERSTROOM_SCORING_THREADS must be a whole number 1-${MAX_SCORING_THREADS} (1: score in the main thread), got "${threadsText}"`,
    );
  }

  if (problems.length > 0) throw new ConfigError('environment', problems);

  const configSetting = text(source, 'ONDERSTROOM_CONFIG');
  const samplesSetting = text(source, 'ONDERSTROOM_MEMORY_SAMPLES');
  return {
    databaseUrl,
    redisUrl,
    configPath: path.resolve(cwd, configSetting ?? 'onderstroom.yaml'),
    configPathExplicit: configSetting !== null,
    dataDir: path.resolve(cwd, text(source, 'ONDERSTROOM_DATA_DIR') ?? '.data'),
    pseudonymKey,
    port,
    host: text(source, 'ONDERSTROOM_HOST') ?? '0.0.0.0',
    logLevel,
    logLevelExplicit: text(source, 'LOG_LEVEL') !== null,
    queuePrefix,
    uploadMaxBytes,
    publicUrl,
    webUrl,
    metricsToken,
    metricsPort,
    queueBoardActions: boardText === 'on',
    scoringThreads,
    memorySamplesFile: samplesSetting === null ? null : path.resolve(cwd, samplesSetting),
  };
}

/** Secrets named in the config file (tokens, passwords) are read by name, here and nowhere else. */
export function readSecret(name: string, source: Source = process.env): string | null {
  return text(source, name);
}

/** Whether error output should include stack traces (LOG_LEVEL=debug or trace). */
export function debugRequested(source: Source = process.env): boolean {
  const level = text(source, 'LOG_LEVEL');
  return level === 'debug' || level === 'trace';
}
