// RSS 2.0 and Atom feeds: one conditional GET per poll (If-None-Match, If-Modified-Since), so an unchanged feed
// costs the server a 304. Items are stored once by guid, else link; the validators are the cursor. A feed holds
// whatever its publisher left in it: only items posted inside the backfill window (from the first poll) are kept.
import { parseFeed } from './feed.parser.js';
import { record, text, type Poller, type PollerDeps } from './poller.js';
import type { RssSourceConfig } from './sources.schema.js';

export interface RssCursor {
  etag: string | null;
  lastModified: string | null;
  /** Items posted before this (ISO) are outside the source's window; absent with `backfill: 0`. */
  from?: string;
}

export function readRssCursor(value: unknown): RssCursor {
  const body = record(value);
  const from = text(body?.from);
  return {
    etag: text(body?.etag),
    lastModified: text(body?.lastModified),
    ...(from !== null && !Number.isNaN(Date.parse(from)) ? { from } : {}),
  };
}

export function createRssPoller(config: RssSourceConfig, deps: PollerDeps): Poller {
  return {
    async next(cursor) {
      const read = readRssCursor(cursor);
      // The window starts at the first poll's backfill start and stays there.
      const start = cursor === null ? (deps.backfillFrom?.toISOString() ?? undefined) : read.from;
      const state: RssCursor = start === undefined ? read : { ...read, from: start };
      const headers: Record<string, string> = {
        accept: 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.1',
      };
      if (state.etag !== null) headers['if-none-match'] = state.etag;
      if (state.lastModified !== null) headers['if-modified-since'] = state.lastModified;
      const response = await deps.http.expect(config.url, { headers }, [200, 304]);
      if (response.status === 304) return { items: [], cursor: state, done: true };
      const feed = parseFeed(response.text, response.url, deps.now());
      const next: RssCursor = {
        etag: response.headers.get('etag'),
        lastModified: response.headers.get('last-modified'),
        ...(state.from === undefined ? {} : { from: state.from }),
      };
      const from = state.from === undefined ? null : Date.parse(state.from);
      const items = from === null ? feed.items : feed.items.filter((item) => item.postedAt.getTime() >= from);
      return { items, cursor: next, done: true };
    },
  };
}
