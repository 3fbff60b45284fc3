// The sources module's own pollers, each of the mentions of one kind of feed, put into a poller registry.
import { createBlueskyPoller } from './bluesky.poller.js';
import { createMastodonPoller } from './mastodon.poller.js';
import type { PollerRegistry } from './poller.registry.js';
import { createRedditPoller } from './reddit.poller.js';
import { createRssPoller } from './rss.poller.js';
import { createXPoller } from './x.poller.js';

export function registerSourcePollers<P>(registry: PollerRegistry<P>): void {
  registry.register('mastodon', createMastodonPoller);
  registry.register('bluesky', createBlueskyPoller);
  registry.register('reddit', createRedditPoller);
  registry.register('rss', createRssPoller);
  registry.register('x', createXPoller);
}
