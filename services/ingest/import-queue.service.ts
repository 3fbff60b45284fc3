// Exports handed in by upload (API or page) or dropped in a watched folder: streamed to a file, checked, recorded
// `queued` and handed to the `ingest` queue, whose worker imports them with the same ImportService as the CLI.
// Postgres holds the truth (the import's row); the job only carries its id, so a lost job is added again.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform, Writable, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { openImport, ImportFileError, type PresetName } from '../importers/import-file.js';
import { fileKind } from '../importers/file-signature.js';
import { PRESET_CHOICES } from '../importers/export-presets.js';
import { JOB_ATTEMPTS } from '../jobs/catalogue.js';
import type { AccessLogRepository } from '../repositories/access-log.repository.js';
import type { ImportsRepository } from '../repositories/imports.repository.js';
import type { SourcesRepository } from '../repositories/sources.repository.js';
import { RequestError } from '../request-error.js';
import { moveWithReport } from './folder-files.js';
import { MAX_INTERRUPTED_RUNS, type ImportService, type ImportSummary } from './import.service.js';
import type { ImportDetail, ImportRecord } from './import-record.js';

/** Adds the `ingest.import` job of an import (the job id dedupes, see services/jobs/catalogue.ts). */
export interface ImportJobs {
  add(importId: string): Promise<void>;
  /**
   * Adds it again for an import that Postgres says still waits: a job of the same id that BullMQ kept as failed or
   * completed (kept for days) would make a plain `add` a no-op, so that one is retried or replaced.
   */
  readd(importId: string): Promise<void>;
}

/** Who hands a file in: a signed-in user or an API key; recorded on the import and in the access log. */
export interface Requester {
  label: string;
  apiKeyId: string | null;
}

/** A part of a multipart body, as @fastify/multipart yields it. */
export type UploadPart =
  | { type: 'field'; fieldname: string; value: unknown }
  | {
      type: 'file';
      fieldname: string;
      filename: string;
      file: Readable & { truncated?: boolean };
    };

const EXTENSIONS = new Set(['.csv', '.txt', '.tsv', '.xlsx']);

/** The import as the API and the page show it: the CLI's summary plus its state and progress. */
export interface ImportView extends Omit<ImportSummary, 'pastRetention'> {
  id: string;
  state: ImportRecord['status'];
  origin: ImportRecord['origin'];
  requestedBy: string | null;
  rejectedCount: number;
  pastRetention: { rows: number; retentionDays: number } | null;
  bytesRead: number;
  bytesTotal: number;
  queuedAt: string | null;
  startedAt: string;
  finishedAt: string | null;
  rowsPerSecond: number | null;
  secondsLeft: number | null;
  error: string | null;
}

export type ImportListItem = Omit<ImportView, 'rejected' | 'repeatedRows'>;

/** What became of a file of a watched folder handed in: queued, the same content as an earlier import, or refused. */
export type FolderHandIn =
  | { outcome: 'queued'; importId: string }
  | { outcome: 'existing'; importId: string; movedTo: string | null }
  | { outcome: 'refused'; reason: string; movedTo: string | null };

export interface ImportQueueOptions {
  uploadDir: string;
  maxBytes: number;
  retentionDays: number;
  /** Attempts before an import is given up (BullMQ's attempts of the job; JOB_ATTEMPTS unless a test says). */
  maxAttempts?: number;
  now?: () => Date;
}

/** How long an upload that failed for good keeps its file: a week to look at it or import it with the CLI. */
export const FAILED_UPLOAD_KEPT_MS = 7 * 86_400_000;
/** A file in the upload folder that no import holds (an upload cut off, a crash before it was recorded). */
export const ORPHAN_UPLOAD_MS = 86_400_000;

/** An import that failed on its last attempt: no retry will run it again, so BullMQ must not either. */
export class ImportGaveUpError extends Error {
  constructor(
    readonly importId: string,
    readonly attempts: number,
    cause: unknown,
  ) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(
      `import ${importId} failed on all ${attempts} attempts and was given up; the last error: ${reason}`,
    );
    this.name = 'ImportGaveUpError';
  }
}

