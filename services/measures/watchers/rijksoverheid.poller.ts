// `kind: rijksoverheid`: Rijksoverheid open-data news about one subject (coronavirus-covid-19), paged by offset.
// A pass reads what was modified since the day the last pass began (lastmodifiedsince/YYYYMMDD), so the cursor is
// {since, offset}. The answer is a top-level JSON array; a page shorter than `rows` ends the pass.
import { PageReader } from '../../sources/page-shape.js';
import { record, text, type Poller, type PollerDeps } from '../../sources/poller.js';
import { parseJson } from '../../sources/source-http.js';
import type { MeasureLevel } from '../measure.js';
import type { Publication } from '../publication.js';

export interface RijksoverheidWatcherConfig {
  id: string;
  kind: 'rijksoverheid';
  url: string;
  subject: string;
  since?: string;
  lookback_days: number;
  page_size: number;
  level?: MeasureLevel;
  region?: string;
  municipality?: string;
  match: string[];
}

export interface RijksoverheidCursor {
  since: string | null;
  offset: number;
  /** The day this pass began: the next pass reads from there. */
  passStart: string | null;
  backfill: boolean;
}

export function readRijksoverheidCursor(value: unknown): RijksoverheidCursor | null {
  const body = record(value);
  if (body === null) return null;
  return {
    since: text(body.since),
    offset: typeof body.offset === 'number' && body.offset >= 0 ? body.offset : 0,
    passStart: text(body.passStart),
    backfill: body.backfill === true,
  };
}

const compact = (day: string) => day.replace(/-/g, '');

export function rijksoverheidUrl(config: RijksoverheidWatcherConfig, cursor: RijksoverheidCursor): string {
  const base = config.url.replace(/\/+$/, '');
  const subject = encodeURIComponent(config.subject);
  const path =
    cursor.since === null
      ? `${base}/infotypes/news/subjects/${subject}/`
      : `${base}/infotypes/news/subjects/${subject}/lastmodifiedsince/${compact(cursor.since)}/`;
  const url = new URL(path);
  url.searchParams.set('output', 'json');
  url.searchParams.set('rows', String(config.page_size));
  url.searchParams.set('offset', String(cursor.offset));
  return url.toString();
}

function date(value: string | null): Date | null {
  if (value === null) return null;
  const parsed = new Date(value);
  return Number.isNaN(parsed.getTime()) ? null : parsed;
}

export function newsPublications(body: unknown, url: string, backfill: boolean): Publication[] {
  const page = new PageReader(url);
  return page.array(body, 'the answer').map((raw, index) => {
    const item = page.object(raw, `[${index}]`);
    const id = page.string(item.id, `[${index}].id`);
    return {
      externalId: id,
      title: page.string(item.title, `[${index}].title`),
      text: page.optionalString(item.introduction, `[${index}].introduction`) ?? '',
      url: page.optionalString(item.canonical, `[${index}].canonical`),
      publishedOn: null,
      // `available` and `lastmodified` are read when present; the documented list fields do not promise them.
      publishedAt: date(text(item.available)) ?? date(text(item.lastmodified)),
      revision: null,
      effectiveFrom: null,
      effectiveUntil: null,
      creator: 'Rijksoverheid',
      level: 'national',
      backfill,
    };
  });
}

export function createRijksoverheidPoller(
  config: RijksoverheidWatcherConfig,
  deps: PollerDeps,
): Poller<Publication> {
  return {
    async next(value) {
      const today = deps.now().toISOString().slice(0, 10);
      const cursor = readRijksoverheidCursor(value) ?? {
        since:
          config.since ??
          new Date(deps.now().getTime() - config.lookback_days * 86_400_000).toISOString().slice(0, 10),
        offset: 0,
        passStart: null,
        backfill: true,
      };
      const passStart = cursor.passStart ?? today;
      const url = rijksoverheidUrl(config, cursor);
      const response = await deps.http.expect(url);
      const publications = newsPublications(parseJson(response), url, cursor.backfill);
      if (publications.length >= config.page_size) {
        return {
          items: [],
          publications,
          cursor: {
            since: cursor.since,
            offset: cursor.offset + publications.length,
            passStart,
            backfill: cursor.backfill,
          },
          done: false,
        };
      }
      return {
        items: [],
        publications,
        cursor: { since: passStart, offset: 0, passStart: null, backfill: false },
        done: true,
      };
    },
  };
}
