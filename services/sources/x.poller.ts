// X: /2/tweets/search/recent, newest first, paged back with next_token down to since_id (on the first poll: down
// to the backfill window's start_time), with the authors expanded. Like Bluesky, since_id advances only when a walk is complete. A retweet counts once, as the original.
import type { RawMention } from '../ingest/raw-mention.js';
import { PageReader, maxId, sum, type Json } from './page-shape.js';
import { PollFailure } from './poll-failure.js';
import { record, text, type Poller, type PollerDeps } from './poller.js';
import { parseJson } from './source-http.js';
import type { XSourceConfig } from './sources.schema.js';

export interface XCursor {
  sinceId: string | null;
  /** A walk under way; the backfill walk also counts its `pages`, for the cap over all polls. */
  walk: { nextToken: string; top: string; pages?: number } | null;
  /** The first poll's backfill walk: its start_time (repeated with every next_token of that walk). */
  startTime?: string;
}

// Recent search reaches 7 days back at most; a longer backfill starts a minute inside that.
const RECENT_SEARCH_MS = 7 * 86_400_000 - 60_000;

const PAGE_SIZE = 100;

export function readXCursor(value: unknown): XCursor {
  const body = record(value);
  const walk = record(body?.walk);
  const nextToken = text(walk?.nextToken);
  const top = text(walk?.top);
  const sinceId = text(body?.sinceId);
  const startTime = text(body?.startTime);
  const pages = typeof walk?.pages === 'number' ? { pages: walk.pages } : {};
  return {
    sinceId: sinceId !== null && /^[0-9]+$/.test(sinceId) ? sinceId : null,
    walk: nextToken !== null && top !== null ? { nextToken, top, ...pages } : null,
    ...(startTime !== null && !Number.isNaN(Date.parse(startTime)) ? { startTime } : {}),
  };
}

export interface XPage {
  items: RawMention[];
  /** The newest tweet id of the page (meta.newest_id, else the largest id in data). */
  newestId: bigint | null;
  nextToken: string | null;
  count: number;
}

export function parseXSearch(body: unknown, url: string): XPage {
  const reader = new PageReader(url);
  const page = reader.object(body, 'the page');
  const meta = page.meta === undefined ? {} : reader.object(page.meta, 'meta');
  const tweets = page.data === undefined ? [] : reader.array(page.data, 'data');
  const includes = page.includes === undefined ? {} : reader.object(page.includes, 'includes');
  const users = new Map<string, Json>();
  const included = new Map<string, Json>();
  if (includes.users !== undefined) {
    reader.array(includes.users, 'includes.users').forEach((value, i) => {
      const user = reader.object(value, `includes.users[${i}]`);
      users.set(reader.string(user.id, `includes.users[${i}].id`), user);
    });
  }
  if (includes.tweets !== undefined) {
    reader.array(includes.tweets, 'includes.tweets').forEach((value, i) => {
      const tweet = reader.object(value, `includes.tweets[${i}]`);
      included.set(reader.string(tweet.id, `includes.tweets[${i}].id`), tweet);
    });
  }
  const ids: bigint[] = [];
  const items = tweets.map((value, index) => {
    const path = `data[${index}]`;
    const tweet = reader.object(value, path);
    ids.push(reader.numericId(tweet.id, `${path}.id`));
    const references = Array.isArray(tweet.referenced_tweets) ? tweet.referenced_tweets : [];
    const retweeted = references.map(record).find((reference) => reference?.type === 'retweeted');
    const originalId = typeof retweeted?.id === 'string' ? retweeted.id : null;
    const original = originalId === null ? undefined : included.get(originalId);
    if (original !== undefined)
      return tweetMention(original, users, reader, `includes.tweets(${originalId})`);
    return tweetMention(tweet, users, reader, path);
  });
  const newest = reader.optionalString(meta.newest_id, 'meta.newest_id');
  return {
    items,
    newestId: maxId(ids, newest !== null && /^[0-9]+$/.test(newest) ? BigInt(newest) : null),
    nextToken: reader.optionalString(meta.next_token, 'meta.next_token'),
    count: tweets.length,
  };
}

