// The record of each import run: what file, which preset, and what came of its rows.
import { sql } from 'kysely';
import type { Db } from '../db/client.js';
import type {
  ImportCounts,
  ImportDetail,
  ImportOrigin,
  ImportRecord,
  ImportStatus,
} from '../ingest/import-record.js';

// The record keeps the first rejections (the page's CSV download); the CLI prints them all.
export const STORED_REJECTIONS = 10_000;

export interface QueuedImport {
  fileName: string;
  fileSha256: string;
  fileBytes: number;
  preset: string;
  sourceId: string;
  origin: Exclude<ImportOrigin, 'cli'>;
  requestedBy: string;
  storedPath: string;
  folderSourceId?: string | null;
}

const RECORD_COLUMNS = [
  'id',
  'file_name',
  'preset',
  'status',
  'started_at',
  'finished_at',
  'heartbeat_at',
  'rows_read',
  'imported',
  'duplicates',
  'rejected_count',
  'error',
  'origin',
  'requested_by',
  'file_bytes',
  'bytes_read',
  'queued_at',
  'attempts',
  'interruptions',
  'past_retention',
  'folder_source_id',
] as const;

interface RecordRow {
  id: string;
  file_name: string;
  preset: string;
  status: ImportStatus;
  started_at: Date;
  finished_at: Date | null;
  heartbeat_at: Date;
  rows_read: number;
  imported: number;
  duplicates: number;
  rejected_count: number;
  error: string | null;
  origin: ImportOrigin;
  requested_by: string | null;
  file_bytes: string;
  bytes_read: string;
  queued_at: Date | null;
  attempts: number;
  interruptions: number;
  past_retention: number;
  folder_source_id: string | null;
}

function toRecord(row: RecordRow): ImportRecord {
  return {
    id: row.id,
    fileName: row.file_name,
    preset: row.preset,
    status: row.status,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    heartbeatAt: row.heartbeat_at,
    rowsRead: row.rows_read,
    imported: row.imported,
    duplicates: row.duplicates,
    rejectedCount: row.rejected_count,
    error: row.error,
    origin: row.origin,
    requestedBy: row.requested_by,
    fileBytes: Number(row.file_bytes),
    bytesRead: Number(row.bytes_read),
    queuedAt: row.queued_at,
    attempts: row.attempts,
    interruptions: row.interruptions,
    pastRetention: row.past_retention,
    folderSourceId: row.folder_source_id,
  };
}

export class ImportsRepository {
  constructor(private readonly db: Db) {}

