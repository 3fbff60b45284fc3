// Which poller reads each kind of source. The sources module registers its pollers of mentions
// (source-pollers.ts), the measures module its watchers of publications, and the composition root builds one
// registry from both; so this module never imports the measures module, which builds on it.
import type { Poller, PollerDeps } from './poller.js';
import {
  SOURCE_KINDS,
  type PolledKind,
  type PolledSourceConfig,
  type RssSourceConfig,
} from './sources.schema.js';

/** A source's kind, except that an RSS feed marked `measures: true` is read by a watcher of publications. */
export type PollerKind = PolledKind | 'rss-measures';

/** Every kind a complete registry serves: each polled kind of the config, and RSS feeds of measures. */
export const POLLER_KINDS: readonly PollerKind[] = [
  ...SOURCE_KINDS.filter((kind): kind is PolledKind => kind !== 'push' && kind !== 'export-folder'),
  'rss-measures',
];

export type SourceOfKind<K extends PollerKind> = K extends 'rss-measures'
  ? RssSourceConfig
  : Extract<PolledSourceConfig, { kind: K }>;

/** Makes the poller for one poll of a source. */
export type PollerFactory<S, P> = (source: S, deps: PollerDeps) => Poller<P>;

export interface PollerRegistry<P> {
  /** Refuses a kind that already has a poller: two modules claiming one kind is a wiring mistake. */
  register<K extends PollerKind>(kind: K, factory: PollerFactory<SourceOfKind<K>, P>): void;
  /** The poller for one poll of `source`; a kind without a poller is an error naming the kind and the source. */
  create(source: PolledSourceConfig, deps: PollerDeps): Poller<P>;
  /** The kinds of `wanted` that have no poller yet, in the order given. */
  missing(wanted: readonly PollerKind[]): PollerKind[];
}

/**
 * A factory whose poller module is imported on the first poll of its kind, not when the registry is built: every
 * role builds the registry, but only the worker polls (the feed and HTML parsers the pollers import held about
 * 2.5 MB of every API process's heap). The poll service awaits `next`, so a poller made this way is the same to it.
 */
export function importedOnFirstPoll<S, P>(load: () => Promise<PollerFactory<S, P>>): PollerFactory<S, P> {
  let loading: Promise<PollerFactory<S, P>> | null = null;
  return (source, deps) => {
    let poller: Poller<P> | null = null;
    return {
      async next(cursor) {
        loading ??= load();
        poller ??= (await loading)(source, deps);
        return poller.next(cursor);
      },
    };
  };
}

export function pollerKindOf(source: PolledSourceConfig): PollerKind {
  return source.kind === 'rss' && source.measures ? 'rss-measures' : source.kind;
}

function describeKind(kind: PollerKind): string {
  return kind === 'rss-measures' ? '"rss-measures" (kind rss with measures: true)' : `"${kind}"`;
}

export function createPollerRegistry<P = never>(): PollerRegistry<P> {
  const factories = new Map<PollerKind, PollerFactory<PolledSourceConfig, P>>();
  return {
    register(kind, factory) {
      if (factories.has(kind)) {
        throw new Error(`a poller for kind ${describeKind(kind)} is already registered`);
      }
      // Sound: create() calls a factory only with a source whose pollerKindOf is the kind it was registered for.
      factories.set(kind, factory as PollerFactory<PolledSourceConfig, P>);
    },
    create(source, deps) {
      const kind = pollerKindOf(source);
      const factory = factories.get(kind);
      if (factory === undefined) {
        const known = [...factories.keys()];
        throw new Error(
          `source "${source.id}": no poller is registered for kind ${describeKind(kind)}` +
            ` (registered: ${known.length > 0 ? known.join(', ') : 'none'})`,
        );
      }
      return factory(source, deps);
    },
    missing(wanted) {
      return wanted.filter((kind) => !factories.has(kind));
    },
  };
}
