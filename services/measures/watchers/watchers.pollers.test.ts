import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CredentialCache } from '../../sources/credential-cache.js';
import { PollFailure } from '../../sources/poll-failure.js';
import type { PollerDeps } from '../../sources/poller.js';
import { noRateLimit } from '../../sources/rate-limit.js';
import { SourceHttp } from '../../sources/source-http.js';
import { createFeedWatcher } from './feed.watcher.js';
import {
  createRijksoverheidPoller,
  newsPublications,
  type RijksoverheidWatcherConfig,
} from './rijksoverheid.poller.js';
import { createSruPoller, sruUrl, type SruWatcherConfig } from './sru.poller.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../../test/fixtures/feeds');
const fixture = (file: string) => fs.readFileSync(path.join(FIXTURES, file), 'utf8');

/** Poller dependencies whose HTTP answers come from a function instead of the network. */
function deps(answer: (url: string) => Response, seen: string[] = []): PollerDeps {
  const now = () => new Date('2026-11-28T12:00:00Z');
  const fetch = (input: string | URL | Request) => {
    const url = input instanceof Request ? input.url : input.toString();
    seen.push(url);
    return Promise.resolve(answer(url));
  };
  return {
    http: new SourceHttp({
      timeoutMs: 1_000,
      maxBytes: 1_000_000,
      userAgent: 'test',
      rateLimit: noRateLimit,
      fetch,
      now,
    }),
    secret: () => null,
    now,
    credentials: new CredentialCache(),
  };
}

const SRU: SruWatcherConfig = {
  id: 'gemeenteblad',
  kind: 'sru',
  url: 'https://sru.example/sru',
  query: 'dt.creator="Huizen"',
  date_index: 'dt.modified',
  version: '2.0',
  lookback_days: 30,
  page_size: 10,
  match: [],
};

