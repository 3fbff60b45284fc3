// The CSV download of stored mentions (GET /api/v1/mentions/export.csv): read page by page as the file is sent,
// every page logged like any read of raw text.
import { resolveRange } from '../series/range.js';
import { localDate } from '../time/zoned-time.js';
import { CSV_BOM, CSV_HEADER, csvLine, mentionCsvLine } from './mentions-csv.js';
import type { MentionsService } from './mentions.service.js';

const PAGE = 1_000;

export interface MentionsExportQuery {
  from?: string;
  to?: string;
  source: string;
  topic: string;
  q?: string;
  limit: number;
}

export interface MentionsExport {
  /** Named by local dates, as a date-only range is given. */
  fileName: string;
  lines: AsyncIterable<string>;
}

export class MentionsExportService {
  constructor(
    private readonly mentions: Pick<MentionsService, 'list'>,
    private readonly timeZone: string,
  ) {}

  /** The first page is read before this resolves, so a bad parameter is still a 400 and not a broken download. */
  async csv(q: MentionsExportQuery, reader: { apiKeyId: string | null }): Promise<MentionsExport> {
    const { mentions, timeZone } = this;
    const range = resolveRange(q.from, q.to, timeZone);
    const read = { apiKeyId: reader.apiKeyId, purpose: 'api.mentions.export' };
    let page = await mentions.list(
      {
        range,
        source: q.source,
        topic: q.topic,
        q: q.q ?? null,
        limit: Math.min(PAGE, q.limit),
        cursor: null,
      },
      read,
    );
    async function* lines() {
      yield CSV_BOM + csvLine(CSV_HEADER);
      let sent = 0;
      for (;;) {
        for (const mention of page.mentions) yield mentionCsvLine(mention);
        sent += page.mentions.length;
        if (page.nextCursor === null || sent >= q.limit) return;
        page = await mentions.list(
          {
            range,
            source: q.source,
            topic: q.topic,
            q: q.q ?? null,
            limit: Math.min(PAGE, q.limit - sent),
            cursor: page.nextCursor,
          },
          read,
        );
      }
    }
    return {
      fileName: `onderstroom-${localDate(range.fromMs, timeZone)}-${localDate(range.toMs, timeZone)}.csv`,
      lines: lines(),
    };
  }
}
