// What every poller offers the poll service: one request's worth of items after a cursor, and the cursor after
// them. The poll service stores each page with its cursor in one transaction, so a crash between pages loses
// nothing and a repeated page counts nothing twice.
import type { RawMention } from '../ingest/raw-mention.js';
import type { CredentialCache } from './credential-cache.js';
import type { SourceHttp } from './source-http.js';

/**
 * One page. `P` is what a measure watcher reads instead of mentions (the measures module's `Publication`); the
 * poll service hands those to its publication sink unread, so a poller of mentions has `P = never`.
 */
export interface PollerPage<P = never> {
  items: RawMention[];
  /** Measure watchers: official publications, stored as measure changes (not mentions) with the cursor. */
  publications?: P[];
  /** The cursor to store together with this page's items. */
  cursor: unknown;
  /** Nothing more to fetch right now: the poll ends after storing this page. */
  done: boolean;
  /** A backfill walk stopped at its page cap: the source covers its feed from this time only. */
  coverageFrom?: Date;
}

export interface Poller<P = never> {
  /** Fetches the page after `cursor` (null: the source was never polled). A poller is made for one poll. */
  next(cursor: unknown): Promise<PollerPage<P>>;
}

export interface PollerDeps {
  http: SourceHttp;
  /** Reads a secret named in the config (an environment variable). */
  secret(name: string): string | null;
  now(): Date;
  /** Sessions and tokens kept between polls of this process. */
  credentials: CredentialCache;
  /** Where a feed read for the first time starts its backfill walk (null: the newest page only). */
  backfillFrom?: Date | null;
  /** The most pages one backfill walk may take, over all polls. */
  backfillPages?: number;
}

export function record(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

export function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}