describe('the SRU watcher', () => {
  it('starts a first pass lookback_days back, and asks for the next page at nextRecordPosition', async () => {
    const xml = fixture('overheid/sru_searchRetrieveResponse_officielepublicaties.reconstructed.xml').replace(
      '</sru:records>',
      '</sru:records><sru:nextRecordPosition>11</sru:nextRecordPosition>',
    );
    const seen: string[] = [];
    const poller = createSruPoller(
      SRU,
      deps(() => new Response(xml, { status: 200 }), seen),
    );
    const page = await poller.next(null);
    expect(new URL(seen[0]!).searchParams.get('query')).toBe(
      '(dt.creator="Huizen") and dt.modified>=2026-10-29',
    );
    expect(page.done).toBe(false);
    expect(page.cursor).toEqual({ since: '2026-10-29', start: 11, newest: '2023-04-20', backfill: true });
    expect(page.publications?.[0]).toMatchObject({
      externalId: 'gmb-2023-174296',
      level: 'municipal',
      backfill: true,
    });
    // The last page ends the pass: the next starts at the newest day seen, and alerts again.
    const last = await createSruPoller(
      SRU,
      deps(
        () =>
          new Response(fixture('overheid/sru_searchRetrieveResponse_officielepublicaties.reconstructed.xml')),
      ),
    ).next(page.cursor);
    expect(last.done).toBe(true);
    expect(last.cursor).toEqual({ since: '2023-04-20', start: 1, newest: null, backfill: false });
  });

  it('turns diagnostics into a configuration failure and a 503 into a transient one with its Retry-After', async () => {
    const diagnostics = createSruPoller(
      SRU,
      deps(() => new Response(fixture('overheid/sru_diagnostics.SYNTHETIC.xml'))),
    );
    const failure = await diagnostics.next(null).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(PollFailure);
    expect(failure).toMatchObject({ kind: 'config' });
    expect((failure as Error).message).toMatch(/refused the query \(Query syntax error: unexpected token/);

    const busy = createSruPoller(
      SRU,
      deps(() => new Response('busy', { status: 503, headers: { 'retry-after': '120' } })),
    );
    const transient = (await busy.next(null).catch((error: unknown) => error)) as PollFailure;
    expect(transient.kind).toBe('transient');
    expect(transient.retryAt?.toISOString()).toBe('2026-11-28T12:02:00.000Z');
  });

  it('leaves out the date filter when no date index is configured, and names the x-connection', () => {
    const url = new URL(
      sruUrl(
        { ...SRU, kind: 'cvdr', date_index: '', version: '1.2', connection: 'cvdr' },
        { since: '2020-01-01', start: 51, newest: null, backfill: false },
      ),
    );
    expect(Object.fromEntries(url.searchParams)).toEqual({
      operation: 'searchRetrieve',
      version: '1.2',
      'x-connection': 'cvdr',
      query: 'dt.creator="Huizen"',
      startRecord: '51',
      maximumRecords: '10',
    });
  });
});

describe('the Rijksoverheid watcher', () => {
  const config: RijksoverheidWatcherConfig = {
    id: 'ro',
    kind: 'rijksoverheid',
    url: 'https://opendata.example/v1',
    subject: 'coronavirus-covid-19',
    since: '2020-09-01',
    lookback_days: 30,
    page_size: 1,
    match: ['maatregel'],
  };

  it('reads the documented list fields and pages by offset until a short page', async () => {
    const example = (
      JSON.parse(fixture('rijksoverheid-opendata/opendata_news_list.SHAPE-SYNTHETIC.json')) as {
        example: unknown[];
      }
    ).example;
    const seen: string[] = [];
    const poller = createRijksoverheidPoller(
      config,
      deps((url) => new Response(JSON.stringify(url.includes('offset=0') ? example : [])), seen),
    );
    const first = await poller.next(null);
    expect(seen[0]).toBe(
      'https://opendata.example/v1/infotypes/news/subjects/coronavirus-covid-19/lastmodifiedsince/20200901/?output=json&rows=1&offset=0',
    );
    expect(first.done).toBe(false);
    expect(first.publications?.[0]).toMatchObject({
      externalId: '00000000-0000-0000-0000-000000000001',
      title: 'Voorbeeld: aangescherpte maatregelen (fictief)',
      url: 'https://www.rijksoverheid.nl/actueel/nieuws/2020/09/28/voorbeeld-nieuwsbericht',
      level: 'national',
    });
    const second = await poller.next(first.cursor);
    expect(second).toMatchObject({ done: true, cursor: { since: '2026-11-28', offset: 0, backfill: false } });
  });

  it('names the URL and the field of a malformed answer', () => {
    expect(() => newsPublications([{ id: 1 }], 'https://o.example', false)).toThrow(
      /\[0\]\.id should be text/,
    );
  });
});

describe('an RSS source with measures: true', () => {
  it('hands its items over as publications, the first read as backfill', async () => {
    const xml = fixture('vrgooienvechtstreek/wordpress_feed.RECONSTRUCTED.xml');
    const watcher = createFeedWatcher(
      {
        id: 'vr',
        kind: 'rss',
        url: 'https://vr.example/feed/',
        measures: true,
        match: [],
        enabled: true,
        every: '60s',
        timeout: '15s',
        max_bytes: 1_000_000,
        max_pages: 1,
      },
      deps(() => new Response(xml, { headers: { etag: '"a"' } })),
    );
    const first = await watcher.next(null);
    expect(first.items).toEqual([]);
    expect(first.publications?.map((p) => [p.title, p.backfill])).toEqual([
      ['Noodverordening 27 september 2020', true],
      ['Noodverordening 17 september 2020', true],
    ]);
    expect(first.cursor).toEqual({ feed: { etag: '"a"', lastModified: null }, primed: true });
    const next = await watcher.next(first.cursor);
    expect(next.publications?.every((p) => !p.backfill)).toBe(true);
  });
});
