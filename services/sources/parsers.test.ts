import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBlueskySearch } from './bluesky.poller.js';
import { parseFeed } from './feed.parser.js';
import { parseMastodonStatuses } from './mastodon.poller.js';
import { PollFailure } from './poll-failure.js';
import { parseRedditListing, redditIdValue } from './reddit.poller.js';
import { parseXSearch } from './x.poller.js';

const FEEDS = path.resolve(import.meta.dirname, '../../test/fixtures/feeds');
const json = (file: string): unknown => JSON.parse(fs.readFileSync(path.join(FEEDS, file), 'utf8'));
const xml = (file: string) => fs.readFileSync(path.join(FEEDS, file), 'utf8');

function failure(run: () => unknown): PollFailure {
  try {
    run();
  } catch (error) {
    if (error instanceof PollFailure) return error;
    throw error;
  }
  throw new Error('expected a PollFailure');
}

describe('mastodon statuses', () => {
  const page = json('mastodon/timelines_tag_huizen.SYNTHETIC.json') as Record<string, unknown>[];

  it('turns HTML into text, keeps language where given, and finds the largest id as BigInt', () => {
    const parsed = parseMastodonStatuses(page, 'https://m.example/tag', null);
    expect(parsed.items).toHaveLength(2);
    const first = parsed.items[0]!;
    expect(first.externalId).toBe('105000000000000002');
    expect(first.text).toBe(
      'Vanaf vanavond 18.00 uur nieuwe noodverordening in Gooi en Vechtstreek. Horeca om 01.00 dicht. #Huizen #corona',
    );
    expect(first.language).toBe('nl');
    expect(parsed.items[1]!.language).toBeNull();
    expect(first.postedAt.toISOString()).toBe('2020-09-27T19:04:11.000Z');
    expect(first.author).toBe('bewoner@mastodon.example');
    expect(first.engagement).toBe(4);
    expect(parsed.maxId).toBe(105000000000000002n);
  });

  it('compares ids as numbers, not text, and leaves out what is not newer than min_id', () => {
    const statuses = [
      { ...page[0], id: '99999999999999999' },
      { ...page[0], id: '100000000000000000' },
    ];
    const parsed = parseMastodonStatuses(statuses, 'u', 99999999999999999n);
    expect(parsed.items.map((item) => item.externalId)).toEqual(['100000000000000000']);
    expect(parsed.maxId).toBe(100000000000000000n);
    // 2^53 + 1 is not representable as a double; BigInt keeps it exact.
    const big = parseMastodonStatuses([{ ...page[0], id: '9007199254740993' }], 'u', 9007199254740992n);
    expect(big.maxId).toBe(9007199254740993n);
  });

  it('counts a boost once, as the post it boosts', () => {
    const original = page[0]!;
    const boost = { ...page[1], id: '105000000000000009', content: '', reblog: original };
    const parsed = parseMastodonStatuses([boost, original], 'u', null);
    expect(parsed.items.map((item) => item.externalId)).toEqual(['105000000000000002', '105000000000000002']);
    expect(parsed.items[0]!.text).toContain('noodverordening');
    // Paging follows the statuses themselves, boosts included.
    expect(parsed.maxId).toBe(105000000000000009n);
  });

  it('names the URL and the place of a malformed field', () => {
    const error = failure(() => parseMastodonStatuses([{ ...page[0], id: 42 }], 'https://m.example/x', null));
    expect(error.kind).toBe('malformed');
    expect(error.message).toMatch(/https:\/\/m\.example\/x.*\[0\]\.id should be text/);
    expect(failure(() => parseMastodonStatuses({ error: 'x' }, 'u', null)).message).toMatch(
      /should be a list/,
    );
  });
});

describe('bluesky search', () => {
  it('reads posts with their language, engagement, web link and sortAt', () => {
    const parsed = parseBlueskySearch(json('bluesky/searchPosts.response.SYNTHETIC.json'), 'u');
    expect(parsed.cursor).toBe('25');
    expect(parsed.items).toHaveLength(2);
    const first = parsed.items[0]!;
    expect(first.externalId).toBe('at://did:plc:fakeaaaaaaaaaaaaaaaaaaaa/app.bsky.feed.post/3kfakepost2a2');
    expect(first.url).toBe('https://bsky.app/profile/bewoner-huizen.bsky.social/post/3kfakepost2a2');
    expect(first.language).toBe('nl');
    expect(first.engagement).toBe(11);
    // sortAt is the earlier of createdAt and indexedAt.
    expect(parsed.sortAts[0]).toBe(Date.parse('2020-09-27T19:04:11.123Z'));
  });

  it('fails clearly when posts is missing', () => {
    expect(failure(() => parseBlueskySearch({ cursor: '1' }, 'https://b.example/s')).message).toMatch(
      /https:\/\/b\.example\/s is malformed: posts should be a list/,
    );
  });
});

