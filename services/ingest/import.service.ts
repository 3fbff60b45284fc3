// Imports a listening-tool export: stream rows, enrich a batch while the previous batch is being stored,
// and keep a record of the run that beats while it works, so one that dies is seen as interrupted. Re-importing is
// safe: stored mentions are deduplicated on (source, external id), so a retried batch never counts a row twice.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { openImport, type OpenedImport, type PresetName } from '../importers/import-file.js';
import { isTransientDatabaseError } from '../repositories/database-errors.js';
import type { AccessLogRepository } from '../repositories/access-log.repository.js';
import type { ImportsRepository } from '../repositories/imports.repository.js';
import type { SourcesRepository } from '../repositories/sources.repository.js';
import type { IngestService } from './ingest.service.js';
import { isPastRetention } from '../maintenance/text-expiry.js';
import type { RawMention } from './raw-mention.js';
import type { Metrics } from '../metrics/metrics.js';
import { DATABASE_BACKOFF_MS, RetriesExhaustedError, withRetries, type RetryPolicy } from './retry.js';
import { ScoringWorkerError } from '../nlp/enrichment-pool.js';

const STORES_IN_FLIGHT = 2;
/** How often a running import beats on its row, and after how long without a beat it counts as interrupted. */
export const HEARTBEAT_MS = 10_000;
export const INTERRUPTED_AFTER_MS = 60_000;
/** Interrupted runs before an import is given up: it resumes by itself after the first ones, never forever. */
export const MAX_INTERRUPTED_RUNS = 3;

export interface ImportSummary {
  file: string;
  preset: PresetName;
  rows: number;
  imported: number;
  /** Rows already stored (an earlier import) plus rows repeating an earlier row of this file. */
  duplicates: number;
  /** Rows of this file that repeat an earlier one (counted in duplicates), with the row they repeat. */
  repeatedRows: { row: number; duplicateOf: number; reason: string }[];
  rejected: { row: number; reason: string }[];
  /** New mentions already past the retention period (counted from posting): their text goes at the next run. */
  pastRetention: { rows: number; retentionDays: number } | null;
  seconds: number;
}

export interface ImportProgress {
  rows: number;
  bytesRead: number;
  bytesTotal: number;
  imported: number;
}

export interface ImportOptions {
  preset: PresetName | 'auto';
  /** Who runs `onderstroom import` (`--as`, else the OS user): on the import's record and in the access log. */
  requestedBy?: string;
  batchSize?: number;
  onProgress?: (progress: ImportProgress) => void;
}

export interface ImportServiceOptions {
  retentionDays: number;
  /** Back-off for transient database errors (tests shorten it). */
  retry?: Partial<RetryPolicy>;
  heartbeatMs?: number;
  now?: () => Date;
  metrics?: Pick<Metrics, 'importRowsFor'>;
  /** Where a CLI import is logged (`import.cli`), as uploads are (`import.queued`). */
  accessLog?: Pick<AccessLogRepository, 'record'>;
  /**
   * Threads the import uses (ONDERSTROOM_SCORING_THREADS). N > 1: the batches are scored in N - 1 worker threads,
   * N ahead of the one being applied, so every worker has a batch queued while the main thread parses and stores;
   * 1 (the default) scores each batch before the next is read, as before the pool.
   */
  scoringThreads?: number;
}

/** The import could not finish because the database stayed unavailable; what is stored so far stays exact. */
export class ImportAbortedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportAbortedError';
  }
}

async function sha256(file: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  await pipeline(fs.createReadStream(file), hash);
  return hash.digest('hex');
}

export class ImportService {
  private readonly retry: RetryPolicy;
  private readonly heartbeatMs: number;
  private readonly now: () => Date;

  constructor(
    private readonly ingest: IngestService,
    private readonly sources: SourcesRepository,
    private readonly imports: ImportsRepository,
    private readonly options: ImportServiceOptions,
  ) {
    this.retry = { delaysMs: DATABASE_BACKOFF_MS, isTransient: isTransientDatabaseError, ...options.retry };
    this.heartbeatMs = options.heartbeatMs ?? HEARTBEAT_MS;
    this.now = options.now ?? (() => new Date());
  }

  /** Marks imports whose beat stopped as interrupted, then lists the newest first. */
  async list(limit = 50) {
    await this.markInterrupted();
    return this.imports.list(limit);
  }

  /** Runs whose beat stopped a minute ago are interrupted: their process died or lost its database. */
  async markInterrupted(): Promise<number> {
    return this.imports.markInterrupted(
      new Date(this.now().getTime() - INTERRUPTED_AFTER_MS),
      MAX_INTERRUPTED_RUNS,
    );
  }

