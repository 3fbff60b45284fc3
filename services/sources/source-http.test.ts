import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PollFailure, RateLimitPause } from './poll-failure.js';
import {
  backoffDelay,
  blueskyRateLimit,
  mastodonRateLimit,
  redditRateLimit,
  retryAfter,
  xRateLimit,
} from './rate-limit.js';
import { SourceHttp, serverMessage } from './source-http.js';

const FEEDS = path.resolve(import.meta.dirname, '../../test/fixtures/feeds');
const recorded = (file: string) =>
  new Headers(
    (JSON.parse(fs.readFileSync(path.join(FEEDS, file), 'utf8')) as { headers: Record<string, string> })
      .headers,
  );

describe('rate-limit headers', () => {
  const now = new Date('2020-09-27T19:05:00Z');

  it('reads Mastodon reset as an ISO time', () => {
    expect(mastodonRateLimit(recorded('mastodon/response-headers.example.json'), now)).toEqual({
      remaining: 299,
      resetAt: new Date('2020-09-27T19:10:00Z'),
    });
  });

  it('reads Reddit reset as seconds from now, and a float remaining', () => {
    expect(redditRateLimit(recorded('reddit/listing_popular_hot.response-headers.json'), now)).toEqual({
      remaining: 997,
      resetAt: new Date(now.getTime() + 15_000),
    });
  });

  it('reads Bluesky and X resets as epoch seconds', () => {
    const headers = new Headers({ 'ratelimit-remaining': '0', 'ratelimit-reset': '1601233800' });
    expect(blueskyRateLimit(headers, now)).toEqual({ remaining: 0, resetAt: new Date(1601233800_000) });
    const x = new Headers({ 'x-rate-limit-remaining': '12', 'x-rate-limit-reset': '1601233800' });
    expect(xRateLimit(x, now)).toEqual({ remaining: 12, resetAt: new Date(1601233800_000) });
  });

  it('reads Retry-After as seconds or a date', () => {
    expect(retryAfter(new Headers({ 'retry-after': '30' }), now)).toEqual(new Date(now.getTime() + 30_000));
    expect(retryAfter(new Headers({ 'retry-after': 'Sun, 27 Sep 2020 19:06:00 GMT' }), now)).toEqual(
      new Date('2020-09-27T19:06:00Z'),
    );
    expect(retryAfter(new Headers(), now)).toBeNull();
  });

  it('backs off exponentially with jitter, up to a cap', () => {
    expect(backoffDelay(1, 1_000, 60_000, () => 0)).toBe(500);
    expect(backoffDelay(1, 1_000, 60_000, () => 1)).toBe(1_000);
    expect(backoffDelay(4, 1_000, 60_000, () => 1)).toBe(8_000);
    expect(backoffDelay(20, 1_000, 60_000, () => 1)).toBe(60_000);
    expect(backoffDelay(20, 1_000, 60_000, () => 0)).toBe(30_000);
  });
});

describe('SourceHttp against a local server', () => {
  let server: http.Server;
  let base: string;
  const routes = new Map<string, (req: http.IncomingMessage, res: http.ServerResponse) => void>();

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const route = routes.get(req.url ?? '');
      if (route) route(req, res);
      else res.writeHead(404).end('{"error":"Record not found"}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    routes.set('/ok', (req, res) =>
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ ua: req.headers['user-agent'] })),
    );
    routes.set('/stall', () => undefined);
    routes.set('/slow-body', (_req, res) => {
      res.writeHead(200);
      res.write('{"partial":');
    });
    routes.set('/big', (_req, res) => {
      res.writeHead(200);
      for (let i = 0; i < 100; i++) res.write('x'.repeat(1_000));
      res.end();
    });
    routes.set('/429', (_req, res) =>
      res
        .writeHead(429, {
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset': new Date(Date.now() + 60_000).toISOString(),
        })
        .end('{"error":"Too many requests"}'),
    );
    routes.set('/401', (_req, res) => res.writeHead(401).end('{"error":"The access token is invalid"}'));
    routes.set('/last', (_req, res) =>
      res
        .writeHead(200, {
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset': new Date(Date.now() + 60_000).toISOString(),
        })
        .end('[]'),
    );
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const client = (overrides: Partial<ConstructorParameters<typeof SourceHttp>[0]> = {}) =>
    new SourceHttp({
      timeoutMs: 300,
      maxBytes: 10_000,
      userAgent: 'test/1',
      rateLimit: mastodonRateLimit,
      ...overrides,
    });

  async function failure(run: Promise<unknown>): Promise<PollFailure> {
    try {
      await run;
    } catch (error) {
      if (error instanceof PollFailure) return error;
      throw error;
    }
    throw new Error('expected a PollFailure');
  }

  it('sends the User-Agent and returns the body', async () => {
    const response = await client().expect(`${base}/ok`);
    expect(JSON.parse(response.text)).toEqual({ ua: 'test/1' });
  });

  it('gives up on a server that does not answer, or stops half-way through the body', async () => {
    const stalled = await failure(client().request(`${base}/stall`));
    expect(stalled.kind).toBe('transient');
    expect(stalled.message).toMatch(/\/stall: no complete answer within 0\.3 s/);
    expect((await failure(client().request(`${base}/slow-body`))).message).toMatch(/no complete answer/);
  });

  it('refuses a body over the byte limit', async () => {
    const error = await failure(client().request(`${base}/big`));
    expect(error.kind).toBe('malformed');
    expect(error.message).toMatch(/larger than the limit of 10000 bytes/);
  });

  it('says when the server cannot be reached', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const error = await failure(client().request(`http://127.0.0.1:${port}/x`));
    expect(error.message).toMatch(/could not reach the server \(ECONNREFUSED\)/);
  });

  it('turns statuses into failures with the server message and the time to retry', async () => {
    const limited = await failure(client().expect(`${base}/429`));
    expect(limited.kind).toBe('transient');
    expect(limited.status).toBe(429);
    expect(limited.retryAt!.getTime()).toBeGreaterThan(Date.now() + 50_000);
    const auth = await failure(client().expect(`${base}/401`));
    expect(auth.kind).toBe('auth');
    expect(auth.message).toMatch(/answered 401: The access token is invalid/);
    expect((await failure(client().expect(`${base}/nope`))).kind).toBe('config');
  });

  it('waits for a used-up window when it is short, and stops the poll when it is long', async () => {
    const waits: number[] = [];
    const short = client({ maxInlineWaitMs: 120_000, sleep: (ms) => Promise.resolve(void waits.push(ms)) });
    await short.request(`${base}/last`);
    await short.request(`${base}/ok`);
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeGreaterThan(50_000);

    const long = client({ maxInlineWaitMs: 1_000 });
    await long.request(`${base}/last`);
    await expect(long.request(`${base}/ok`)).rejects.toBeInstanceOf(RateLimitPause);
  });

  it('extracts a readable server message', () => {
    expect(serverMessage('{"error":"AuthMissing","message":"Authentication Required"}')).toBe(
      'AuthMissing - Authentication Required',
    );
    expect(serverMessage('<html><body><h1>502 Bad Gateway</h1></body></html>')).toBe('502 Bad Gateway');
  });
});
