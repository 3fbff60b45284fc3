// Mastodon: hashtag timelines (and optionally account timelines), read gap-free by paging forward with min_id
// until a page comes back empty. Ids are compared as BigInt; HTML content becomes text; a boost counts once, as
// the post it boosts.
import type { RawMention } from '../ingest/raw-mention.js';
import { htmlToText } from './html-text.js';
import { PageReader, maxId, sum, type Json } from './page-shape.js';
import { PollFailure } from './poll-failure.js';
import { record, type Poller, type PollerDeps } from './poller.js';
import { parseJson } from './source-http.js';
import type { MastodonSourceConfig } from './sources.schema.js';

/** Per timeline (tag:name or account:id), the newest status id seen. */
export interface MastodonCursor {
  streams: Record<string, string>;
}

// The largest page Mastodon serves for timelines.
const PAGE_SIZE = 40;

export function readMastodonCursor(value: unknown): MastodonCursor {
  const streams = record(record(value)?.streams) ?? {};
  const valid = Object.entries(streams).filter(
    (entry): entry is [string, string] => typeof entry[1] === 'string' && /^[0-9]+$/.test(entry[1]),
  );
  return { streams: Object.fromEntries(valid) };
}

export interface MastodonPage {
  items: RawMention[];
  /** The largest status id on the page (of the statuses themselves, not of what they boost). */
  maxId: bigint | null;
}

/** Reads a timeline page: a list of statuses, newest first. Statuses at or below `after` are left out. */
export function parseMastodonStatuses(body: unknown, url: string, after: bigint | null): MastodonPage {
  const reader = new PageReader(url);
  const statuses = reader.array(body, 'the page');
  const items: RawMention[] = [];
  const ids: bigint[] = [];
  statuses.forEach((value, index) => {
    const path = `[${index}]`;
    const status = reader.object(value, path);
    const id = reader.numericId(status.id, `${path}.id`);
    if (after !== null && id <= after) return;
    ids.push(id);
    const original =
      status.reblog === null || status.reblog === undefined
        ? status
        : reader.object(status.reblog, `${path}.reblog`);
    items.push(statusMention(original, reader, status === original ? path : `${path}.reblog`));
  });
  return { items, maxId: maxId(ids) };
}

function statusMention(status: Json, reader: PageReader, path: string): RawMention {
  const account = reader.object(status.account, `${path}.account`);
  const content = reader.string(status.content, `${path}.content`);
  const warning = reader.optionalString(status.spoiler_text, `${path}.spoiler_text`);
  return {
    // The original's id: a boost and the post it boosts are one mention.
    externalId: reader.numericId(status.id, `${path}.id`).toString(),
    url: reader.optionalString(status.url, `${path}.url`) ?? reader.optionalString(status.uri, `${path}.uri`),
    postedAt: reader.date(status.created_at, `${path}.created_at`),
    author: reader.optionalString(account.acct, `${path}.account.acct`),
    platform: 'mastodon',
    title: warning === null || warning.trim() === '' ? null : warning,
    text: htmlToText(content),
    language: reader.optionalString(status.language, `${path}.language`),
    reach: reader.optionalNumber(account.followers_count, `${path}.account.followers_count`),
    engagement: sum(
      reader.optionalNumber(status.replies_count, `${path}.replies_count`),
      reader.optionalNumber(status.reblogs_count, `${path}.reblogs_count`),
      reader.optionalNumber(status.favourites_count, `${path}.favourites_count`),
    ),
    toolSentiment: null,
    country: null,
  };
}

export function createMastodonPoller(config: MastodonSourceConfig, deps: PollerDeps): Poller {
  const base = config.instance.replace(/\/+$/, '');
  const streams = [
    ...config.hashtags.map((tag) => ({
      key: `tag:${tag.toLowerCase()}`,
      path: `/api/v1/timelines/tag/${encodeURIComponent(tag)}`,
    })),
    ...config.accounts.map((account) => ({
      key: `account:${account}`,
      path: `/api/v1/accounts/${account}/statuses`,
    })),
  ];
  let token: string | null = null;
  if (config.token !== undefined) {
    token = deps.secret(config.token);
    if (token === null) {
      throw new PollFailure(
        'auth',
        `the environment variable ${config.token} (the Mastodon token) is not set`,
      );
    }
  }
  let current = 0;

  return {
    async next(cursor) {
      const state = readMastodonCursor(cursor);
      const stream = streams[current]!;
      const seen = state.streams[stream.key];
      const url = new URL(`${base}${stream.path}`);
      url.searchParams.set('limit', String(PAGE_SIZE));
      if (seen !== undefined) url.searchParams.set('min_id', seen);
      const response = await deps.http.expect(url.toString(), {
        headers: token === null ? {} : { authorization: `Bearer ${token}` },
      });
      const after = seen === undefined ? null : BigInt(seen);
      const page = parseMastodonStatuses(parseJson(response), response.url, after);
      const next: MastodonCursor =
        page.maxId === null ? state : { streams: { ...state.streams, [stream.key]: page.maxId.toString() } };
      // A timeline is caught up when a page brings nothing newer. A first poll takes only the newest page:
      // history before the source was configured is for imports, not for pollers.
      if (page.maxId === null || seen === undefined) current++;
      return { items: page.items, cursor: next, done: current >= streams.length };
    },
  };
}
