// The question register's SQL: storing questions exactly once with their history, contact, notices and rollups in
// one transaction; the queue and one question; state changes under a row lock; overdue sweeps that escalate once;
// the notice outbox; and the retention of contact details and question text.
import { sql, type RawBuilder, type Transaction } from 'kysely';
import type { Db } from '../db/client.js';
import { QUESTION_ROLLUP_FIELDS, rollupIncrementSet } from './rollup-columns.js';
import { toWallClock } from '../time/zoned-time.js';
import type { Database } from '../db/database.js';
import { badRequest } from '../request-error.js';
import type {
  ClaimedNotice,
  NewQuestionRow,
  QuestionEventRecord,
  QuestionRecord,
} from '../questions/question-record.js';

type Executor = Db | Transaction<Database>;

interface QuestionRow {
  id: string;
  source: string;
  external_id: string;
  received_at: Date;
  channel: string;
  text: string | null;
  language: string;
  topics: string[];
  sentiment_score: number;
  sentiment_label: string;
  sentiment_model: string;
  status: string;
  team: string;
  assignee: string | null;
  due_at: Date;
  overdue_at: Date | null;
  escalated_at: Date | null;
  callback_wanted: boolean;
  callback_by: Date | null;
  answer: string | null;
  answered_how: string | null;
  answered_to: string | null;
  answered_at: Date | null;
  answered_faq_id: string | null;
  closed_at: Date | null;
  has_contact: boolean;
}

const SELECT = sql`select q.*, exists (select 1 from question_contacts c where c.question_id = q.id) as has_contact
  from questions q`;

function toRecord(row: QuestionRow): QuestionRecord {
  return {
    id: String(row.id),
    source: row.source,
    externalId: row.external_id,
    receivedAt: row.received_at,
    channel: row.channel,
    text: row.text,
    language: row.language,
    topics: row.topics,
    sentiment: { score: row.sentiment_score, label: row.sentiment_label, model: row.sentiment_model },
    status: row.status,
    team: row.team,
    assignee: row.assignee,
    dueAt: row.due_at,
    overdueAt: row.overdue_at,
    escalatedAt: row.escalated_at,
    callbackWanted: row.callback_wanted,
    callbackBy: row.callback_by,
    answer: row.answer,
    answeredHow: row.answered_how,
    answeredTo: row.answered_to,
    answeredAt: row.answered_at,
    answeredFaqId: row.answered_faq_id === null ? null : String(row.answered_faq_id),
    closedAt: row.closed_at,
    hasContact: row.has_contact,
  };
}

export interface QuestionFilter {
  fromMs: number | null;
  toMs: number | null;
  topic: string | null;
  status: string | null;
  team: string | null;
  overdue: boolean | null;
  limit: number;
  /** Continue after this (received_at, id), newest first. */
  after: { receivedAtMs: number; id: string } | null;
}

/** Fields a state change sets; undefined leaves a column as it is. */
export interface QuestionPatch {
  status?: string;
  team?: string;
  assignee?: string | null;
  dueAt?: Date;
  answer?: string;
  answeredHow?: string;
  answeredTo?: string | null;
  answeredAt?: Date;
  /** Null clears the link (a later answer without an FAQ); an id must be a published FAQ when the change commits. */
  answeredFaqId?: string | null;
  closedAt?: Date;
}

const iso = (date: Date) => date.toISOString();

/** A question's words as an alert quotes them. */
export interface QuestionText {
  text: string;
  channel: string;
  sentimentLabel: string;
  receivedAt: Date;
}

export class QuestionsRepository {
  constructor(private readonly db: Db) {}

