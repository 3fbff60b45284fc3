// The SQL of the gaps (issue 16, point 3): the set of published FAQs as one hash, the questions whose decision is
// missing or was made against another set, the decisions stored once per question, a period's gap questions, and
// the measures of a period on a topic (for a proposed FAQ draft).
import { sql } from 'kysely';
import type { Db } from '../db/client.js';
import type { FaqDecisionRow, PeriodMeasure, TopicGapCounts } from '../faqs/faq-gap.js';

export interface UndecidedQuestion {
  id: string;
  text: string;
}

export interface GapQuestionRow {
  id: string;
  text: string;
  topics: string[];
  receivedAt: Date;
}

export interface PeriodFigures {
  questions: number;
  /** Questions of the period with text and no decision against the current set yet. */
  undecided: number;
}

export class FaqGapsRepository {
  constructor(private readonly db: Db) {}

  /** The published FAQs as one value: their ids and content hashes; any publish, edit or withdrawal changes it. */
  async currentFaqSet(): Promise<string> {
    const result = await sql<{ faq_set: string }>`
      select md5(coalesce(string_agg(id::text || ':' || content_hash, ',' order by id), '')) as faq_set
      from faqs where status = 'gepubliceerd'`.execute(this.db);
    return result.rows[0]!.faq_set;
  }

  /** Questions with text and no decision made against `faqSet`, oldest first. */
  async undecided(faqSet: string, limit: number): Promise<UndecidedQuestion[]> {
    const result = await sql<UndecidedQuestion>`
      select q.id::text as id, q.text from questions q
      left join question_faq_matches m on m.question_id = q.id
      where q.text is not null and (m.question_id is null or m.faq_set <> ${faqSet})
      order by q.id limit ${limit}`.execute(this.db);
    return result.rows;
  }

  /** One decision per question: a second run with the same set writes the same row again, never a second one. */
  async saveDecisions(decisions: readonly FaqDecisionRow[], faqSet: string, at: Date): Promise<void> {
    if (decisions.length === 0) return;
    await sql`
      insert into question_faq_matches (question_id, decision, faq_id, score, faq_set, decided_at)
      select d.question_id, d.decision, d.faq_id, d.score, ${faqSet}, ${at.toISOString()}::timestamptz
      from unnest(${decisions.map((d) => d.questionId)}::bigint[], ${decisions.map((d) => d.decision)}::text[],
        ${decisions.map((d) => d.faqId)}::bigint[], ${decisions.map((d) => d.score)}::float8[])
        as d(question_id, decision, faq_id, score)
      -- A question deleted since it was read has nothing to decide.
      where exists (select 1 from questions q where q.id = d.question_id)
      on conflict (question_id) do update set decision = excluded.decision, faq_id = excluded.faq_id,
        score = excluded.score, faq_set = excluded.faq_set, decided_at = excluded.decided_at`.execute(
      this.db,
    );
  }

  /**
   * The gaps of [from, to): questions with text whose decision is `none` and that were not answered with an FAQ,
   * or that were answered without one although an FAQ was proposed. Oldest first.
   */
  async gapQuestions(fromMs: number, toMs: number, faqSet: string): Promise<GapQuestionRow[]> {
    const result = await sql<{ id: string; text: string; topics: string[]; received_at: Date }>`
      select q.id::text as id, q.text, q.topics, q.received_at from questions q
      join question_faq_matches m on m.question_id = q.id and m.faq_set = ${faqSet}
      where q.received_at >= ${new Date(fromMs).toISOString()}::timestamptz
        and q.received_at < ${new Date(toMs).toISOString()}::timestamptz
        and q.text is not null and q.answered_faq_id is null
        and (m.decision = 'none' or q.answered_at is not null)
      order by q.received_at, q.id`.execute(this.db);
    return result.rows.map((row) => ({
      id: row.id,
      text: row.text,
      topics: row.topics,
      receivedAt: row.received_at,
    }));
  }

