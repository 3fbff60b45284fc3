// A fake X API v2: /2/tweets/search/recent with a bearer token, since_id, max_results and next_token (fixed to
// the newest id at the start of a walk, so new tweets do not shift its pages), author expansion, and
// x-rate-limit-* headers with the reset in epoch seconds.
import { FakeApi, RequestWindow, json, postText, type FakeReply, type LoggedRequest } from './fake-api.js';
import { fixtureJson } from './feed-fixtures.js';

type Tweet = Record<string, unknown> & { id: string; author_id: string };
type User = { id: string; name: string; username: string };

export class FakeX extends FakeApi {
  private readonly tweets: Tweet[];
  private readonly users: User[];
  private readonly template: Tweet;
  private nextId: bigint;
  private count = 0;
  private readonly window: RequestWindow;

  constructor(
    private readonly bearer = 'x-test-bearer-token',
    options: { rateLimit?: number; windowMs?: number } = {},
  ) {
    super();
    const fixture = fixtureJson<{ data: Tweet[]; includes: { users: User[] } }>(
      'x/search_recent.response.SYNTHETIC.json',
    );
    this.tweets = fixture.data;
    this.users = fixture.includes.users;
    this.template = this.tweets[0]!;
    this.nextId = BigInt(this.template.id) + 1n;
    this.window = new RequestWindow(options.rateLimit ?? 450, options.windowMs ?? 900_000);
  }

  /** Publishes `count` tweets; `postedAt(i)` backdates them, in ascending order (ids grow with time on X). */
  publish(count = 1, postedAt?: (index: number) => Date): string[] {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const id = (this.nextId++).toString();
      const n = ++this.count;
      this.tweets.push({
        ...this.template,
        id,
        edit_history_tweet_ids: [id],
        conversation_id: id,
        text: postText(n),
        created_at: (postedAt?.(i) ?? new Date()).toISOString(),
      });
      this.published(id);
      ids.push(id);
    }
    return ids;
  }

  protected isFeed(method: string, path: string): boolean {
    return method === 'GET' && path === '/2/tweets/search/recent';
  }

  protected errorBody(status: number): string {
    const title =
      status === 429 ? 'Too Many Requests' : status === 401 ? 'Unauthorized' : 'Service Unavailable';
    return JSON.stringify({ title, detail: title, type: 'about:blank', status });
  }

  protected handle(request: LoggedRequest): FakeReply {
    if (!this.isFeed(request.method, request.path))
      return json(404, { title: 'Not Found Error', status: 404 });
    if (request.headers.authorization !== `Bearer ${this.bearer}`) {
      return json(401, { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' });
    }
    const limit = this.window.take();
    const headers = {
      'x-rate-limit-limit': String(this.window.limit),
      'x-rate-limit-remaining': String(limit.remaining),
      'x-rate-limit-reset': String(Math.ceil(limit.resetAt / 1000)),
    };
    if (!limit.allowed) return json(429, JSON.parse(this.errorBody(429)), headers);

    const q = request.query;
    if (!q.get('query'))
      return json(400, { title: 'Invalid Request', detail: 'query is required', status: 400 });
    const size = Math.min(Math.max(Number(q.get('max_results') ?? 10) || 10, 10), 100);
    const sinceId = q.get('since_id') === null ? null : BigInt(q.get('since_id')!);
    // start_time: the oldest UTC time of the results (RFC 3339, seconds), at most 7 days back on recent search.
    const startTime = q.get('start_time') === null ? null : Date.parse(q.get('start_time')!);
    if (startTime !== null && (Number.isNaN(startTime) || startTime < Date.now() - 7 * 86_400_000))
      return json(400, { title: 'Invalid Request', detail: 'Invalid start_time', status: 400 });
    const token = q.get('next_token');
    const walk =
      token === null
        ? null
        : (JSON.parse(Buffer.from(token, 'base64url').toString()) as { top: string; offset: number });
    const top = walk === null ? null : BigInt(walk.top);
    const matching = this.tweets
      .filter((tweet) => {
        const id = BigInt(tweet.id);
        return (
          (sinceId === null || id > sinceId) &&
          (top === null || id <= top) &&
          (startTime === null || Date.parse(String(tweet.created_at)) >= startTime)
        );
      })
      .sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? 1 : -1));
    const offset = walk?.offset ?? 0;
    const page = matching.slice(offset, offset + size);
    this.served(page.map((tweet) => tweet.id));
    if (page.length === 0) return json(200, { meta: { result_count: 0 } }, headers);
    const newest = walk?.top ?? matching[0]!.id;
    const more = offset + size < matching.length;
    const nextToken = more
      ? Buffer.from(JSON.stringify({ top: newest, offset: offset + size })).toString('base64url')
      : undefined;
    const authors = new Set(page.map((tweet) => tweet.author_id));
    return json(
      200,
      {
        data: page,
        includes: { users: this.users.filter((user) => authors.has(user.id)) },
        meta: {
          newest_id: page[0]!.id,
          oldest_id: page.at(-1)!.id,
          result_count: page.length,
          ...(nextToken ? { next_token: nextToken } : {}),
        },
      },
      headers,
    );
  }
}