  /**
   * Stores the questions not stored before (by source and external id), each with its events, contact, notices and
   * rollup increments, in one statement and so one transaction (one round trip: the rollup rows every concurrent
   * save shares stay locked only for the rest of that statement and its commit). Returns the rows that were new.
   */
  async store(
    rows: readonly NewQuestionRow[],
    now: Date,
  ): Promise<{ inserted: { id: string; source: string; externalId: string }[] }> {
    if (rows.length === 0) return { inserted: [] };
    const key = (source: string, externalId: string) => `${source}\u0000${externalId}`;
    // A question twice in one statement would be inserted once but counted twice; callers never send that.
    if (new Set(rows.map((row) => key(row.source, row.externalId))).size !== rows.length)
      throw new Error('questions.store: the same (source, external id) twice in one batch');
    // Inserted in (source, external id) order, so two batches with the same questions lock them in the same order
    // (no deadlock); rollup rows are upserted in (channel, topic, bucket) order for the same reason, compared
    // byte-wise ("C"), which sorts the same on every server and far cheaper than a language collation.
    const ordered = [...rows].sort((a, b) => {
      const ka = key(a.source, a.externalId);
      const kb = key(b.source, b.externalId);
      return ka < kb ? -1 : ka > kb ? 1 : 0;
    });
    const column = <T>(pick: (row: NewQuestionRow) => T): T[] => ordered.map(pick);
    const events = ordered.flatMap((row, ord) => row.events.map((event) => ({ ord, ...event })));
    const contacts = ordered.flatMap((row, ord) => (row.contact === null ? [] : [{ ord, ...row.contact }]));
    const notices = ordered.flatMap((row, ord) => row.notices.map((notice) => ({ ord, ...notice })));
    // Topic lists travel as one string each (unnest flattens nested arrays); unit separator, never in a topic id.
    const SEP = '\u001f';
    const at = iso(now);
    // Not upsertIncrementsSql: these counts are aggregated in SQL from the rows this statement inserted (`fresh`), per
    // channel rather than source kind, so only the column table and the conflict clause are shared with mentions.
    const rollup = (table: 'question_rollups_5m' | 'question_rollups_1h', step: string) => {
      const t = sql.table(table);
      return sql`insert into ${t} (channel, topic, bucket, n, n_pos, n_neu, n_neg, score_sum)
        select c.channel collate "C", tp.topic collate "C",
          date_bin(${step}::interval, fresh.received_at, 'epoch'::timestamptz), count(*),
          count(*) filter (where fresh.label = 'positive'), count(*) filter (where fresh.label = 'neutral'),
          count(*) filter (where fresh.label = 'negative'), sum(fresh.score_milli)
        from fresh
          cross join lateral unnest(array[fresh.channel, 'all']) as c(channel)
          cross join lateral (select distinct x from unnest(array['all'] || fresh.topic_list) as x) as tp(topic)
        group by 1, 2, 3
        order by 1, 2, 3
        on conflict (channel, topic, bucket) do update set ${rollupIncrementSet(table, QUESTION_ROLLUP_FIELDS)}`;
    };
    // One statement: the unique (source, external_id) decides which are new, under concurrency too, and only those
    // get events, contact, notices and counts. Scores are counted in thousandths so sums stay exact integers.
    const result = await sql<{ id: string; source: string; external_id: string }>`
      with input as (
        select * from unnest(${column((r) => r.source)}::text[], ${column((r) => r.externalId)}::text[],
          ${column((r) => iso(r.receivedAt))}::timestamptz[], ${column((r) => r.channel)}::text[],
          ${column((r) => r.text)}::text[], ${column((r) => r.language)}::text[],
          ${column((r) => r.topics.join(SEP))}::text[], ${column((r) => r.sentimentScore)}::real[],
          ${column((r) => Math.round(r.sentimentScore * 1000))}::int[],
          ${column((r) => r.sentimentLabel)}::text[], ${column((r) => r.sentimentModel)}::text[],
          ${column((r) => r.team)}::text[], ${column((r) => iso(r.dueAt))}::timestamptz[],
          ${column((r) => r.callbackWanted)}::boolean[],
          ${column((r) => (r.callbackBy === null ? null : iso(r.callbackBy)))}::timestamptz[])
          with ordinality as u(source, external_id, received_at, channel, text, language, topics, score, score_milli,
            label, model, team, due_at, callback_wanted, callback_by, ord)),
      ins as (
        insert into questions (source, external_id, received_at, channel, text, language, topics, sentiment_score,
          sentiment_label, sentiment_model, status, team, due_at, callback_wanted, callback_by)
        select source, external_id, received_at, channel, text, language, string_to_array(topics, ${SEP}), score,
          label, model, 'doorgestuurd', team, due_at, callback_wanted, callback_by
        from input order by ord
        on conflict (source, external_id) do nothing
        returning id, source, external_id),
      fresh as (
        select ins.id, (input.ord - 1)::int as ord, input.received_at, input.channel, input.label, input.score_milli,
          string_to_array(input.topics, ${SEP}) as topic_list
        from ins join input using (source, external_id)),
      events as (
        insert into question_events (question_id, at, actor, type, detail)
        select fresh.id, ${at}::timestamptz, e.actor, e.type, e.detail::jsonb
        from unnest(${events.map((e) => e.ord)}::int[], ${events.map((e) => e.actor)}::text[],
            ${events.map((e) => e.type)}::text[], ${events.map((e) => JSON.stringify(e.detail))}::text[])
            with ordinality as e(ord, actor, type, detail, seq)
          join fresh using (ord)
        order by e.seq),
      contacts as (
        insert into question_contacts (question_id, name, phone, email)
        select fresh.id, c.name, c.phone, c.email
        from unnest(${contacts.map((c) => c.ord)}::int[], ${contacts.map((c) => c.name)}::text[],
            ${contacts.map((c) => c.phone)}::text[], ${contacts.map((c) => c.email)}::text[])
            as c(ord, name, phone, email)
          join fresh using (ord)),
      notices as (
        insert into question_notices (question_id, kind, channel_id, message, not_before)
        select fresh.id, n.kind, n.channel_id, n.message::jsonb, ${at}::timestamptz
        from unnest(${notices.map((n) => n.ord)}::int[], ${notices.map((n) => n.kind)}::text[],
            ${notices.map((n) => n.channelId)}::text[], ${notices.map((n) => JSON.stringify(n.message))}::text[])
            with ordinality as n(ord, kind, channel_id, message, seq)
          join fresh using (ord)
        order by n.seq
        on conflict (question_id, kind, channel_id) do nothing),
      fine as (${rollup('question_rollups_5m', '5 minutes')}),
      hourly as (${rollup('question_rollups_1h', '1 hour')})
      select id, source, external_id from ins`.execute(this.db);
    const stored = new Map(result.rows.map((row) => [key(row.source, row.external_id), String(row.id)]));
    return {
      inserted: rows.flatMap((row) => {
        const id = stored.get(key(row.source, row.externalId));
        return id === undefined ? [] : [{ id, source: row.source, externalId: row.externalId }];
      }),
    };
  }

