// Imports a listening-tool export: stream rows, enrich a batch while the previous batch is being stored,
// and keep a record of the run. Re-importing is safe: stored mentions are deduplicated on (source, external id).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { openImport, type PresetName } from '../importers/import-file.js';
import type { ImportsRepository } from '../repositories/imports.repository.js';
import type { SourcesRepository } from '../repositories/sources.repository.js';
import type { IngestService } from './ingest.service.js';
import type { RawMention } from './raw-mention.js';

const STORES_IN_FLIGHT = 2;

export interface ImportSummary {
  file: string;
  preset: PresetName;
  rows: number;
  imported: number;
  duplicates: number;
  rejected: { row: number; reason: string }[];
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
  batchSize?: number;
  onProgress?: (progress: ImportProgress) => void;
}

async function sha256(file: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  await pipeline(fs.createReadStream(file), hash);
  return hash.digest('hex');
}

export class ImportService {
  constructor(
    private readonly ingest: IngestService,
    private readonly sources: SourcesRepository,
    private readonly imports: ImportsRepository,
  ) {}

  async importFile(file: string, options: ImportOptions): Promise<ImportSummary> {
    const started = performance.now();
    const opened = await openImport(file, { preset: options.preset });
    const batchSize = options.batchSize ?? 2_000;
    const sourceId = opened.preset;
    await this.sources.ensure(sourceId, opened.preset);
    const importId = await this.imports.start({
      fileName: path.basename(file),
      fileSha256: await sha256(file),
      fileBytes: opened.bytesTotal,
      preset: opened.preset,
      sourceId,
    });

    let rows = 0;
    let imported = 0;
    let duplicates = 0;
    const rejected: { row: number; reason: string }[] = [];
    // Up to STORES_IN_FLIGHT batches are being stored while the next one is enriched: Postgres works in its own
    // processes, so enrichment and storage run on different cores.
    const inFlight: Promise<void>[] = [];
    let batch: RawMention[] = [];
    let batchRows: number[] = [];

    const flush = async () => {
      if (batch.length === 0) return;
      const { prepared, rejected: refused } = this.ingest.prepare(batch);
      for (const { index, reason } of refused) rejected.push({ row: batchRows[index]!, reason });
      batch = [];
      batchRows = [];
      while (inFlight.length >= STORES_IN_FLIGHT) await inFlight.shift();
      const store = this.ingest
        .store(prepared, { sourceId, sourceKind: opened.preset, importId })
        .then((stored) => {
          imported += stored.inserted.length;
          duplicates += stored.duplicates;
          options.onProgress?.({
            rows,
            bytesRead: opened.bytesRead(),
            bytesTotal: opened.bytesTotal,
            imported,
          });
        });
      // A failed store must surface at the next await, not as an unhandled rejection.
      store.catch(() => undefined);
      inFlight.push(store);
    };
    const drain = async () => {
      while (inFlight.length > 0) await inFlight.shift();
    };

    try {
      for await (const item of opened.rows()) {
        rows += 1;
        if ('error' in item) {
          rejected.push({ row: item.row, reason: item.error });
          continue;
        }
        batch.push(item.mention);
        batchRows.push(item.row);
        if (batch.length >= batchSize) await flush();
      }
      await flush();
      await drain();
    } catch (error) {
      await Promise.allSettled(inFlight);
      rejected.sort((a, b) => a.row - b.row);
      await this.imports.finish(
        importId,
        { rowsRead: rows, imported, duplicates, rejected, rejectedCount: rejected.length },
        error instanceof Error ? error.message : String(error),
      );
      throw error;
    } finally {
      await opened.close();
    }
    rejected.sort((a, b) => a.row - b.row);
    await this.imports.finish(importId, {
      rowsRead: rows,
      imported,
      duplicates,
      rejected,
      rejectedCount: rejected.length,
    });
    return {
      file: path.resolve(file),
      preset: opened.preset,
      rows,
      imported,
      duplicates,
      rejected,
      seconds: Math.round((performance.now() - started) / 10) / 100,
    };
  }
}
