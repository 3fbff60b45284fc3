// Reddit: /r/{sub}/search sorted by new, paged back with `after` until the newest post of the previous poll. A
// subreddit read for the first time is walked back with `after` to its backfill window (created_utc), the walk's
// position saved in the cursor with each page, so a crash or a 429 resumes it.
// With client credentials in the environment it reads oauth.reddit.com with an app token; without, the public
// JSON listing. Reddit asks for a User-Agent of the form <platform>:<app id>:<version> (by /u/<username>).
import crypto from 'node:crypto';
import type { RawMention } from '../ingest/raw-mention.js';
import { PageReader, sum } from './page-shape.js';
import { PollFailure } from './poll-failure.js';
import { record, text, type Poller, type PollerDeps } from './poller.js';
import { parseJson, type SourceResponse } from './source-http.js';
import type { RedditSourceConfig } from './sources.schema.js';

export const APP_VERSION = '0.1.0';

/**
 * A walk down the listing: the next page is after `after`; `top` becomes the watermark when it ends. A backfill
 * walk (the subreddit's first) also has `from`, the window's start, and counts its `pages`.
 */
export interface RedditWalk {
  after: string;
  top: string;
  from?: string;
  pages?: number;
}

interface SubredditState {
  /** The fullname (t3_...) of the newest post a completed walk reached. */
  top: string | null;
  walk: RedditWalk | null;
}

export interface RedditCursor {
  subs: Record<string, SubredditState>;
}

const PAGE_SIZE = 100;

export function redditUserAgent(config: RedditSourceConfig): string {
  return `server:onderstroom:${APP_VERSION}${config.username ? ` (by /u/${config.username})` : ''}`;
}

/** Reddit ids are base 36 and grow with time; as BigInt they compare exactly. */
export function redditIdValue(fullname: string): bigint {
  const id = fullname.replace(/^t\d_/, '').toLowerCase();
  let value = 0n;
  for (const char of id) {
    const digit = BigInt(parseInt(char, 36));
    value = value * 36n + digit;
  }
  return value;
}

function newestName(names: string[]): string | null {
  let newest: string | null = null;
  for (const name of names) if (newest === null || redditIdValue(name) > redditIdValue(newest)) newest = name;
  return newest;
}

export function readRedditCursor(value: unknown): RedditCursor {
  const subs: Record<string, SubredditState> = {};
  for (const [name, raw] of Object.entries(record(record(value)?.subs) ?? {})) {
    const state = record(raw);
    const walk = record(state?.walk);
    const after = text(walk?.after);
    const top = text(walk?.top);
    const from = text(walk?.from);
    const backfill =
      from !== null && !Number.isNaN(Date.parse(from))
        ? { from, pages: typeof walk?.pages === 'number' ? walk.pages : 0 }
        : {};
    subs[name] = {
      top: text(state?.top),
      walk: after !== null && top !== null ? { after, top, ...backfill } : null,
    };
  }
  return { subs };
}

export interface RedditPage {
  items: RawMention[];
  names: string[];
  after: string | null;
}

export function parseRedditListing(body: unknown, url: string): RedditPage {
  const reader = new PageReader(url);
  const listing = reader.object(body, 'the page');
  const data = reader.object(listing.data, 'data');
  const children = reader.array(data.children, 'data.children');
  const items: RawMention[] = [];
  const names: string[] = [];
  children.forEach((value, index) => {
    const path = `data.children[${index}]`;
    const child = reader.object(value, path);
    if (child.kind !== 't3') return;
    const post = reader.object(child.data, `${path}.data`);
    const name = reader.string(post.name, `${path}.data.name`);
    if (!/^t3_[a-z0-9]+$/i.test(name))
      throw new PollFailure(
        'malformed',
        `the answer from ${url} is malformed: ${path}.data.name is not a post id`,
      );
    const created = reader.optionalNumber(post.created_utc, `${path}.data.created_utc`);
    if (created === null)
      throw new PollFailure(
        'malformed',
        `the answer from ${url} is malformed: ${path}.data.created_utc is missing`,
      );
    const title = reader.optionalString(post.title, `${path}.data.title`);
    const body = reader.optionalString(post.selftext, `${path}.data.selftext`) ?? '';
    const permalink = reader.optionalString(post.permalink, `${path}.data.permalink`);
    names.push(name);
    items.push({
      externalId: name,
      url:
        permalink === null
          ? reader.optionalString(post.url, `${path}.data.url`)
          : `https://www.reddit.com${permalink}`,
      postedAt: new Date(created * 1000),
      author: reader.optionalString(post.author, `${path}.data.author`),
      platform: 'reddit',
      title,
      text: body.trim() === '' ? (title ?? '') : body,
      language: null,
      reach: null,
      engagement: sum(
        reader.optionalNumber(post.score, `${path}.data.score`),
        reader.optionalNumber(post.num_comments, `${path}.data.num_comments`),
      ),
      toolSentiment: null,
      country: null,
    });
  });
  return { items, names, after: reader.optionalString(data.after, 'data.after') };
}

