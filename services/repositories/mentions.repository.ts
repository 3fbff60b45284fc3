// Storing mentions exactly once, and reading them back for analysts.
// A batch is one transaction: dedupe keys, mention rows, rollup increments and the source's counters commit together.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Db } from '../db/client.js';
import type { Database } from '../db/database.js';
import type { PreparedMention } from '../ingest/prepare.js';
import {
  compareIncrements,
  hourlyIncrements,
  isEmptyIncrement,
  ROLLUP_FIELDS,
  rollupIncrements,
  type CountedMention,
  type RollupIncrement,
} from '../ingest/rollup-increments.js';
import { textExpiresAt } from '../maintenance/text-expiry.js';
import { EMPTY_SUMS } from '../series/series.js';
import { monthKey, type PartitionsRepository } from './partitions.repository.js';
import { upsertIncrementsSql } from './rollup-columns.js';
import { copyRow } from './copy-text.js';
import type { StoredMention } from '../mentions/stored-mention.js';
import type { StoreOptions } from '../ingest/store-options.js';

export interface StoreResult {
  inserted: PreparedMention[];
  duplicates: number;
}

const DEADLOCK = '40P01';
const SERIALIZATION = '40001';

/** The columns a batch is copied in with, in the order of `stagedRow`. */
const STAGING_COLUMNS = `external_id, url, platform, author_pseudonym, author_name, author_kind, posted_at, language,
  title, text, text_expires_at, reach, engagement, sentiment_score, sentiment_label, sentiment_confidence,
  sentiment_model, tool_sentiment, topics, topics_model, country`;

// Each connection's own table a batch is copied into before it meets the dedupe gate: COPY costs the server less
// per row than unnesting 21 parameter arrays, and cannot say `on conflict`. Emptied by every commit.
const CREATE_STAGING = `
  create temp table if not exists mention_staging (
    external_id text not null, url text, platform text, author_pseudonym text, author_name text,
    author_kind text not null, posted_at timestamptz not null, language text not null, title text, text text,
    text_expires_at timestamptz not null, reach bigint, engagement bigint, sentiment_score real not null,
    sentiment_label text not null, sentiment_confidence real not null, sentiment_model text not null,
    tool_sentiment text, topics text not null, topics_model text not null, country text
  ) on commit delete rows`;

/** A Kysely over one checked-out connection, whose transactions are that connection's (released by the caller). */
function connectionKysely(client: pg.PoolClient): Kysely<Database> {
  const held = {
    query: (text: string, parameters: readonly unknown[]) => client.query(text, parameters as unknown[]),
    release: () => undefined,
  };
  return new Kysely<Database>({
    dialect: new PostgresDialect({
      pool: { connect: () => Promise.resolve(held as never), end: () => Promise.resolve() },
    }),
  });
}

export class MentionsRepository {
  // Connections that have their staging table, each with the Kysely that runs transactions on it.
  private readonly staged = new WeakMap<pg.PoolClient, Kysely<Database>>();

  constructor(
    private readonly db: Db,
    private readonly partitions: PartitionsRepository,
    private readonly textRetentionDays: number,
    private readonly pool: pg.Pool,
  ) {}

  /** One batch of raw text past its retention cleared (`expireText` below), for the retention service. */
  expireText(limit: number, now: Date, hashId: (externalId: string) => string): Promise<number> {
    return expireText(this.db, limit, now, hashId);
  }

  /** One transaction on a connection of the pool with the raw client beside it, for COPY into its staging table. */
  private async withStaging<T>(
    work: (trx: Transaction<Database>, client: pg.PoolClient) => Promise<T>,
  ): Promise<T> {
    const client = await this.pool.connect();
    let failed = false;
    try {
      let kysely = this.staged.get(client);
      if (kysely === undefined) {
        // Outside the transaction, so a batch that rolls back does not take the table with it.
        await client.query(CREATE_STAGING);
        kysely = connectionKysely(client);
        this.staged.set(client, kysely);
      }
      return await kysely.transaction().execute((trx) => work(trx, client));
    } catch (error) {
      failed = true;
      throw error;
    } finally {
      // A connection whose transaction failed may be broken or mid-statement: the pool opens a fresh one instead.
      client.release(failed);
    }
  }

