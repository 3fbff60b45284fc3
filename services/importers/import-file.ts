// The importers' entry point: open a listening-tool export (CSV or XLSX, any supported tool), learn what it is, and
// stream its rows as mentions or row errors. File-level problems throw ImportFileError from openImport; problems of
// a single row come through rows() as { row, error } while the other rows carry on.
import { open, stat } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { basename } from 'node:path';

import type { SourceKind } from '../ingest/raw-mention.js';
import { prepareCsvImport } from './csv-import.js';
import type { PresetName } from './export-preset.js';
import { EXPORT_PRESETS, presetByName } from './export-presets.js';
import { fileKind } from './file-signature.js';
import { ImportFileError } from './import-file-error.js';
import type { ImportRow } from './import-row.js';
import { TimeZone } from '../time/zoned-time.js';
import { prepareXlsxImport } from './xlsx-import.js';

export type { PresetName } from './export-preset.js';
export type { ImportRow } from './import-row.js';
export { ImportFileError } from './import-file-error.js';

/** The SourceKind of the mentions an import yields: the preset's name (this compiles only while that holds). */
export function sourceKindOf(preset: PresetName): SourceKind {
  return preset;
}

export interface OpenedImport {
  preset: PresetName;
  format: 'csv' | 'xlsx';
  /**
   * The text encoding of a CSV file (utf-8, windows-1252, utf-16le, utf-16be); null for XLSX. Decided from the first
   * MiB; when that is pure ASCII it reads 'utf-8' until rows() meets the first byte above 0x7F, which decides.
   */
  encoding: string | null;
  bytesTotal: number;
  /** Bytes of the file read so far, for progress. */
  bytesRead(): number;
  /** The data rows in file order. Can be iterated once. */
  rows(): AsyncIterable<ImportRow>;
  /** Stops reading and releases the file; safe to call more than once, and after the rows ran out. */
  close(): Promise<void>;
}

export interface OpenImportOptions {
  preset: PresetName | 'auto';
  /** IANA zone for dates written without an offset (every supported tool writes local time). */
  timeZone?: string;
  /** A longer cell makes its row an error instead of being kept in memory. */
  maxCellChars?: number;
}

export const DEFAULT_TIME_ZONE = 'Europe/Amsterdam';
/** Far above any post or article text; stops one broken quote from taking the rest of the file into memory. */
export const DEFAULT_MAX_CELL_CHARS = 1_000_000;
/** Bytes read up front for the encoding, the header and the delimiter. */
const HEAD_BYTES = 1024 * 1024;

function openFailure(path: string, error: unknown): ImportFileError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const name = basename(path);
  if (code === 'ENOENT') return new ImportFileError(`"${name}" does not exist (${path}).`);
  if (code === 'EISDIR') return new ImportFileError(`"${name}" is a folder, not an export file.`);
  if (code === 'EACCES' || code === 'EPERM')
    return new ImportFileError(`"${name}" cannot be read: permission denied.`);
  const reason = error instanceof Error ? error.message : String(error);
  return new ImportFileError(`"${name}" cannot be opened: ${reason}`);
}

function singlePass<T>(rows: () => AsyncGenerator<T>): () => AsyncGenerator<T> {
  let used = false;
  return () => {
    if (used) throw new Error('rows() can be iterated only once per opened import');
    used = true;
    return rows();
  };
}

export async function openImport(path: string, options: OpenImportOptions): Promise<OpenedImport> {
  const zone = TimeZone.of(options.timeZone ?? DEFAULT_TIME_ZONE);
  const maxCellChars = options.maxCellChars ?? DEFAULT_MAX_CELL_CHARS;
  const wanted = options.preset === 'auto' ? null : presetByName(options.preset);
  const fileName = basename(path);

  let size: number;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    size = info.size;
  } catch (error) {
    throw openFailure(path, error);
  }
  if (size === 0) throw new ImportFileError(`"${fileName}" is empty (0 bytes).`);

  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw openFailure(path, error);
  }
  let handleClosed: Promise<void> | null = null;
  const closeHandle = (): Promise<void> => (handleClosed ??= handle.close());

  try {
    const head = Buffer.alloc(Math.min(size, HEAD_BYTES));
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    const headBytes = head.subarray(0, bytesRead);
    const kind = fileKind(headBytes);
    switch (kind) {
      case 'zip': {
        await closeHandle();
        const xlsx = await prepareXlsxImport({
          fileName,
          path,
          wanted,
          allPresets: EXPORT_PRESETS,
          zone,
          maxCellChars,
        });
        let closed = false;
        let active: AsyncGenerator<ImportRow> | null = null;
        return {
          preset: xlsx.preset.name,
          format: 'xlsx',
          encoding: null,
          bytesTotal: size,
          bytesRead: () => xlsx.bytesRead(),
          rows: singlePass(() => (active = xlsx.rows(() => closed))),
          close: async () => {
            closed = true;
            await active?.return(undefined);
            await xlsx.close();
          },
        };
      }
      case 'xls':
        throw new ImportFileError(
          `"${fileName}" is an Excel 97-2003 workbook (.xls), which cannot be read: save it as .xlsx or CSV.`,
        );
      case 'pdf':
      case 'gzip':
        throw new ImportFileError(
          `"${fileName}" is a ${kind === 'pdf' ? 'PDF document' : 'gzip archive'}, not a CSV or XLSX export.`,
        );
      case 'text':
        break;
    }

    const csv = prepareCsvImport({
      fileName,
      handle,
      size,
      head: headBytes,
      wanted,
      allPresets: EXPORT_PRESETS,
      zone,
      maxCellChars,
      release: closeHandle,
    });
    let closed = false;
    let active: AsyncGenerator<ImportRow> | null = null;
    return {
      preset: csv.preset.name,
      format: 'csv',
      get encoding() {
        return csv.encoding();
      },
      bytesTotal: size,
      bytesRead: () => csv.bytesRead(),
      rows: singlePass(() => (active = csv.rows(() => closed))),
      close: async () => {
        closed = true;
        await active?.return(undefined);
        await closeHandle();
      },
    };
  } catch (error) {
    await closeHandle();
    throw error;
  }
}