  /**
   * The gaps of [from, to) counted per topic and in total (`all`): the same questions `gapQuestions` returns, split
   * into no FAQ found and answered without one, plus the undecided. A question with several topics counts once
   * under each and once under `all`, as the question rollups count it. Topics with none of the three are absent.
   */
  async gapCountsByTopic(fromMs: number, toMs: number, faqSet: string): Promise<TopicGapCounts[]> {
    const result = await sql<{ topic: string; none: string; answered: string; undecided: string }>`
      with period as (
        select q.topics, q.answered_at, q.answered_faq_id, m.decision, m.faq_set = ${faqSet} as current
        from questions q left join question_faq_matches m on m.question_id = q.id
        where q.received_at >= ${new Date(fromMs).toISOString()}::timestamptz
          and q.received_at < ${new Date(toMs).toISOString()}::timestamptz
          and q.text is not null)
      select t.topic,
        count(*) filter (where current and answered_faq_id is null and decision = 'none')::text as none,
        count(*) filter (where current and answered_faq_id is null and decision = 'match'
          and answered_at is not null)::text as answered,
        count(*) filter (where current is not true)::text as undecided
      from period cross join lateral (select distinct x from unnest(array['all'] || period.topics) as x) as t(topic)
      group by t.topic
      order by t.topic`.execute(this.db);
    return result.rows
      .map((row) => ({
        topic: row.topic,
        noFaqFound: Number(row.none),
        answeredWithoutFaq: Number(row.answered),
        undecided: Number(row.undecided),
      }))
      .filter((row) => row.noFaqFound + row.answeredWithoutFaq + row.undecided > 0);
  }

  async periodFigures(fromMs: number, toMs: number, faqSet: string): Promise<PeriodFigures> {
    const result = await sql<{ questions: string; undecided: string }>`
      select count(*)::text as questions,
        count(*) filter (where q.text is not null and (m.question_id is null or m.faq_set <> ${faqSet}))::text
          as undecided
      from questions q left join question_faq_matches m on m.question_id = q.id
      where q.received_at >= ${new Date(fromMs).toISOString()}::timestamptz
        and q.received_at < ${new Date(toMs).toISOString()}::timestamptz`.execute(this.db);
    const row = result.rows[0]!;
    return { questions: Number(row.questions), undecided: Number(row.undecided) };
  }

  /** The concept FAQ made from the cluster started by each of `questionIds` (those that have one). */
  async conceptsFor(questionIds: readonly string[]): Promise<Map<string, string>> {
    if (questionIds.length === 0) return new Map();
    const result = await sql<{ question_id: string; faq_id: string }>`
      select question_id::text as question_id, faq_id::text as faq_id from faq_gap_concepts
      where question_id = any(${questionIds}::bigint[])`.execute(this.db);
    return new Map(result.rows.map((row) => [row.question_id, row.faq_id]));
  }

  /** The concept FAQ made from the online cluster started by each of `mentionIds` (those that have one). */
  async onlineConceptsFor(mentionIds: readonly string[]): Promise<Map<string, string>> {
    if (mentionIds.length === 0) return new Map();
    const result = await sql<{ mention_id: string; faq_id: string }>`
      select mention_id::text as mention_id, faq_id::text as faq_id from faq_gap_online_concepts
      where mention_id = any(${mentionIds}::bigint[])`.execute(this.db);
    return new Map(result.rows.map((row) => [row.mention_id, row.faq_id]));
  }

  /** Measures in force at some time in [fromDate, toDate) on one of `topics`, newest first. */
  async measuresOn(topics: readonly string[], fromDate: string, toDate: string): Promise<PeriodMeasure[]> {
    if (topics.length === 0) return [];
    const result = await sql<{ id: string; title: string; topics: string[]; effective_from: string }>`
      select id, title, topics, effective_from::text as effective_from from measures
      where topics && ${topics}::text[] and effective_from < ${toDate}::date
        and (effective_until is null or effective_until >= ${fromDate}::date)
      order by effective_from desc, id limit 20`.execute(this.db);
    return result.rows.map((row) => ({
      id: row.id,
      title: row.title,
      topics: row.topics,
      effectiveFrom: row.effective_from,
    }));
  }
}
