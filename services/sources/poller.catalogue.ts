// Which poller, rate-limit reader and User-Agent each kind of source uses. The switch is exhaustive, so a new
// kind without a poller does not compile.
import { createBlueskyPoller } from './bluesky.poller.js';
import { createMastodonPoller } from './mastodon.poller.js';
import type { Poller, PollerDeps } from './poller.js';
import {
  blueskyRateLimit,
  mastodonRateLimit,
  noRateLimit,
  redditRateLimit,
  xRateLimit,
  type RateLimitReader,
} from './rate-limit.js';
import { APP_VERSION, createRedditPoller, redditUserAgent } from './reddit.poller.js';
import { createRssPoller } from './rss.poller.js';
import type { PolledSourceConfig } from './sources.schema.js';
import { createXPoller } from './x.poller.js';
import { createFeedWatcher } from '../measures/watchers/feed.watcher.js';
import { createRijksoverheidPoller } from '../measures/watchers/rijksoverheid.poller.js';
import { createSruPoller } from '../measures/watchers/sru.poller.js';

export function createPoller(source: PolledSourceConfig, deps: PollerDeps): Poller {
  switch (source.kind) {
    case 'mastodon':
      return createMastodonPoller(source, deps);
    case 'bluesky':
      return createBlueskyPoller(source, deps);
    case 'reddit':
      return createRedditPoller(source, deps);
    case 'rss':
      return source.measures ? createFeedWatcher(source, deps) : createRssPoller(source, deps);
    case 'x':
      return createXPoller(source, deps);
    case 'sru':
    case 'cvdr':
      return createSruPoller(source, deps);
    case 'rijksoverheid':
      return createRijksoverheidPoller(source, deps);
  }
}

export function rateLimitReader(source: PolledSourceConfig): RateLimitReader {
  switch (source.kind) {
    case 'mastodon':
      return mastodonRateLimit;
    case 'bluesky':
      return blueskyRateLimit;
    case 'reddit':
      return redditRateLimit;
    case 'x':
      return xRateLimit;
    case 'rss':
    case 'sru':
    case 'cvdr':
    case 'rijksoverheid':
      return noRateLimit;
  }
}

export function userAgent(source: PolledSourceConfig): string {
  return source.kind === 'reddit'
    ? redditUserAgent(source)
    : `onderstroom/${APP_VERSION} (self-hosted public sentiment monitor)`;
}
