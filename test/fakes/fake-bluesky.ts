// A fake Bluesky PDS/AppView: createSession and refreshSession with expiring access tokens, and searchPosts with
// sort=latest, `since` (inclusive, on sortAt), an offset cursor and RateLimit-* headers (reset in epoch seconds).
import { FakeApi, RequestWindow, json, postText, type FakeReply, type LoggedRequest } from './fake-api.js';
import { fixtureJson } from './feed-fixtures.js';

type Post = Record<string, unknown> & {
  uri: string;
  indexedAt: string;
  record: Record<string, unknown> & { createdAt: string };
};

const sortAt = (post: Post) => Math.min(Date.parse(post.record.createdAt), Date.parse(post.indexedAt));

export class FakeBluesky extends FakeApi {
  private readonly posts: Post[];
  private readonly template: Post;
  private count = 0;
  private sessions = 0;
  private accessToken: string | null = null;
  private refreshToken: string | null = null;
  private readonly window: RequestWindow;
  createSessionCalls = 0;
  refreshSessionCalls = 0;

  constructor(
    private readonly account = { identifier: 'covid-monitor.bsky.social', password: 'app-pass-word-1234' },
    options: { rateLimit?: number; windowMs?: number } = {},
  ) {
    super();
    this.posts = fixtureJson<{ posts: Post[] }>('bluesky/searchPosts.response.SYNTHETIC.json').posts;
    this.template = this.posts[0]!;
    this.window = new RequestWindow(options.rateLimit ?? 3_000, options.windowMs ?? 300_000);
  }

  /** Publishes `count` posts; `postedAt(i)` backdates them (posts already there when a source is added). */
  publish(count = 1, postedAt?: (index: number) => Date): string[] {
    const uris: string[] = [];
    for (let i = 0; i < count; i++) {
      const n = ++this.count;
      const now = (postedAt?.(i) ?? new Date()).toISOString();
      const uri = `at://did:plc:fakeaaaaaaaaaaaaaaaaaaaa/app.bsky.feed.post/3kfake${n.toString(36).padStart(6, '0')}`;
      this.posts.push({
        ...this.template,
        uri,
        indexedAt: now,
        record: { $type: 'app.bsky.feed.post', createdAt: now, langs: ['nl'], text: postText(n) },
      });
      this.published(uri);
      uris.push(uri);
    }
    return uris;
  }

  /** Makes the current access token expire, as Bluesky's do after a couple of hours. */
  expireAccessToken(): void {
    this.accessToken = `expired-${this.accessToken}`;
  }

  protected isFeed(method: string, path: string): boolean {
    return method === 'GET' && path === '/xrpc/app.bsky.feed.searchPosts';
  }

  protected errorBody(status: number): string {
    if (status === 429) return JSON.stringify({ error: 'RateLimitExceeded', message: 'Rate Limit Exceeded' });
    if (status === 401) return JSON.stringify({ error: 'AuthMissing', message: 'Authentication Required' });
    return JSON.stringify({ error: 'InternalServerError', message: 'Internal Server Error' });
  }

  private issue(): FakeReply {
    this.sessions++;
    this.accessToken = `access-${this.sessions}`;
    this.refreshToken = `refresh-${this.sessions}`;
    const session = fixtureJson<Record<string, unknown>>('bluesky/createSession.response.SYNTHETIC.json');
    return json(200, { ...session, accessJwt: this.accessToken, refreshJwt: this.refreshToken });
  }

  protected handle(request: LoggedRequest, body: string): FakeReply {
    const bearer = request.headers.authorization?.replace(/^Bearer /, '') ?? null;
    if (request.method === 'POST' && request.path === '/xrpc/com.atproto.server.createSession') {
      this.createSessionCalls++;
      const given = JSON.parse(body || '{}') as { identifier?: string; password?: string };
      if (given.identifier !== this.account.identifier || given.password !== this.account.password) {
        return json(401, { error: 'AuthenticationRequired', message: 'Invalid identifier or password' });
      }
      return this.issue();
    }
    if (request.method === 'POST' && request.path === '/xrpc/com.atproto.server.refreshSession') {
      this.refreshSessionCalls++;
      if (bearer === null || bearer !== this.refreshToken)
        return json(400, { error: 'ExpiredToken', message: 'Token has expired' });
      return this.issue();
    }
    if (!this.isFeed(request.method, request.path)) return json(404, { error: 'MethodNotImplemented' });
    if (bearer === null) return json(401, fixtureJson('bluesky/error.authMissing.json'));
    if (bearer !== this.accessToken)
      return json(400, { error: 'ExpiredToken', message: 'Token has expired' });

    const limit = this.window.take();
    const headers = {
      'ratelimit-limit': String(this.window.limit),
      'ratelimit-remaining': String(limit.remaining),
      'ratelimit-reset': String(Math.ceil(limit.resetAt / 1000)),
      'ratelimit-policy': `${this.window.limit};w=${this.window.windowMs / 1000}`,
    };
    if (!limit.allowed)
      return json(429, { error: 'RateLimitExceeded', message: 'Rate Limit Exceeded' }, headers);

    const q = request.query;
    if (!q.get('q'))
      return json(400, { error: 'InvalidRequest', message: 'Error: Params must have the property "q"' });
    const since = q.get('since') === null ? null : Date.parse(q.get('since')!);
    const until = q.get('until') === null ? null : Date.parse(q.get('until')!);
    const size = Math.min(Number(q.get('limit') ?? 25) || 25, 100);
    const offset = Number(q.get('cursor') ?? 0) || 0;
    const matching = this.posts
      .filter((post) => (since === null || sortAt(post) >= since) && (until === null || sortAt(post) < until))
      .sort((a, b) => sortAt(b) - sortAt(a) || (a.uri < b.uri ? 1 : -1));
    const page = matching.slice(offset, offset + size);
    this.served(page.map((post) => post.uri));
    const more = offset + size < matching.length;
    return json(
      200,
      { ...(more ? { cursor: String(offset + size) } : {}), hitsTotal: matching.length, posts: page },
      headers,
    );
  }
}
