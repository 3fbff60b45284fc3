import { describe, expect, it } from 'vitest';
import { badRequest } from '../request-error.js';
import { MentionsExportService } from './mentions-export.service.js';
import type { MentionsQuery, MentionsService } from './mentions.service.js';
import type { StoredMention } from './stored-mention.js';

function mention(id: number): StoredMention {
  return {
    id: String(id),
    sourceId: 'obi4wan',
    sourceKind: 'obi4wan',
    externalId: `x${id}`,
    url: null,
    platform: null,
    author: null,
    authorKind: 'person',
    postedAt: new Date(Date.UTC(2021, 0, 1) + id * 60_000),
    language: 'nl',
    title: null,
    text: `bericht ${id}`,
    reach: null,
    engagement: null,
    sentiment: { score: 0, label: 'neutral', confidence: 1, model: 'lexicon' },
    toolSentiment: null,
    topics: [],
  };
}

/** A store of `count` mentions, paged like MentionsService.list; records the limit of every page asked. */
function store(count: number) {
  const asked: { limit: number; cursor: string | null; purpose: string }[] = [];
  const mentions: Pick<MentionsService, 'list'> = {
    list: (query: MentionsQuery, reader) => {
      asked.push({ limit: query.limit, cursor: query.cursor, purpose: reader.purpose });
      const start = query.cursor === null ? 0 : Number(query.cursor);
      const end = Math.min(count, start + query.limit);
      const page = Array.from({ length: end - start }, (_, i) => mention(start + i));
      return Promise.resolve({ mentions: page, nextCursor: end < count ? String(end) : null });
    },
  };
  return { asked, mentions };
}

async function collect(lines: AsyncIterable<string>): Promise<string[]> {
  const all: string[] = [];
  for await (const line of lines) all.push(line);
  return all;
}

describe('MentionsExportService.csv', () => {
  const query = { from: '2021-01-01', to: '2021-02-01', source: 'all', topic: 'all' };

  it('reads page after page until the limit, and names the file by local dates', async () => {
    const { asked, mentions } = store(2_500);
    const file = await new MentionsExportService(mentions, 'Europe/Amsterdam').csv(
      { ...query, limit: 2_200 },
      { apiKeyId: '7' },
    );
    expect(file.fileName).toBe('onderstroom-2021-01-01-2021-02-01.csv');
    const lines = await collect(file.lines);
    expect(lines).toHaveLength(1 + 2_200);
    expect(asked).toEqual([
      { limit: 1_000, cursor: null, purpose: 'api.mentions.export' },
      { limit: 1_000, cursor: '1000', purpose: 'api.mentions.export' },
      { limit: 200, cursor: '2000', purpose: 'api.mentions.export' },
    ]);
  });

  it('stops at the last page of a smaller store', async () => {
    const { asked, mentions } = store(3);
    const file = await new MentionsExportService(mentions, 'Europe/Amsterdam').csv(
      { ...query, limit: 50_000 },
      { apiKeyId: null },
    );
    expect(await collect(file.lines)).toHaveLength(4);
    expect(asked).toHaveLength(1);
  });

  it('refuses a bad parameter before the download starts', async () => {
    const mentions: Pick<MentionsService, 'list'> = {
      list: () => Promise.reject(badRequest('topic: unknown topic "x"')),
    };
    await expect(
      new MentionsExportService(mentions, 'Europe/Amsterdam').csv(
        { ...query, topic: 'x', limit: 10 },
        { apiKeyId: null },
      ),
    ).rejects.toThrow('unknown topic');
  });
});
