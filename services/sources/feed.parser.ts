// RSS 2.0 and Atom 1.0 feeds to mentions. An item's id is its guid (Atom: id), else its link; an item with
// neither gets a hash of its title and date, so a feed without ids is still stored once.
import crypto from 'node:crypto';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { RawMention } from '../ingest/raw-mention.js';
import { htmlToText } from './html-text.js';
import { malformed } from './poll-failure.js';

const LISTS = new Set(['item', 'entry', 'link', 'category', 'author']);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: false,
  textNodeName: '#text',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  htmlEntities: true,
  isArray: (name) => LISTS.has(name.replace(/^.*:/, '')),
});

type Node = Record<string, unknown>;

function node(value: unknown): Node | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Node) : null;
}

/** The text of an element that may be plain, have attributes, or be a list of either. */
function textOf(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (Array.isArray(value)) return textOf(value[0]);
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const text = node(value)?.['#text'];
  return typeof text === 'string' ? text : null;
}

function date(value: string | null): Date | null {
  if (value === null) return null;
  const parsed = new Date(value);
  return Number.isNaN(parsed.getTime()) ? null : parsed;
}

function language(value: string | null): string | null {
  return value === null ? null : (value.trim().toLowerCase().split(/[-_]/)[0] ?? null);
}

function fallbackId(title: string | null, when: string | null, text: string): string {
  const digest = crypto
    .createHash('sha256')
    .update(`${title ?? ''}\n${when ?? ''}\n${text}`)
    .digest('hex');
  return `sha256:${digest}`;
}

export interface ParsedFeed {
  format: 'rss' | 'atom';
  items: RawMention[];
}

/** `fetchedAt` stands in for an item without a date: the first time it was seen. */
export function parseFeed(xml: string, url: string, fetchedAt: Date): ParsedFeed {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw malformed(url, `it is not well-formed XML (line ${valid.err.line}: ${valid.err.msg})`);
  }
  const document = parser.parse(xml) as Node;
  const rss = node(document.rss);
  if (rss) return { format: 'rss', items: rssItems(rss, url, fetchedAt) };
  const atom = node(document.feed);
  if (atom) return { format: 'atom', items: atomEntries(atom, fetchedAt) };
  const root = Object.keys(document).find((key) => !key.startsWith('?')) ?? 'nothing';
  throw malformed(url, `it is neither RSS 2.0 nor Atom (the root element is <${root}>)`);
}

function rssItems(rss: Node, url: string, fetchedAt: Date): RawMention[] {
  const channel = node(rss.channel);
  if (!channel) throw malformed(url, 'the RSS feed has no <channel>');
  const feedLanguage = language(textOf(channel.language));
  const items = Array.isArray(channel.item) ? channel.item : [];
  return items.flatMap((value): RawMention[] => {
    const item = node(value);
    if (!item) return [];
    const title = textOf(item.title);
    const link = textOf(item.link);
    const guid = textOf(item.guid);
    const when = textOf(item.pubDate) ?? textOf(item['dc:date']);
    const html = textOf(item['content:encoded']) ?? textOf(item.description) ?? '';
    const body = htmlToText(html);
    const author = textOf(item['dc:creator']) ?? textOf(item.author);
    return [
      {
        externalId: guid ?? link ?? fallbackId(title, when, body),
        url: link,
        postedAt: date(when) ?? fetchedAt,
        author,
        platform: 'rss',
        title: title === null ? null : htmlToText(title),
        text: body,
        language: language(textOf(item['dc:language'])) ?? feedLanguage,
        reach: null,
        engagement: null,
        toolSentiment: null,
        country: null,
      },
    ];
  });
}

function atomLink(value: unknown): string | null {
  const links = (Array.isArray(value) ? value : [value]).map(node).filter((link) => link !== null);
  const alternate = links.find((link) => link['@rel'] === undefined || link['@rel'] === 'alternate');
  const href = (alternate ?? links[0])?.['@href'];
  return typeof href === 'string' ? href : null;
}

function atomEntries(feed: Node, fetchedAt: Date): RawMention[] {
  const feedLanguage = language(typeof feed['@xml:lang'] === 'string' ? feed['@xml:lang'] : null);
  const entries = Array.isArray(feed.entry) ? feed.entry : [];
  return entries.flatMap((value): RawMention[] => {
    const entry = node(value);
    if (!entry) return [];
    const title = textOf(entry.title);
    const link = atomLink(entry.link);
    const id = textOf(entry.id);
    const when = textOf(entry.published) ?? textOf(entry.updated);
    const body = htmlToText(textOf(entry.content) ?? textOf(entry.summary) ?? '');
    const authors = Array.isArray(entry.author) ? entry.author : [];
    const author = textOf(node(authors[0])?.name);
    const entryLanguage = typeof entry['@xml:lang'] === 'string' ? entry['@xml:lang'] : null;
    return [
      {
        externalId: id ?? link ?? fallbackId(title, when, body),
        url: link,
        postedAt: date(when) ?? fetchedAt,
        author,
        platform: 'rss',
        title: title === null ? null : htmlToText(title),
        text: body,
        language: language(entryLanguage) ?? feedLanguage,
        reach: null,
        engagement: null,
        toolSentiment: null,
        country: null,
      },
    ];
  });
}
