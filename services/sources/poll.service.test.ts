import { pino } from 'pino';
import { beforeEach, describe, expect, it } from 'vitest';
import type { DbTransaction } from '../db/client.js';
import type { RawMention } from '../ingest/raw-mention.js';
import { PollService, type PollSources, type SourceAlerts } from './poll.service.js';
import { createPollerRegistry } from './poller.registry.js';
import { registerSourcePollers } from './source-pollers.js';
import { parseSources } from './sources.schema.js';
import type { LeaseResult, PollState } from './source-state.js';
import type { StoreOptions } from '../ingest/store-options.js';

// In-memory stand-ins for the repository and the ingest path: the poll service is plain logic around them.
class MemorySources implements PollSources {
  cursor: unknown = null;
  failures = 0;
  state = 'idle';
  lastError: string | null = null;
  backoffUntil: Date | null = null;
  leaseOwner: string | null = null;
  stored = new Set<string>();
  loseLeaseOnSave = false;

  syncConfigured = () => Promise.resolve();
  acquireLease(_id: string, owner: string): Promise<LeaseResult> {
    if (this.leaseOwner !== null && this.leaseOwner !== owner) {
      return Promise.resolve({ acquired: false, reason: 'leased', until: null });
    }
    if (this.backoffUntil !== null && this.backoffUntil > new Date()) {
      return Promise.resolve({ acquired: false, reason: 'backing_off', until: this.backoffUntil });
    }
    this.leaseOwner = owner;
    return Promise.resolve({ acquired: true, cursor: this.cursor, consecutiveFailures: this.failures });
  }
  renewLease = () => Promise.resolve(true);
  releaseLease(_id: string, owner: string) {
    if (this.leaseOwner === owner) this.leaseOwner = null;
    return Promise.resolve();
  }
  saveCursor(_trx: DbTransaction, id: string, _owner: string, cursor: unknown) {
    if (this.loseLeaseOnSave) return Promise.reject(new Error(`lost lease on ${id}`));
    this.cursor = cursor;
    return Promise.resolve();
  }
  recordSuccess(_id: string, next: { backoffUntil: Date | null }) {
    const previous = this.failures;
    Object.assign(this, { state: 'ok', failures: 0, backoffUntil: next.backoffUntil });
    return Promise.resolve(previous);
  }
  recordFailure(_id: string, failure: { state: string; message: string; backoffUntil: Date | null }) {
    this.failures++;
    Object.assign(this, {
      state: failure.state,
      lastError: failure.message,
      backoffUntil: failure.backoffUntil,
    });
    return Promise.resolve(this.failures);
  }
  knownExternalIds(_id: string, ids: readonly string[]) {
    return Promise.resolve(new Set(ids.filter((id) => this.stored.has(id))));
  }
  pollState = () => Promise.resolve({ cursor: this.cursor } as PollState);
}

function memoryIngest(sources: MemorySources) {
  return {
    batches: [] as string[][],
    async ingest(items: readonly RawMention[], options: StoreOptions) {
      const inserted = items.filter((item) => !sources.stored.has(item.externalId));
      // Rows and cursor commit together: a failing cursor save stores nothing.
      await options.afterStore?.({} as DbTransaction);
      for (const item of inserted) sources.stored.add(item.externalId);
      this.batches.push(items.map((item) => item.externalId));
      return { inserted: inserted as never[], duplicates: items.length - inserted.length, rejected: [] };
    },
    prepare: () => Promise.resolve({ prepared: [], rejected: [] }),
  };
}

const status = (id: string) => ({
  id,
  created_at: '2021-01-29T14:00:00.000Z',
  content: `<p>Post ${id} over de avondklok</p>`,
  account: { acct: 'bewoner@m.example', followers_count: 3 },
  language: 'nl',
});

type Reply = { status: number; body: unknown; headers?: Record<string, string> };

