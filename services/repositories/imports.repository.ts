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

  async finish(id: string, counts: ImportCounts, error: string | null = null): Promise<void> {
    await this.db
      .updateTable('imports')
      .set({
        status: error === null ? 'done' : 'failed',
        finished_at: new Date(),
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
