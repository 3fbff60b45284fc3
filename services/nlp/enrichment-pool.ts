// Scoring (language, sentiment, topics) in worker threads, so that an import parses and stores on the main thread
// while other cores score. Each worker builds the enricher once; a batch goes whole to the least busy worker and
// comes back in input order. A worker that dies fails the batches it held (ScoringWorkerError), never part of one,
// and is replaced on the next batch. Workers do not keep the process alive while idle.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { LinearSentimentModel } from './model/linear.model.js';
import type { Taxonomy } from './taxonomy.js';

export interface ScoringRequest {
  text: string;
  language: string | null;
  title: string | null;
}

/** Enrichment without the carriers: what a stored mention keeps. */
export interface ScoredText {
  language: 'nl' | 'en' | 'und';
  sentiment: {
    score: number;
    label: 'positive' | 'neutral' | 'negative';
    confidence: number;
    model: string;
  };
  topics: string[];
}

export interface WorkerSetup {
  taxonomy: Taxonomy;
  dutchModel: LinearSentimentModel | null;
}

export type ToWorker =
  | { kind: 'score'; id: number; requests: readonly ScoringRequest[] }
  | { kind: 'model'; model: LinearSentimentModel | null };

export type FromWorker =
  { kind: 'scored'; id: number; results: ScoredText[] } | { kind: 'failed'; id: number; message: string };

/** A scoring worker stopped (crashed, or was ended) while it held batches: they were not scored. */
export class ScoringWorkerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScoringWorkerError';
  }
}

export interface EnrichmentPoolOptions {
  /** Worker threads (at least 1). */
  size: number;
  taxonomy: Taxonomy;
  /** The model scoring in the main thread's enricher, read at every batch so workers follow a swap. */
  model: () => { version: string; model: LinearSentimentModel | null };
  /** The worker's script; tests hand in one that crashes. Default: enrichment.worker.js beside this file. */
  script?: URL;
}

export interface EnrichmentPool {
  readonly size: number;
  enrichMany(requests: readonly ScoringRequest[]): Promise<ScoredText[]>;
  /** Ends every worker; batches still held fail with ScoringWorkerError. Safe to call twice. */
  close(): Promise<void>;
}

interface Pending {
  resolve(results: ScoredText[]): void;
  reject(error: Error): void;
}

interface PoolWorker {
  worker: Worker;
  index: number;
  modelVersion: string;
  pending: Map<number, Pending>;
  stopped: boolean;
}

const DEFAULT_SCRIPT = new URL('./enrichment.worker.js', import.meta.url);

export function createEnrichmentPool(options: EnrichmentPoolOptions): EnrichmentPool {
  if (!Number.isInteger(options.size) || options.size < 1) {
    throw new Error(`the scoring pool needs a whole number of workers above 0, got ${options.size}`);
  }
  const script = options.script ?? DEFAULT_SCRIPT;
  const scriptPath = fileURLToPath(script);
  if (!fs.existsSync(scriptPath)) {
    // Running from the TypeScript sources (tests): there is no compiled worker to start.
    throw new Error(
      `the scoring worker ${scriptPath} does not exist: build first (npm run build), or score in this thread ` +
        'with ONDERSTROOM_SCORING_THREADS=1',
    );
  }
  const workers: (PoolWorker | null)[] = Array.from({ length: options.size }, () => null);
  let nextId = 1;
  let closed = false;

  // Referenced only while it holds work: an idle pool never keeps the process from exiting.
  const track = (entry: PoolWorker) => {
    if (entry.pending.size > 0) entry.worker.ref();
    else entry.worker.unref();
  };

  const stop = (entry: PoolWorker, reason: string) => {
    if (entry.stopped) return;
    entry.stopped = true;
    if (workers[entry.index] === entry) workers[entry.index] = null;
    const held = [...entry.pending.values()];
    entry.pending.clear();
    for (const pending of held) {
      pending.reject(
        new ScoringWorkerError(
          `scoring worker ${entry.index + 1} of ${options.size} stopped (${reason}) while it held ` +
            `${held.length} batch${held.length === 1 ? '' : 'es'}; none of them was scored`,
        ),
      );
    }
  };

  const start = (index: number): PoolWorker => {
    const current = options.model();
    const setup: WorkerSetup = { taxonomy: options.taxonomy, dutchModel: current.model };
    const worker = new Worker(script, { workerData: setup, name: `scoring-${index + 1}` });
    const entry: PoolWorker = {
      worker,
      index,
      modelVersion: current.version,
      pending: new Map(),
      stopped: false,
    };
    let lastError: string | null = null;
    worker.on('message', (message: FromWorker) => {
      const pending = entry.pending.get(message.id);
      if (pending === undefined) return;
      entry.pending.delete(message.id);
      track(entry);
      if (message.kind === 'scored') pending.resolve(message.results);
      else pending.reject(new ScoringWorkerError(`scoring worker ${index + 1} failed: ${message.message}`));
    });
    worker.on('error', (error) => {
      lastError = error.message;
    });
    worker.on('messageerror', (error) => {
      lastError = `a message could not be read: ${error.message}`;
    });
    worker.on('exit', (code) => {
      stop(entry, lastError ?? (closed ? 'the pool was closed' : `exit code ${code}`));
    });
    track(entry);
    return entry;
  };

  const pick = (): PoolWorker => {
    let best: PoolWorker | null = null;
    for (let index = 0; index < workers.length; index++) {
      const entry = workers[index] ?? (workers[index] = start(index));
      if (best === null || entry.pending.size < best.pending.size) best = entry;
    }
    return best!;
  };

  return {
    size: options.size,
    enrichMany(requests) {
      if (closed) return Promise.reject(new ScoringWorkerError('the scoring pool is closed'));
      if (requests.length === 0) return Promise.resolve([]);
      const entry = pick();
      const current = options.model();
      // Messages to one worker arrive in order: the batch below is scored with this model.
      if (current.version !== entry.modelVersion) {
        entry.worker.postMessage({ kind: 'model', model: current.model } satisfies ToWorker);
        entry.modelVersion = current.version;
      }
      const id = nextId++;
      return new Promise<ScoredText[]>((resolve, reject) => {
        entry.pending.set(id, { resolve, reject });
        track(entry);
        entry.worker.postMessage({ kind: 'score', id, requests } satisfies ToWorker);
      });
    },
    async close() {
      closed = true;
      const running = workers.filter((entry): entry is PoolWorker => entry !== null);
      await Promise.all(
        running.map(async (entry) => {
          await entry.worker.terminate();
          stop(entry, 'the pool was closed');
        }),
      );
    },
  };
}
