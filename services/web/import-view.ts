// An import as the page shows it: Dutch state, dates in the municipality's zone, numbers with Dutch separators,
// and the rejected rows as a CSV for a spreadsheet.
import { csvLine } from '../mentions/mentions-csv.js';
import type { ImportListItem, ImportView } from '../ingest/import-queue.service.js';
import { when } from './question-view.js';

export const IMPORT_STATE_LABELS: Record<ImportView['state'], string> = {
  queued: 'In de wachtrij',
  running: 'Bezig',
  done: 'Klaar',
  failed: 'Mislukt',
  interrupted: 'Onderbroken (wordt hervat)',
};

const number = new Intl.NumberFormat('nl-NL');

function duration(seconds: number | null): string {
  if (seconds === null) return '–';
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  return minutes < 60
    ? `${minutes} min ${seconds % 60} s`
    : `${Math.floor(minutes / 60)} u ${minutes % 60} min`;
}

function who(requestedBy: string | null): string {
  if (requestedBy === null) return 'opdrachtregel (onderstroom import)';
  const [kind, ...rest] = requestedBy.split(':');
  const name = rest.join(':');
  if (kind === 'user') return name;
  if (kind === 'key') return `API-sleutel ${name}`;
  return `map ${name}`;
}

/** The figures the page shows and the script refreshes (the same keys in the page and in its JSON). */
export function importFigures(view: ImportListItem) {
  return {
    state: view.state,
    stateLabel: IMPORT_STATE_LABELS[view.state],
    finished: view.state === 'done' || view.state === 'failed',
    rows: number.format(view.rows),
    imported: number.format(view.imported),
    duplicates: number.format(view.duplicates),
    rejected: number.format(view.rejectedCount),
    rowsPerSecond: view.rowsPerSecond === null ? '–' : number.format(view.rowsPerSecond),
    timeLeft: duration(view.secondsLeft),
    percent: view.bytesTotal > 0 ? Math.min(100, Math.round((view.bytesRead / view.bytesTotal) * 100)) : 0,
  };
}

export function importRow(view: ImportListItem, timeZone: string) {
  return {
    id: view.id,
    href: `/importeren/${view.id}`,
    file: view.file,
    preset: view.preset,
    who: who(view.requestedBy),
    at: when(new Date(view.queuedAt ?? view.startedAt), timeZone),
    ...importFigures(view),
  };
}

/** The stored (English) error as the page says it: the reasons the service itself gives in Dutch, others quoted. */
function errorText(error: string | null): string | null {
  if (error === null) return null;
  const given = /^the import stopped without finishing (\d+) times/.exec(error);
  if (given)
    return `De import is ${given[1]} keer afgebroken zonder af te ronden (het verwerkingsproces stopte elke keer) en is opgegeven. Het bestand laat het proces waarschijnlijk vastlopen; meld het bij de beheerder.`;
  if (error.startsWith('the import stopped without finishing'))
    return 'De import is afgebroken zonder af te ronden (het proces stopte of verloor de database); hij wordt hervat.';
  return `De import is mislukt. Melding: ${error}`;
}

export function importDetail(view: ImportView, timeZone: string) {
  return {
    ...importRow(view, timeZone),
    seconds: number.format(view.seconds),
    error: errorText(view.error),
    finishedAt: view.finishedAt === null ? null : when(new Date(view.finishedAt), timeZone),
    rejectedRows: view.rejected.slice(0, 100),
    rejectedMore: view.rejectedCount > 100,
    repeatedCount: view.repeatedRows.length,
    pastRetention: view.pastRetention,
  };
}

/** Row and reason of each rejected row, as stored (the first 10,000). */
export function rejectedCsv(view: ImportView): string {
  return '\uFEFF' + csvLine(['rij', 'reden']) + view.rejected.map((r) => csvLine([r.row, r.reason])).join('');
}
