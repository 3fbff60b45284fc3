// The SQL of online questions in the gaps (issue 16, point 5): the posts the FAQ decider has not read yet (newest
// first, from the partial index that is its queue), the decisions made against another set of published FAQs,
// both written back in one transaction (the post marked read, its decision upserted), and a period's online gap
// questions and figures.
import { sql } from 'kysely';
import type { Db } from '../db/client.js';
import type { OnlineGapRow, PostDecisionRow, TopicPostQuestionCounts } from '../faqs/faq-gap.js';

export interface UnreadPost {
  id: string;
  postedAt: Date;
  language: string;
  authorKind: string;
  title: string | null;
  text: string | null;
  textExpiresAt: Date;
}

export interface OutdatedPostDecision {
  id: string;
  postedAt: Date;
  /** Null when the post's text is gone (expired, or the post deleted): nothing to decide again. */
  title: string | null;
  text: string | null;
  textExpiresAt: Date;
}

export interface OnlineFigures {
  /** Posts of the period that ask a question (decided against any set), with or without text now. */
  questions: number;
  /** Of those decided `none`, the ones whose text has expired: counted, never shown or clustered. */
  expired: number;
  /** Posts of the period with text the decider has not read yet, or whose decision is of another set. */
  undecided: number;
}

const iso = (date: Date | number) => new Date(date).toISOString();

export class MentionFaqMatchesRepository {
  constructor(private readonly db: Db) {}

  /** Posts with text not read by the decider, newest first (recent gaps fill first after a backlog). */
  async unread(limit: number): Promise<UnreadPost[]> {
    const result = await sql<{
      id: string;
      posted_at: Date;
      language: string;
      author_kind: string;
      title: string | null;
      text: string | null;
      text_expires_at: Date;
    }>`
      select id::text as id, posted_at, language, author_kind, title, text, text_expires_at from mentions
      where asks_question is null and text is not null
      order by posted_at desc, id desc limit ${limit}`.execute(this.db);
    return result.rows.map((row) => ({
      id: row.id,
      postedAt: row.posted_at,
      language: row.language,
      authorKind: row.author_kind,
      title: row.title,
      text: row.text,
      textExpiresAt: row.text_expires_at,
    }));
  }

  /** Decisions made against another set while the post keeps its text (by its expiry as stored). */
  async outdated(faqSet: string, now: Date, limit: number): Promise<OutdatedPostDecision[]> {
    const result = await sql<{
      id: string;
      posted_at: Date;
      title: string | null;
      text: string | null;
      text_expires_at: Date;
    }>`
      select d.mention_id::text as id, d.posted_at, m.title, m.text, d.text_expires_at
      from mention_faq_matches d
      left join mentions m on m.posted_at = d.posted_at and m.id = d.mention_id
      where (d.faq_set < ${faqSet} or d.faq_set > ${faqSet}) and d.text_expires_at > ${iso(now)}::timestamptz
      limit ${limit}`.execute(this.db);
    return result.rows.map((row) => ({
      id: row.id,
      postedAt: row.posted_at,
      title: row.title,
      text: row.text,
      textExpiresAt: row.text_expires_at,
    }));
  }