function hashingCounter(limit: number) {
  const hash = crypto.createHash('sha256');
  let bytes = 0;
  let head = Buffer.alloc(0);
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      if (bytes > limit) {
        callback(new RequestError(413, `field "file": the file is larger than ${limit} bytes`));
        return;
      }
      if (head.length < 8) head = Buffer.concat([head, chunk.subarray(0, 8 - head.length)]);
      hash.update(chunk);
      callback(null, chunk);
    },
  });
  return { stream, result: () => ({ sha256: hash.digest('hex'), bytes, head }) };
}

export class ImportQueueService {
  private readonly now: () => Date;

  constructor(
    private readonly imports: ImportsRepository,
    private readonly importer: ImportService,
    private readonly sources: SourcesRepository,
    private readonly accessLog: AccessLogRepository,
    private readonly options: ImportQueueOptions,
  ) {
    this.now = options.now ?? (() => new Date());
  }

  get maxBytes(): number {
    return this.options.maxBytes;
  }

  /**
   * A multipart upload: field `file` (the export) and optional `preset`. The file goes to disk as it arrives
   * (never whole in memory), then it is checked (size, name, signature, header) before it is queued.
   */
  async receive(parts: AsyncIterable<UploadPart> | Iterable<UploadPart>, who: Requester, jobs: ImportJobs) {
    let preset: string = 'auto';
    let stored: { file: string; name: string; sha256: string; bytes: number; head: Buffer } | null = null;
    try {
      for await (const part of parts) {
        if (part.type === 'field') {
          if (part.fieldname !== 'preset') throw new RequestError(400, `unknown field "${part.fieldname}"`);
          preset = typeof part.value === 'string' && part.value.trim() !== '' ? part.value.trim() : 'auto';
          continue;
        }
        // A form sent without choosing a file still has the part, with no name and no bytes.
        if (part.fieldname === 'file' && part.filename === '') {
          part.file.resume();
          continue;
        }
        if (part.fieldname !== 'file' || stored !== null) {
          part.file.resume();
          throw new RequestError(400, `field "${part.fieldname}": send one file, in the field "file"`);
        }
        stored = await this.store(part.file, part.filename);
      }
      if (stored === null) throw new RequestError(400, 'field "file" is missing: send the export in it');
      if (!(PRESET_CHOICES as readonly string[]).includes(preset)) {
        throw new RequestError(
          400,
          `field "preset" must be one of ${PRESET_CHOICES.join(', ')}, not "${preset}"`,
        );
      }
      const detected = await this.check(stored.file, stored.name, stored.head, preset as PresetName | 'auto');
      return await this.enqueue(
        {
          file: stored.file,
          fileName: stored.name,
          sha256: stored.sha256,
          bytes: stored.bytes,
          preset: detected,
          origin: 'upload',
          folderSourceId: null,
        },
        who,
        jobs,
      );
    } catch (error) {
      if (stored !== null) await fs.promises.rm(stored.file, { force: true });
      throw error;
    }
  }

  private async store(file: Readable & { truncated?: boolean }, fileName: string) {
    const name = path.basename(fileName || 'export');
    await fs.promises.mkdir(this.options.uploadDir, { recursive: true });
    const target = path.join(
      this.options.uploadDir,
      `${crypto.randomUUID()}${path.extname(name).toLowerCase()}`,
    );
    const counter = hashingCounter(this.options.maxBytes);
    try {
      await pipeline(file, counter.stream, fs.createWriteStream(target, { flags: 'wx' }));
    } catch (error) {
      await fs.promises.rm(target, { force: true });
      file.resume();
      throw error;
    }
    if (file.truncated) {
      await fs.promises.rm(target, { force: true });
      throw new RequestError(413, `field "file": the file is larger than ${this.options.maxBytes} bytes`);
    }
    return { file: target, name, ...counter.result() };
  }

  /** Name, signature and header: a file that cannot be imported is refused before it is queued. */
  private async check(
    file: string,
    name: string,
    head: Buffer,
    preset: PresetName | 'auto',
  ): Promise<PresetName> {
    const extension = path.extname(name).toLowerCase();
    if (!EXTENSIONS.has(extension)) {
      throw new RequestError(
        415,
        `field "file": "${name}" is not a CSV or XLSX export (.csv, .txt, .tsv, .xlsx)`,
      );
    }
    const kind = fileKind(head);
    if (extension === '.xlsx' ? kind !== 'zip' : kind !== 'text') {
      throw new RequestError(
        415,
        `field "file": "${name}" is named ${extension} but its content is ${
          kind === 'text' ? 'text' : kind === 'zip' ? 'a zip archive (XLSX)' : `a ${kind} file`
        }`,
      );
    }
    try {
      const opened = await openImport(file, { preset });
      await opened.close();
      return opened.preset;
    } catch (error) {
      if (error instanceof ImportFileError) throw new RequestError(400, `field "file": ${error.message}`);
      throw error;
    }
  }

