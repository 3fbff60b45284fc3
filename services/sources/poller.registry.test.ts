import { describe, expect, it } from 'vitest';
import { CredentialCache } from './credential-cache.js';
import type { Poller, PollerDeps } from './poller.js';
import { createPollerRegistry, POLLER_KINDS, pollerKindOf } from './poller.registry.js';
import { noRateLimit } from './rate-limit.js';
import { registerSourcePollers } from './source-pollers.js';
import { SourceHttp } from './source-http.js';
import { isPolled, parseSources, type PolledSourceConfig } from './sources.schema.js';

function polled(entries: unknown[]): PolledSourceConfig[] {
  const { sources, problems } = parseSources(entries);
  expect(problems).toEqual([]);
  return sources.filter(isPolled);
}

const [mastodon, feed, measuresFeed, sru] = polled([
  { id: 'gooi', kind: 'mastodon', instance: 'https://m.example', hashtags: ['huizen'] },
  { id: 'nieuws', kind: 'rss', url: 'https://n.example/feed' },
  { id: 'vr', kind: 'rss', url: 'https://vr.example/feed', measures: true },
  { id: 'gemeenteblad', kind: 'sru', query: 'dt.creator="Huizen"' },
]) as [PolledSourceConfig, PolledSourceConfig, PolledSourceConfig, PolledSourceConfig];

const deps: PollerDeps = {
  http: new SourceHttp({
    timeoutMs: 1_000,
    maxBytes: 1_000,
    userAgent: 'test',
    rateLimit: noRateLimit,
    fetch: () => Promise.reject(new Error('no request is made in these tests')),
  }),
  secret: () => null,
  now: () => new Date('2026-12-02T12:00:00Z'),
  credentials: new CredentialCache(),
};

/** A poller that says which factory made it and for which source. */
function labelled(label: string) {
  return (source: PolledSourceConfig): Poller<string> => ({
    next: () =>
      Promise.resolve({ items: [], publications: [`${label}:${source.id}`], cursor: null, done: true }),
  });
}

async function madeBy(poller: Poller<string>): Promise<string[] | undefined> {
  return (await poller.next(null)).publications;
}

describe('the poller registry', () => {
  it('makes the poller registered for the kind, an RSS feed of measures by its own entry', async () => {
    const registry = createPollerRegistry<string>();
    registry.register('mastodon', labelled('mastodon'));
    registry.register('rss', labelled('rss'));
    registry.register('rss-measures', labelled('watcher'));
    expect(await madeBy(registry.create(mastodon, deps))).toEqual(['mastodon:gooi']);
    expect(await madeBy(registry.create(feed, deps))).toEqual(['rss:nieuws']);
    expect(await madeBy(registry.create(measuresFeed, deps))).toEqual(['watcher:vr']);
    expect([feed, measuresFeed, sru].map(pollerKindOf)).toEqual(['rss', 'rss-measures', 'sru']);
  });

  it('refuses a kind registered twice, naming it, and keeps the first', async () => {
    const registry = createPollerRegistry<string>();
    registry.register('rss', labelled('first'));
    expect(() => registry.register('rss', labelled('second'))).toThrow(
      'a poller for kind "rss" is already registered',
    );
    registry.register('rss-measures', labelled('watcher'));
    expect(() => registry.register('rss-measures', labelled('again'))).toThrow(
      'a poller for kind "rss-measures" (kind rss with measures: true) is already registered',
    );
    expect(await madeBy(registry.create(feed, deps))).toEqual(['first:nieuws']);
  });

  it('names the unknown kind, the source and what is registered', () => {
    const registry = createPollerRegistry();
    expect(() => registry.create(sru, deps)).toThrow(
      'source "gemeenteblad": no poller is registered for kind "sru" (registered: none)',
    );
    registerSourcePollers(registry);
    expect(() => registry.create(measuresFeed, deps)).toThrow(
      'source "vr": no poller is registered for kind "rss-measures" (kind rss with measures: true)' +
        ' (registered: mastodon, bluesky, reddit, rss, x)',
    );
  });

  it("lists the kinds still missing: the sources' own pollers leave the measure watchers", () => {
    const registry = createPollerRegistry();
    expect(registry.missing(POLLER_KINDS)).toEqual(POLLER_KINDS);
    registerSourcePollers(registry);
    expect(registry.missing(POLLER_KINDS)).toEqual(['sru', 'cvdr', 'rijksoverheid', 'rss-measures']);
  });
});
