// Bulk seeding for the read and growth benchmarks: mentions, their dedupe keys and the rollups the insert path would
// have built, written in SQL a million at a time. The insert path itself is far slower; these benchmarks measure what
// happens to reads and to the next stores once the tables are this large, not how fast they were filled.
import { type Kysely, sql } from 'kysely';
import { PartitionsRepository, monthKey } from '../services/repositories/partitions.repository.js';

const DAY = 86_400_000;
export const SEED_KINDS = ['obi4wan', 'mastodon', 'bluesky', 'reddit', 'rss', 'x'] as const;

export interface SeedSpan {
  /** Mentions are spread over [endMs - days, endMs). */
  endMs: number;
  days: number;
  topics: readonly string[];
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the bulk connection writes tables Kysely does not need to type here
type BulkDb = Kysely<any>;

/** The seed's sources and the month partitions its span needs (and one month past it, for stores at "now"). */
export async function prepareSeed(db: BulkDb, span: SeedSpan): Promise<void> {
  const months = new Set<string>();
  for (let t = span.endMs - span.days * DAY; t < span.endMs + 31 * DAY; t += 10 * DAY)
    months.add(monthKey(new Date(t)));
  await new PartitionsRepository(db as never).ensureMonths(months);
  for (const kind of SEED_KINDS)
    await sql`insert into sources (id, kind) values (${kind}, ${kind}) on conflict do nothing`.execute(db);
}

/**
 * `count` mentions with the next ids of `mention_id_seq` (so they never collide with mentions the insert path stored
 * in between), each at a time drawn from a hash of its id over the span, a source, sentiment and up to two topics from
 * the same hash; their `mention_keys` rows (the dedupe gate grows with the table) and their rollup increments.
 */
async function seedChunk(db: BulkDb, count: number, span: SeedSpan): Promise<void> {
  const reserved = await sql<{ last: string }>`
    select setval('mention_id_seq', (select case when is_called then last_value else last_value - 1 end
      from mention_id_seq) + ${count}) as last`.execute(db);
  const last = Number(reserved.rows[0]!.last);
  const first = last - count + 1;
  const spanSeconds = span.days * 86_400;
  const start = new Date(span.endMs - span.days * DAY).toISOString();
  const kinds = [...SEED_KINDS];
  const topics = [...span.topics];
  await sql`
    insert into mentions (id, source_id, source_kind, external_id, platform, author_pseudonym, author_kind, posted_at,
      language, text, text_expires_at, reach, engagement, sentiment_score, sentiment_label, sentiment_confidence,
      sentiment_model, topics, topics_model)
    select g, k, k, 'bench-' || g, 'twitter', 'p_' || (h % 50000), 'person', t, 'nl', null, t, h % 5000, h % 50,
      case when h % 10 < 3 then -0.6 when h % 10 < 5 then 0.5 else 0 end,
      case when h % 10 < 3 then 'negative' when h % 10 < 5 then 'positive' else 'neutral' end,
      0.8, 'bench', tp, 'bench'
    from (
      select g, h, ${start}::timestamptz + ((h / 7 + g) % ${spanSeconds}) * interval '1 second' as t
      from (select g, ((g::bigint * 2654435761) % 4294967296) as h
        from generate_series(${first}::bigint, ${last}::bigint) as g) hashed
    ) s,
    lateral (select (${kinds}::text[])[1 + (s.h % ${kinds.length})] as k) kk,
    lateral (select case
      when s.h % 7 < 3 then array[(${topics}::text[])[1 + (s.h / 7) % ${topics.length}]]
      when s.h % 7 < 5 then array[(${topics}::text[])[1 + (s.h / 7) % ${topics.length}], (${topics}::text[])[1 + (s.h / 131) % ${topics.length}]]
      else '{}'::text[] end as tp) tt`.execute(db);
  await sql`
    insert into mention_keys (source_id, external_hash, mention_id, posted_at)
    select source_id, sha256(convert_to(external_id, 'UTF8')), id, posted_at
    from mentions where id between ${first} and ${last}`.execute(db);
  await addRollups(db, first, last);
}

/**
 * Grows the table from `from` to `to` seeded mentions, a million per statement with a progress line each, then
 * vacuums and analyzes: autovacuum does that in a running system, and the benchmarks do not wait for it.
 */
export async function seedMentions(db: BulkDb, from: number, to: number, span: SeedSpan): Promise<void> {
  for (let done = from; done < to; done += 1_000_000) {
    await seedChunk(db, Math.min(1_000_000, to - done), span);
    process.stderr.write(`seeded ${Math.min(to, done + 1_000_000)} mentions\n`);
  }
  await sql`vacuum analyze`.execute(db);
}

/** Adds the rollup increments of mentions first..last, as the insert path would have: (kind|all) x (topic|all) x bucket. */
async function addRollups(db: BulkDb, first: number, last: number): Promise<void> {
  for (const [table, width] of [
    ['rollups_5m', '5 minutes'],
    ['rollups_1h', '1 hour'],
  ] as const) {
    await sql`
      insert into ${sql.table(table)} as r (source_kind, topic, bucket, n, n_pos, n_neu, n_neg, score_sum, reach_sum,
        engagement_sum)
      select k.kind, t.topic, date_bin(${width}::interval, m.posted_at, 'epoch'), count(*),
        count(*) filter (where m.sentiment_label = 'positive'), count(*) filter (where m.sentiment_label = 'neutral'),
        count(*) filter (where m.sentiment_label = 'negative'), sum(round(m.sentiment_score * 1000)),
        sum(coalesce(m.reach, 0)), sum(coalesce(m.engagement, 0))
      from mentions m
      cross join lateral (values (m.source_kind), ('all')) as k(kind)
      cross join lateral (select 'all' as topic union all select distinct unnest(m.topics)) as t
      where m.id between ${first} and ${last}
      group by 1, 2, 3
      on conflict (source_kind, topic, bucket) do update set n = r.n + excluded.n, n_pos = r.n_pos + excluded.n_pos,
        n_neu = r.n_neu + excluded.n_neu, n_neg = r.n_neg + excluded.n_neg, score_sum = r.score_sum + excluded.score_sum,
        reach_sum = r.reach_sum + excluded.reach_sum, engagement_sum = r.engagement_sum + excluded.engagement_sum`.execute(
      db,
    );
  }
}
