import { describe, expect, it } from 'vitest';
import { backfillMs, backfillPages, isPolled, parseSources, timings } from './sources.schema.js';

describe('backfill', () => {
  it('defaults to 24 hours and 100 pages, takes 0 for the newest page only, and names a bad value', () => {
    const { sources, problems } = parseSources([
      { id: 'a', kind: 'mastodon', instance: 'https://m.example', hashtags: ['huizen'] },
      { id: 'b', kind: 'rss', url: 'https://e.example/rss', backfill: 0, backfill_pages: 5 },
      { id: 'c', kind: 'bluesky', query: 'huizen', backfill: '2h' },
      { id: 'w', kind: 'rss', url: 'https://e.example/maatregelen', measures: true },
    ]);
    expect(problems).toEqual([]);
    const polled = sources.filter(isPolled);
    expect(polled.map(backfillMs)).toEqual([86_400_000, 0, 7_200_000, 0]);
    expect(polled.map(backfillPages)).toEqual([100, 5, 100, 100]);
    const bad = parseSources([{ id: 'd', kind: 'x', query: 'q', backfill: 'a day' }]).problems;
    expect(bad).toHaveLength(1);
    expect(bad[0]).toMatch(/sources\[0\].*\(x\)\.backfill/);
  });
});

describe('parseSources', () => {
  it('fills the defaults of each kind', () => {
    const { sources, problems } = parseSources([
      { id: 'gooi', kind: 'mastodon', instance: 'https://mastodon.example', hashtags: ['huizen'] },
      { id: 'bsky', kind: 'bluesky', query: 'huizen' },
      { id: 'kcc', kind: 'push' },
    ]);
    expect(problems).toEqual([]);
    expect(sources[0]).toMatchObject({
      every: '60s',
      timeout: '15s',
      enabled: true,
      accounts: [],
      max_pages: 20,
    });
    expect(sources[1]).toMatchObject({ service: 'https://bsky.social', handle_env: 'BLUESKY_HANDLE' });
    expect(sources[2]).toEqual({ id: 'kcc', kind: 'push', enabled: true });
  });

  it('reports each problem for the kind the entry has, and nothing about other kinds', () => {
    const { problems } = parseSources([
      { id: 'a', kind: 'mastodon', hashtags: [] },
      { id: 'b', kind: 'rss', url: 'ftp://x', every: 'often' },
      { id: 'c', kind: 'x', query: 'q', token: 'abc' },
      { id: 'a', kind: 'push' },
      { id: 'd', kind: 'mastodon', instance: 'https://m.example', token: 'my-secret-token' },
    ]);
    expect(problems).toEqual([
      'sources[0] "a" (mastodon): missing required key "instance"',
      expect.stringMatching(/^sources\[1\] "b" \(rss\)\.every: /),
      expect.stringMatching(/^sources\[1\] "b" \(rss\)\.url: /),
      'sources[2] "c" (x): unknown key "token"',
      'sources[3] "a": the id is already used by sources[0]',
      expect.stringMatching(/^sources\[4\] "d" \(mastodon\)\.token: /),
    ]);
    expect(problems.join('\n')).not.toMatch(/service|subreddits/);
  });

  it('asks a Mastodon source for something to follow, and refuses silly intervals', () => {
    const { problems } = parseSources([
      { id: 'm', kind: 'mastodon', instance: 'https://m.example' },
      { id: 'r', kind: 'rss', url: 'https://f.example/feed', every: '10ms' },
    ]);
    expect(problems).toEqual([
      'sources[0] "m" (mastodon): give at least one of hashtags or accounts',
      'sources[1] "r" (rss): every must be at least 200ms, got 10ms',
    ]);
  });

  it('derives a lease that outlives a request', () => {
    const { sources } = parseSources([
      { id: 'r', kind: 'rss', url: 'https://f.example/feed', timeout: '2s' },
    ]);
    const source = sources[0]!;
    if (source.kind !== 'rss') throw new Error('expected rss');
    expect(timings(source)).toEqual({ everyMs: 60_000, timeoutMs: 2_000, leaseMs: 14_000 });
  });
});
