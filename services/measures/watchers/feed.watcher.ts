// An RSS or Atom source marked `measures: true` (a Veiligheidsregio's website): the feed is read as the RSS
// poller reads it (conditional GET), but its items are publications that may be measures, not mentions.
// The cursor wraps the feed's validators with whether the first read has happened (that one alerts nobody).
import type { RawMention } from '../../ingest/raw-mention.js';
import { record, type Poller, type PollerDeps } from '../../sources/poller.js';
import { createRssPoller, readRssCursor, type RssCursor } from '../../sources/rss.poller.js';
import type { RssSourceConfig } from '../../sources/sources.schema.js';
import type { Publication } from '../publication.js';

export interface FeedWatcherCursor {
  feed: RssCursor;
  primed: boolean;
}

export function readFeedWatcherCursor(value: unknown): FeedWatcherCursor | null {
  const body = record(value);
  if (body === null) return null;
  return { feed: readRssCursor(body.feed), primed: body.primed === true };
}

export function itemPublication(item: RawMention, backfill: boolean): Publication {
  return {
    externalId: item.externalId,
    title: item.title ?? item.text.slice(0, 120),
    text: item.text,
    url: item.url,
    publishedOn: null,
    publishedAt: item.postedAt,
    revision: null,
    effectiveFrom: null,
    effectiveUntil: null,
    creator: null,
    level: null,
    backfill,
  };
}

export function createFeedWatcher(config: RssSourceConfig, deps: PollerDeps): Poller<Publication> {
  const feed = createRssPoller(config, deps);
  return {
    async next(value) {
      const cursor = readFeedWatcherCursor(value);
      const page = await feed.next(cursor?.feed ?? null);
      const backfill = !(cursor?.primed ?? false);
      return {
        items: [],
        publications: page.items.map((item) => itemPublication(item, backfill)),
        cursor: { feed: page.cursor, primed: true },
        done: page.done,
      };
    },
  };
}
