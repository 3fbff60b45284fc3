// Which rate-limit reader and User-Agent the requests of each kind of source use. The switch is exhaustive, so a
// new kind without a rate-limit reader does not compile. Which poller reads a kind is poller.registry.ts.
import {
  blueskyRateLimit,
  mastodonRateLimit,
  noRateLimit,
  redditRateLimit,
  xRateLimit,
  type RateLimitReader,
} from './rate-limit.js';
import { APP_VERSION, redditUserAgent } from './reddit.poller.js';
import type { PolledSourceConfig } from './sources.schema.js';

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