  /**
   * In one transaction: the read posts marked (asks or not), the decisions of those that ask upserted (one row per
   * post, written again with the same content by a second run), and the outdated decisions whose post lost its
   * text marked expired, so they are not looked at again.
   */
  async save(
    read: readonly { id: string; postedAt: Date; asks: boolean }[],
    decisions: readonly PostDecisionRow[],
    textGone: readonly string[],
    faqSet: string,
    at: Date,
  ): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      if (read.length > 0)
        await sql`
          update mentions m set asks_question = r.asks
          from unnest(${read.map((r) => iso(r.postedAt))}::timestamptz[], ${read.map((r) => r.id)}::bigint[],
            ${read.map((r) => r.asks)}::boolean[]) as r(posted_at, id, asks)
          where m.posted_at = r.posted_at and m.id = r.id`.execute(trx);
      if (decisions.length > 0)
        await sql`
          insert into mention_faq_matches
            (mention_id, posted_at, decision, faq_id, score, faq_set, text_expires_at, decided_at)
          select d.mention_id, d.posted_at, d.decision, f.id, d.score, ${faqSet}, d.text_expires_at,
            ${iso(at)}::timestamptz
          from unnest(${decisions.map((d) => d.mentionId)}::bigint[],
            ${decisions.map((d) => iso(d.postedAt))}::timestamptz[], ${decisions.map((d) => d.decision)}::text[],
            ${decisions.map((d) => d.faqId)}::bigint[], ${decisions.map((d) => d.score)}::float8[],
            ${decisions.map((d) => iso(d.textExpiresAt))}::timestamptz[])
            as d(mention_id, posted_at, decision, faq_id, score, text_expires_at)
          -- An FAQ deleted since the matcher was built leaves no link (its deletion changed the set anyway).
          left join faqs f on f.id = d.faq_id
          on conflict (mention_id) do update set decision = excluded.decision, faq_id = excluded.faq_id,
            score = excluded.score, faq_set = excluded.faq_set, text_expires_at = excluded.text_expires_at,
            decided_at = excluded.decided_at`.execute(trx);
      if (textGone.length > 0)
        await sql`update mention_faq_matches set text_expires_at = least(text_expires_at, ${iso(at)}::timestamptz)
          where mention_id = any(${[...textGone]}::bigint[])`.execute(trx);
    });
  }

  /** The online gaps of [from, to): posts that ask, decided `none` against `faqSet`, that still have text. */
  async gapPosts(fromMs: number, toMs: number, faqSet: string): Promise<OnlineGapRow[]> {
    const result = await sql<{
      id: string;
      posted_at: Date;
      source_kind: string;
      url: string | null;
      author: string | null;
      author_kind: string;
      title: string | null;
      text: string;
      topics: string[];
    }>`
      select m.id::text as id, m.posted_at, m.source_kind, m.url, coalesce(m.author_name, m.author_pseudonym) as author,
        m.author_kind, m.title, m.text, m.topics
      from mention_faq_matches d
      join mentions m on m.posted_at = d.posted_at and m.id = d.mention_id
      where d.posted_at >= ${iso(fromMs)}::timestamptz and d.posted_at < ${iso(toMs)}::timestamptz
        and m.posted_at >= ${iso(fromMs)}::timestamptz and m.posted_at < ${iso(toMs)}::timestamptz
        and d.faq_set = ${faqSet} and d.decision = 'none' and m.text is not null
      order by m.posted_at, m.id`.execute(this.db);
    return result.rows.map((row) => ({
      id: row.id,
      postedAt: row.posted_at,
      sourceKind: row.source_kind,
      url: row.url,
      author: row.author,
      authorKind: row.author_kind,
      title: row.title,
      text: row.text,
      topics: row.topics,
    }));
  }

  async periodFigures(fromMs: number, toMs: number, faqSet: string): Promise<OnlineFigures> {
    const from = iso(fromMs);
    const to = iso(toMs);
    const result = await sql<{ questions: string; expired: string; outdated: string; unread: string }>`
      select
        (select count(*) from mention_faq_matches d
          where d.posted_at >= ${from}::timestamptz and d.posted_at < ${to}::timestamptz)::text as questions,
        (select count(*) from mention_faq_matches d
          join mentions m on m.posted_at = d.posted_at and m.id = d.mention_id
          where d.posted_at >= ${from}::timestamptz and d.posted_at < ${to}::timestamptz
            and m.posted_at >= ${from}::timestamptz and m.posted_at < ${to}::timestamptz
            and d.decision = 'none' and m.text is null)::text as expired,
        (select count(*) from mention_faq_matches d
          join mentions m on m.posted_at = d.posted_at and m.id = d.mention_id
          where d.posted_at >= ${from}::timestamptz and d.posted_at < ${to}::timestamptz
            and m.posted_at >= ${from}::timestamptz and m.posted_at < ${to}::timestamptz
            and d.faq_set <> ${faqSet} and m.text is not null)::text as outdated,
        (select count(*) from mentions m
          where m.asks_question is null and m.text is not null
            and m.posted_at >= ${from}::timestamptz and m.posted_at < ${to}::timestamptz)::text as unread`.execute(
      this.db,
    );
    const row = result.rows[0]!;
    return {
      questions: Number(row.questions),
      expired: Number(row.expired),
      undecided: Number(row.outdated) + Number(row.unread),
    };
  }

  /**
   * The posts of [from, to) that ask a question, per topic and `all`, with their stored decisions against `faqSet`
   * (one source kind, or every one when null). A decision of another set counts as undecided while the post keeps
   * its text by the expiry stored with the decision (as `outdated` picks what to decide again), else as an older
   * decision. Reads the asking posts from the covering partial index `mentions_asking`, their decisions by
   * `mention_faq_matches_posted_covering`, and the unread posts by `mentions_question_unread`; no text is selected.
   */
  async questionCountsByTopic(
    fromMs: number,
    toMs: number,
    faqSet: string,
    sourceKind: string | null,
    now: Date,
  ): Promise<TopicPostQuestionCounts[]> {
    const from = iso(fromMs);
    const to = iso(toMs);
    const source = sourceKind === null ? sql`` : sql`and m.source_kind = ${sourceKind}`;
    const result = await sql<{
      topic: string;
      questions: string;
      none: string;
      undecided: string;
      older: string;
    }>`
      with decided as (
        select d.mention_id, d.decision, d.faq_set = ${faqSet} as current, d.text_expires_at > ${iso(now)}::timestamptz as redo
        from mention_faq_matches d
        where d.posted_at >= ${from}::timestamptz and d.posted_at < ${to}::timestamptz),
      posts as (
        select m.topics, true as asks, d.decision, coalesce(d.current, false) as current,
          coalesce(d.redo, false) as redo
        from mentions m left join decided d on d.mention_id = m.id
        where m.asks_question and m.posted_at >= ${from}::timestamptz and m.posted_at < ${to}::timestamptz ${source}
        union all
        -- Not read yet: the decider reads every post with text, so each is decided (or found not to ask) soon.
        select m.topics, false, null, false, true
        from mentions m
        where m.asks_question is null and m.text is not null
          and m.posted_at >= ${from}::timestamptz and m.posted_at < ${to}::timestamptz ${source})
      select t.topic,
        count(*) filter (where asks)::text as questions,
        count(*) filter (where asks and current and decision = 'none')::text as none,
        count(*) filter (where not current and redo)::text as undecided,
        count(*) filter (where asks and not current and not redo)::text as older
      from posts cross join lateral (select distinct x from unnest(array['all'] || posts.topics) as x) as t(topic)
      group by t.topic
      order by t.topic`.execute(this.db);
    return result.rows.map((row) => ({
      topic: row.topic,
      questions: Number(row.questions),
      noFaqFound: Number(row.none),
      undecided: Number(row.undecided),
      olderDecision: Number(row.older),
    }));
  }
}
