// Mastodon: hashtag timelines (and optionally account timelines), read gap-free by paging forward with min_id
// until a page comes back empty. A timeline read for the first time is also walked back with max_id down to its
// backfill window, the walk's position saved in the cursor with each page. Ids are compared as BigInt; HTML
// content becomes text; a boost counts once, as the post it boosts.
import type { RawMention } from '../ingest/raw-mention.js';
import { htmlToText } from './html-text.js';
import { PageReader, maxId, sum, type Json } from './page-shape.js';
import { PollFailure } from './poll-failure.js';
import { record, type Poller, type PollerDeps } from './poller.js';
import { parseJson } from './source-http.js';
import type { MastodonSourceConfig } from './sources.schema.js';

/** A backfill walk of one timeline: the next page is below `maxId`; statuses before `from` are outside it. */
export interface MastodonWalk {
  maxId: string;
  from: string;
  pages: number;
}

/** Per timeline (tag:name or account:id), the newest status id seen, and the backfill walks under way. */
export interface MastodonCursor {
  streams: Record<string, string>;
  walks?: Record<string, MastodonWalk>;
}

// The largest page Mastodon serves for timelines.
const PAGE_SIZE = 40;

export function readMastodonCursor(value: unknown): MastodonCursor {
  const streams = record(record(value)?.streams) ?? {};
  const valid = Object.entries(streams).filter(
    (entry): entry is [string, string] => typeof entry[1] === 'string' && /^[0-9]+$/.test(entry[1]),
  );
  const walks: Record<string, MastodonWalk> = {};
  for (const [key, entry] of Object.entries(record(record(value)?.walks) ?? {})) {
    const walk = record(entry);
    const maxId = walk?.maxId;
    const from = walk?.from;
    if (typeof maxId !== 'string' || !/^[0-9]+$/.test(maxId) || typeof from !== 'string') continue;
    if (Number.isNaN(Date.parse(from))) continue;
    walks[key] = { maxId, from, pages: typeof walk?.pages === 'number' ? walk.pages : 0 };
  }
  return Object.keys(walks).length > 0
    ? { streams: Object.fromEntries(valid), walks }
    : { streams: Object.fromEntries(valid) };
}

export interface MastodonPage {
  items: RawMention[];
  /** The largest status id on the page (of the statuses themselves, not of what they boost). */
  maxId: bigint | null;
  /** The smallest status id on the page, and the time of each kept status (its own, a boost's too). */
  minId: bigint | null;
  statusTimes: number[];
}

/** Reads a timeline page: a list of statuses, newest first. Statuses at or below `after` are left out. */
export function parseMastodonStatuses(body: unknown, url: string, after: bigint | null): MastodonPage {
  const reader = new PageReader(url);
  const statuses = reader.array(body, 'the page');
  const items: RawMention[] = [];
  const ids: bigint[] = [];
  const statusTimes: number[] = [];
  statuses.forEach((value, index) => {
    const path = `[${index}]`;
    const status = reader.object(value, path);
    const id = reader.numericId(status.id, `${path}.id`);
    if (after !== null && id <= after) return;
    ids.push(id);
    statusTimes.push(reader.date(status.created_at, `${path}.created_at`).getTime());
    const original =
      status.reblog === null || status.reblog === undefined
        ? status
        : reader.object(status.reblog, `${path}.reblog`);
    items.push(statusMention(original, reader, status === original ? path : `${path}.reblog`));
  });
  const minId = ids.reduce<bigint | null>((min, id) => (min === null || id < min ? id : min), null);
  return { items, maxId: maxId(ids), minId, statusTimes };
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
  const headers: Record<string, string> = token === null ? {} : { authorization: `Bearer ${token}` };

  async function fetchPage(path: string, params: Record<string, string>, after: bigint | null) {
    const url = new URL(`${base}${path}`);
    url.searchParams.set('limit', String(PAGE_SIZE));
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
    const response = await deps.http.expect(url.toString(), { headers });
    return parseMastodonStatuses(parseJson(response), response.url, after);
  }

  function withWalk(state: MastodonCursor, key: string, walk: MastodonWalk | null): MastodonCursor {
    const walks = { ...state.walks };
    if (walk === null) delete walks[key];
    else walks[key] = walk;
    return Object.keys(walks).length > 0 ? { ...state, walks } : { streams: state.streams };
  }

  return {
    async next(cursor) {
      const state = readMastodonCursor(cursor);
      const stream = streams[current]!;
      const walk = state.walks?.[stream.key];
      if (walk !== undefined) {
        // Backfill: the page below the walk's position, newest first; statuses before the window end the walk.
        const page = await fetchPage(stream.path, { max_id: walk.maxId }, null);
        const from = Date.parse(walk.from);
        const items = page.items.filter((_, i) => page.statusTimes[i]! >= from);
        const pages = walk.pages + 1;
        const reachedStart = page.minId === null || items.length < page.items.length;
        const capped = !reachedStart && pages >= (deps.backfillPages ?? Number.POSITIVE_INFINITY);
        const next =
          reachedStart || capped ? null : { maxId: page.minId!.toString(), from: walk.from, pages };
        if (next === null) current++;
        const oldest = Math.min(...page.statusTimes);
        return {
          items,
          cursor: withWalk(state, stream.key, next),
          done: current >= streams.length,
          ...(capped && Number.isFinite(oldest) ? { coverageFrom: new Date(oldest) } : {}),
        };
      }
      const seen = state.streams[stream.key];
      const after = seen === undefined ? null : BigInt(seen);
      const page = await fetchPage(stream.path, seen === undefined ? {} : { min_id: seen }, after);
      let next: MastodonCursor =
        page.maxId === null
          ? state
          : { ...state, streams: { ...state.streams, [stream.key]: page.maxId.toString() } };
      if (seen !== undefined) {
        // A timeline is caught up when a page brings nothing newer.
        if (page.maxId === null) current++;
        return { items: page.items, cursor: next, done: current >= streams.length };
      }
      // A timeline read for the first time: its newest page, then (with a backfill window) a walk back to the
      // window's start, resumed from the cursor after a crash or a rate limit.
      const from = deps.backfillFrom ?? null;
      if (from === null) {
        current++;
        return { items: page.items, cursor: next, done: current >= streams.length };
      }
      // The newest page is kept whole, as without backfill; the walk goes on while it is inside the window.
      const items = page.items;
      const walkOn = page.minId !== null && page.statusTimes.every((time) => time >= from.getTime());
      const capped = walkOn && (deps.backfillPages ?? Number.POSITIVE_INFINITY) <= 1;
      if (walkOn && !capped) {
        next = withWalk(next, stream.key, {
          maxId: page.minId!.toString(),
          from: from.toISOString(),
          pages: 1,
        });
      } else {
        current++;
      }
      return {
        items,
        cursor: next,
        done: current >= streams.length,
        ...(capped ? { coverageFrom: new Date(Math.min(...page.statusTimes)) } : {}),
      };
    },
  };
}
