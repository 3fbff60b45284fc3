// The measure watchers, put into the poller registry of the sources module: they are pollers whose pages carry
// publications instead of mentions, with the same schedules, leases, cursors and back-off. Each module is imported
// on its kind's first poll (importedOnFirstPoll), so the API role, which never polls, does not load the XML parser.
import { importedOnFirstPoll, type PollerRegistry } from '../../sources/poller.registry.js';
import type { Publication } from '../publication.js';

export function registerMeasureWatchers(registry: PollerRegistry<Publication>): void {
  const sru = importedOnFirstPoll(() => import('./sru.poller.js').then((module) => module.createSruPoller));
  registry.register('sru', sru);
  registry.register('cvdr', sru);
  registry.register(
    'rijksoverheid',
    importedOnFirstPoll(() =>
      import('./rijksoverheid.poller.js').then((module) => module.createRijksoverheidPoller),
    ),
  );
  registry.register(
    'rss-measures',
    importedOnFirstPoll(() => import('./feed.watcher.js').then((module) => module.createFeedWatcher)),
  );
}