  private async appendEvent(
    trx: Executor,
    questionId: string,
    at: Date,
    event: { actor: string; type: string; detail: Record<string, unknown> },
  ): Promise<void> {
    await sql`insert into question_events (question_id, at, actor, type, detail)
      values (${questionId}, ${iso(at)}::timestamptz, ${event.actor}, ${event.type}, ${JSON.stringify(event.detail)}::jsonb)`.execute(
      trx,
    );
  }

  private async enqueueNotice(
    trx: Executor,
    questionId: string,
    notice: { kind: string; channelId: string; message: unknown },
    now: Date,
  ): Promise<void> {
    await sql`insert into question_notices (question_id, kind, channel_id, message, not_before)
      values (${questionId}, ${notice.kind}, ${notice.channelId}, ${JSON.stringify(notice.message)}::jsonb,
        ${iso(now)}::timestamptz)
      on conflict (question_id, kind, channel_id) do nothing`.execute(trx);
  }

  async list(filter: QuestionFilter): Promise<QuestionRecord[]> {
    const where = [sql`true`];
    if (filter.fromMs !== null)
      where.push(sql`q.received_at >= ${iso(new Date(filter.fromMs))}::timestamptz`);
    if (filter.toMs !== null) where.push(sql`q.received_at < ${iso(new Date(filter.toMs))}::timestamptz`);
    // Containment, not "= any", so the topics' GIN index can answer it.
    if (filter.topic !== null) where.push(sql`q.topics @> array[${filter.topic}]::text[]`);
    if (filter.status !== null) where.push(sql`q.status = ${filter.status}`);
    if (filter.team !== null) where.push(sql`q.team = ${filter.team}`);
    if (filter.overdue === true) where.push(sql`q.overdue_at is not null and q.closed_at is null`);
    if (filter.overdue === false) where.push(sql`(q.overdue_at is null or q.closed_at is not null)`);
    if (filter.after !== null) {
      where.push(
        sql`(q.received_at, q.id) < (${iso(new Date(filter.after.receivedAtMs))}::timestamptz, ${filter.after.id}::bigint)`,
      );
    }
    const result = await sql<QuestionRow>`${SELECT} where ${sql.join(where, sql` and `)}
      order by q.received_at desc, q.id desc limit ${filter.limit}`.execute(this.db);
    return result.rows.map(toRecord);
  }