describe('PollService', () => {
  let sources: MemorySources;
  let ingest: ReturnType<typeof memoryIngest>;
  let alerts: { failing: number[]; recovered: number };
  let replies: ((url: URL) => Reply)[];
  let requested: URL[];

  const config = parseSources([
    { id: 'gooi', kind: 'mastodon', instance: 'https://m.example', hashtags: ['huizen'], every: '1s' },
  ]).sources;

  function service() {
    const alertSink: SourceAlerts = {
      sourceFailing: (_source, failures) => Promise.resolve(void alerts.failing.push(failures)),
      sourceRecovered: () => Promise.resolve(void alerts.recovered++),
    };
    const fetch: typeof globalThis.fetch = (input) => {
      const url = new URL(input instanceof Request ? input.url : input);
      requested.push(url);
      const empty = (): Reply => ({ status: 200, body: [] });
      const reply = (replies.shift() ?? empty)(url);
      return Promise.resolve(
        new Response(typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body), {
          status: reply.status,
          headers: reply.headers,
        }),
      );
    };
    const pollers = createPollerRegistry();
    registerSourcePollers(pollers);
    return new PollService({
      sources,
      pollers,
      ingest,
      alerts: alertSink,
      configured: config,
      alertAfter: 2,
      secret: () => null,
      log: pino({ level: 'silent' }),
      fetch,
      random: () => 1,
      owner: 'worker-a',
    });
  }

  beforeEach(() => {
    sources = new MemorySources();
    ingest = memoryIngest(sources);
    alerts = { failing: [], recovered: 0 };
    replies = [];
    requested = [];
  });

  it('takes the newest page first, then pages forward with min_id until a page is empty', async () => {
    replies.push(() => ({ status: 200, body: [status('12'), status('11')] }));
    expect(await service().poll('gooi')).toMatchObject({ status: 'polled', pages: 1, stored: 2 });
    expect(requested[0]!.searchParams.get('min_id')).toBeNull();
    expect(sources.cursor).toEqual({ streams: { 'tag:huizen': '12' } });

    replies.push(
      (url) => ({
        status: 200,
        body: url.searchParams.get('min_id') === '12' ? [status('14'), status('13')] : [],
      }),
      (url) => ({ status: 200, body: url.searchParams.get('min_id') === '14' ? [status('15')] : [] }),
      () => ({ status: 200, body: [] }),
    );
    expect(await service().poll('gooi')).toMatchObject({ status: 'polled', pages: 3, stored: 3 });
    expect(requested.slice(1).map((url) => url.searchParams.get('min_id'))).toEqual(['12', '14', '15']);
    expect(ingest.batches.slice(1)).toEqual([['14', '13'], ['15'], []]);
    expect(sources.state).toBe('ok');
  });

  it('skips items it stored before, without enriching them again', async () => {
    sources.cursor = { streams: { 'tag:huizen': '10' } };
    sources.stored.add('11');
    replies.push(() => ({ status: 200, body: [status('12'), status('11')] }));
    expect(await service().poll('gooi')).toMatchObject({ stored: 1, duplicates: 1 });
    expect(ingest.batches[0]).toEqual(['12']);
  });

  it('backs off after 5xx, alerts after the configured number of failures, and tells when it recovers', async () => {
    sources.cursor = { streams: { 'tag:huizen': '10' } };
    replies.push(() => ({ status: 503, body: '<h1>Service Unavailable</h1>' }));
    const first = await service().poll('gooi');
    expect(first).toMatchObject({ status: 'failed', kind: 'transient', failures: 1 });
    expect(sources.state).toBe('failing');
    expect(sources.lastError).toMatch(/answered 503: Service Unavailable/);
    expect(sources.backoffUntil!.getTime()).toBeGreaterThan(Date.now());
    expect(alerts.failing).toEqual([]);

    // Backing off: the next scheduled poll does nothing.
    expect(await service().poll('gooi')).toMatchObject({
      status: 'skipped',
      reason: expect.stringMatching(/^backing_off/) as unknown,
    });
    sources.backoffUntil = null;
    replies.push(() => ({ status: 500, body: '' }));
    expect(await service().poll('gooi')).toMatchObject({ status: 'failed', failures: 2 });
    expect(alerts.failing).toEqual([2]);

    sources.backoffUntil = null;
    expect(await service().poll('gooi')).toMatchObject({ status: 'polled' });
    expect(alerts.recovered).toBe(1);
    expect(sources.failures).toBe(0);
  });

  it('waits at least as long as a 429 asks', async () => {
    sources.cursor = { streams: { 'tag:huizen': '10' } };
    const reset = new Date(Date.now() + 10 * 60_000);
    replies.push(() => ({
      status: 429,
      body: { error: 'Too many requests' },
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset.toISOString() },
    }));
    expect(await service().poll('gooi')).toMatchObject({ status: 'failed', retryAt: reset.toISOString() });
  });

  it('marks 401 as needing attention, with the server message', async () => {
    sources.cursor = { streams: { 'tag:huizen': '10' } };
    replies.push(() => ({ status: 401, body: { error: 'The access token is invalid' } }));
    await service().poll('gooi');
    expect(sources.state).toBe('needs_attention');
    expect(sources.lastError).toMatch(/401: The access token is invalid/);
  });

  it('fails only this poll on a malformed page, and leaves the cursor where it was', async () => {
    sources.cursor = { streams: { 'tag:huizen': '10' } };
    replies.push(() => ({ status: 200, body: '<html>maintenance</html>' }));
    expect(await service().poll('gooi')).toMatchObject({ status: 'failed', kind: 'malformed' });
    expect(sources.lastError).toMatch(/is not JSON \(it starts with "<html>maintenance<\/html>"\)/);
    expect(sources.backoffUntil).toBeNull();
    expect(sources.cursor).toEqual({ streams: { 'tag:huizen': '10' } });
  });

  it('stops a poll where the rate limit runs out, stores what it has, and waits for the reset', async () => {
    sources.cursor = { streams: { 'tag:huizen': '10' } };
    const reset = new Date(Date.now() + 60_000);
    replies.push(() => ({
      status: 200,
      body: [status('11')],
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset.toISOString() },
    }));
    const outcome = await service().poll('gooi');
    expect(outcome).toMatchObject({ status: 'polled', stored: 1, rateLimitedUntil: reset.toISOString() });
    expect(requested).toHaveLength(1);
    expect(sources.backoffUntil).toEqual(reset);
    expect(sources.state).toBe('ok');
  });

  it('does not poll a source another worker holds', async () => {
    sources.leaseOwner = 'worker-b';
    expect(await service().poll('gooi')).toMatchObject({
      status: 'skipped',
      reason: 'being polled by another worker',
    });
    expect(requested).toHaveLength(0);
  });

  it('keeps the cursor when the page cannot be stored', async () => {
    sources.cursor = { streams: { 'tag:huizen': '10' } };
    sources.loseLeaseOnSave = true;
    replies.push(() => ({ status: 200, body: [status('11')] }));
    await service().poll('gooi');
    expect(sources.cursor).toEqual({ streams: { 'tag:huizen': '10' } });
    expect(sources.stored.size).toBe(0);
  });

  it('skips sources that are not configured pollers', async () => {
    expect(await service().poll('nope')).toMatchObject({ status: 'skipped' });
  });
});
