// Changing the sentiment of stored mentions: an analyst's correction, or scoring again with the current model.
// Each change is one transaction that updates the mentions and moves their rollup contributions exactly
// (the old values out, the new ones in). Also reads the labelled mentions a model is trained on.
import { sql, type Transaction } from 'kysely';
import type { Db } from '../db/client.js';
import type { Database } from '../db/database.js';
import type { SentimentLabel } from '../nlp/sentiment-label.js';
import type { CountedMention } from '../ingest/rollup-increments.js';
import { moveRollups, type RollupMove } from './mentions.repository.js';
import type {
  CorrectionResult,
  RescoreBatchResult,
  Rescorer,
  StoredSentiment,
  TrainingMention,
} from '../nlp/stored-sentiment.js';

/** The sentiment_model of a mention whose label an analyst set. */
export const ANALYST_MODEL = 'analyst';

const DEADLOCK = '40P01';
const SERIALIZATION = '40001';

interface LockedRow {
  id: string;
  posted_at: Date;
  source_kind: string;
  topics: string[];
  language: string;
  title: string | null;
  text: string | null;
  reach: string | null;
  engagement: string | null;
  sentiment_score: number;
  sentiment_label: SentimentLabel;
  sentiment_confidence: number;
  sentiment_model: string;
}

function counted(row: LockedRow, sentiment: { score: number; label: SentimentLabel }): CountedMention {
  return {
    postedAt: row.posted_at,
    topics: row.topics,
    sentimentLabel: sentiment.label,
    sentimentScore: sentiment.score,
    reach: row.reach === null ? null : Number(row.reach),
    engagement: row.engagement === null ? null : Number(row.engagement),
  };
}

function stored(row: LockedRow): StoredSentiment {
  return {
    score: row.sentiment_score,
    label: row.sentiment_label,
    confidence: row.sentiment_confidence,
    model: row.sentiment_model,
  };
}

// real columns come back as float4 values: compare at the stored precision, three decimals.
const same = (a: number, b: number): boolean => Math.round(a * 1000) === Math.round(b * 1000);

async function retrying<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      const code = (error as { code?: string }).code;
      if ((code === DEADLOCK || code === SERIALIZATION) && attempt < 5) continue;
      throw error;
    }
  }
}

const LOCKED_COLUMNS = sql`id, posted_at, source_kind, topics, language, title, text, reach, engagement,
  sentiment_score, sentiment_label, sentiment_confidence, sentiment_model`;

async function updateSentiments(
  trx: Transaction<Database>,
  rows: { row: LockedRow; sentiment: StoredSentiment }[],
): Promise<void> {
  if (rows.length === 0) return;
  const column = <T>(pick: (r: { row: LockedRow; sentiment: StoredSentiment }) => T): T[] => rows.map(pick);
  await sql`
    update mentions m set
      sentiment_score = u.score, sentiment_label = u.label, sentiment_confidence = u.confidence,
      sentiment_model = u.model
    from unnest(
      ${column((r) => r.row.posted_at.toISOString())}::timestamptz[], ${column((r) => r.row.id)}::bigint[],
      ${column((r) => r.sentiment.score)}::real[], ${column((r) => r.sentiment.label)}::text[],
      ${column((r) => r.sentiment.confidence)}::real[], ${column((r) => r.sentiment.model)}::text[]
    ) as u(posted_at, id, score, label, confidence, model)
    where m.posted_at = u.posted_at and m.id = u.id`.execute(trx);
  const moves: RollupMove[] = rows.map(({ row, sentiment }) => ({
    sourceKind: row.source_kind,
    before: counted(row, { score: row.sentiment_score, label: row.sentiment_label }),
    after: counted(row, sentiment),
  }));
  await moveRollups(trx, moves);
}

export class MentionSentimentRepository {
  constructor(private readonly db: Db) {}

  /**
   * Records an analyst's label for one mention, sets it as the mention's sentiment (model 'analyst', certain:
   * score +1, 0 or -1, being P(positive) - P(negative)) and moves its rollup contribution; null if no such mention.
   */
  async correct(
    mentionId: string,
    label: SentimentLabel,
    by: { apiKeyId: string | null; name: string },
  ): Promise<CorrectionResult | null> {
    return retrying(() =>
      this.db.transaction().execute(async (trx) => {
        const locked = await sql<LockedRow>`
          select ${LOCKED_COLUMNS} from mentions where id = ${mentionId}::bigint for update`.execute(trx);
        const row = locked.rows[0];
        if (row === undefined) return null;
        const sentiment: StoredSentiment = {
          score: label === 'positive' ? 1 : label === 'negative' ? -1 : 0,
          label,
          confidence: 1,
          model: ANALYST_MODEL,
        };
        const inserted = await trx
          .insertInto('sentiment_corrections')
          .values({
            mention_id: row.id,
            posted_at: row.posted_at,
            label,
            previous_label: row.sentiment_label,
            previous_model: row.sentiment_model,
            api_key_id: by.apiKeyId,
            corrected_by: by.name,
          })
          .returning(['corrected_at'])
          .executeTakeFirstOrThrow();
        await updateSentiments(trx, [{ row, sentiment }]);
        return {
          id: row.id,
          postedAt: row.posted_at,
          previous: stored(row),
          sentiment,
          correctedAt: inserted.corrected_at,
          correctedBy: by.name,
        };
      }),
    );
  }

