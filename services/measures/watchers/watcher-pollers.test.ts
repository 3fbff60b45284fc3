import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CredentialCache } from '../../sources/credential-cache.js';
import type { PollerDeps } from '../../sources/poller.js';
import { createPollerRegistry, POLLER_KINDS } from '../../sources/poller.registry.js';
import { noRateLimit } from '../../sources/rate-limit.js';
import { registerSourcePollers } from '../../sources/source-pollers.js';
import { SourceHttp } from '../../sources/source-http.js';
import { isPolled, parseSources, type PolledSourceConfig } from '../../sources/sources.schema.js';
import type { Publication } from '../publication.js';
import { registerMeasureWatchers } from './watcher-pollers.js';

const FEED = fs.readFileSync(
  path.resolve(
    import.meta.dirname,
    '../../../test/fixtures/feeds/vrgooienvechtstreek/wordpress_feed.RECONSTRUCTED.xml',
  ),
  'utf8',
);

function registry() {
  const pollers = createPollerRegistry<Publication>();
  registerSourcePollers(pollers);
  registerMeasureWatchers(pollers);
  return pollers;
}

function deps(seen: string[]): PollerDeps {
  const now = () => new Date('2026-12-02T12:00:00Z');
  return {
    http: new SourceHttp({
      timeoutMs: 1_000,
      maxBytes: 1_000_000,
      userAgent: 'test',
      rateLimit: noRateLimit,
      now,
      fetch: (input) => {
        seen.push(input instanceof Request ? input.url : input.toString());
        return Promise.resolve(new Response(FEED, { status: 200 }));
      },
    }),
    secret: () => null,
    now,
    credentials: new CredentialCache(),
  };
}

function source(entry: Record<string, unknown>): PolledSourceConfig {
  const { sources, problems } = parseSources([entry]);
  expect(problems).toEqual([]);
  const [parsed] = sources;
  if (parsed === undefined || !isPolled(parsed)) throw new Error('expected one polled source');
  return parsed;
}

describe('the measure watchers in the poller registry', () => {
  it('with the pollers of the sources module, serve every polled kind', () => {
    expect(registry().missing(POLLER_KINDS)).toEqual([]);
  });

  it('read an RSS feed marked measures: true as publications, the same feed without it as mentions', async () => {
    const pollers = registry();
    const seen: string[] = [];
    const watched = await pollers
      .create(source({ id: 'vr', kind: 'rss', url: 'https://vr.example/feed/', measures: true }), deps(seen))
      .next(null);
    expect(watched.items).toEqual([]);
    expect(watched.publications?.map((publication) => publication.title)).toEqual([
      'Noodverordening 27 september 2020',
      'Noodverordening 17 september 2020',
    ]);
    const read = await pollers
      .create(source({ id: 'nieuws', kind: 'rss', url: 'https://vr.example/feed/' }), deps(seen))
      .next(null);
    expect(read.publications).toBeUndefined();
    expect(read.items.map((item) => item.title)).toEqual([
      'Noodverordening 27 september 2020',
      'Noodverordening 17 september 2020',
    ]);
  });

  it('send sru and cvdr sources to the SRU watcher, each with its own service', async () => {
    const pollers = registry();
    const seen: string[] = [];
    for (const entry of [
      { id: 'gemeenteblad', kind: 'sru', query: 'dt.creator="Huizen"' },
      { id: 'cvdr-huizen', kind: 'cvdr', query: 'creator="Huizen"' },
    ]) {
      // The feed is no SRU answer: the request is what this test looks at.
      await pollers
        .create(source(entry), deps(seen))
        .next(null)
        .catch(() => undefined);
    }
    expect(seen.map((url) => [new URL(url).host, new URL(url).searchParams.get('operation')])).toEqual([
      ['repository.overheid.nl', 'searchRetrieve'],
      ['zoekservice.overheid.nl', 'searchRetrieve'],
    ]);
  });

  it('refuse to be registered twice', () => {
    expect(() => registerMeasureWatchers(registry())).toThrow(
      'a poller for kind "sru" is already registered',
    );
  });
});