function tweetMention(tweet: Json, users: Map<string, Json>, reader: PageReader, path: string): RawMention {
  const id = reader.numericId(tweet.id, `${path}.id`).toString();
  const authorId = reader.optionalString(tweet.author_id, `${path}.author_id`);
  const user = authorId === null ? undefined : users.get(authorId);
  const username =
    user === undefined ? null : reader.optionalString(user.username, 'includes.users[].username');
  const metrics = record(tweet.public_metrics) ?? {};
  const userMetrics = record(user?.public_metrics) ?? {};
  const count = (value: unknown, name: string) =>
    reader.optionalNumber(value, `${path}.public_metrics.${name}`);
  return {
    externalId: id,
    url: `https://x.com/${username ?? 'i/web'}/status/${id}`,
    postedAt: reader.date(tweet.created_at, `${path}.created_at`),
    author: username === null ? authorId : `@${username}`,
    platform: 'x',
    title: null,
    text: reader.string(tweet.text, `${path}.text`),
    language: reader.optionalString(tweet.lang, `${path}.lang`),
    reach: reader.optionalNumber(
      userMetrics.followers_count,
      'includes.users[].public_metrics.followers_count',
    ),
    engagement: sum(
      count(metrics.like_count, 'like_count'),
      count(metrics.retweet_count, 'retweet_count'),
      count(metrics.reply_count, 'reply_count'),
      count(metrics.quote_count, 'quote_count'),
    ),
    toolSentiment: null,
    country: null,
  };
}

export function createXPoller(config: XSourceConfig, deps: PollerDeps): Poller {
  const bearer = deps.secret(config.bearer_token_env);
  if (bearer === null) {
    throw new PollFailure(
      'auth',
      `the environment variable ${config.bearer_token_env} (the X bearer token) is not set`,
    );
  }
  const base = config.base_url.replace(/\/+$/, '');
  return {
    async next(cursor) {
      const state = readXCursor(cursor);
      if (state.sinceId === null && state.startTime === undefined && deps.backfillFrom != null) {
        // Read for the first time with a backfill window: start_time and next_token down to its start.
        const from = Math.max(deps.backfillFrom.getTime(), deps.now().getTime() - RECENT_SEARCH_MS);
        state.startTime = new Date(Math.ceil(from / 1000) * 1000).toISOString().replace('.000Z', 'Z');
      }
      const url = new URL(`${base}/2/tweets/search/recent`);
      url.searchParams.set('query', config.query);
      url.searchParams.set('max_results', String(PAGE_SIZE));
      url.searchParams.set('tweet.fields', 'created_at,lang,public_metrics,author_id,referenced_tweets');
      url.searchParams.set('expansions', 'author_id,referenced_tweets.id');
      url.searchParams.set('user.fields', 'username,public_metrics');
      if (state.sinceId !== null) url.searchParams.set('since_id', state.sinceId);
      else if (state.startTime !== undefined) url.searchParams.set('start_time', state.startTime);
      if (state.walk !== null) url.searchParams.set('next_token', state.walk.nextToken);
      const response = await deps.http.expect(url.toString(), {
        headers: { authorization: `Bearer ${bearer}` },
      });
      const page = parseXSearch(parseJson(response), response.url);
      const since = state.sinceId === null ? null : BigInt(state.sinceId);
      const top = state.walk?.top ?? page.newestId?.toString() ?? null;

      if (since === null && state.startTime !== undefined && page.nextToken !== null && page.count > 0) {
        // The backfill walk counts its pages; at the cap it ends like a complete walk, coverage from its oldest.
        const pages = (state.walk?.pages ?? 0) + 1;
        if (pages >= (deps.backfillPages ?? Number.POSITIVE_INFINITY)) {
          return {
            items: page.items,
            cursor: { sinceId: top, walk: null },
            done: true,
            coverageFrom: new Date(Math.min(...page.items.map((item) => item.postedAt.getTime()))),
          };
        }
        return {
          items: page.items,
          cursor: {
            sinceId: null,
            startTime: state.startTime,
            walk: { nextToken: page.nextToken, top: top!, pages },
          },
          done: false,
        };
      }
      if (since === null) return { items: page.items, cursor: { sinceId: top, walk: null }, done: true };
      if (page.nextToken !== null && page.count > 0) {
        return {
          items: page.items,
          cursor: { sinceId: state.sinceId, walk: { nextToken: page.nextToken, top: top! } },
          done: false,
        };
      }
      const reached = top !== null && BigInt(top) > since ? top : state.sinceId;
      return { items: page.items, cursor: { sinceId: reached, walk: null }, done: true };
    },
  };
}