describe('reddit listings', () => {
  it('reads posts with their fullname, title and permalink', () => {
    const parsed = parseRedditListing(json('reddit/search_thenetherlands_new.SYNTHETIC.json'), 'u');
    expect(parsed.names).toEqual(['t3_j0fake2', 't3_j0fake1']);
    expect(parsed.after).toBe('t3_j0fake1');
    const first = parsed.items[0]!;
    expect(first.title).toBe('Noodverordening Gooi en Vechtstreek: horeca om 01.00 dicht');
    expect(first.text).toMatch(/veiligheidsregio/);
    expect(first.url).toMatch(/^https:\/\/www\.reddit\.com\/r\/thenetherlands\/comments\/j0fake2\//);
    expect(first.postedAt.toISOString()).toBe('2020-09-27T19:04:11.000Z');
  });

  it('orders base-36 ids by value', () => {
    expect(redditIdValue('t3_zz') > redditIdValue('t3_100')).toBe(false);
    expect(redditIdValue('t3_j0fake2') > redditIdValue('t3_j0fake1')).toBe(true);
    expect(redditIdValue('t3_10')).toBe(36n);
  });
});

describe('x recent search', () => {
  it('reads tweets with their expanded author', () => {
    const parsed = parseXSearch(json('x/search_recent.response.SYNTHETIC.json'), 'u');
    expect(parsed.items).toHaveLength(1);
    expect(parsed.items[0]!.author).toBe('@fictief_huizen');
    expect(parsed.items[0]!.engagement).toBe(11);
    expect(parsed.newestId).toBe(1310291472185319424n);
    expect(parsed.nextToken).toBe('b26v89c19zqg8o3fpzbkk9q8w7h0xyz');
  });

  it('counts a retweet as its original, and reads an empty page', () => {
    const retweet = {
      data: [
        {
          id: '1310291472185319999',
          text: 'RT @fictief_huizen: Nieuwe noodverordening…',
          created_at: '2020-09-27T20:00:00.000Z',
          referenced_tweets: [{ type: 'retweeted', id: '1310291472185319424' }],
        },
      ],
      includes: {
        tweets: [
          {
            id: '1310291472185319424',
            text: 'Nieuwe noodverordening',
            created_at: '2020-09-27T19:04:11.000Z',
          },
        ],
      },
      meta: { result_count: 1, newest_id: '1310291472185319999' },
    };
    const parsed = parseXSearch(retweet, 'u');
    expect(parsed.items[0]!.externalId).toBe('1310291472185319424');
    expect(parsed.newestId).toBe(1310291472185319999n);
    expect(parseXSearch({ meta: { result_count: 0 } }, 'u')).toEqual({
      items: [],
      newestId: null,
      nextToken: null,
      count: 0,
    });
  });
});

describe('RSS and Atom', () => {
  const fetchedAt = new Date('2020-10-01T00:00:00Z');

  it('reads a WordPress RSS 2.0 feed, with content:encoded as text and guid as id', () => {
    const feed = parseFeed(xml('vrgooienvechtstreek/wordpress_feed.RECONSTRUCTED.xml'), 'u', fetchedAt);
    expect(feed.format).toBe('rss');
    expect(feed.items.map((item) => item.externalId)).toEqual([
      'https://www.vrgooienvechtstreek.nl/?p=1002',
      'https://www.vrgooienvechtstreek.nl/?p=1001',
    ]);
    const first = feed.items[0]!;
    expect(first.title).toBe('Noodverordening 27 september 2020');
    expect(first.text).toMatch(/^De voorzitter van Veiligheidsregio/);
    expect(first.text).toMatch(/\* Er komt een verbod/);
    expect(first.text).not.toMatch(/<p>/);
    expect(first.author).toBe('redactie');
    expect(first.language).toBe('nl');
    expect(first.postedAt.toISOString()).toBe('2020-09-27T16:30:00.000Z');
  });

  it('reads an Atom feed, falling back from id to link and from published to updated', () => {
    const feed = parseFeed(xml('atom/gemeente_nieuws.SYNTHETIC.atom.xml'), 'u', fetchedAt);
    expect(feed.format).toBe('atom');
    expect(feed.items[0]!.externalId).toBe('urn:uuid:6f1c2b1e-0000-4000-8000-000000000002');
    expect(feed.items[0]!.url).toBe('https://gemeente.example/nieuws/testlocatie');
    expect(feed.items[0]!.text).toBe('Vanaf maandag is er een extra testlocatie bij het gemeentehuis.');
    expect(feed.items[0]!.author).toBe('Team communicatie');
    expect(feed.items[1]!.externalId).toBe('https://gemeente.example/nieuws/mondkapjes');
    expect(feed.items[1]!.postedAt.toISOString()).toBe('2020-09-27T15:00:00.000Z');
    expect(feed.items[1]!.language).toBe('nl');
  });

  it('uses the link when an item has no guid, and the fetch time when it has no date', () => {
    const feed = parseFeed(
      '<rss version="2.0"><channel><title>t</title><item><title>Zonder guid</title><link>https://x.example/a</link></item></channel></rss>',
      'u',
      fetchedAt,
    );
    expect(feed.items[0]!.externalId).toBe('https://x.example/a');
    expect(feed.items[0]!.postedAt).toEqual(fetchedAt);
  });

  it('says what is wrong with garbage', () => {
    expect(failure(() => parseFeed('<rss><channel>', 'https://f.example/feed', fetchedAt)).message).toMatch(
      /https:\/\/f\.example\/feed is malformed: it is not well-formed XML/,
    );
    expect(failure(() => parseFeed('<html><body>hi</body></html>', 'u', fetchedAt)).message).toMatch(
      /neither RSS 2\.0 nor Atom \(the root element is <html>\)/,
    );
  });
});
