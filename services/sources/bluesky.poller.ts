// Bluesky: app.bsky.feed.searchPosts, newest first (sort=latest), paged back with its cursor down to `since`
// (on the first poll: down to the backfill window's start).
// The watermark (`since`) advances only when a walk reaches it, in the transaction of the walk's last page, so a
// crash half-way through a walk resumes it instead of skipping the older half.
import type { RawMention } from '../ingest/raw-mention.js';
import { parseDuration } from '../config/duration.js';
import { BlueskyAuth, isExpiredSession } from './bluesky-session.js';
import { PageReader, sum } from './page-shape.js';
import { PollFailure } from './poll-failure.js';
import { record, text, type Poller, type PollerDeps } from './poller.js';
import { parseJson } from './source-http.js';
import type { BlueskySourceConfig } from './sources.schema.js';

export interface BlueskyCursor {
  /** The newest sortAt seen by a completed walk (ISO). */
  since: string | null;
  /**
   * A walk under way: the search cursor of its next page and the newest sortAt it started from; a backfill walk
   * (the first poll's) also counts its `pages`, for the cap over all polls.
   */
  walk: { cursor: string; top: string; pages?: number } | null;
}

const PAGE_SIZE = 100;

export function readBlueskyCursor(value: unknown): BlueskyCursor {
  const body = record(value);
  const walk = record(body?.walk);
  const cursor = text(walk?.cursor);
  const top = text(walk?.top);
  const pages = typeof walk?.pages === 'number' ? { pages: walk.pages } : {};
  return {
    since: text(body?.since),
    walk: cursor !== null && top !== null ? { cursor, top, ...pages } : null,
  };
}

export interface BlueskyPage {
  items: RawMention[];
  /** sortAt of each item, as the search orders them: the earlier of createdAt and indexedAt. */
  sortAts: number[];
  cursor: string | null;
}

export function parseBlueskySearch(body: unknown, url: string): BlueskyPage {
  const reader = new PageReader(url);
  const page = reader.object(body, 'the page');
  const posts = reader.array(page.posts, 'posts');
  const items: RawMention[] = [];
  const sortAts: number[] = [];
  posts.forEach((value, index) => {
    const path = `posts[${index}]`;
    const post = reader.object(value, path);
    const uri = reader.string(post.uri, `${path}.uri`);
    const author = reader.object(post.author, `${path}.author`);
    const handle = reader.optionalString(author.handle, `${path}.author.handle`);
    const did = reader.string(author.did, `${path}.author.did`);
    const postRecord = reader.object(post.record, `${path}.record`);
    const indexedAt = reader.date(post.indexedAt, `${path}.indexedAt`);
    const created = new Date(reader.optionalString(postRecord.createdAt, `${path}.record.createdAt`) ?? '');
    const postedAt = Number.isNaN(created.getTime()) ? indexedAt : created;
    const langs = Array.isArray(postRecord.langs) ? postRecord.langs : [];
    const rkey = uri.split('/').pop() ?? '';
    items.push({
      externalId: uri,
      url: `https://bsky.app/profile/${handle ?? did}/post/${rkey}`,
      postedAt,
      author: handle ?? did,
      platform: 'bluesky',
      title: null,
      text: reader.optionalString(postRecord.text, `${path}.record.text`) ?? '',
      language: typeof langs[0] === 'string' ? langs[0] : null,
      reach: null,
      engagement: sum(
        reader.optionalNumber(post.likeCount, `${path}.likeCount`),
        reader.optionalNumber(post.repostCount, `${path}.repostCount`),
        reader.optionalNumber(post.replyCount, `${path}.replyCount`),
        reader.optionalNumber(post.quoteCount, `${path}.quoteCount`),
      ),
      toolSentiment: null,
      country: null,
    });
    sortAts.push(Math.min(postedAt.getTime(), indexedAt.getTime()));
  });
  return { items, sortAts, cursor: reader.optionalString(page.cursor, 'cursor') };
}

