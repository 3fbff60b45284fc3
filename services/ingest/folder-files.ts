// The files of a watched export folder: which names are exports waiting (not hidden, not a partial upload, not a
// marker), and moving a handled file into processed/ or failed/ beside its report. Every step is safe to repeat:
// a move cut short by a crash is finished by the next one, never done twice.
import fs from 'node:fs';
import path from 'node:path';

export const PROCESSED_DIR = 'processed';
export const FAILED_DIR = 'failed';
export const DONE_MARKER = '.done';
export const REPORT_SUFFIX = '.report.json';

// Names an uploader writes before the file is whole (rsync, curl, browsers, editors) are never taken.
const PARTIAL = /(\.part|\.partial|\.tmp|\.crdownload|\.filepart|~)$/i;

/** A name in the folder that may be an export: not hidden, not partial, not a `.done` marker or a report. */
export function isCandidateName(name: string): boolean {
  if (name.startsWith('.')) return false;
  if (PARTIAL.test(name)) return false;
  if (name.endsWith(DONE_MARKER) || name.endsWith(REPORT_SUFFIX)) return false;
  return true;
}

/** The `<name>.done` marker of a file: the uploader's word that it is complete. */
export function markerOf(file: string): string {
  return `${file}${DONE_MARKER}`;
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.promises.lstat(file);
    return true;
  } catch {
    return false;
  }
}

/**
 * Moves `file` into `<folder>/<processed|failed>/` with `<name>.report.json` beside it, and removes its marker. The
 * report is written first (to a temporary name, then renamed), so a file is never in processed/ without its report.
 * A name already taken there (the same name dropped again) gets the import's id or the time before its extension.
 * A file already gone (moved before a crash) is left alone: the move is done.
 */
export async function moveWithReport(
  folder: string,
  file: string,
  outcome: 'processed' | 'failed',
  report: Record<string, unknown>,
  tag: string,
): Promise<string | null> {
  if (!(await exists(file))) return null;
  const targetDir = path.join(folder, outcome === 'processed' ? PROCESSED_DIR : FAILED_DIR);
  await fs.promises.mkdir(targetDir, { recursive: true });
  const name = path.basename(file);
  let target = path.join(targetDir, name);
  if (await exists(target)) {
    const extension = path.extname(name);
    target = path.join(targetDir, `${path.basename(name, extension)}.${tag}${extension}`);
  }
  const reportFile = `${target}${REPORT_SUFFIX}`;
  const temporary = path.join(targetDir, `.${path.basename(reportFile)}.tmp`);
  await fs.promises.writeFile(temporary, `${JSON.stringify(report, null, 2)}\n`);
  await fs.promises.rename(temporary, reportFile);
  await fs.promises.rename(file, target);
  await fs.promises.rm(markerOf(file), { force: true });
  return target;
}