  /**
   * The words of the questions received in [from, to) (on one topic, or all), newest first, for the alert that a
   * burst of them raises: text, channel, sentiment and time only. Never a contact detail, never a person.
   */
  async alertTexts(filter: {
    fromMs: number;
    toMs: number;
    topic: string | null;
    limit: number;
  }): Promise<QuestionText[]> {
    const result = await sql<{ text: string; channel: string; sentiment_label: string; received_at: Date }>`
      select q.text, q.channel, q.sentiment_label, q.received_at from questions q
      where q.received_at >= ${iso(new Date(filter.fromMs))}::timestamptz
        and q.received_at < ${iso(new Date(filter.toMs))}::timestamptz
        and q.text is not null ${filter.topic === null ? sql`` : sql`and ${filter.topic} = any (q.topics)`}
      order by q.received_at desc, q.id desc limit ${filter.limit}`.execute(this.db);
    return result.rows.map((row) => ({
      text: row.text,
      channel: row.channel,
      sentimentLabel: row.sentiment_label,
      receivedAt: row.received_at,
    }));
  }

  async get(id: string): Promise<QuestionRecord | null> {
    const result = await sql<QuestionRow>`${SELECT} where q.id = ${id}::bigint`.execute(this.db);
    return result.rows[0] ? toRecord(result.rows[0]) : null;
  }

  async history(id: string): Promise<QuestionEventRecord[]> {
    const result = await sql<{
      id: string;
      at: Date;
      actor: string;
      type: string;
      detail: Record<string, unknown>;
    }>`
      select id, at, actor, type, detail from question_events where question_id = ${id}::bigint order by id`.execute(
      this.db,
    );
    return result.rows.map((row) => ({ ...row, id: String(row.id) }));
  }

