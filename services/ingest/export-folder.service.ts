// Watched export folders (`export-folder` sources): each listing hands every complete file to the import queue
// once. A file is complete when its size and mtime stayed the same for the source's settle time (what each file
// looked like, and since when, is kept on the source row in Postgres, so a restart or another worker goes on
// from it), or when a `<name>.done` marker lies beside it. Postgres decides what is handed in: a file that is
// the stored file of an import is never handed in again, and the import's sha256 makes the same content import once.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseDuration } from '../config/duration.js';
import type { ImportsRepository } from '../repositories/imports.repository.js';
import type { SourcesRepository } from '../repositories/sources.repository.js';
import {
  exportFolderProblem,
  isExportFolder,
  type ExportFolderSourceConfig,
  type SourceConfig,
} from '../sources/sources.schema.js';
import { isCandidateName, markerOf } from './folder-files.js';
import type { FolderHandIn, ImportJobs, ImportQueueService } from './import-queue.service.js';

/** What each waiting file looked like at the last listing, and since when it has looked so. */
interface Seen {
  size: number;
  mtimeMs: number;
  since: number;
}
interface FolderState {
  files: Record<string, Seen>;
}

export interface FolderScan {
  sourceId: string;
  /** Why nothing was listed: the lease is held by another listing, or the source is unknown or disabled. */
  skipped?: 'leased' | 'not_configured' | 'disabled';
  /** The folder could not be listed (gone, unwritable): recorded on the source as `needs_attention`. */
  problem?: string;
  handedIn: (FolderHandIn & { file: string })[];
  /** Files seen but not complete yet (still growing, or not yet stable for the settle time). */
  waiting: string[];
  /** Imports a crash left ended (done, or failed on the last attempt) but unmoved, moved now. */
  settled: string[];
}

// A listing hashes complete files before queueing them; a lease this long covers a large export on a slow disk.
const LEASE_MS = 10 * 60_000;

function readState(cursor: unknown): FolderState {
  if (typeof cursor === 'object' && cursor !== null && 'files' in cursor) {
    const files = cursor.files;
    if (typeof files === 'object' && files !== null) return { files: files as Record<string, Seen> };
  }
  return { files: {} };
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.promises.access(file);
    return true;
  } catch {
    return false;
  }
}

export class ExportFolderService {
  private readonly now: () => Date;

  constructor(
    private readonly configured: readonly SourceConfig[],
    private readonly sources: SourcesRepository,
    private readonly imports: ImportsRepository,
    private readonly queue: ImportQueueService,
    now?: () => Date,
  ) {
    this.now = now ?? (() => new Date());
  }

  folders(): ExportFolderSourceConfig[] {
    return this.configured.filter(isExportFolder);
  }

  /** One listing of a watched folder: settle what a crash left, then hand in every file that is complete. */
  async scan(sourceId: string, jobs: ImportJobs): Promise<FolderScan> {
    const result: FolderScan = { sourceId, handedIn: [], waiting: [], settled: [] };
    const source = this.folders().find((entry) => entry.id === sourceId);
    if (source === undefined) return { ...result, skipped: 'not_configured' };
    if (!source.enabled) return { ...result, skipped: 'disabled' };
    await this.sources.ensure(source.id, source.kind);
    const owner = `folder-${crypto.randomUUID()}`;
    const lease = await this.sources.acquireLease(source.id, owner, LEASE_MS);
    if (!lease.acquired) return { ...result, skipped: 'leased' };
    const everyMs = parseDuration(source.every);
    try {
      const problem = exportFolderProblem(source.path);
      if (problem !== null) {
        await this.sources.recordFailure(source.id, {
          state: 'needs_attention',
          kind: 'config',
          message: `export folder "${source.id}": ${problem}`,
          backoffUntil: null,
          nextPollAt: new Date(this.now().getTime() + everyMs),
        });
        return { ...result, problem };
      }
      const folder = path.resolve(source.path);

      // Imports still holding a file of this folder: one that ended (done, or failed on its last attempt) but that
      // a crash left unmoved is moved now; the others (queued, running, interrupted, or failed with BullMQ
      // attempts left) keep their file where it is.
      const holding = new Set<string>();
      for (const held of await this.imports.folderFiles(source.id)) {
        if (held.status === 'done' || held.status === 'failed') {
          if (await this.queue.settleFolderImport(held.id)) {
            result.settled.push(held.id);
            continue;
          }
        }
        holding.add(path.resolve(held.storedPath));
      }

      const previous = readState(lease.cursor);
      const next: FolderState = { files: {} };
      const nowMs = this.now().getTime();
      const settleMs = parseDuration(source.settle);
      const entries = await fs.promises.readdir(folder, { withFileTypes: true });
      const names = new Set(entries.map((entry) => entry.name));
      for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
        // Directories (processed/, failed/ among them), links, hidden and partial files are never exports here.
        if (!entry.isFile() || !isCandidateName(entry.name)) continue;
        const file = path.join(folder, entry.name);
        if (holding.has(file)) continue;
        let stat: fs.Stats;
        try {
          stat = await fs.promises.stat(file);
        } catch {
          continue; // moved away between the listing and now
        }
        const marked = names.has(`${entry.name}.done`) && (await exists(markerOf(file)));
        const seen = previous.files[entry.name];
        const unchanged = seen !== undefined && seen.size === stat.size && seen.mtimeMs === stat.mtimeMs;
        const since = unchanged ? seen.since : nowMs;
        if (!marked && nowMs - since < settleMs) {
          next.files[entry.name] = { size: stat.size, mtimeMs: stat.mtimeMs, since };
          result.waiting.push(entry.name);
          continue;
        }
        const handed = await this.queue.handInFolderFile(
          file,
          { sourceId: source.id, preset: source.preset },
          jobs,
        );
        result.handedIn.push({ ...handed, file: entry.name });
      }
      await this.sources.saveFolderState(source.id, owner, next);
      await this.sources.recordSuccess(source.id, {
        nextPollAt: new Date(this.now().getTime() + everyMs),
        backoffUntil: null,
      });
      return result;
    } finally {
      await this.sources.releaseLease(source.id, owner);
    }
  }
}
