// Bluesky sessions: created with com.atproto.server.createSession (limited to 30 per 5 minutes per account),
// kept in this process's credential cache, and renewed with com.atproto.server.refreshSession when the access
// token expires. A new session is created only when refreshing fails.
import crypto from 'node:crypto';
import type { CredentialCache } from './credential-cache.js';
import { PageReader } from './page-shape.js';
import { PollFailure } from './poll-failure.js';
import { parseJson, type SourceHttp, type SourceResponse } from './source-http.js';

export interface BlueskySession {
  accessJwt: string;
  refreshJwt: string;
  did: string;
}

// Refresh tokens live for weeks; the cache only needs to outlast the polls in between.
const SESSION_TTL_MS = 24 * 3_600_000;

/** An access token the server no longer accepts: 400 ExpiredToken, or 401 InvalidToken/ExpiredToken. */
export function isExpiredSession(response: SourceResponse): boolean {
  if (response.status !== 400 && response.status !== 401) return false;
  try {
    const error = (JSON.parse(response.text) as { error?: unknown }).error;
    return error === 'ExpiredToken' || error === 'InvalidToken';
  } catch {
    return false;
  }
}

export function parseSession(body: unknown, url: string): BlueskySession {
  const reader = new PageReader(url);
  const session = reader.object(body, 'the session');
  return {
    accessJwt: reader.string(session.accessJwt, 'accessJwt'),
    refreshJwt: reader.string(session.refreshJwt, 'refreshJwt'),
    did: reader.string(session.did, 'did'),
  };
}

export class BlueskyAuth {
  private readonly key: string;

  constructor(
    private readonly service: string,
    private readonly handle: string,
    private readonly password: string,
    private readonly http: SourceHttp,
    private readonly cache: CredentialCache,
  ) {
    // The password is part of the key (as a hash): a session made with other credentials is not these credentials'.
    const secret = crypto.createHash('sha256').update(password).digest('hex').slice(0, 16);
    this.key = `bluesky:${service}:${handle}:${secret}`;
  }

  async session(): Promise<BlueskySession> {
    return this.cache.get<BlueskySession>(this.key) ?? this.create();
  }

  /** Swaps an expired session for a fresh one: refreshSession first, createSession only if that fails. */
  async refresh(expired: BlueskySession): Promise<BlueskySession> {
    const cached = this.cache.get<BlueskySession>(this.key);
    // Another poll of this process may have refreshed it already.
    if (cached && cached.accessJwt !== expired.accessJwt) return cached;
    const url = `${this.service}/xrpc/com.atproto.server.refreshSession`;
    const response = await this.http.request(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${expired.refreshJwt}` },
    });
    if (response.status === 200) return this.keep(parseSession(parseJson(response), url));
    if (response.status === 429 || response.status >= 500) throw this.http.statusFailure(response, 'POST');
    this.cache.delete(this.key);
    return this.create();
  }

  private async create(): Promise<BlueskySession> {
    const url = `${this.service}/xrpc/com.atproto.server.createSession`;
    const response = await this.http.request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ identifier: this.handle, password: this.password }),
    });
    if (response.status === 401 || response.status === 400) {
      const failure = this.http.statusFailure(response, 'POST');
      throw new PollFailure(
        'auth',
        `Bluesky did not accept the handle and app password of ${this.handle}: ${failure.message}`,
        null,
        response.status,
      );
    }
    if (response.status !== 200) throw this.http.statusFailure(response, 'POST');
    return this.keep(parseSession(parseJson(response), url));
  }

  private keep(session: BlueskySession): BlueskySession {
    this.cache.set(this.key, session, SESSION_TTL_MS);
    return session;
  }
}
