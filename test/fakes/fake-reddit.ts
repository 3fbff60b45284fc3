// A fake Reddit: the app-only token endpoint (client credentials), /r/{sub}/search sorted by new with `after`,
// x-ratelimit-* headers (reset in seconds from now), and a refusal of requests without a descriptive User-Agent.
// Posts may be backdated (already there when a source is added); the listing is newest first by created_utc and
// `after` names the last post of the page before, as on Reddit (an `after` that is not in the listing: empty).
import { FakeApi, RequestWindow, json, postText, type FakeReply, type LoggedRequest } from './fake-api.js';
import { fixtureJson } from './feed-fixtures.js';

type Child = { kind: string; data: Record<string, unknown> & { name: string; subreddit: string } };

const value36 = (name: string) => parseInt(name.replace(/^t3_/, ''), 36);
const createdUtc = (child: Child) => Number(child.data.created_utc);

export class FakeReddit extends FakeApi {
  private readonly children: Child[];
  private readonly template: Child;
  private next: number;
  private count = 0;
  private readonly window: RequestWindow;
  private readonly tokens = new Set<string>();
  tokenRequests = 0;

  constructor(
    private readonly client: { id: string; secret: string } | null = null,
    options: { rateLimit?: number; windowMs?: number } = {},
  ) {
    super();
    const listing = fixtureJson<{ data: { children: Child[] } }>(
      'reddit/search_thenetherlands_new.SYNTHETIC.json',
    );
    this.children = listing.data.children;
    this.template = this.children[0]!;
    this.next = Math.max(...this.children.map((child) => value36(child.data.name))) + 1;
    this.window = new RequestWindow(options.rateLimit ?? 1_000, options.windowMs ?? 600_000);
  }

  /**
   * Publishes `count` posts in a subreddit; `postedAt(i)` backdates them, in ascending order (ids grow with time
   * on Reddit too). Returns their fullnames.
   */
  publish(count = 1, subreddit = 'thenetherlands', postedAt?: (index: number) => Date): string[] {
    const names: string[] = [];
    for (let i = 0; i < count; i++) {
      const n = ++this.count;
      const id = (this.next++).toString(36);
      const name = `t3_${id}`;
      const created = Math.floor((postedAt?.(i) ?? new Date()).getTime() / 1000);
      this.children.push({
        kind: 't3',
        data: {
          ...this.template.data,
          id,
          name,
          subreddit,
          title: `Vraag over de maatregelen in ${subreddit} (${n})`,
          selftext: postText(n),
          created,
          created_utc: created,
          permalink: `/r/${subreddit}/comments/${id}/vraag/`,
          url: `https://www.reddit.com/r/${subreddit}/comments/${id}/`,
        },
      });
      this.published(name);
      names.push(name);
    }
    return names;
  }

  protected isFeed(method: string, path: string): boolean {
    return method === 'GET' && /^\/r\/[^/]+\/search(\.json)?$/.test(path);
  }

  protected errorBody(status: number): string {
    return JSON.stringify({ message: status === 429 ? 'Too Many Requests' : 'Fake error', error: status });
  }

  protected handle(request: LoggedRequest, body: string): FakeReply {
    if (request.method === 'POST' && request.path === '/api/v1/access_token') {
      this.tokenRequests++;
      const expected = this.client
        ? `Basic ${Buffer.from(`${this.client.id}:${this.client.secret}`).toString('base64')}`
        : null;
      if (
        expected === null ||
        request.headers.authorization !== expected ||
        !body.includes('grant_type=client_credentials')
      ) {
        return json(401, { message: 'Unauthorized', error: 401 });
      }
      const token = `token-${this.tokenRequests}`;
      this.tokens.add(token);
      return json(200, {
        ...fixtureJson<object>('reddit/oauth_access_token.response.json'),
        access_token: token,
      });
    }
    if (!this.isFeed(request.method, request.path)) return json(404, { message: 'Not Found', error: 404 });
    const agent = request.headers['user-agent'] ?? '';
    if (!/^[^:\s]+:[^:\s]+:[^:\s]+/.test(agent)) {
      return json(429, { message: 'Too Many Requests: use a descriptive User-Agent', error: 429 });
    }
    if (this.client !== null) {
      const token = request.headers.authorization?.replace(/^bearer /i, '') ?? '';
      if (!this.tokens.has(token)) return json(401, { message: 'Unauthorized', error: 401 });
    }
    const limit = this.window.take();
    const headers = {
      'x-ratelimit-used': String(this.window.limit - limit.remaining),
      'x-ratelimit-remaining': `${limit.remaining}.0`,
      'x-ratelimit-reset': String(Math.max(0, Math.ceil((limit.resetAt - Date.now()) / 1000))),
    };
    if (!limit.allowed) return json(429, { message: 'Too Many Requests', error: 429 }, headers);

    const sub = request.path.split('/')[2]!.toLowerCase();
    const q = request.query;
    const size = Math.min(Number(q.get('limit') ?? 25) || 25, 100);
    const after = q.get('after');
    let matching = this.children
      .filter((child) => child.data.subreddit.toLowerCase() === sub)
      .sort((a, b) => createdUtc(b) - createdUtc(a) || value36(b.data.name) - value36(a.data.name));
    if (after !== null) {
      const at = matching.findIndex((child) => child.data.name === after);
      matching = at < 0 ? [] : matching.slice(at + 1);
    }
    const page = matching.slice(0, size);
    this.served(page.map((child) => child.data.name));
    const more = matching.length > size;
    return json(
      200,
      {
        kind: 'Listing',
        data: {
          after: more ? page.at(-1)!.data.name : null,
          dist: page.length,
          modhash: '',
          geo_filter: '',
          children: page,
          before: null,
        },
      },
      headers,
    );
  }
}