  private async enqueue(
    file: {
      file: string;
      fileName: string;
      sha256: string;
      bytes: number;
      preset: PresetName;
      origin: 'upload' | 'folder';
      folderSourceId: string | null;
    },
    who: Requester,
    jobs: ImportJobs,
  ): Promise<{ id: string; existing: boolean }> {
    await this.sources.ensure(file.preset, file.preset);
    const queued = await this.imports.enqueue({
      fileName: file.fileName,
      fileSha256: file.sha256,
      fileBytes: file.bytes,
      preset: file.preset,
      sourceId: file.preset,
      origin: file.origin,
      requestedBy: who.label,
      storedPath: file.file,
      folderSourceId: file.folderSourceId,
    });
    // The same content is already queued, running or imported: this copy is not needed.
    if (queued.existing && file.origin === 'upload') await fs.promises.rm(file.file, { force: true });
    await this.accessLog.record(who.apiKeyId, 'import.queued', {
      import_id: queued.id,
      by: who.label,
      file: file.fileName,
      bytes: file.bytes,
      preset: file.preset,
      origin: file.origin,
      existing: queued.existing,
    });
    // The row is queued either way: if Redis is away now, the scheduler adds the job again (readdWaiting). The
    // failure is not thrown: the caller would then remove the stored file of a queued import (and answer 503 for
    // a hand-in that is in fact accepted).
    if (!queued.existing) await jobs.add(queued.id).catch(() => undefined);
    return queued;
  }

  /**
   * A complete file of a watched folder (`export-folder` source): hashed and checked like an upload, then queued
   * from where it lies. The same content imported (or queued) before goes to processed/ with a report naming that
   * import; a file that is not an export goes to failed/ with the reason. Nothing is stored for either.
   */
  async handInFolderFile(
    file: string,
    folder: { sourceId: string; preset: PresetName | 'auto' },
    jobs: ImportJobs,
  ): Promise<FolderHandIn> {
    const name = path.basename(file);
    const root = path.dirname(file);
    const who: Requester = { label: `folder:${folder.sourceId}`, apiKeyId: null };
    let preset: PresetName;
    const counter = hashingCounter(this.options.maxBytes);
    try {
      await pipeline(
        fs.createReadStream(file),
        counter.stream,
        new Writable({ write: (_chunk, _encoding, callback) => callback() }),
      );
    } catch (error) {
      if (!(error instanceof RequestError)) throw error;
      return this.refuseFolderFile(root, file, folder.sourceId, error.message);
    }
    const { sha256, bytes, head } = counter.result();
    try {
      preset = await this.check(file, name, head, folder.preset);
    } catch (error) {
      if (!(error instanceof RequestError)) throw error;
      return this.refuseFolderFile(root, file, folder.sourceId, error.message);
    }
    const queued = await this.enqueue(
      { file, fileName: name, sha256, bytes, preset, origin: 'folder', folderSourceId: folder.sourceId },
      who,
      jobs,
    );
    if (!queued.existing) return { outcome: 'queued', importId: queued.id };
    const earlier = await this.imports.get(queued.id);
    const movedTo = await moveWithReport(
      root,
      file,
      'processed',
      {
        file: name,
        outcome: 'duplicate',
        message: `the same content (sha256 ${sha256}) was handed in before as import ${queued.id}; nothing imported again`,
        duplicateOf: queued.id,
        earlier: earlier === null ? null : { file: earlier.fileName, state: earlier.status },
      },
      `dup-${queued.id}`,
    );
    return { outcome: 'existing', importId: queued.id, movedTo };
  }

  private async refuseFolderFile(
    root: string,
    file: string,
    sourceId: string,
    message: string,
  ): Promise<FolderHandIn> {
    const reason = message.replace(/^field "file": /, '');
    const name = path.basename(file);
    const movedTo = await moveWithReport(
      root,
      file,
      'failed',
      { file: name, outcome: 'refused', error: reason },
      `refused-${this.now().getTime()}`,
    );
    await this.sources.recordRefusedFile(sourceId, `${name}: ${reason}`);
    return { outcome: 'refused', reason, movedTo };
  }

