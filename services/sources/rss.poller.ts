// RSS 2.0 and Atom feeds: one conditional GET per poll (If-None-Match, If-Modified-Since), so an unchanged feed
// costs the server a 304. Items are stored once by guid, else link; the validators are the cursor.
import { parseFeed } from './feed.parser.js';
import { record, text, type Poller, type PollerDeps } from './poller.js';
import type { RssSourceConfig } from './sources.schema.js';

export interface RssCursor {
  etag: string | null;
  lastModified: string | null;
}

export function readRssCursor(value: unknown): RssCursor {
  const body = record(value);
  return { etag: text(body?.etag), lastModified: text(body?.lastModified) };
}

export function createRssPoller(config: RssSourceConfig, deps: PollerDeps): Poller {
  return {
    async next(cursor) {
      const state = readRssCursor(cursor);
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
      };
      return { items: feed.items, cursor: next, done: true };
    },
  };
}
