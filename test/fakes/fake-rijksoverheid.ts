// A fake Rijksoverheid open-data news service: /v1/infotypes/news/subjects/<subject>/ (and its
// lastmodifiedsince/YYYYMMDD/ form) answering a top-level JSON array paged by rows and offset. It starts with the
// example item of test/fixtures/feeds/rijksoverheid-opendata (invented values in the documented shape); news a
// test publishes is invented in the same shape.
import { FakeApi, json, type FakeReply, type LoggedRequest } from './fake-api.js';
import { fixtureJson } from './feed-fixtures.js';

export interface NewsItem {
  id: string;
  type: string;
  canonical: string;
  dataurl: string;
  title: string;
  introduction: string;
  available: string;
  lastmodified: string;
}

export class FakeRijksoverheid extends FakeApi {
  readonly items: { subject: string; item: NewsItem }[] = [];

  constructor(readonly subject = 'coronavirus-covid-19') {
    super();
    const fixture = fixtureJson<{ example: NewsItem[] }>(
      'rijksoverheid-opendata/opendata_news_list.SHAPE-SYNTHETIC.json',
    );
    for (const item of fixture.example) this.items.push({ subject, item });
  }

  publish(input: { id: string; title: string; introduction: string; at?: Date }): NewsItem {
    const at = (input.at ?? new Date()).toISOString();
    const item: NewsItem = {
      id: input.id,
      type: 'Nieuwsbericht',
      canonical: `https://www.rijksoverheid.nl/actueel/nieuws/${at.slice(0, 10).replace(/-/g, '/')}/${input.id}`,
      dataurl: `${this.url}/v1/infotypes/news/${input.id}`,
      title: input.title,
      introduction: input.introduction,
      available: at,
      lastmodified: at,
    };
    this.items.push({ subject: this.subject, item });
    this.published(input.id);
    return item;
  }

  protected isFeed(method: string, path: string): boolean {
    return (
      method === 'GET' && /^\/v1\/infotypes\/news\/subjects\/[^/]+\/(lastmodifiedsince\/\d{8}\/)?$/.test(path)
    );
  }

  protected errorBody(status: number): string {
    return JSON.stringify({ error: `fake error ${status}` });
  }

  protected handle(request: LoggedRequest): FakeReply {
    const match = /^\/v1\/infotypes\/news\/subjects\/([^/]+)\/(?:lastmodifiedsince\/(\d{8})\/)?$/.exec(
      request.path,
    );
    if (request.method !== 'GET' || !match) return json(404, { error: 'not found' });
    const [, subject, since] = match;
    const sinceDay = since ? `${since.slice(0, 4)}-${since.slice(4, 6)}-${since.slice(6, 8)}` : null;
    const rows = Number(request.query.get('rows') ?? '25');
    const offset = Number(request.query.get('offset') ?? '0');
    const matching = this.items
      .filter((entry) => entry.subject === subject)
      .map((entry) => entry.item)
      .filter((item) => sinceDay === null || item.lastmodified.slice(0, 10) >= sinceDay);
    const page = matching.slice(offset, offset + rows);
    this.served(page.map((item) => item.id));
    return json(200, page);
  }
}
