// Reading stored mentions for analysts: filtered, searched (Dutch full text), paged with an opaque cursor,
// and every read of raw text recorded in the access log.
import { badRequest } from '../request-error.js';
import type { Range } from '../series/range.js';
import type { AccessLogRepository } from '../repositories/access-log.repository.js';
import type { MentionsReader } from '../repositories/mentions.repository.js';
import { ALL } from '../ingest/rollup-increments.js';
import type { StoredMention } from './stored-mention.js';

export interface MentionsQuery {
  range: Range;
  source: string;
  topic: string;
  q: string | null;
  limit: number;
  cursor: string | null;
  sort?: 'recent' | 'reach' | 'engagement';
}

export interface MentionsPage {
  mentions: StoredMention[];
  nextCursor: string | null;
}

export function encodeCursor(mention: { postedAt: Date; id: string }): string {
  return Buffer.from(`${mention.postedAt.getTime()}:${mention.id}`).toString('base64url');
}

export function decodeCursor(cursor: string): { postedAtMs: number; id: string } {
  // Bounded like the values it holds: a date JavaScript can represent and an id that fits a bigint.
  const match = /^(-?\d{1,16}):(\d{1,18})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match || Math.abs(Number(match[1])) > 8.64e15)
    throw badRequest('cursor: not a cursor this API returned');
  return { postedAtMs: Number(match[1]), id: match[2]! };
}

export class MentionsService {
  constructor(
    private readonly reader: MentionsReader,
    private readonly accessLog: AccessLogRepository,
    private readonly topicIds: ReadonlySet<string>,
  ) {}

  async list(
    query: MentionsQuery,
    reader: { apiKeyId: string | null; purpose: string; actor?: string },
  ): Promise<MentionsPage> {
    if (query.topic !== ALL && !this.topicIds.has(query.topic))
      throw badRequest(`topic: unknown topic "${query.topic}"`);
    const mentions = await this.reader.list({
      fromMs: query.range.fromMs,
      toMs: query.range.toMs,
      sourceKind: query.source === ALL ? null : query.source,
      topic: query.topic === ALL ? null : query.topic,
      query: query.q,
      limit: query.limit,
      after: query.cursor === null ? null : decodeCursor(query.cursor),
      sort: query.sort ?? 'recent',
    });
    await this.accessLog.record(reader.apiKeyId, reader.purpose, {
      // Who read, by name, where the caller knows it (a signed-in user has no API key to name them).
      ...(reader.actor === undefined ? {} : { actor: reader.actor }),
      from: new Date(query.range.fromMs).toISOString(),
      to: new Date(query.range.toMs).toISOString(),
      source: query.source,
      topic: query.topic,
      q: query.q,
      returned: mentions.length,
    });
    const last = mentions.at(-1);
    const pageable = (query.sort ?? 'recent') === 'recent';
    return {
      mentions,
      nextCursor: pageable && mentions.length === query.limit && last ? encodeCursor(last) : null,
    };
  }
}
