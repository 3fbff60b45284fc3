// The measure watchers, put into the poller registry of the sources module: they are pollers whose pages carry
// publications instead of mentions, with the same schedules, leases, cursors and back-off.
import type { PollerRegistry } from '../../sources/poller.registry.js';
import type { Publication } from '../publication.js';
import { createFeedWatcher } from './feed.watcher.js';
import { createRijksoverheidPoller } from './rijksoverheid.poller.js';
import { createSruPoller } from './sru.poller.js';

export function registerMeasureWatchers(registry: PollerRegistry<Publication>): void {
  registry.register('sru', createSruPoller);
  registry.register('cvdr', createSruPoller);
  registry.register('rijksoverheid', createRijksoverheidPoller);
  registry.register('rss-measures', createFeedWatcher);
}