  async store(batch: readonly PreparedMention[], options: StoreOptions): Promise<StoreResult> {
    // The first of several items with one id wins; the others are duplicates of it.
    const unique = new Map<string, PreparedMention>();
    for (const mention of batch) if (!unique.has(mention.externalId)) unique.set(mention.externalId, mention);
    const items = [...unique.values()];
    await this.partitions.ensureMonths(items.map((item) => monthKey(item.postedAt)));
    for (let attempt = 1; ; attempt++) {
      try {
        const inserted = await this.withStaging((trx, client) => this.storeIn(trx, client, items, options));
        return { inserted, duplicates: batch.length - inserted.length };
      } catch (error) {
        const code = (error as { code?: string }).code;
        if ((code === DEADLOCK || code === SERIALIZATION) && attempt < 5) {
          // A short random pause keeps the same transactions from meeting again at once.
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 50 * attempt));
          continue;
        }
        throw error;
      }
    }
  }

  private async storeIn(
    trx: Transaction<Database>,
    client: pg.PoolClient,
    items: PreparedMention[],
    options: StoreOptions,
  ): Promise<PreparedMention[]> {
    let inserted: PreparedMention[] = [];
    if (items.length > 0) {
      let text = '';
      for (const item of items) text += this.stagedRow(item);
      await pipeline(
        Readable.from([Buffer.from(text)]),
        client.query(copyFrom(`copy mention_staging (${STAGING_COLUMNS}) from stdin`)),
      );
      const result = await sql<{ external_id: string }>`
        with input as (
          select s.*, sha256(convert_to(s.external_id, 'UTF8')) as external_hash from mention_staging s
        ),
        keys as (
          -- In one fixed order (the key's hash), so concurrent batches with overlapping ids wait for each other
          -- instead of deadlocking; the rollup rows after it are locked in their own fixed order too.
          insert into mention_keys (source_id, external_hash, posted_at)
          select ${options.sourceId}, external_hash, posted_at from input order by external_hash
          on conflict do nothing
          returning external_hash, mention_id
        )
        insert into mentions (
          id, source_id, source_kind, external_id, url, platform, author_pseudonym, author_name, author_kind,
          posted_at, language, title, text, text_expires_at, reach, engagement, sentiment_score, sentiment_label,
          sentiment_confidence, sentiment_model, tool_sentiment, topics, topics_model, country, import_id)
        select k.mention_id, ${options.sourceId}, ${options.sourceKind}, i.external_id, i.url, i.platform,
          i.author_pseudonym, i.author_name, i.author_kind, i.posted_at, i.language, i.title, i.text,
          i.text_expires_at, i.reach, i.engagement, i.sentiment_score, i.sentiment_label, i.sentiment_confidence,
          i.sentiment_model, i.tool_sentiment, coalesce(string_to_array(nullif(i.topics, ''), ','), '{}'), i.topics_model,
          i.country, ${options.importId ?? null}::bigint
        from input i join keys k on k.external_hash = i.external_hash
        returning external_id`.execute(trx);
      const stored = new Set(result.rows.map((row) => row.external_id));
      inserted = items.filter((item) => stored.has(item.externalId));
    }
    if (inserted.length > 0) {
      await addToRollups(trx, options.sourceKind, inserted);
      const newest = inserted.reduce((max, item) => Math.max(max, item.postedAt.getTime()), 0);
      await sql`
        update sources set items_stored = items_stored + ${inserted.length},
          newest_item_at = greatest(newest_item_at, ${new Date(newest).toISOString()}::timestamptz), updated_at = now()
        where id = ${options.sourceId}`.execute(trx);
    }
    if (options.afterStore) await options.afterStore(trx);
    return inserted;
  }

  /** A mention as a row of mention_staging, in STAGING_COLUMNS order. */
  private stagedRow(item: PreparedMention): string {
    // Counted from posting, as the README promises: an old post's text goes at the next retention run.
    const expiresAt = textExpiresAt(item.postedAt, this.textRetentionDays);
    return copyRow([
      item.externalId,
      item.url,
      item.platform,
      item.authorPseudonym,
      item.authorName,
      item.authorKind,
      item.postedAt.toISOString(),
      item.language,
      item.title,
      item.text,
      expiresAt.toISOString(),
      item.reach,
      item.engagement,
      item.sentimentScore,
      item.sentimentLabel,
      item.sentimentConfidence,
      item.sentimentModel,
      item.toolSentiment,
      item.topics.join(','),
      item.topicsModel,
      item.country,
    ]);
  }
}