  /**
   * Changes one question under a row lock: `decide` sees the current state and returns the change and its event (or
   * throws, and nothing changes). Notices it returns are queued in the same transaction.
   */
  async change(
    id: string,
    now: Date,
    decide: (current: QuestionRecord) => {
      patch: QuestionPatch;
      event: { actor: string; type: string; detail: Record<string, unknown> };
      notices?: { kind: 'routed'; channelId: string; message: unknown }[];
    },
  ): Promise<QuestionRecord | null> {
    return this.db.transaction().execute(async (trx) => {
      const locked = await sql<QuestionRow>`${SELECT} where q.id = ${id}::bigint for update of q`.execute(
        trx,
      );
      if (!locked.rows[0]) return null;
      const { patch, event, notices } = decide(toRecord(locked.rows[0]));
      const sets = [];
      if (patch.status !== undefined) sets.push(sql`status = ${patch.status}`);
      if (patch.team !== undefined) sets.push(sql`team = ${patch.team}`);
      if (patch.assignee !== undefined) sets.push(sql`assignee = ${patch.assignee}`);
      if (patch.dueAt !== undefined)
        sets.push(sql`due_at = ${iso(patch.dueAt)}::timestamptz, overdue_at = null`);
      if (patch.answer !== undefined) sets.push(sql`answer = ${patch.answer}`);
      if (patch.answeredHow !== undefined) sets.push(sql`answered_how = ${patch.answeredHow}`);
      if (patch.answeredTo !== undefined) sets.push(sql`answered_to = ${patch.answeredTo}`);
      if (patch.answeredAt !== undefined) sets.push(sql`answered_at = ${iso(patch.answeredAt)}::timestamptz`);
      if (patch.closedAt !== undefined) sets.push(sql`closed_at = ${iso(patch.closedAt)}::timestamptz`);
      if (patch.answeredFaqId !== undefined) {
        // Checked again under a share lock: an FAQ unpublished since the service looked at it is refused here,
        // and nothing of the change is stored.
        if (patch.answeredFaqId !== null) {
          const faq = await sql`select 1 from faqs where id = ${patch.answeredFaqId}::bigint
            and status = 'gepubliceerd' for share`.execute(trx);
          if (faq.rows.length === 0)
            throw badRequest(`faq_id: FAQ ${patch.answeredFaqId} is not published (any more)`);
        }
        sets.push(sql`answered_faq_id = ${patch.answeredFaqId}::bigint`);
      }
      if (sets.length > 0)
        await sql`update questions set ${sql.join(sets, sql`, `)} where id = ${id}::bigint`.execute(trx);
      await this.appendEvent(trx, id, now, event);
      for (const notice of notices ?? []) await this.enqueueNotice(trx, id, notice, now);
      const after = await sql<QuestionRow>`${SELECT} where q.id = ${id}::bigint`.execute(trx);
      return toRecord(after.rows[0]!);
    });
  }

  /**
   * Flags open questions past their due time and escalates each exactly once: the flag, the event and the notices
   * to the coordinator's channels commit together, and a flagged question is never picked again.
   */
  async escalateOverdue(
    now: Date,
    limit: number,
    notices: (question: QuestionRecord) => { channelId: string; message: unknown }[],
  ): Promise<QuestionRecord[]> {
    return this.db.transaction().execute(async (trx) => {
      const due = await sql<{ id: string }>`
        update questions set overdue_at = ${iso(now)}::timestamptz, escalated_at = ${iso(now)}::timestamptz
        where id in (
          select id from questions
          where escalated_at is null and answered_at is null and closed_at is null
            and due_at <= ${iso(now)}::timestamptz
          order by due_at, id limit ${limit} for update skip locked)
        returning id`.execute(trx);
      const escalated: QuestionRecord[] = [];
      for (const { id } of due.rows) {
        const row = await sql<QuestionRow>`${SELECT} where q.id = ${id}`.execute(trx);
        const question = toRecord(row.rows[0]!);
        await this.appendEvent(trx, question.id, now, {
          actor: 'systeem',
          type: 'escalated',
          detail: { due_at: question.dueAt.toISOString() },
        });
        for (const notice of notices(question))
          await this.enqueueNotice(trx, question.id, { kind: 'escalated', ...notice }, now);
        escalated.push(question);
      }
      return escalated;
    });
  }

  async readContact(
    id: string,
  ): Promise<{ name: string | null; phone: string | null; email: string | null } | null> {
    const result = await sql<{ name: string | null; phone: string | null; email: string | null }>`
      select name, phone, email from question_contacts where question_id = ${id}::bigint`.execute(this.db);
    return result.rows[0] ?? null;
  }

