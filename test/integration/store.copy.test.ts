// The store copies a batch into a staging table before the dedupe gate (services/repositories/mentions.repository.ts).
// This holds it to what the store wrote before it did: the same batches through the statement it replaced (unnest
// of one parameter array per column), in a second database, must leave the same mentions, keys and rollups.
import { sql, type Transaction } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../services/db/client.js';
import type { Database } from '../../services/db/database.js';
import type { PreparedMention } from '../../services/ingest/prepare.js';
import { textExpiresAt } from '../../services/maintenance/text-expiry.js';
import { addToRollups } from '../../services/repositories/mentions.repository.js';
import { monthKey } from '../../services/repositories/partitions.repository.js';
import { createTestContext, type TestContext } from '../support/context.js';
import { raw } from '../support/mentions.js';

let copied: TestContext;
let reference: TestContext;
beforeAll(async () => {
  [copied, reference] = await Promise.all([createTestContext(), createTestContext()]);
  for (const t of [copied, reference]) await t.context.repositories.sources.ensure('obi4wan', 'obi4wan');
});
afterAll(async () => Promise.all([copied.close(), reference.close()]));

const OPTIONS = { sourceId: 'obi4wan', sourceKind: 'obi4wan' };

/** The store as it was before COPY: one statement over unnested arrays, then the rollups, in one transaction. */
async function storeByUnnest(db: Db, items: PreparedMention[], retentionDays: number): Promise<string[]> {
  return db.transaction().execute(async (trx: Transaction<Database>) => {
    const column = <T>(pick: (item: PreparedMention) => T): T[] => items.map(pick);
    const result = await sql<{ external_id: string }>`
      with input as (
        select t.*, sha256(convert_to(t.external_id, 'UTF8')) as external_hash from unnest(
          ${column((i) => i.externalId)}::text[], ${column((i) => i.url)}::text[], ${column((i) => i.platform)}::text[],
          ${column((i) => i.authorPseudonym)}::text[], ${column((i) => i.authorName)}::text[],
          ${column((i) => i.authorKind)}::text[], ${column((i) => i.postedAt.toISOString())}::timestamptz[],
          ${column((i) => i.language)}::text[], ${column((i) => i.title)}::text[], ${column((i) => i.text)}::text[],
          ${column((i) => textExpiresAt(i.postedAt, retentionDays).toISOString())}::timestamptz[],
          ${column((i) => i.reach)}::bigint[], ${column((i) => i.engagement)}::bigint[],
          ${column((i) => i.sentimentScore)}::real[], ${column((i) => i.sentimentLabel)}::text[],
          ${column((i) => i.sentimentConfidence)}::real[], ${column((i) => i.sentimentModel)}::text[],
          ${column((i) => i.toolSentiment)}::text[], ${column((i) => i.topics.join(','))}::text[],
          ${column((i) => i.topicsModel)}::text[], ${column((i) => i.country)}::text[]
        ) as t(external_id, url, platform, author_pseudonym, author_name, author_kind, posted_at, language, title,
               text, text_expires_at, reach, engagement, sentiment_score, sentiment_label, sentiment_confidence,
               sentiment_model, tool_sentiment, topics, topics_model, country)
      ),
      keys as (
        insert into mention_keys (source_id, external_hash, posted_at)
        select ${OPTIONS.sourceId}, external_hash, posted_at from input order by external_hash
        on conflict do nothing
        returning external_hash, mention_id
      )
      insert into mentions (
        id, source_id, source_kind, external_id, url, platform, author_pseudonym, author_name, author_kind,
        posted_at, language, title, text, text_expires_at, reach, engagement, sentiment_score, sentiment_label,
        sentiment_confidence, sentiment_model, tool_sentiment, topics, topics_model, country, import_id)
      select k.mention_id, ${OPTIONS.sourceId}, ${OPTIONS.sourceKind}, i.external_id, i.url, i.platform,
        i.author_pseudonym, i.author_name, i.author_kind, i.posted_at, i.language, i.title, i.text,
        i.text_expires_at, i.reach, i.engagement, i.sentiment_score, i.sentiment_label, i.sentiment_confidence,
        i.sentiment_model, i.tool_sentiment, coalesce(string_to_array(nullif(i.topics, ''), ','), '{}'), i.topics_model,
        i.country, null::bigint
      from input i join keys k on k.external_hash = i.external_hash
      returning external_id`.execute(trx);
    const stored = new Set(result.rows.map((row) => row.external_id));
    const inserted = items.filter((item) => stored.has(item.externalId));
    if (inserted.length > 0) await addToRollups(trx, OPTIONS.sourceKind, inserted);
    return inserted.map((item) => item.externalId);
  });
}