export function createBlueskyPoller(config: BlueskySourceConfig, deps: PollerDeps): Poller {
  const service = config.service.replace(/\/+$/, '');
  const handle = deps.secret(config.handle_env);
  const password = deps.secret(config.password_env);
  if (handle === null || password === null) {
    const missing = [
      handle === null ? config.handle_env : null,
      password === null ? config.password_env : null,
    ];
    throw new PollFailure(
      'auth',
      `Bluesky needs a handle and an app password: set ${missing.filter((name) => name !== null).join(' and ')}`,
    );
  }
  const auth = new BlueskyAuth(service, handle, password, deps.http, deps.credentials);
  const overlapMs = parseDuration(config.overlap);

  async function search(url: string) {
    let session = await auth.session();
    let response = await deps.http.request(url, {
      headers: { authorization: `Bearer ${session.accessJwt}` },
    });
    if (isExpiredSession(response)) {
      session = await auth.refresh(session);
      response = await deps.http.request(url, { headers: { authorization: `Bearer ${session.accessJwt}` } });
    }
    if (response.status !== 200) throw deps.http.statusFailure(response);
    return response;
  }

  return {
    async next(cursor) {
      const read = readBlueskyCursor(cursor);
      // Read for the first time with a backfill window: a walk down to the window's start, like any later walk
      // down to `since` (resumed from the cursor after a crash or a rate limit; the watermark moves at its end).
      const seeded = read.since === null && deps.backfillFrom != null;
      const state: BlueskyCursor = seeded ? { since: deps.backfillFrom!.toISOString(), walk: null } : read;
      const url = new URL(`${service}/xrpc/app.bsky.feed.searchPosts`);
      url.searchParams.set('q', config.query);
      url.searchParams.set('sort', 'latest');
      url.searchParams.set('limit', String(PAGE_SIZE));
      if (config.lang !== undefined) url.searchParams.set('lang', config.lang);
      const floor = state.since === null ? null : Date.parse(state.since) - (seeded ? 0 : overlapMs);
      if (floor !== null) url.searchParams.set('since', new Date(floor).toISOString());
      if (state.walk !== null) url.searchParams.set('cursor', state.walk.cursor);
      const response = await search(url.toString());
      const page = parseBlueskySearch(parseJson(response), response.url);

      // Posts below the floor are left out, in case a server ignores `since`; reaching one ends the walk.
      const keep = page.items.filter((_, i) => floor === null || page.sortAts[i]! >= floor);
      const newest = Math.max(...page.sortAts, Number.NEGATIVE_INFINITY);
      const top = state.walk?.top ?? (Number.isFinite(newest) ? new Date(newest).toISOString() : null);

      if (state.since === null) {
        // First poll: the newest page only, and the watermark starts at its newest post (or now).
        return { items: keep, cursor: { since: top ?? deps.now().toISOString(), walk: null }, done: true };
      }
      const walkOn = page.cursor !== null && page.items.length > 0 && keep.length === page.items.length;
      // A backfill walk counts its pages; at the cap it ends like a complete walk, coverage from its oldest post.
      const backfill = seeded || state.walk?.pages !== undefined;
      const pages = (state.walk?.pages ?? 0) + 1;
      const capped = backfill && walkOn && pages >= (deps.backfillPages ?? Number.POSITIVE_INFINITY);
      if (walkOn && !capped) {
        const walk = { cursor: page.cursor!, top: top ?? state.since, ...(backfill ? { pages } : {}) };
        return { items: keep, cursor: { since: state.since, walk }, done: false };
      }
      const since = top !== null && top > state.since ? top : state.since;
      return {
        items: keep,
        cursor: { since, walk: null },
        done: true,
        ...(capped
          ? { coverageFrom: new Date(Math.min(...keep.map((item) => item.postedAt.getTime()))) }
          : {}),
      };
    },
  };
}
