// All five fake sources at once, with the config entries and environment that point Onderstroom at them.
import type { FakeApi } from './fake-api.js';
import { FakeBluesky } from './fake-bluesky.js';
import { FakeMastodon } from './fake-mastodon.js';
import { FakeReddit } from './fake-reddit.js';
import { FakeRss } from './fake-rss.js';
import { FakeX } from './fake-x.js';

export const SOURCE_IDS = {
  mastodon: 'mastodon-huizen',
  bluesky: 'bluesky-huizen',
  reddit: 'reddit-nl',
  rss: 'rss-vr',
  x: 'x-huizen',
} as const;

export type FakeKind = keyof typeof SOURCE_IDS;

export interface FakeSources {
  mastodon: FakeMastodon;
  bluesky: FakeBluesky;
  reddit: FakeReddit;
  rss: FakeRss;
  x: FakeX;
  all: [FakeKind, FakeApi & { publish(count?: number): string[] }][];
  /** Secrets the sources read from the environment. */
  env: Record<string, string>;
  /** The `sources:` entries, as YAML lines (indented as a top-level list). */
  /** `backfill` defaults to 0 here (the newest page only), so tests of paging start from a known page. */
  yaml(options?: { every?: string; timeout?: string; extra?: string; backfill?: string }): string;
  stop(): Promise<void>;
}

export interface FakeSourceOptions {
  /** Requests per rate-limit window, for every fake (the defaults are each API's own). */
  rateLimit?: number;
  /** Items the RSS feed lists. */
  rssKeep?: number;
}

export async function startFakeSources(options: FakeSourceOptions = {}): Promise<FakeSources> {
  const limits = options.rateLimit === undefined ? {} : { rateLimit: options.rateLimit };
  const client = { id: 'reddit-client-id', secret: 'reddit-client-secret' };
  const account = { identifier: 'covid-monitor.bsky.social', password: 'app-pass-word-1234' };
  const mastodon = new FakeMastodon(limits);
  const bluesky = new FakeBluesky(account, limits);
  const reddit = new FakeReddit(client, limits);
  const rss = new FakeRss(options.rssKeep ?? 50);
  const x = new FakeX('x-test-bearer-token', limits);
  const all: FakeSources['all'] = [
    ['mastodon', mastodon],
    ['bluesky', bluesky],
    ['reddit', reddit],
    ['rss', rss],
    ['x', x],
  ];
  for (const [, fake] of all) await fake.start();
  return {
    mastodon,
    bluesky,
    reddit,
    rss,
    x,
    all,
    env: {
      BLUESKY_HANDLE: account.identifier,
      BLUESKY_APP_PASSWORD: account.password,
      REDDIT_CLIENT_ID: client.id,
      REDDIT_CLIENT_SECRET: client.secret,
      X_BEARER_TOKEN: 'x-test-bearer-token',
    },
    yaml({ every = '1s', timeout = '2s', extra = '', backfill = '0' } = {}) {
      const common = `    every: ${every}\n    timeout: ${timeout}\n    backfill: ${backfill}\n`;
      return [
        'sources:',
        `  - id: ${SOURCE_IDS.mastodon}\n    kind: mastodon\n    instance: ${mastodon.url}\n    hashtags: [huizen]\n${common}`,
        `  - id: ${SOURCE_IDS.bluesky}\n    kind: bluesky\n    service: ${bluesky.url}\n    query: huizen\n    overlap: 0s\n${common}`,
        `  - id: ${SOURCE_IDS.reddit}\n    kind: reddit\n    subreddits: [thenetherlands]\n    query: huizen\n    base_url: ${reddit.url}\n    token_url: ${reddit.url}\n    username: onderstroom_test\n${common}`,
        `  - id: ${SOURCE_IDS.rss}\n    kind: rss\n    url: ${rss.url}/feed/\n${common}`,
        `  - id: ${SOURCE_IDS.x}\n    kind: x\n    query: huizen\n    base_url: ${x.url}\n${common}`,
        extra,
      ].join('\n');
    },
    async stop() {
      for (const [, fake] of all) await fake.stop();
    },
  };
}
