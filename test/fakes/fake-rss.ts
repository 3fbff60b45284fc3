// A fake WordPress-style RSS 2.0 feed (and the same items as Atom): the channel and first items come from the
// fixture, new items are published on demand, and ETag / Last-Modified make an unchanged feed answer 304.
import { FakeApi, postText, type FakeReply, type LoggedRequest } from './fake-api.js';
import { fixtureText } from './feed-fixtures.js';

interface Item {
  guid: string;
  title: string;
  link: string;
  description: string;
  published: Date;
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export class FakeRss extends FakeApi {
  private readonly fixtureItems: string;
  private readonly items: Item[] = [];
  private version = 1;
  private modified = new Date('2020-09-27T16:30:00Z');
  private count = 0;
  conditionalHits = 0;

  /** `keep`: how many of the newest published items the feed lists (a real feed shows the last few). */
  constructor(private readonly keep = 50) {
    super();
    const xml = fixtureText('vrgooienvechtstreek/wordpress_feed.RECONSTRUCTED.xml');
    this.fixtureItems = xml.slice(xml.indexOf('<item>'), xml.lastIndexOf('</item>') + '</item>'.length);
  }

  publish(count = 1): string[] {
    const guids: string[] = [];
    for (let i = 0; i < count; i++) {
      const n = ++this.count;
      const guid = `https://www.vrgooienvechtstreek.nl/?p=${2000 + n}`;
      this.items.push({
        guid,
        title: `Nieuwsbericht ${n}`,
        link: `https://www.vrgooienvechtstreek.nl/2020/10/bericht-${n}/`,
        description: `<p>${escape(postText(n))}</p>`,
        published: new Date(),
      });
      this.published(guid);
      guids.push(guid);
    }
    this.version++;
    this.modified = new Date();
    return guids;
  }

  protected isFeed(method: string, path: string): boolean {
    return method === 'GET' && (path === '/feed/' || path === '/feed.atom');
  }

  protected errorBody(status: number): string {
    return `<html><body><h1>${status} Fake Error</h1></body></html>`;
  }

  protected handle(request: LoggedRequest): FakeReply {
    if (!this.isFeed(request.method, request.path)) return { status: 404, body: 'Not Found' };
    const etag = `"v${this.version}"`;
    const lastModified = this.modified.toUTCString();
    const validators = { etag, 'last-modified': lastModified };
    if (request.headers['if-none-match'] === etag) {
      this.conditionalHits++;
      return { status: 304, headers: validators, body: '' };
    }
    const shown = this.items.slice(-this.keep).reverse();
    this.served(shown.map((item) => item.guid));
    if (request.path === '/feed.atom') {
      return {
        status: 200,
        headers: { ...validators, 'content-type': 'application/atom+xml; charset=UTF-8' },
        body: this.atom(shown),
      };
    }
    const items = shown
      .map(
        (item) => `  <item>
    <title>${escape(item.title)}</title>
    <link>${item.link}</link>
    <dc:creator><![CDATA[redactie]]></dc:creator>
    <pubDate>${item.published.toUTCString()}</pubDate>
    <guid isPermaLink="false">${item.guid}</guid>
    <description>${escape(item.description)}</description>
  </item>`,
      )
      .join('\n');
    const body = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Veiligheidsregio Gooi en Vechtstreek</title>
  <link>https://www.vrgooienvechtstreek.nl</link>
  <description></description>
  <lastBuildDate>${lastModified}</lastBuildDate>
  <language>nl-NL</language>
${items}
  ${this.fixtureItems}
</channel>
</rss>`;
    return {
      status: 200,
      headers: { ...validators, 'content-type': 'application/rss+xml; charset=UTF-8' },
      body,
    };
  }

  private atom(items: Item[]): string {
    const entries = items
      .map(
        (item) => `  <entry>
    <title>${escape(item.title)}</title>
    <id>${item.guid}</id>
    <link href="${item.link}"/>
    <published>${item.published.toISOString()}</published>
    <content type="html">${escape(item.description)}</content>
  </entry>`,
      )
      .join('\n');
    return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="nl">
  <title>Veiligheidsregio Gooi en Vechtstreek</title>
  <id>${this.url}/feed.atom</id>
  <updated>${this.modified.toISOString()}</updated>
${entries}
</feed>`;
  }
}