export function createRedditPoller(config: RedditSourceConfig, deps: PollerDeps): Poller {
  const clientId = deps.secret(config.client_id_env);
  const clientSecret = deps.secret(config.client_secret_env);
  const oauth = clientId !== null && clientSecret !== null;
  const base = (config.base_url ?? (oauth ? 'https://oauth.reddit.com' : 'https://www.reddit.com')).replace(
    /\/+$/,
    '',
  );
  const tokenUrl = `${config.token_url.replace(/\/+$/, '')}/api/v1/access_token`;
  // The secret is part of the key (as a hash): a token got with other credentials is not these credentials'.
  const secretHash = crypto
    .createHash('sha256')
    .update(clientSecret ?? '')
    .digest('hex')
    .slice(0, 16);
  const tokenKey = `reddit:${tokenUrl}:${clientId ?? ''}:${secretHash}`;
  let current = 0;

  async function token(): Promise<string> {
    const cached = deps.credentials.get<string>(tokenKey);
    if (cached !== null) return cached;
    const response = await deps.http.request(tokenUrl, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials',
    });
    if (response.status === 401 || response.status === 403) {
      const failure = deps.http.statusFailure(response, 'POST');
      throw new PollFailure(
        'auth',
        `Reddit did not accept the client credentials: ${failure.message}`,
        null,
        response.status,
      );
    }
    if (response.status !== 200) throw deps.http.statusFailure(response, 'POST');
    const reader = new PageReader(tokenUrl);
    const body = reader.object(parseJson(response), 'the token');
    const access = reader.string(body.access_token, 'access_token');
    const lifetime = reader.optionalNumber(body.expires_in, 'expires_in') ?? 3_600;
    deps.credentials.set(tokenKey, access, Math.max(60, lifetime - 60) * 1000);
    return access;
  }

  async function get(url: string): Promise<SourceResponse> {
    if (!oauth) return deps.http.expect(url);
    let response = await deps.http.request(url, { headers: { authorization: `bearer ${await token()}` } });
    if (response.status === 401) {
      // The app token expired early: one new token, one retry.
      deps.credentials.delete(tokenKey);
      response = await deps.http.request(url, { headers: { authorization: `bearer ${await token()}` } });
    }
    if (response.status !== 200) throw deps.http.statusFailure(response);
    return response;
  }

  return {
    async next(cursor) {
      const state = readRedditCursor(cursor);
      const sub = config.subreddits[current]!;
      const sub_state = state.subs[sub.toLowerCase()] ?? { top: null, walk: null };
      const url = new URL(`${base}/r/${sub}/search${oauth ? '' : '.json'}`);
      for (const [key, value] of Object.entries({
        q: config.query,
        restrict_sr: '1',
        sort: 'new',
        t: 'all',
      })) {
        url.searchParams.set(key, value);
      }
      url.searchParams.set('limit', String(PAGE_SIZE));
      url.searchParams.set('raw_json', '1');
      if (sub_state.walk !== null) url.searchParams.set('after', sub_state.walk.after);
      const response = await get(url.toString());
      const page = parseRedditListing(parseJson(response), response.url);

      let next: SubredditState;
      let subDone: boolean;
      let coverageFrom: Date | undefined;
      let items: RawMention[];
      const backfill =
        sub_state.walk?.from ?? (sub_state.top === null ? deps.backfillFrom?.toISOString() : undefined);
      if (sub_state.top === null && backfill !== undefined) {
        // Backfill (the subreddit's first walk): every page newest first; a post before the window ends the walk.
        const from = Date.parse(backfill);
        items = page.items.filter((item) => item.postedAt.getTime() >= from);
        const walkTop = sub_state.walk?.top ?? newestName(page.names);
        const pages = (sub_state.walk?.pages ?? 0) + 1;
        const walkOn = page.after !== null && items.length > 0 && items.length === page.items.length;
        const capped = walkOn && pages >= (deps.backfillPages ?? Number.POSITIVE_INFINITY);
        if (walkOn && !capped) {
          next = { top: null, walk: { after: page.after!, top: walkTop!, from: backfill, pages } };
          subDone = false;
        } else {
          next = { top: walkTop, walk: null };
          subDone = true;
        }
        if (capped) coverageFrom = new Date(Math.min(...items.map((item) => item.postedAt.getTime())));
      } else {
        const floor = sub_state.top === null ? null : redditIdValue(sub_state.top);
        const fresh = page.items.filter((_, i) => floor === null || redditIdValue(page.names[i]!) > floor);
        const walkTop = sub_state.walk?.top ?? newestName(page.names);
        items = fresh;
        if (floor === null) {
          // First poll without a backfill window: the newest page only.
          next = { top: walkTop, walk: null };
          subDone = true;
        } else if (page.after !== null && fresh.length > 0 && fresh.length === page.items.length) {
          next = { top: sub_state.top, walk: { after: page.after, top: walkTop! } };
          subDone = false;
        } else {
          const reached = walkTop !== null && redditIdValue(walkTop) > floor ? walkTop : sub_state.top;
          next = { top: reached, walk: null };
          subDone = true;
        }
      }
      if (subDone) current++;
      return {
        items,
        cursor: { subs: { ...state.subs, [sub.toLowerCase()]: next } },
        done: current >= config.subreddits.length,
        ...(coverageFrom === undefined ? {} : { coverageFrom }),
      };
    },
  };
}