  async start(values: {
    fileName: string;
    fileSha256: string;
    fileBytes: number;
    preset: string;
    sourceId: string;
    requestedBy?: string | null;
  }): Promise<string> {
    const row = await this.db
      .insertInto('imports')
      .values({
        file_name: values.fileName,
        file_sha256: values.fileSha256,
        file_bytes: values.fileBytes,
        preset: values.preset,
        source_id: values.sourceId,
        requested_by: values.requestedBy ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  /** A running import says it is alive, with its counts so far. */
  async beat(id: string, counts: Omit<ImportCounts, 'rejected'> & { bytesRead?: number }): Promise<void> {
    await this.db
      .updateTable('imports')
      .set({
        heartbeat_at: new Date(),
        ...(counts.bytesRead === undefined ? {} : { bytes_read: counts.bytesRead }),
        rows_read: counts.rowsRead,
        imported: counts.imported,
        duplicates: counts.duplicates,
        rejected_count: counts.rejectedCount,
      })
      .where('id', '=', id)
      .where('status', '=', 'running')
      .execute();
  }

  /**
   * Imports still `running` whose last beat is older than staleBefore died (killed, or lost their database): each
   * counts one more interrupted run. Below `maxInterruptions` it is `interrupted` and runs again; at the limit (a
   * file that kills its worker every time) it is `failed`, given up like an import whose last attempt failed.
   */
  async markInterrupted(staleBefore: Date, maxInterruptions: number): Promise<number> {
    const result = await this.db
      .updateTable('imports')
      .set((eb) => ({
        interruptions: eb('interruptions', '+', 1),
        status: sql<ImportStatus>`case when interruptions + 1 >= ${maxInterruptions} then 'failed' else 'interrupted' end`,
        finished_at: eb.ref('heartbeat_at'),
        error: sql<string>`case when interruptions + 1 >= ${maxInterruptions}
          then ${`the import stopped without finishing ${maxInterruptions} times (its worker was killed or lost its database each time) and was given up`}
          else 'the import stopped without finishing (the process was killed or lost its database)' end`,
      }))
      .where('status', '=', 'running')
      .where('heartbeat_at', '<', staleBefore)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  async list(limit: number): Promise<ImportRecord[]> {
    const rows = await this.db
      .selectFrom('imports')
      .select(RECORD_COLUMNS)
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((row) => toRecord(row));
  }

  async get(id: string): Promise<ImportDetail | null> {
    const row = await this.db
      .selectFrom('imports')
      .select([...RECORD_COLUMNS, 'rejected', 'repeated_rows', 'stored_path', 'file_expires_at'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (row === undefined) return null;
    return {
      ...toRecord(row),
      rejected: row.rejected,
      repeatedRows: row.repeated_rows,
      storedPath: row.stored_path,
      fileExpiresAt: row.file_expires_at,
    };
  }

  /**
   * Records an uploaded or dropped file as `queued`. The same content already queued, running or imported is not
   * recorded again: that import's id comes back with `existing`.
   */
  async enqueue(values: QueuedImport): Promise<{ id: string; existing: boolean }> {
    return this.db.transaction().execute(async (trx) => {
      const inserted = await trx
        .insertInto('imports')
        .values({
          file_name: values.fileName,
          file_sha256: values.fileSha256,
          file_bytes: values.fileBytes,
          preset: values.preset,
          source_id: values.sourceId,
          status: 'queued',
          origin: values.origin,
          requested_by: values.requestedBy,
          stored_path: values.storedPath,
          folder_source_id: values.folderSourceId ?? null,
          queued_at: new Date(),
        })
        .onConflict((oc) =>
          oc.column('file_sha256').where('origin', '<>', 'cli').where('status', '<>', 'failed').doNothing(),
        )
        .returning('id')
        .executeTakeFirst();
      if (inserted !== undefined) return { id: inserted.id, existing: false };
      const known = await trx
        .selectFrom('imports')
        .select('id')
        .where('file_sha256', '=', values.fileSha256)
        .where('origin', '<>', 'cli')
        .where('status', '<>', 'failed')
        .executeTakeFirstOrThrow();
      return { id: known.id, existing: true };
    });
  }

  /**
   * A worker takes a queued import (or one whose earlier run died or failed): it runs again from its first row.
   * An upload given up but still keeping its file runs again too (an administrator's retry of its failed job on the
   * queue board, or BullMQ re-running a last attempt whose worker died; the scheduler never re-adds one) and is no
   * longer due for deletion until it is given up again. Null when it
   * is done already (a job run twice), its file is gone (imported, moved out of a folder or deleted), or unknown.
   */
  async claim(id: string): Promise<ImportDetail | null> {
    const claimed = await this.db
      .updateTable('imports')
      .set((eb) => ({
        status: 'running',
        started_at: new Date(),
        heartbeat_at: new Date(),
        finished_at: null,
        error: null,
        file_expires_at: null,
        attempts: eb('attempts', '+', 1),
      }))
      .where('id', '=', id)
      .where('status', '<>', 'done')
      .where('stored_path', 'is not', null)
      .returning('id')
      .executeTakeFirst();
    return claimed === undefined ? null : this.get(id);
  }

  /** Mentions an import's earlier attempts stored: a run that starts again counts them as its own, not as duplicates. */
  async storedBy(id: string): Promise<number> {
    const row = await this.db
      .selectFrom('mentions')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('import_id', '=', id)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** The uploaded file is gone (imported, or refused for good): the record no longer points at it. */
  async clearStoredPath(id: string): Promise<void> {
    await this.db.updateTable('imports').set({ stored_path: null }).where('id', '=', id).execute();
  }

  /**
   * Imports a worker should be holding, with their file still stored and not given up: queued, interrupted, or
   * failed (waiting for BullMQ's next attempt, whose job Redis may have lost, or past its last attempt).
   */
  async waiting(
    queuedBefore: Date,
  ): Promise<{ id: string; status: ImportStatus; attempts: number; interruptions: number }[]> {
    return this.db
      .selectFrom('imports')
      .select(['id', 'status', 'attempts', 'interruptions'])
      .where('stored_path', 'is not', null)
      .where('file_expires_at', 'is', null)
      .where((eb) =>
        eb.or([
          eb.and([eb('status', '=', 'queued'), eb('queued_at', '<', queuedBefore)]),
          eb('status', '=', 'interrupted'),
          eb('status', '=', 'failed'),
        ]),
      )
      .orderBy('id')
      .limit(1_000)
      .execute();
  }

  /** An upload that failed for good keeps its file until `expiresAt`; no worker takes the import again. */
  async keepFileUntil(id: string, expiresAt: Date): Promise<void> {
    await this.db
      .updateTable('imports')
      .set({ file_expires_at: expiresAt })
      .where('id', '=', id)
      .where('stored_path', 'is not', null)
      .where('file_expires_at', 'is', null)
      .execute();
  }

  /** Kept files whose time is up. */
  async expiredFiles(now: Date): Promise<{ id: string; storedPath: string }[]> {
    const rows = await this.db
      .selectFrom('imports')
      .select(['id', 'stored_path'])
      .where('file_expires_at', '<=', now)
      .where('stored_path', 'is not', null)
      .orderBy('id')
      .limit(1_000)
      .execute();
    return rows.map((row) => ({ id: row.id, storedPath: row.stored_path! }));
  }

  /** Every file an import still points at (uploaded or dropped). */
  async storedPaths(): Promise<Set<string>> {
    const rows = await this.db
      .selectFrom('imports')
      .select('stored_path')
      .where('stored_path', 'is not', null)
      .execute();
    return new Set(rows.map((row) => row.stored_path!));
  }

  async finish(
    id: string,
    counts: ImportCounts & {
      bytesRead?: number;
      repeatedRows?: { row: number; duplicateOf: number; reason: string }[];
      pastRetention?: number;
    },
    error: string | null = null,
  ): Promise<void> {
    await this.db
      .updateTable('imports')
      .set({
        ...(counts.bytesRead === undefined ? {} : { bytes_read: counts.bytesRead }),
        repeated_rows: JSON.stringify((counts.repeatedRows ?? []).slice(0, STORED_REJECTIONS)),
        past_retention: counts.pastRetention ?? 0,
        status: error === null ? 'done' : 'failed',
        finished_at: new Date(),
        heartbeat_at: new Date(),
        rows_read: counts.rowsRead,
        imported: counts.imported,
        duplicates: counts.duplicates,
        rejected_count: counts.rejectedCount,
        rejected: JSON.stringify(counts.rejected.slice(0, STORED_REJECTIONS)),
        error,
      })
      .where('id', '=', id)
      .execute();
  }

  /** A watched folder's files that are still handed in (queued, running, interrupted, failed or done but not moved). */
  async folderFiles(
    sourceId: string,
  ): Promise<
    { id: string; status: ImportStatus; storedPath: string; error: string | null; attempts: number }[]
  > {
    const rows = await this.db
      .selectFrom('imports')
      .select(['id', 'status', 'stored_path', 'error', 'attempts'])
      .where('folder_source_id', '=', sourceId)
      .where('stored_path', 'is not', null)
      .orderBy('id')
      .execute();
    return rows.map((row) => ({
      id: row.id,
      status: row.status,
      storedPath: row.stored_path!,
      error: row.error,
      attempts: row.attempts,
    }));
  }

  /**
   * A watched folder's file has been moved out (processed/ or failed/): the record lets go of it and, for a done
   * import, the folder's source counts its new mentions, in one transaction. Only the first call for an import
   * counts (a settle repeated after a crash finds the path cleared), so the source's count is exact.
   */
  async settleFolderFile(id: string): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const cleared = await trx
        .updateTable('imports')
        .set({ stored_path: null })
        .where('id', '=', id)
        .where('stored_path', 'is not', null)
        .returning(['status', 'imported', 'folder_source_id', 'file_name', 'error'])
        .executeTakeFirst();
      if (cleared === undefined || cleared.folder_source_id === null) return false;
      if (cleared.status === 'done') {
        await trx
          .updateTable('sources')
          .set({
            items_stored: sql<string>`items_stored + ${cleared.imported}`,
            last_success_at: new Date(),
            updated_at: new Date(),
          })
          .where('id', '=', cleared.folder_source_id)
          .execute();
      } else {
        await trx
          .updateTable('sources')
          .set({
            last_error_at: new Date(),
            last_error: `${cleared.file_name}: ${cleared.error ?? 'the import failed'}`,
            updated_at: new Date(),
          })
          .where('id', '=', cleared.folder_source_id)
          .execute();
      }
      return true;
    });
  }
}