  /** Deletes the contact details of questions closed before `closedBefore`; returns how many. */
  async deleteContactsClosedBefore(closedBefore: Date): Promise<number> {
    const result = await sql`delete from question_contacts c using questions q
      where q.id = c.question_id and q.closed_at is not null and q.closed_at < ${iso(closedBefore)}::timestamptz`.execute(
      this.db,
    );
    return Number(result.numAffectedRows ?? 0);
  }

  /** Clears the text of questions received before `receivedBefore` (the raw-text retention); counts stay. */
  async expireTextReceivedBefore(receivedBefore: Date, now: Date): Promise<number> {
    const result =
      await sql`update questions set text = null, answer = null, text_expired_at = ${iso(now)}::timestamptz
      where text is not null and received_at < ${iso(receivedBefore)}::timestamptz`.execute(this.db);
    return Number(result.numAffectedRows ?? 0);
  }

  async claimDueNotices(now: Date, limit: number, leaseMs: number): Promise<ClaimedNotice[]> {
    const result = await sql<{
      id: string;
      question_id: string;
      kind: string;
      channel_id: string;
      message: unknown;
      attempts: number;
      created_at: Date;
    }>`
      with due as (
        select id from question_notices
        where (state = 'pending' and not_before <= ${iso(now)}::timestamptz)
           or (state = 'sending' and lease_until < ${iso(now)}::timestamptz)
        order by not_before, id limit ${limit}
        for update skip locked)
      update question_notices n set state = 'sending', attempts = n.attempts + 1,
        lease_until = ${iso(new Date(now.getTime() + leaseMs))}::timestamptz
      from due where n.id = due.id
      returning n.id, n.question_id, n.kind, n.channel_id, n.message, n.attempts, n.created_at`.execute(
      this.db,
    );
    return result.rows.map((row) => ({
      id: String(row.id),
      questionId: String(row.question_id),
      kind: row.kind,
      channelId: row.channel_id,
      message: row.message,
      attempts: row.attempts,
      createdAt: row.created_at,
    }));
  }

  async markNoticeDelivered(id: string, at: Date): Promise<void> {
    await sql`update question_notices set state = 'delivered', delivered_at = ${iso(at)}::timestamptz,
      lease_until = null, last_error = null where id = ${id}::bigint`.execute(this.db);
  }

  /** A failure: retried from `retryAt`, or given up when that is null. */
  async markNoticeFailed(id: string, error: string, retryAt: Date | null): Promise<void> {
    await sql`update question_notices set state = ${retryAt === null ? 'failed' : 'pending'},
      not_before = coalesce(${retryAt === null ? null : iso(retryAt)}::timestamptz, not_before),
      lease_until = null, last_error = ${error.slice(0, 1000)} where id = ${id}::bigint`.execute(this.db);
  }

  async notices(questionId: string): Promise<{ kind: string; channelId: string; state: string }[]> {
    const result = await sql<{ kind: string; channel_id: string; state: string }>`
      select kind, channel_id, state from question_notices where question_id = ${questionId}::bigint
      order by id`.execute(this.db);
    return result.rows.map((row) => ({ kind: row.kind, channelId: row.channel_id, state: row.state }));
  }

  /**
   * Question counts per bucket, every bucket present (zeros filled): 5 minutes and hours from their own rollups, local
   * days (in `timeZone`) as sums of the hourly rollups.
   */
  async series(
    query: QuestionSeriesQuery,
  ): Promise<{ time: number; n: number; nNeg: number; scoreSum: number }[]> {
    const g = questionGrid(query);
    const result = await sql<{ t: Date; n: string; n_neg: string; score_sum: string }>`
      with g as (${g.buckets}),
      r as (
        select ${g.bin} as t, sum(n)::int8 as n, sum(n_neg)::int8 as n_neg, sum(score_sum)::int8 as score_sum
        from (${g.rows(sql`channel = ${query.channel} and topic = ${query.topic}`)}) as s
        group by 1)
      select g.t, coalesce(r.n, 0) as n, coalesce(r.n_neg, 0) as n_neg, coalesce(r.score_sum, 0) as score_sum
      from g left join r on r.t = g.t order by g.t`.execute(this.db);
    return result.rows.map((row) => ({
      time: row.t.getTime(),
      n: Number(row.n),
      nNeg: Number(row.n_neg),
      scoreSum: Number(row.score_sum),
    }));
  }