/**
 * Clears raw text past its retention; for people's posts also the URL and id, which can name them. The id becomes
 * the keyed hash given (services/privacy), so it cannot be confirmed by hashing a guessed id.
 */
export async function expireText(
  db: Db,
  limit: number,
  now: Date,
  hashId: (externalId: string) => string,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const due = await sql<{ posted_at: Date; id: string; external_id: string; author_kind: string }>`
      select posted_at, id, external_id, author_kind from mentions
      where text is not null and text_expires_at < ${now.toISOString()}::timestamptz
      order by text_expires_at limit ${limit}
      for update skip locked`.execute(trx);
    if (due.rows.length === 0) return 0;
    const person = (row: { author_kind: string }) =>
      row.author_kind === 'person' || row.author_kind === 'unknown';
    const result = await sql`
      update mentions m set
        text = null,
        title = null,
        url = case when e.person then null else m.url end,
        external_id = e.external_id
      from unnest(
        ${due.rows.map((r) => r.posted_at.toISOString())}::timestamptz[], ${due.rows.map((r) => r.id)}::bigint[],
        ${due.rows.map((r) => (person(r) ? hashId(r.external_id) : r.external_id))}::text[],
        ${due.rows.map(person)}::boolean[]
      ) as e(posted_at, id, external_id, person)
      where m.posted_at = e.posted_at and m.id = e.id`.execute(trx);
    return Number(result.numAffectedRows ?? 0n);
  });
}

export async function addToRollups(
  trx: Transaction<Database>,
  sourceKind: string,
  mentions: readonly PreparedMention[],
): Promise<void> {
  await upsertRollups(trx, rollupIncrements(sourceKind, mentions));
}

/** Adds increments (which may be negative) to the 5-minute rollups and to the hourly ones they sum into. */
export async function upsertRollups(
  trx: Transaction<Database>,
  rows: readonly RollupIncrement[],
): Promise<void> {
  if (rows.length === 0) return;
  await upsertIncrementsSql('rollups_5m', rows).execute(trx);
  await upsertIncrementsSql('rollups_1h', hourlyIncrements(rows)).execute(trx);
}

/** One stored mention whose counted values change (its sentiment, after a correction or a rescore). */
export interface RollupMove {
  sourceKind: string;
  before: CountedMention;
  after: CountedMention;
}

/**
 * What moving mentions between rollup counts does to each bucket: the increments of their new values minus
 * those of their old ones, per (source kind | all) x (topic | all) x bucket, rows that net to zero left out.
 * Sorted like rollupIncrements, so concurrent transactions lock rollup rows in the same order.
 */
export function rollupDeltas(moves: readonly RollupMove[]): RollupIncrement[] {
  const byKind = new Map<string, RollupMove[]>();
  for (const move of moves) byKind.set(move.sourceKind, [...(byKind.get(move.sourceKind) ?? []), move]);
  const net = new Map<string, RollupIncrement>();
  for (const [kind, group] of byKind) {
    for (const [sign, mentions] of [
      [-1, group.map((m) => m.before)],
      [1, group.map((m) => m.after)],
    ] as const) {
      for (const row of rollupIncrements(kind, mentions)) {
        const key = `${row.sourceKind}\u0000${row.topic}\u0000${row.bucket}`;
        let sum = net.get(key);
        if (sum === undefined) {
          sum = { ...row, ...EMPTY_SUMS };
          net.set(key, sum);
        }
        for (const field of ROLLUP_FIELDS) sum[field] += sign * row[field];
      }
    }
  }
  return [...net.values()].filter((row) => !isEmptyIncrement(row)).sort(compareIncrements);
}

/** Moves mentions' contributions in the rollups exactly (subtract the old values, add the new), in trx. */
export async function moveRollups(trx: Transaction<Database>, moves: readonly RollupMove[]): Promise<void> {
  await upsertRollups(trx, rollupDeltas(moves));
}

export interface MentionFilter {
  fromMs: number;
  toMs: number;
  sourceKind: string | null;
  topic: string | null;
  /** Dutch full-text query (websearch syntax: words, "phrases", -exclusions, or). */
  query: string | null;
  limit: number;
  /** Continue after this (posted_at, id), newest first. */
  after: { postedAtMs: number; id: string } | null;
  /** Newest first (default), or the largest reach or engagement first (no cursor then). */
  sort?: 'recent' | 'reach' | 'engagement';
}