  private database<T>(what: string, work: () => Promise<T>): Promise<T> {
    return withRetries(what, this.retry, work);
  }

  /** `onderstroom import`: records a new run for the file and imports it in this process. */
  async importFile(file: string, options: ImportOptions): Promise<ImportSummary> {
    const started = performance.now();
    const opened = await openImport(file, { preset: options.preset });
    let importId: string;
    try {
      const fileSha256 = await sha256(file);
      importId = await this.database('starting the import', async () => {
        await this.sources.ensure(opened.preset, opened.preset);
        return this.imports.start({
          fileName: path.basename(file),
          fileSha256,
          fileBytes: opened.bytesTotal,
          preset: opened.preset,
          sourceId: opened.preset,
          requestedBy: options.requestedBy ?? null,
        });
      });
      const accessLog = this.options.accessLog;
      if (accessLog !== undefined) {
        await this.database('logging the import', () =>
          accessLog.record(null, 'import.cli', {
            import_id: importId,
            by: options.requestedBy ?? null,
            file: path.resolve(file),
            bytes: opened.bytesTotal,
            sha256: fileSha256,
            preset: opened.preset,
            origin: 'cli',
          }),
        );
      }
    } catch (error) {
      await opened.close();
      throw this.aborted(error, 0);
    }
    return this.run(opened, { importId, file: path.resolve(file), started, storedBefore: 0 }, options);
  }

  /**
   * A worker of the `ingest` queue runs a queued import (an upload or a dropped file) from its stored file. A run
   * that starts again after its worker died reads the file from the top: what the dead run stored comes back as
   * duplicates, and is counted as this import's own. Null when the import is already done (a job run twice).
   */
  async importQueued(
    importId: string,
    options: Omit<ImportOptions, 'preset'> = {},
  ): Promise<ImportSummary | null> {
    const started = performance.now();
    const claimed = await this.database('taking the queued import', () => this.imports.claim(importId));
    if (claimed === null) return null;
    const storedBefore = await this.database('counting what an earlier run stored', () =>
      this.imports.storedBy(importId),
    );
    let opened: OpenedImport;
    try {
      opened = await openImport(claimed.storedPath!, { preset: claimed.preset as PresetName });
    } catch (error) {
      // The file was checked when it came in; a file that cannot be opened now will not open on a retry either.
      const message = error instanceof Error ? error.message : String(error);
      await this.database('recording the end of the import', () =>
        this.imports.finish(
          importId,
          { rowsRead: 0, imported: 0, duplicates: 0, rejected: [], rejectedCount: 0 },
          message,
        ),
      );
      throw error;
    }
    return this.run(opened, { importId, file: claimed.fileName, started, storedBefore }, options);
  }

