// The record of each import run: what file, which preset, and what came of its rows.
import type { Db } from '../db/client.js';

export interface ImportCounts {
  rowsRead: number;
  imported: number;
  duplicates: number;
  rejected: { row: number; reason: string }[];
  rejectedCount: number;
}

// The record keeps the first rejections; the CLI prints them all.
const STORED_REJECTIONS = 1_000;

export type ImportStatus = 'running' | 'done' | 'failed' | 'interrupted';

export interface ImportRecord {
  id: string;
  fileName: string;
  preset: string;
  status: ImportStatus;
  startedAt: Date;
  finishedAt: Date | null;
  heartbeatAt: Date;
  rowsRead: number;
  imported: number;
  duplicates: number;
  rejectedCount: number;
  error: string | null;
}

export class ImportsRepository {
  constructor(private readonly db: Db) {}

  async start(values: {
    fileName: string;
    fileSha256: string;
    fileBytes: number;
    preset: string;
    sourceId: string;
  }): Promise<string> {
    const row = await this.db
      .insertInto('imports')
      .values({
        file_name: values.fileName,
        file_sha256: values.fileSha256,
        file_bytes: values.fileBytes,
        preset: values.preset,
        source_id: values.sourceId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  /** A running import says it is alive, with its counts so far. */
  async beat(id: string, counts: Omit<ImportCounts, 'rejected'>): Promise<void> {
    await this.db
      .updateTable('imports')
      .set({
        heartbeat_at: new Date(),
        rows_read: counts.rowsRead,
        imported: counts.imported,
        duplicates: counts.duplicates,
        rejected_count: counts.rejectedCount,
      })
      .where('id', '=', id)
      .where('status', '=', 'running')
      .execute();
  }

  /** Imports still `running` whose last beat is older than staleBefore died (killed, or lost their database). */
  async markInterrupted(staleBefore: Date): Promise<number> {
    const result = await this.db
      .updateTable('imports')
      .set({
        status: 'interrupted',
        finished_at: (eb) => eb.ref('heartbeat_at'),
        error: 'the import stopped without finishing (the process was killed or lost its database)',
      })
      .where('status', '=', 'running')
      .where('heartbeat_at', '<', staleBefore)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  async list(limit: number): Promise<ImportRecord[]> {
    const rows = await this.db
      .selectFrom('imports')
      .select([
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
      ])
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((row) => ({
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
    }));
  }

  async finish(id: string, counts: ImportCounts, error: string | null = null): Promise<void> {
    await this.db
      .updateTable('imports')
      .set({
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
}