export class MentionsReader {
  constructor(private readonly db: Db) {}

  async list(filter: MentionFilter): Promise<StoredMention[]> {
    let query = this.db
      .selectFrom('mentions')
      .select([
        'id',
        'source_id',
        'source_kind',
        'external_id',
        'url',
        'platform',
        'author_name',
        'author_pseudonym',
        'author_kind',
        'posted_at',
        'language',
        'title',
        'text',
        'reach',
        'engagement',
        'sentiment_score',
        'sentiment_label',
        'sentiment_confidence',
        'sentiment_model',
        'tool_sentiment',
        'topics',
      ])
      .where('posted_at', '>=', new Date(filter.fromMs))
      .where('posted_at', '<', new Date(filter.toMs));
    if (filter.sourceKind !== null) query = query.where('source_kind', '=', filter.sourceKind);
    if (filter.topic !== null) query = query.where(sql<boolean>`topics @> array[${filter.topic}]::text[]`);
    if (filter.query !== null)
      query = query.where(sql<boolean>`search @@ websearch_to_tsquery('dutch', ${filter.query})`);
    if (filter.after !== null) {
      query = query.where(
        sql<boolean>`(posted_at, id) < (${new Date(filter.after.postedAtMs).toISOString()}::timestamptz, ${filter.after.id}::bigint)`,
      );
    }
    if (filter.sort === 'reach' || filter.sort === 'engagement') {
      query = query.orderBy(sql`${sql.ref(filter.sort)} desc nulls last`);
    }
    const rows = await query.orderBy('posted_at', 'desc').orderBy('id', 'desc').limit(filter.limit).execute();
    return rows.map((row) => ({
      id: row.id,
      sourceId: row.source_id,
      sourceKind: row.source_kind,
      externalId: row.external_id,
      url: row.url,
      platform: row.platform,
      author: row.author_name ?? row.author_pseudonym,
      authorKind: row.author_kind,
      postedAt: row.posted_at,
      language: row.language,
      title: row.title,
      text: row.text,
      reach: row.reach === null ? null : Number(row.reach),
      engagement: row.engagement === null ? null : Number(row.engagement),
      sentiment: {
        score: row.sentiment_score,
        label: row.sentiment_label,
        confidence: row.sentiment_confidence,
        model: row.sentiment_model,
      },
      toolSentiment: row.tool_sentiment,
      topics: row.topics,
    }));
  }
}

export interface WindowFilter {
  fromMs: number;
  toMs: number;
  sourceKind: string | null;
  topic: string | null;
  sentiment: SentimentLabelFilter | null;
}

type SentimentLabelFilter = 'positive' | 'neutral' | 'negative';

/** Reads for alert context and term statistics: bounded, newest first, text only where it has not expired. */
export class MentionsSampler {
  constructor(private readonly db: Db) {}

  private base(filter: WindowFilter) {
    let query = this.db
      .selectFrom('mentions')
      .where('posted_at', '>=', new Date(filter.fromMs))
      .where('posted_at', '<', new Date(filter.toMs))
      .where('text', 'is not', null);
    if (filter.sourceKind !== null) query = query.where('source_kind', '=', filter.sourceKind);
    if (filter.topic !== null) query = query.where(sql<boolean>`topics @> array[${filter.topic}]::text[]`);
    if (filter.sentiment !== null) query = query.where('sentiment_label', '=', filter.sentiment);
    return query;
  }

  async examples(filter: WindowFilter, limit: number) {
    return this.base(filter)
      .select([
        'text',
        'title',
        'author_name',
        'author_pseudonym',
        'platform',
        'url',
        'author_kind',
        'sentiment_label',
        'reach',
        'posted_at',
      ])
      .orderBy(sql`reach desc nulls last`)
      .orderBy('posted_at', 'desc')
      .limit(limit)
      .execute();
  }

  async texts(filter: WindowFilter, limit: number): Promise<string[]> {
    const rows = await this.base(filter)
      .select(['title', 'text'])
      .orderBy('posted_at', 'desc')
      .limit(limit)
      .execute();
    return rows.map((row) => (row.title ? `${row.title}\n${row.text ?? ''}` : (row.text ?? '')));
  }
}
