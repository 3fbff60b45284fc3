// A fake Mastodon instance: the hashtag timeline with Mastodon's paging (max_id, since_id, min_id and the Link
// header), X-RateLimit-* headers with the reset as an ISO time, and its 429 body. Starts with the fixture statuses.
import { FakeApi, RequestWindow, json, postText, type FakeReply, type LoggedRequest } from './fake-api.js';
import { fixtureJson } from './feed-fixtures.js';

type Status = Record<string, unknown> & { id: string; created_at: string };

export class FakeMastodon extends FakeApi {
  private readonly statuses: Status[];
  private readonly template: Status;
  private nextId: bigint;
  private count = 0;
  private readonly window: RequestWindow;

  constructor(options: { token?: string; rateLimit?: number; windowMs?: number } = {}) {
    super();
    this.statuses = fixtureJson<Status[]>('mastodon/timelines_tag_huizen.SYNTHETIC.json');
    this.template = this.statuses[0]!;
    this.nextId =
      this.statuses.reduce((max, status) => (BigInt(status.id) > max ? BigInt(status.id) : max), 0n) + 1n;
    this.window = new RequestWindow(options.rateLimit ?? 300, options.windowMs ?? 300_000);
    this.token = options.token ?? null;
  }

  private readonly token: string | null;

  /**
   * Publishes `count` new statuses with #Huizen; returns their ids. `postedAt(i)` backdates them (a timeline that
   * already holds posts when a source is added); ids still grow with each, as Mastodon's snowflake ids do with time,
   * so give times in ascending order.
   */
  publish(count = 1, postedAt?: (index: number) => Date): string[] {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const id = (this.nextId++).toString();
      const n = ++this.count;
      this.statuses.push({
        ...this.template,
        id,
        created_at: (postedAt?.(i) ?? new Date()).toISOString(),
        uri: `https://mastodon.example/users/bewoner/statuses/${id}`,
        url: `https://mastodon.example/@bewoner/${id}`,
        content: `<p>${postText(n)} <a href="https://mastodon.example/tags/Huizen" class="mention hashtag" rel="tag">#<span>Huizen</span></a></p>`,
        reblog: null,
      });
      this.published(id);
      ids.push(id);
    }
    return ids;
  }

  /** Publishes a boost of an existing status (a new status id whose reblog is the original). */
  boost(originalId: string): string {
    const original = this.statuses.find((status) => status.id === originalId);
    if (!original) throw new Error(`no status ${originalId}`);
    const id = (this.nextId++).toString();
    this.statuses.push({
      ...this.template,
      id,
      created_at: new Date().toISOString(),
      content: '',
      reblog: original,
    });
    return id;
  }

  protected isFeed(method: string, path: string): boolean {
    return method === 'GET' && path.startsWith('/api/v1/timelines/tag/');
  }

  protected errorBody(status: number): string {
    if (status === 429) return JSON.stringify({ error: 'Too many requests' });
    if (status === 401) return JSON.stringify({ error: 'The access token is invalid' });
    return JSON.stringify({ error: `Fake error ${status}` });
  }

  protected handle(request: LoggedRequest): FakeReply {
    if (!this.isFeed(request.method, request.path)) return json(404, { error: 'Record not found' });
    if (this.token !== null && request.headers.authorization !== `Bearer ${this.token}`) {
      return json(401, { error: 'The access token is invalid' });
    }
    const limit = this.window.take();
    const headers = {
      'x-ratelimit-limit': String(this.window.limit),
      'x-ratelimit-remaining': String(limit.remaining),
      'x-ratelimit-reset': new Date(limit.resetAt).toISOString().replace('Z', '000Z'),
    };
    if (!limit.allowed) return json(429, { error: 'Too many requests' }, headers);

    const q = request.query;
    const size = Math.min(Number(q.get('limit') ?? 20) || 20, 40);
    const bound = (name: string) => (q.get(name) === null ? null : BigInt(q.get(name)!));
    const [maxId, sinceId, minId] = [bound('max_id'), bound('since_id'), bound('min_id')];
    let matching = this.statuses.filter((status) => {
      const id = BigInt(status.id);
      return (
        (maxId === null || id < maxId) && (sinceId === null || id > sinceId) && (minId === null || id > minId)
      );
    });
    matching.sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? 1 : -1));
    // min_id asks for the page right after it (the oldest newer statuses), still returned newest first.
    matching = minId !== null ? matching.slice(-size) : matching.slice(0, size);
    this.served(matching.map((status) => status.id));
    const base = `${this.url}${request.path}`;
    const links: Record<string, string> = {};
    if (matching.length > 0) {
      links.link = `<${base}?limit=${size}&max_id=${matching.at(-1)!.id}>; rel="next", <${base}?limit=${size}&min_id=${matching[0]!.id}>; rel="prev"`;
    }
    return json(200, matching, { ...headers, ...links });
  }
}