  private async run(
    opened: OpenedImport,
    runInfo: { importId: string; file: string; started: number; storedBefore: number },
    options: Omit<ImportOptions, 'preset'>,
  ): Promise<ImportSummary> {
    const { importId, storedBefore } = runInfo;
    const batchSize = options.batchSize ?? 2_000;
    const sourceId = opened.preset;
    await this.database('preparing the source', () => this.sources.ensure(sourceId, opened.preset));

    let rows = 0;
    let imported = 0;
    let duplicates = 0;
    // Rows found stored by the database (not repeats within the file); an earlier run's rows are among them.
    let storedDuplicates = 0;
    let pastRetention = 0;
    const rejected: { row: number; reason: string }[] = [];
    const repeatedRows: { row: number; duplicateOf: number; reason: string }[] = [];
    // Up to STORES_IN_FLIGHT batches are being stored while the next one is enriched: Postgres works in its own
    // processes, so enrichment and storage run on different cores.
    const inFlight: Promise<void>[] = [];
    // With scoring workers, up to scoredAhead batches are being scored while the next is parsed. They are applied
    // (rejections noted, store started) strictly in file order, and only whole: a batch whose scoring failed is
    // never stored, nor is any batch after it.
    const threads = this.options.scoringThreads ?? 1;
    const scoredAhead = threads > 1 ? threads : 0;
    const scoring: { rows: number[]; prepared: ReturnType<IngestService['prepare']> }[] = [];
    let batch: RawMention[] = [];
    let batchRows: number[] = [];
    const counts = () => {
      const own = Math.min(storedBefore, storedDuplicates);
      return {
        rowsRead: rows,
        imported: imported + own,
        duplicates: duplicates - own,
        rejectedCount: rejected.length,
        bytesRead: opened.bytesRead(),
      };
    };

    // The beat is best effort: a missed one only matters when the import has really stopped.
    const heartbeat = setInterval(() => {
      this.imports.beat(importId, counts()).catch(() => undefined);
    }, this.heartbeatMs);
    heartbeat.unref();

    const applyOldest = async () => {
      const next = scoring.shift()!;
      const { prepared, rejected: refused } = await next.prepared;
      for (const { index, reason } of refused) rejected.push({ row: next.rows[index]!, reason });
      const firstRow = next.rows[0]!;
      while (inFlight.length >= STORES_IN_FLIGHT) await inFlight.shift();
      // A retried batch is safe: the rows its lost attempt may have stored come back as duplicates.
      const store = this.database(`storing the rows from row ${firstRow}`, () =>
        this.ingest.store(prepared, { sourceId, sourceKind: opened.preset, importId }),
      ).then((stored) => {
        imported += stored.inserted.length;
        duplicates += stored.duplicates;
        storedDuplicates += stored.duplicates;
        const now = this.now();
        for (const mention of stored.inserted)
          if (isPastRetention(mention.postedAt, this.options.retentionDays, now)) pastRetention++;
        const current = counts();
        options.onProgress?.({
          rows,
          bytesRead: current.bytesRead,
          bytesTotal: opened.bytesTotal,
          imported: current.imported,
        });
      });
      // A failed store must surface at the next await, not as an unhandled rejection.
      store.catch(() => undefined);
      inFlight.push(store);
    };
    const flush = async () => {
      if (batch.length === 0) return;
      const prepared = this.ingest.prepare(batch, { wholeImport: true });
      // A failed scoring surfaces when its batch is applied, not as an unhandled rejection.
      prepared.catch(() => undefined);
      scoring.push({ rows: batchRows, prepared });
      batch = [];
      batchRows = [];
      while (scoring.length > scoredAhead) await applyOldest();
    };
    const drain = async () => {
      while (scoring.length > 0) await applyOldest();
      while (inFlight.length > 0) await inFlight.shift();
    };
    const finish = (error: string | null) =>
      this.database('recording the end of the import', () =>
        this.imports.finish(importId, { ...counts(), rejected, repeatedRows, pastRetention }, error),
      );

    try {
      for await (const item of opened.rows()) {
        rows += 1;
        if ('duplicateOf' in item) {
          duplicates += 1;
          repeatedRows.push({ row: item.row, duplicateOf: item.duplicateOf, reason: item.problem });
          continue;
        }
        if ('problem' in item) {
          rejected.push({ row: item.row, reason: item.problem });
          continue;
        }
        batch.push(item.mention);
        batchRows.push(item.row);
        if (batch.length >= batchSize) await flush();
      }
      await flush();
      await drain();
    } catch (error) {
      clearInterval(heartbeat);
      await Promise.allSettled(inFlight);
      rejected.sort((a, b) => a.row - b.row);
      const failure = this.aborted(error, imported);
      // When the database is gone for good this fails too; the stopped beat then shows the import as interrupted.
      await finish(failure instanceof Error ? failure.message : String(failure)).catch(() => undefined);
      this.countRows(imported, duplicates, rejected.length);
      throw failure;
    } finally {
      clearInterval(heartbeat);
      await opened.close();
    }
    rejected.sort((a, b) => a.row - b.row);
    await finish(null);
    this.countRows(imported, duplicates, rejected.length);
    const final = counts();
    return {
      file: runInfo.file,
      preset: opened.preset,
      rows,
      imported: final.imported,
      duplicates: final.duplicates,
      repeatedRows,
      rejected,
      pastRetention:
        pastRetention > 0 ? { rows: pastRetention, retentionDays: this.options.retentionDays } : null,
      seconds: Math.round((performance.now() - runInfo.started) / 10) / 100,
    };
  }

  private countRows(imported: number, duplicates: number, rejected: number): void {
    this.options.metrics?.importRowsFor('imported', imported);
    this.options.metrics?.importRowsFor('duplicate', duplicates);
    this.options.metrics?.importRowsFor('rejected', rejected);
  }

  /** A database that stayed away becomes a message that says what happened and what to do. */
  private aborted(error: unknown, imported: number): unknown {
    if (error instanceof ScoringWorkerError) {
      return new ImportAbortedError(
        `the import stopped: ${error.message}. ${imported} new mentions were stored and stay counted exactly; ` +
          'import the file again: rows already stored count as duplicates.',
      );
    }
    if (!(error instanceof RetriesExhaustedError)) return error;
    return new ImportAbortedError(
      `the import stopped: the database stayed unavailable while ${error.what} ` +
        `(${error.attempts} attempt${error.attempts === 1 ? '' : 's'} over ${error.seconds} s; last error: ${
          error.lastError instanceof Error ? error.lastError.message : String(error.lastError)
        }). ${imported} new mentions were stored and stay counted exactly; import the file again when the database ` +
        'is back: rows already stored count as duplicates.',
    );
  }
}