  /**
   * Scores one batch of mentions in [from, to) again, after the cursor, oldest first: locks the rows, asks the
   * rescorer, updates what changed and moves those rollup contributions, all in one transaction. Mentions an
   * analyst labelled keep their label.
   */
  async rescoreBatch(
    range: { from: Date; to: Date },
    after: { postedAt: Date; id: string } | null,
    limit: number,
    rescore: Rescorer,
  ): Promise<RescoreBatchResult> {
    return retrying(() =>
      this.db.transaction().execute(async (trx) => {
        const cursor =
          after === null
            ? sql`true`
            : sql`(posted_at, id) > (${after.postedAt.toISOString()}::timestamptz, ${after.id}::bigint)`;
        const locked = await sql<LockedRow>`
          select ${LOCKED_COLUMNS} from mentions
          where posted_at >= ${range.from.toISOString()}::timestamptz and posted_at < ${range.to.toISOString()}::timestamptz
            and ${cursor}
          order by posted_at, id
          limit ${limit}
          for update`.execute(trx);
        const result: RescoreBatchResult = {
          read: locked.rows.length,
          scored: 0,
          changed: 0,
          labelChanged: 0,
          skippedWithoutText: 0,
          keptCorrections: 0,
          keptOtherScorers: 0,
          next: null,
        };
        const updates: { row: LockedRow; sentiment: StoredSentiment }[] = [];
        for (const row of locked.rows) {
          if (row.sentiment_model === ANALYST_MODEL) {
            result.keptCorrections++;
            continue;
          }
          if (row.text === null) {
            result.skippedWithoutText++;
            continue;
          }
          const sentiment = rescore({
            id: row.id,
            postedAt: row.posted_at,
            language: row.language,
            title: row.title,
            text: row.text,
            sentiment: stored(row),
          });
          if (sentiment === null) {
            result.keptOtherScorers++;
            continue;
          }
          result.scored++;
          const changed =
            !same(sentiment.score, row.sentiment_score) ||
            sentiment.label !== row.sentiment_label ||
            !same(sentiment.confidence, row.sentiment_confidence) ||
            sentiment.model !== row.sentiment_model;
          if (!changed) continue;
          result.changed++;
          if (sentiment.label !== row.sentiment_label) result.labelChanged++;
          updates.push({ row, sentiment });
        }
        await updateSentiments(trx, updates);
        const last = locked.rows.at(-1);
        result.next =
          last !== undefined && locked.rows.length === limit
            ? { postedAt: last.posted_at, id: last.id }
            : null;
        return result;
      }),
    );
  }

  /**
   * Mentions with a label to learn from and their text still stored: an analyst's latest correction wins over
   * the listening tool's label. Oldest first, at most `limit`.
   */
  async trainingMentions(limit: number): Promise<TrainingMention[]> {
    const result = await sql<{
      id: string;
      title: string | null;
      text: string;
      label: SentimentLabel;
      origin: 'analyst' | 'tool';
    }>`
      with corrected as (
        select distinct on (mention_id) mention_id, label from sentiment_corrections
        order by mention_id, id desc
      )
      select m.id, m.title, m.text, coalesce(c.label, m.tool_sentiment) as label,
        case when c.label is not null then 'analyst' else 'tool' end as origin
      from mentions m left join corrected c on c.mention_id = m.id
      where m.text is not null and (c.label is not null or m.tool_sentiment is not null)
      order by m.posted_at, m.id
      limit ${limit}`.execute(this.db);
    return result.rows.map((row) => ({
      id: row.id,
      text: row.title !== null && row.title !== '' ? `${row.title}\n${row.text}` : row.text,
      label: row.label,
      origin: row.origin,
    }));
  }

  /** How many corrections are stored (for model status). */
  async correctionCount(): Promise<number> {
    const row = await this.db
      .selectFrom('sentiment_corrections')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