  private get maxAttempts(): number {
    return this.options.maxAttempts ?? JOB_ATTEMPTS;
  }

  /**
   * The worker's part: import the stored file. Done: an uploaded file is removed, a dropped one moved to processed/.
   * Failed for good (a file the importer cannot read, or the last attempt failed): the import is given up, a
   * dropped file moved to failed/ and an uploaded one kept for FAILED_UPLOAD_KEPT_MS. Any other failure is thrown
   * as it is, for BullMQ's next attempt.
   */
  async run(importId: string): Promise<ImportSummary | null> {
    let summary: ImportSummary | null;
    try {
      summary = await this.importer.importQueued(importId);
    } catch (error) {
      if (error instanceof ImportFileError) {
        await this.giveUp(importId);
        throw error;
      }
      // The database may be what failed: then the next attempt (or the scheduler's recovery) decides.
      const detail = await this.imports.get(importId).catch(() => null);
      if (detail !== null && this.isLastAttempt(detail)) {
        await this.giveUp(importId);
        throw new ImportGaveUpError(importId, detail.attempts, error);
      }
      throw error;
    }
    const detail = await this.imports.get(importId);
    // A job run again for an import that was given up finds it not claimable (null) and leaves its file alone.
    if (detail !== null && detail.status === 'done') await this.settleDone(detail);
    return summary;
  }

  /** Failed with no attempt left: BullMQ's attempts used up, or interrupted MAX_INTERRUPTED_RUNS times. */
  private isLastAttempt(detail: {
    status: ImportRecord['status'];
    attempts: number;
    interruptions: number;
  }): boolean {
    return (
      detail.status === 'failed' &&
      (detail.attempts >= this.maxAttempts || detail.interruptions >= MAX_INTERRUPTED_RUNS)
    );
  }

  private async settleDone(detail: ImportDetail): Promise<void> {
    if (detail.storedPath === null) return;
    if (detail.origin === 'folder') {
      await this.settleFolderFile(detail);
      return;
    }
    if (detail.origin !== 'upload') return;
    await fs.promises.rm(detail.storedPath, { force: true });
    await this.imports.clearStoredPath(detail.id);
  }

  /**
   * An import no attempt will run again: a dropped file goes to failed/ with the error beside it (once: the record
   * lets go of it in the same step), an uploaded file is kept until FAILED_UPLOAD_KEPT_MS from now, then the
   * maintenance job deletes it. Safe to repeat; called by the worker, the scheduler's recovery and a folder listing.
   */
  async giveUp(importId: string): Promise<void> {
    const detail = await this.imports.get(importId);
    if (detail === null || detail.storedPath === null || detail.fileExpiresAt !== null) return;
    if (detail.status !== 'failed') return;
    if (detail.origin === 'folder') {
      await this.settleFolderFile(detail);
      return;
    }
    await this.imports.keepFileUntil(importId, new Date(this.now().getTime() + FAILED_UPLOAD_KEPT_MS));
  }

