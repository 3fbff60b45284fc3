// A fake Veiligheidsregio website feed for measure watchers: the two noodverordening items of the RECONSTRUCTED
// fixture (test/fixtures/feeds/vrgooienvechtstreek), and items a test publishes with its own title and text
// (invented), newest first, with ETag and Last-Modified so an unchanged feed answers 304.
import { FakeApi, type FakeReply, type LoggedRequest } from './fake-api.js';
import { fixtureText } from './feed-fixtures.js';

interface Item {
  guid: string;
  title: string;
  link: string;
  html: string;
  published: Date;
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export class FakeMeasureFeed extends FakeApi {
  private readonly fixtureItems: string;
  private readonly items: Item[] = [];
  private version = 1;
  private modified = new Date('2020-09-27T16:30:00Z');

  constructor() {
    super();
    const xml = fixtureText('vrgooienvechtstreek/wordpress_feed.RECONSTRUCTED.xml');
    this.fixtureItems = xml.slice(xml.indexOf('<item>'), xml.lastIndexOf('</item>') + '</item>'.length);
  }

  publish(input: { slug: string; title: string; html: string; published?: Date }): string {
    const guid = `https://www.vrgooienvechtstreek.nl/?p=${3000 + this.items.length + 1}`;
    this.items.push({
      guid,
      title: input.title,
      link: `https://www.vrgooienvechtstreek.nl/${input.slug}/`,
      html: input.html,
      published: input.published ?? new Date(),
    });
    this.version++;
    this.modified = new Date();
    this.published(guid);
    return guid;
  }

  protected isFeed(method: string, path: string): boolean {
    return method === 'GET' && path === '/feed/';
  }

  protected errorBody(status: number): string {
    return `<html><body><h1>${status}</h1></body></html>`;
  }

  protected handle(request: LoggedRequest): FakeReply {
    if (!this.isFeed(request.method, request.path)) return { status: 404, body: 'Not Found' };
    const validators = { etag: `"m${this.version}"`, 'last-modified': this.modified.toUTCString() };
    if (request.headers['if-none-match'] === validators.etag)
      return { status: 304, headers: validators, body: '' };
    const items = [...this.items]
      .reverse()
      .map(
        (item) => `  <item>
    <title>${escape(item.title)}</title>
    <link>${item.link}</link>
    <pubDate>${item.published.toUTCString()}</pubDate>
    <guid isPermaLink="false">${item.guid}</guid>
    <description>${escape(item.html)}</description>
  </item>`,
      )
      .join('\n');
    this.served(this.items.map((item) => item.guid));
    return {
      status: 200,
      headers: { ...validators, 'content-type': 'application/rss+xml; charset=UTF-8' },
      body: `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Veiligheidsregio Gooi en Vechtstreek</title>
  <link>https://www.vrgooienvechtstreek.nl</link>
  <description></description>
  <language>nl-NL</language>
${items}
  ${this.fixtureItems}
</channel>
</rss>`,
    };
  }
}