  /**
   * Question counts per bucket and key (each topic of `keys` for one channel, or each channel for one topic), every
   * bucket and key present, ordered by time then key.
   */
  async seriesByKey(
    query: QuestionSeriesQuery & { by: 'topic' | 'channel'; keys: readonly string[] },
  ): Promise<{ time: number; key: string; n: number }[]> {
    if (query.keys.length === 0) return [];
    const g = questionGrid(query);
    const key = query.by === 'topic' ? sql.ref('topic') : sql.ref('channel');
    const fixed = query.by === 'topic' ? sql`channel = ${query.channel}` : sql`topic = ${query.topic}`;
    const result = await sql<{ t: Date; key: string; n: string }>`
      with g as (${g.buckets}),
      r as (
        select ${g.bin} as t, ${key} as key, sum(n)::int8 as n
        from (${g.rows(sql`${fixed} and ${key} = any(${[...query.keys]}::text[])`)}) as s
        group by 1, 2)
      select g.t, k.key, coalesce(r.n, 0) as n
      from g cross join unnest(${[...query.keys]}::text[]) as k(key)
      left join r on r.t = g.t and r.key = k.key
      order by g.t, k.key`.execute(this.db);
    return result.rows.map((row) => ({ time: row.t.getTime(), key: row.key, n: Number(row.n) }));
  }

  /**
   * Per team, the questions open now (no answer, not closed) and of those the ones past their due time at `now`.
   * Counts only; teams without open questions are not returned.
   */
  async openByTeam(now: Date): Promise<{ team: string; open: number; overdue: number }[]> {
    const result = await sql<{ team: string; open: string; overdue: string }>`
      select team, count(*) as open, count(*) filter (where due_at <= ${iso(now)}::timestamptz) as overdue
      from questions where answered_at is null and closed_at is null
      group by team order by team`.execute(this.db);
    return result.rows.map((row) => ({
      team: row.team,
      open: Number(row.open),
      overdue: Number(row.overdue),
    }));
  }

  /**
   * Per team, the questions answered in [from, to) and the median time from receiving to answering them, in
   * seconds. The team is the one that holds the question now (a reassigned question counts for its last team).
   */
  async answerTimesByTeam(
    fromMs: number,
    toMs: number,
  ): Promise<{ team: string; answered: number; medianSeconds: number }[]> {
    const result = await sql<{ team: string; answered: string; median_seconds: number }>`
      select team, count(*) as answered,
        percentile_cont(0.5) within group (order by extract(epoch from answered_at - received_at)) as median_seconds
      from questions
      where answered_at >= ${iso(new Date(fromMs))}::timestamptz and answered_at < ${iso(new Date(toMs))}::timestamptz
      group by team order by team`.execute(this.db);
    return result.rows.map((row) => ({
      team: row.team,
      answered: Number(row.answered),
      medianSeconds: Number(row.median_seconds),
    }));
  }

  /** Rollup counts per bucket for one channel (or all) and topic (or all), for series and tests. */
  async rollups(
    resolution: '5m' | '1h',
    channel: string,
    topic: string,
    fromMs: number,
    toMs: number,
  ): Promise<{ time: number; n: number; nPos: number; nNeu: number; nNeg: number; scoreSum: number }[]> {
    const table = sql.table(resolution === '5m' ? 'question_rollups_5m' : 'question_rollups_1h');
    const result = await sql<{
      bucket: Date;
      n: number;
      n_pos: number;
      n_neu: number;
      n_neg: number;
      score_sum: string;
    }>`
      select bucket, n, n_pos, n_neu, n_neg, score_sum from ${table}
      where channel = ${channel} and topic = ${topic}
        and bucket >= ${iso(new Date(fromMs))}::timestamptz and bucket < ${iso(new Date(toMs))}::timestamptz
      order by bucket`.execute(this.db);
    return result.rows.map((row) => ({
      time: row.bucket.getTime(),
      n: row.n,
      nPos: row.n_pos,
      nNeu: row.n_neu,
      nNeg: row.n_neg,
      scoreSum: Number(row.score_sum),
    }));
  }
}

