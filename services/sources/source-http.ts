// The HTTP client every poller uses: Node's fetch with a timeout on the whole exchange, the body streamed and cut
// off at a byte limit, rate-limit headers obeyed before the next request, and failures turned into PollFailures
// that name the URL and the server's own message.
import { PollFailure, RateLimitPause } from './poll-failure.js';
import { retryAfter, type RateLimitReader, type RateLimitState } from './rate-limit.js';

export interface SourceHttpOptions {
  timeoutMs: number;
  maxBytes: number;
  userAgent: string;
  rateLimit: RateLimitReader;
  /** The longest rate-limit wait taken inside a poll; a longer one ends the poll until the window resets. */
  maxInlineWaitMs?: number;
  fetch?: typeof fetch;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
  /** Called before a rate-limit wait inside a poll (the poll service renews its lease there). */
  beforeWait?: (ms: number) => Promise<void>;
}

export interface SourceRequest {
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
}

export interface SourceResponse {
  status: number;
  headers: Headers;
  url: string;
  text: string;
}

// A reset announced further ahead than this is treated as this far: a clock or header error must not park a source.
const MAX_PAUSE_MS = 3_600_000;

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class SourceHttp {
  private pausedUntil: Date | null = null;
  private readonly now: () => Date;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly fetch: typeof fetch;
  /** The rate-limit state of the last answer, for status output. */
  lastRateLimit: RateLimitState = { remaining: null, resetAt: null };
  requests = 0;

  constructor(private readonly options: SourceHttpOptions) {
    this.now = options.now ?? (() => new Date());
    this.sleep = options.sleep ?? realSleep;
    this.fetch = options.fetch ?? globalThis.fetch;
  }

  /** Sends one request and returns whatever status came back; only transport problems throw. */
  async request(url: string, init: SourceRequest = {}): Promise<SourceResponse> {
    await this.waitForRateLimit(url);
    const method = init.method ?? 'GET';
    const seconds = `${Math.round(this.options.timeoutMs / 100) / 10} s`;
    this.requests++;
    let response: Response;
    try {
      response = await this.fetch(url, {
        method,
        headers: { 'user-agent': this.options.userAgent, accept: 'application/json', ...init.headers },
        body: init.body,
        redirect: 'follow',
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (error) {
      throw transportFailure(error, method, url, seconds);
    }
    let text: string;
    try {
      text = await this.readBody(response, method, url);
    } catch (error) {
      if (error instanceof PollFailure) throw error;
      throw transportFailure(error, method, url, seconds);
    }
    const now = this.now();
    this.lastRateLimit = this.options.rateLimit(response.headers, now);
    const { remaining, resetAt } = this.lastRateLimit;
    if (remaining !== null && remaining < 1 && resetAt !== null && resetAt > now) {
      this.pausedUntil = new Date(Math.min(resetAt.getTime(), now.getTime() + MAX_PAUSE_MS));
    }
    return { status: response.status, headers: response.headers, url, text };
  }

  /** Like request, but any status outside `accept` becomes a PollFailure. */
  async expect(
    url: string,
    init: SourceRequest = {},
    accept: readonly number[] = [200],
  ): Promise<SourceResponse> {
    const response = await this.request(url, init);
    if (!accept.includes(response.status)) throw this.statusFailure(response, init.method ?? 'GET');
    return response;
  }

  statusFailure(response: SourceResponse, method = 'GET'): PollFailure {
    const { status, url } = response;
    const said = serverMessage(response.text);
    const message = `${method} ${url} answered ${status}${said ? `: ${said}` : ''}`;
    if (status === 401 || status === 403) return new PollFailure('auth', message, null, status);
    if (status === 429 || status >= 500) {
      const now = this.now();
      const limit = this.options.rateLimit(response.headers, now).resetAt;
      const at = retryAfter(response.headers, now) ?? (limit !== null && limit > now ? limit : null);
      return new PollFailure('transient', message, at, status);
    }
    return new PollFailure('config', message, null, status);
  }

  private async waitForRateLimit(url: string): Promise<void> {
    if (this.pausedUntil === null) return;
    const wait = this.pausedUntil.getTime() - this.now().getTime();
    if (wait <= 0) {
      this.pausedUntil = null;
      return;
    }
    if (wait > (this.options.maxInlineWaitMs ?? 5_000)) throw new RateLimitPause(this.pausedUntil, url);
    await this.options.beforeWait?.(wait);
    await this.sleep(wait);
    this.pausedUntil = null;
  }

  private async readBody(response: Response, method: string, url: string): Promise<string> {
    const limit = this.options.maxBytes;
    const tooLarge = () =>
      new PollFailure('malformed', `${method} ${url}: the answer is larger than the limit of ${limit} bytes`);
    const declared = Number(response.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > limit) {
      await response.body?.cancel().catch(() => undefined);
      throw tooLarge();
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    if (response.body) {
      for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
        size += chunk.byteLength;
        if (size > limit) {
          await response.body.cancel().catch(() => undefined);
          throw tooLarge();
        }
        chunks.push(chunk);
      }
    }
    return decode(Buffer.concat(chunks), response.headers.get('content-type'));
  }
}

function decode(bytes: Buffer, contentType: string | null): string {
  const charset = /charset="?([^";\s]+)/i.exec(contentType ?? '')?.[1];
  if (charset) {
    try {
      return new TextDecoder(charset).decode(bytes);
    } catch {
      // An unknown charset label: UTF-8 is the best guess.
    }
  }
  return new TextDecoder('utf-8').decode(bytes);
}

function transportFailure(error: unknown, method: string, url: string, seconds: string): PollFailure {
  const name = (error as { name?: string }).name;
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new PollFailure('transient', `${method} ${url}: no complete answer within ${seconds}`);
  }
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const reason = cause?.code ?? cause?.message ?? (error as Error).message;
  return new PollFailure('transient', `${method} ${url}: could not reach the server (${reason})`);
}

/** The server's own explanation: the usual JSON error fields, else the start of the text without markup. */
export function serverMessage(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') return '';
  try {
    const body = JSON.parse(trimmed) as Record<string, unknown>;
    const parts = ['error', 'message', 'error_description', 'title', 'detail', 'reason']
      .map((key) => body[key])
      .filter((value): value is string => typeof value === 'string' && value.trim() !== '');
    if (parts.length > 0) return [...new Set(parts)].join(' - ').slice(0, 300);
  } catch {
    // Not JSON: fall through to plain text.
  }
  return trimmed
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 300);
}

/** Parses JSON, or says clearly that the answer was not JSON. */
export function parseJson(response: SourceResponse): unknown {
  try {
    return JSON.parse(response.text) as unknown;
  } catch {
    const start = response.text.trim().slice(0, 60).replace(/\s+/g, ' ');
    throw new PollFailure(
      'malformed',
      `the answer from ${response.url} is not JSON${start ? ` (it starts with "${start}")` : ' (it is empty)'}`,
    );
  }
}
