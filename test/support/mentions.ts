// Raw mentions for tests, and an independent recount of the rollups from the stored mentions.
import { sql } from 'kysely';
import type { Db } from '../../services/db/client.js';
import type { RawMention } from '../../services/ingest/raw-mention.js';

export function raw(overrides: Partial<RawMention> & { externalId: string }): RawMention {
  return {
    url: `https://example.org/${overrides.externalId}`,
    postedAt: new Date('2021-01-29T14:03:00Z'),
    author: 'Jan Jansen',
    platform: 'twitter',
    title: null,
    text: 'De mondkapjesplicht in de winkels is echt belachelijk.',
    language: null,
    reach: 100,
    engagement: 5,
    toolSentiment: null,
    country: 'NL',
    ...overrides,
  };
}

export interface RollupRow {
  source_kind: string;
  topic: string;
  bucket: Date;
  n: number;
  n_pos: number;
  n_neu: number;
  n_neg: number;
  score_sum: string;
  reach_sum: string;
  engagement_sum: string;
}

/** The hourly rollups must be the exact sums of the 5-minute ones; this returns where they differ. */
export async function hourlyMismatches(db: Db): Promise<unknown[]> {
  const result = await sql`
    with five as (
      select source_kind, topic, date_bin('1 hour', bucket, 'epoch') as bucket, sum(n) as n, sum(n_pos) as n_pos,
        sum(n_neu) as n_neu, sum(n_neg) as n_neg, sum(score_sum) as score_sum, sum(reach_sum) as reach_sum,
        sum(engagement_sum) as engagement_sum
      from rollups_5m group by 1, 2, 3
    )
    select * from (
      (select * from five except select source_kind, topic, bucket, n, n_pos, n_neu, n_neg, score_sum, reach_sum, engagement_sum from rollups_1h)
      union all
      (select source_kind, topic, bucket, n, n_pos, n_neu, n_neg, score_sum, reach_sum, engagement_sum from rollups_1h except select * from five)
    ) as diff
    where n <> 0 or n_pos <> 0 or n_neu <> 0 or n_neg <> 0 or score_sum <> 0 or reach_sum <> 0 or engagement_sum <> 0`.execute(
    db,
  );
  return result.rows;
}

/** The rollups as stored, in a stable order. */
export async function storedRollups(db: Db): Promise<RollupRow[]> {
  const result = await sql<RollupRow>`
    select source_kind, topic, bucket, n, n_pos, n_neu, n_neg, score_sum::text, reach_sum::text, engagement_sum::text
    from rollups_5m where n > 0 order by 1, 2, 3`.execute(db);
  return result.rows;
}

/** The rollups recomputed from the mentions table by plain SQL: what the stored ones must equal exactly. */
export async function recomputedRollups(db: Db): Promise<RollupRow[]> {
  const result = await sql<RollupRow>`
    with m as (
      select source_kind, topics, date_bin('5 minutes', posted_at, 'epoch') as bucket, sentiment_label,
        round(sentiment_score * 1000)::bigint as score, coalesce(reach, 0) as reach, coalesce(engagement, 0) as engagement
      from mentions
    ),
    expanded as (
      select k.kind as source_kind, t.topic, m.bucket, m.sentiment_label, m.score, m.reach, m.engagement
      from m
      cross join lateral (values (m.source_kind), ('all')) as k(kind)
      cross join lateral (select 'all' as topic union select distinct unnest(m.topics)) as t
    )
    select source_kind, topic, bucket, count(*)::int as n,
      count(*) filter (where sentiment_label = 'positive')::int as n_pos,
      count(*) filter (where sentiment_label = 'neutral')::int as n_neu,
      count(*) filter (where sentiment_label = 'negative')::int as n_neg,
      sum(score)::text as score_sum, sum(reach)::text as reach_sum, sum(engagement)::text as engagement_sum
    from expanded group by 1, 2, 3 order by 1, 2, 3`.execute(db);
  return result.rows;
}
