// The sources module's own pollers, each of the mentions of one kind of feed, put into a poller registry. Each
// module is imported on its kind's first poll (importedOnFirstPoll): the API role builds the registry, never polls.
import { importedOnFirstPoll, type PollerRegistry } from './poller.registry.js';

export function registerSourcePollers<P>(registry: PollerRegistry<P>): void {
  registry.register(
    'mastodon',
    importedOnFirstPoll(() => import('./mastodon.poller.js').then((module) => module.createMastodonPoller)),
  );
  registry.register(
    'bluesky',
    importedOnFirstPoll(() => import('./bluesky.poller.js').then((module) => module.createBlueskyPoller)),
  );
  registry.register(
    'reddit',
    importedOnFirstPoll(() => import('./reddit.poller.js').then((module) => module.createRedditPoller)),
  );
  registry.register(
    'rss',
    importedOnFirstPoll(() => import('./rss.poller.js').then((module) => module.createRssPoller)),
  );
  registry.register(
    'x',
    importedOnFirstPoll(() => import('./x.poller.js').then((module) => module.createXPoller)),
  );
}