export interface QuestionSeriesQuery {
  channel: string;
  topic: string;
  fromMs: number;
  toMs: number;
  interval: '5m' | '1h' | '1d';
  timeZone: string;
}

/** The buckets of a question series, the rollup rows that cover its range, and how a rollup row is binned. */
function questionGrid(query: QuestionSeriesQuery) {
  // The 5-minute buckets that start in [from, to) are counted at every interval, so every interval sums alike;
  // local days start at `from` (local midnight for a date alone), none before it and none at or after `to`.
  const fromMs = Math.floor(query.fromMs / 300_000) * 300_000;
  const toMs = Math.ceil(query.toMs / 300_000) * 300_000;
  const from = iso(new Date(fromMs));
  const to = iso(new Date(toMs));
  const buckets =
    query.interval === '1d'
      ? sql`select greatest(d at time zone ${query.timeZone}, ${from}::timestamptz) as t
          from generate_series(date_trunc('day', ${from}::timestamptz, ${query.timeZone}) at time zone ${query.timeZone},
            ${to}::timestamptz at time zone ${query.timeZone} - interval '1 microsecond', interval '1 day') as d`
      : sql`select t from generate_series(
          to_timestamp(floor(extract(epoch from ${iso(new Date(query.fromMs))}::timestamptz) / ${query.interval === '5m' ? 300 : 3600}) * ${query.interval === '5m' ? 300 : 3600}),
          ${iso(new Date(query.toMs))}::timestamptz - interval '1 microsecond', ${query.interval === '5m' ? sql`interval '5 minutes'` : sql`interval '1 hour'`}) as t`;
  // The whole hours inside the range come from the hourly rollups and the 5-minute buckets at its edges from their
  // own, so a range Grafana starts at any minute still reads hours. Local days are sums of hours only where local
  // midnight falls on a whole UTC hour (the zone's offset is whole hours at both ends); otherwise 5-minute rows.
  const hourFrom = Math.ceil(fromMs / 3_600_000) * 3_600_000;
  const hourTo = Math.floor(toMs / 3_600_000) * 3_600_000;
  const wholeOffsets = [fromMs, toMs].every((ms) => (toWallClock(ms, query.timeZone) - ms) % 3_600_000 === 0);
  const hourly = query.interval !== '5m' && hourFrom < hourTo && (query.interval === '1h' || wholeOffsets);
  const columns = sql`channel, topic, bucket, n, n_neg, score_sum`;
  const rows = (where: RawBuilder<unknown>): RawBuilder<unknown> =>
    hourly
      ? sql`select ${columns} from question_rollups_1h
            where ${where} and bucket >= ${iso(new Date(hourFrom))}::timestamptz and bucket < ${iso(new Date(hourTo))}::timestamptz
          union all
          select ${columns} from question_rollups_5m
            where ${where} and ((bucket >= ${from}::timestamptz and bucket < ${iso(new Date(hourFrom))}::timestamptz)
              or (bucket >= ${iso(new Date(hourTo))}::timestamptz and bucket < ${to}::timestamptz))`
      : sql`select ${columns} from question_rollups_5m
            where ${where} and bucket >= ${from}::timestamptz and bucket < ${to}::timestamptz`;
  const bin =
    query.interval === '1d'
      ? sql`greatest(date_trunc('day', bucket, ${query.timeZone}), ${from}::timestamptz)`
      : query.interval === '1h'
        ? sql`date_bin('1 hour', bucket, 'epoch'::timestamptz)`
        : sql`bucket`;
  return { buckets, rows, bin };
}