const TEXTS = [
  'De avondklok is een schandalige maatregel!',
  'Fijn dat de scholen weer opengaan, eindelijk. 😀',
  'Een tab\ttussen woorden, een backslash \\ en \\N als tekst',
  'Twee regels:\nde mondkapjesplicht in het OV is niet slecht',
  'Geen idee wat de nieuwe regels voor de horeca betekenen',
  'Great news: the vaccination centre opens on Monday',
  'Zo\u00e9n boete voor de avondklok, belachelijk.',
];

function rawBatch(from: number, to: number) {
  return Array.from({ length: to - from }, (_, k) => {
    const i = from + k;
    return raw({
      externalId: i % 11 === 0 ? `https://example.org/lang/${'x'.repeat(600)}/${i}` : `id-${i}`,
      url: i % 5 === 0 ? null : `https://example.org/${i}`,
      title: i % 4 === 0 ? `Titel ${i} met een\ttab` : null,
      text: TEXTS[i % TEXTS.length]!,
      postedAt: new Date(Date.UTC(2021, i % 3, 1 + (i % 27), i % 24, (i * 7) % 60)),
      author: i % 6 === 0 ? null : `auteur ${i % 13}`,
      reach: i % 7 === 0 ? null : i * 13,
      engagement: i % 9 === 0 ? null : i,
      toolSentiment: i % 8 === 0 ? 'negative' : null,
      country: i % 10 === 0 ? null : 'NL',
    });
  });
}

async function snapshot(db: Db) {
  const mentions = await sql`
    select id, source_id, source_kind, external_id, url, platform, author_pseudonym, author_name, author_kind,
      posted_at, language, title, text, text_expires_at, reach::text, engagement::text, sentiment_score,
      sentiment_label, sentiment_confidence, sentiment_model, tool_sentiment, topics, topics_model, country
    from mentions order by id`.execute(db);
  const keys = await sql`
    select source_id, encode(external_hash, 'hex') as hash, mention_id::text, posted_at
    from mention_keys order by mention_id`.execute(db);
  const rollups = [];
  for (const table of ['rollups_5m', 'rollups_1h'])
    rollups.push(
      (
        await sql`
        select source_kind, topic, bucket, n, n_pos, n_neu, n_neg, score_sum::text, reach_sum::text,
          engagement_sum::text
        from ${sql.table(table)} order by 1, 2, 3`.execute(db)
      ).rows,
    );
  return { mentions: mentions.rows, keys: keys.rows, rollups };
}

describe('storing through the staging table', () => {
  it('stores the same mentions, keys and rollups as the unnest statement it replaced', async () => {
    // Scored once, so both databases get the very same prepared rows; the second batch repeats part of the first.
    const batches: PreparedMention[][] = [];
    for (const items of [rawBatch(0, 300), [...rawBatch(200, 420), ...rawBatch(250, 260)]]) {
      const { prepared, rejected } = await copied.context.ingest.prepare(items);
      expect(rejected).toEqual([]);
      batches.push(prepared);
    }
    const retentionDays = copied.context.config.privacy.retention_days;
    for (const batch of batches) {
      const stored = await copied.context.ingest.store(batch, OPTIONS);
      await reference.context.repositories.partitions.ensureMonths(batch.map((m) => monthKey(m.postedAt)));
      // As the repository does: the first of several items with one id is the one stored.
      const first = new Map<string, PreparedMention>();
      for (const m of batch) if (!first.has(m.externalId)) first.set(m.externalId, m);
      const expected = await storeByUnnest(reference.context.database.db, [...first.values()], retentionDays);
      expect(stored.inserted.map((m) => m.externalId)).toEqual(expected);
    }
    const got = await snapshot(copied.context.database.db);
    const want = await snapshot(reference.context.database.db);
    expect(got.mentions.length).toBe(420);
    expect(got.rollups[0]!.length).toBeGreaterThan(100);
    expect(got).toEqual(want);
  });
});