  /**
   * The maintenance job: deletes the kept files of failed uploads whose time is up, and files in the upload
   * folder that no import holds and that have not changed for ORPHAN_UPLOAD_MS (an upload cut off mid-stream, or
   * a process that died between storing and recording it). A watched folder's files are never touched here.
   */
  async removeExpiredUploads(): Promise<{ expired: string[]; orphans: string[] }> {
    const now = this.now().getTime();
    const expired: string[] = [];
    for (const kept of await this.imports.expiredFiles(new Date(now))) {
      await fs.promises.rm(kept.storedPath, { force: true });
      await this.imports.clearStoredPath(kept.id);
      expired.push(kept.id);
    }
    const orphans: string[] = [];
    let names: string[];
    try {
      names = await fs.promises.readdir(this.options.uploadDir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { expired, orphans };
      throw error;
    }
    const held = await this.imports.storedPaths();
    for (const name of names.sort()) {
      const file = path.join(this.options.uploadDir, name);
      if (held.has(file)) continue;
      const stat = await fs.promises.stat(file).catch(() => null);
      if (stat === null || !stat.isFile() || now - stat.mtimeMs < ORPHAN_UPLOAD_MS) continue;
      await fs.promises.rm(file, { force: true });
      orphans.push(name);
    }
    return { expired, orphans };
  }

  /**
   * A watched folder's import that ended (done, or failed on its last attempt): its file moves to processed/ or
   * failed/ with the summary or the error beside it, then the record lets go of it and the source counts the new
   * mentions. Called by the worker when the import ends, and by the folder's next listing for one a crash left
   * behind. An import that may still run (a failed one with attempts left) keeps its file where it is.
   */
  async settleFolderImport(importId: string): Promise<boolean> {
    const detail = await this.imports.get(importId);
    if (detail === null || detail.storedPath === null || detail.origin !== 'folder') return false;
    if (detail.status !== 'done' && !this.isLastAttempt(detail)) return false;
    await this.settleFolderFile(detail);
    return true;
  }

  private async settleFolderFile(detail: ImportDetail): Promise<void> {
    const done = detail.status === 'done';
    const view = this.view(detail);
    const report = done
      ? { outcome: 'imported', importId: detail.id, summary: view }
      : {
          outcome: 'failed',
          importId: detail.id,
          error: detail.error,
          attempts: detail.attempts,
          summary: view,
        };
    await moveWithReport(
      path.dirname(detail.storedPath!),
      detail.storedPath!,
      done ? 'processed' : 'failed',
      report,
      `import-${detail.id}`,
    );
    await this.imports.settleFolderFile(detail.id);
  }

  /**
   * Queued imports whose job may be lost (Redis restarted empty), interrupted ones, and failed ones with attempts
   * left: their jobs are added again (a job that still waits is left alone). A failed import past its last attempt
   * that a crash kept from being given up is given up now. Returns the ids whose jobs were added.
   */
  async readdWaiting(jobs: ImportJobs, olderThanMs = 60_000): Promise<string[]> {
    const waiting = await this.imports.waiting(new Date(this.now().getTime() - olderThanMs));
    const readded: string[] = [];
    for (const entry of waiting) {
      if (this.isLastAttempt(entry)) {
        await this.giveUp(entry.id);
        continue;
      }
      await jobs.readd(entry.id);
      readded.push(entry.id);
    }
    return readded;
  }

  async get(id: string): Promise<ImportView | null> {
    await this.importer.markInterrupted();
    const detail = await this.imports.get(id);
    return detail === null ? null : this.view(detail);
  }

  async list(limit = 50): Promise<ImportListItem[]> {
    const records = await this.importer.list(limit);
    return records.map((record) => {
      const {
        rejected: _rejected,
        repeatedRows: _repeated,
        ...item
      } = this.view({
        ...record,
        rejected: [],
        repeatedRows: [],
        storedPath: null,
        fileExpiresAt: null,
      });
      return item;
    });
  }

  private view(detail: ImportDetail): ImportView {
    const end = detail.finishedAt ?? this.now();
    const seconds = Math.max(0, (end.getTime() - detail.startedAt.getTime()) / 1000);
    const running = detail.status === 'running';
    const rowsPerSecond =
      detail.status !== 'queued' && seconds > 0 ? Math.round(detail.rowsRead / seconds) : null;
    const bytesPerSecond = running && seconds > 0 ? detail.bytesRead / seconds : 0;
    return {
      id: detail.id,
      state: detail.status,
      file: detail.fileName,
      preset: detail.preset as PresetName,
      origin: detail.origin,
      requestedBy: detail.requestedBy,
      rows: detail.rowsRead,
      imported: detail.imported,
      duplicates: detail.duplicates,
      repeatedRows: detail.repeatedRows,
      rejected: detail.rejected,
      rejectedCount: detail.rejectedCount,
      pastRetention:
        detail.pastRetention > 0
          ? { rows: detail.pastRetention, retentionDays: this.options.retentionDays }
          : null,
      seconds: detail.status === 'queued' ? 0 : Math.round(seconds * 100) / 100,
      bytesRead: detail.bytesRead,
      bytesTotal: detail.fileBytes,
      queuedAt: detail.queuedAt?.toISOString() ?? null,
      startedAt: detail.startedAt.toISOString(),
      finishedAt: detail.finishedAt?.toISOString() ?? null,
      rowsPerSecond,
      secondsLeft:
        bytesPerSecond > 0 ? Math.round((detail.fileBytes - detail.bytesRead) / bytesPerSecond) : null,
      error: detail.error,
    };
  }
}
