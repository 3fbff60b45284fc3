// The ingest module's factory: the one path into storage and the three ways an export comes in (the CLI import,
// an upload, a watched folder), wired from the repositories it writes and the scorer it is handed.
import type { AccessLogRepository } from '../repositories/access-log.repository.js';
import type { ImportsRepository } from '../repositories/imports.repository.js';
import type { MentionsRepository } from '../repositories/mentions.repository.js';
import type { SourcesRepository } from '../repositories/sources.repository.js';
import type { Metrics } from '../metrics/metrics.js';
import type { SourceConfig } from '../sources/sources.schema.js';
import { ExportFolderService } from './export-folder.service.js';
import { ImportQueueService } from './import-queue.service.js';
import { ImportService } from './import.service.js';
import { IngestService } from './ingest.service.js';
import type { PrepareContext } from './prepare.js';

export interface IngestModuleDeps {
  mentions: MentionsRepository;
  sources: SourcesRepository;
  imports: ImportsRepository;
  accessLog: AccessLogRepository;
  /** What each batch is prepared with: the scorer (awaited, so it is built on the first batch), pseudonyms, now. */
  prepareContext: () => Promise<PrepareContext>;
  metrics: Metrics;
  retentionDays: number;
  /** Where uploads are streamed to (the data folder's `uploads/`). */
  uploadDir: string;
  uploadMaxBytes: number;
  /** The `sources:` of the config: the watched export folders among them. */
  configured: readonly SourceConfig[];
  /** Threads an import uses (Env.scoringThreads): N - 1 scoring workers, N batches scored ahead. */
  scoringThreads: number;
}

export interface IngestModule {
  ingest: IngestService;
  imports: ImportService;
  /** Exports by upload and watched folder: checked, queued on `ingest`, imported by a worker with `imports`. */
  importQueue: ImportQueueService;
  exportFolders: ExportFolderService;
}

export function createIngestModule(deps: IngestModuleDeps): IngestModule {
  const ingest = new IngestService(deps.mentions, deps.prepareContext, deps.metrics);
  const imports = new ImportService(ingest, deps.sources, deps.imports, {
    retentionDays: deps.retentionDays,
    metrics: deps.metrics,
    accessLog: deps.accessLog,
    scoringThreads: deps.scoringThreads,
  });
  const importQueue = new ImportQueueService(deps.imports, imports, deps.sources, deps.accessLog, {
    uploadDir: deps.uploadDir,
    maxBytes: deps.uploadMaxBytes,
    retentionDays: deps.retentionDays,
  });
  const exportFolders = new ExportFolderService(deps.configured, deps.sources, deps.imports, importQueue);
  return { ingest, imports, importQueue, exportFolders };
}
