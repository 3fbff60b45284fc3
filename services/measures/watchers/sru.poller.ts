// `kind: sru` and `kind: cvdr`: official publications through KOOP's SRU services, with the source's CQL query.
// A pass pages by startRecord / nextRecordPosition through the records modified since the last pass (minus nothing:
// the same day is read again and unchanged records cost nothing), so the cursor is {since, start, newest}.
// A bad query still answers 200, with diagnostics: they become the source's error. A 503 (queried too fast) is
// a transient failure, and the poll service backs off.
import { PollFailure, malformed } from '../../sources/poll-failure.js';
import { record, text, type Poller, type PollerDeps } from '../../sources/poller.js';
import type { MeasureLevel } from '../measure.js';
import type { Publication } from '../publication.js';
import { parseSruResponse, recordPublication, SruFormatError } from './sru.response.js';

export interface SruWatcherConfig {
  id: string;
  kind: 'sru' | 'cvdr';
  url: string;
  query: string;
  /** The CQL index the pass filters on (dt.modified); empty: every pass reads every result. */
  date_index: string;
  /** SRU version parameter: 2.0 for repository.overheid.nl, 1.2 for the CVDR service. */
  version: string;
  /** The service's x-connection parameter (cvdr), when it needs one. */
  connection?: string;
  since?: string;
  lookback_days: number;
  page_size: number;
  level?: MeasureLevel;
  region?: string;
  municipality?: string;
  match: string[];
}

export interface SruCursor {
  /** Records modified on or after this day are read in the current pass. */
  since: string | null;
  /** The startRecord of the next page of the pass. */
  start: number;
  /** The newest modification day seen in the pass: the next pass starts there. */
  newest: string | null;
  /** The first pass over a source stores its measures without alerts. */
  backfill: boolean;
}

export function readSruCursor(value: unknown): SruCursor | null {
  const body = record(value);
  if (body === null) return null;
  const start = typeof body.start === 'number' && body.start >= 1 ? body.start : 1;
  return { since: text(body.since), start, newest: text(body.newest), backfill: body.backfill === true };
}

function daysBefore(now: Date, days: number): string {
  return new Date(now.getTime() - days * 86_400_000).toISOString().slice(0, 10);
}

export function sruUrl(config: SruWatcherConfig, cursor: SruCursor): string {
  const url = new URL(config.url);
  const filter =
    config.date_index !== '' && cursor.since !== null ? ` and ${config.date_index}>=${cursor.since}` : '';
  url.searchParams.set('operation', 'searchRetrieve');
  url.searchParams.set('version', config.version);
  if (config.connection) url.searchParams.set('x-connection', config.connection);
  url.searchParams.set('query', filter === '' ? config.query : `(${config.query})${filter}`);
  url.searchParams.set('startRecord', String(cursor.start));
  url.searchParams.set('maximumRecords', String(config.page_size));
  return url.toString();
}

export function createSruPoller(config: SruWatcherConfig, deps: PollerDeps): Poller<Publication> {
  return {
    async next(value) {
      const cursor = readSruCursor(value) ?? {
        since: config.since ?? daysBefore(deps.now(), config.lookback_days),
        start: 1,
        newest: null,
        backfill: true,
      };
      const url = sruUrl(config, cursor);
      const response = await deps.http.expect(url, {
        headers: { accept: 'application/xml, text/xml;q=0.9' },
      });
      let page;
      try {
        page = parseSruResponse(response.text);
      } catch (error) {
        if (error instanceof SruFormatError) throw malformed(url, error.message);
        throw error;
      }
      if (page.diagnostics.length > 0) {
        const said = page.diagnostics
          .map((d) => [d.message, d.details].filter(Boolean).join(': ') || d.uri || 'unknown diagnostic')
          .join('; ');
        throw new PollFailure(
          'config',
          `the SRU service refused the query (${said}); check the source's query`,
        );
      }
      const publications = page.records.map((r) =>
        recordPublication(r, { versioned: config.kind === 'cvdr', backfill: cursor.backfill }),
      );
      let newest = cursor.newest;
      for (const r of page.records) {
        const day = r.modified ?? r.available;
        if (day !== null && (newest === null || day > newest)) newest = day;
      }
      const next = page.nextRecordPosition;
      if (next !== null && next > cursor.start && page.records.length > 0) {
        return {
          items: [],
          publications,
          cursor: { since: cursor.since, start: next, newest, backfill: cursor.backfill },
          done: false,
        };
      }
      // The pass is over: the next one reads what changed from the newest day seen (or the same window again).
      return {
        items: [],
        publications,
        cursor: { since: newest ?? cursor.since, start: 1, newest: null, backfill: false },
        done: true,
      };
    },
  };
}
