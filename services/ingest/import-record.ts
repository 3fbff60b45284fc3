// An import run as the import queue and the pages see it: status, origin, counts, rejected rows. Defined here, in
// the domain; the imports repository stores and reads it.
export interface ImportCounts {
  rowsRead: number;
  imported: number;
  duplicates: number;
  rejected: { row: number; reason: string }[];
  rejectedCount: number;
}

export type ImportStatus = 'queued' | 'running' | 'done' | 'failed' | 'interrupted';
export type ImportOrigin = 'cli' | 'upload' | 'folder';

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
  origin: ImportOrigin;
  /** Who handed the file in: `user:<name>`, `key:<name>`, `folder:<source>` or `cli:<name>` (null before the CLI said). */
  requestedBy: string | null;
  fileBytes: number;
  bytesRead: number;
  queuedAt: Date | null;
  attempts: number;
  /** Runs that stopped without finishing (worker killed, database lost); at the limit the import is given up. */
  interruptions: number;
  pastRetention: number;
  folderSourceId: string | null;
}

/** One import with what it rejected and which rows repeated an earlier row: the summary's shape. */
export interface ImportDetail extends ImportRecord {
  rejected: { row: number; reason: string }[];
  repeatedRows: { row: number; duplicateOf: number; reason: string }[];
  storedPath: string | null;
  /** When the file of an upload that failed for good is deleted; null while the import may still run. */
  fileExpiresAt: Date | null;
}
