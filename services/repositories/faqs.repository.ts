// The FAQ register's SQL: FAQs with their measure links, every change a version in the same transaction, the list
// with filters and a cursor, the published FAQs for the public pages, the stale flag set by a measure change (once
// per FAQ and measure version) and the outbox of notices to owners.
import { sql, type Transaction } from 'kysely';
import type { Db } from '../db/client.js';
import type { Database } from '../db/database.js';
import type {
  ClaimedFaqNotice,
  FaqFields,
  FaqListFilter,
  FaqNoticeRow,
  FaqRecord,
  FaqStatus,
  FaqVersion,
  FaqVersionOrigin,
  StaleCandidate,
} from '../faqs/faq.js';

type Executor = Db | Transaction<Database>;

interface FaqRow {
  id: string;
  external_id: string | null;
  version: number;
  question: string;
  answer: string;
  url: string | null;
  topics: string[];
  audience: string[];
  status: string;
  valid_from: string | null;
  valid_until: string | null;
  owner_user_id: string | null;
  owner_team: string | null;
  last_checked_at: Date | null;
  stale: boolean;
  stale_reason: string | null;
  stale_at: Date | null;
  stale_measure_id: string | null;
  created_at: Date;
  updated_at: Date;
  measure_ids: string[];
  measures_changed_at: Date | null;
}

const SELECT = sql`select f.id::text as id, f.external_id, f.version, f.question, f.answer, f.url, f.topics,
    f.audience, f.status, f.valid_from::text as valid_from, f.valid_until::text as valid_until,
    f.owner_user_id::text as owner_user_id, f.owner_team, f.last_checked_at, f.stale, f.stale_reason, f.stale_at,
    f.stale_measure_id, f.created_at, f.updated_at,
    coalesce((select array_agg(fm.measure_id order by fm.measure_id) from faq_measures fm where fm.faq_id = f.id),
      '{}') as measure_ids,
    (select max(m.updated_at) from faq_measures fm join measures m on m.id = fm.measure_id
      where fm.faq_id = f.id) as measures_changed_at
  from faqs f`;

function toRecord(row: FaqRow): FaqRecord {
  return {
    id: row.id,
    externalId: row.external_id,
    version: row.version,
    question: row.question,
    answer: row.answer,
    url: row.url,
    topics: row.topics,
    audience: row.audience as FaqRecord['audience'],
    status: row.status as FaqStatus,
    validFrom: row.valid_from,
    validUntil: row.valid_until,
    ownerUserId: row.owner_user_id,
    ownerTeam: row.owner_team,
    measureIds: row.measure_ids,
    lastCheckedAt: row.last_checked_at,
    stale:
      row.stale && row.stale_at !== null
        ? { reason: row.stale_reason ?? '', at: row.stale_at, measureId: row.stale_measure_id }
        : null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    measuresChangedAt: row.measures_changed_at,
  };
}

const iso = (date: Date) => date.toISOString();

export class FaqsRepository {
  constructor(private readonly db: Executor) {}

  /** Runs `fn` with a repository bound to one transaction. */
  transaction<T>(fn: (repository: FaqsRepository) => Promise<T>): Promise<T> {
    if (this.db.isTransaction) return fn(this);
    return this.db.transaction().execute((trx) => fn(new FaqsRepository(trx)));
  }

  /** Two imports take turns (inside a transaction), so the same file imported twice at once stores it once. */
  async lockImports(): Promise<void> {
    await sql`select pg_advisory_xact_lock(hashtext('onderstroom.faqs.import'))`.execute(this.db);
  }

  /**
   * The concept FAQ made from a gap cluster holding one of `questionIds`, if any; first takes the gap concepts' lock
   * (inside a transaction), so two clicks on one cluster take turns and the second finds the first's concept.
   */
  async lockedGapConceptOf(questionIds: readonly string[]): Promise<string | null> {
    await sql`select pg_advisory_xact_lock(hashtext('onderstroom.faqs.gap-concepts'))`.execute(this.db);
    if (questionIds.length === 0) return null;
    const result = await sql<{ faq_id: string }>`
      select faq_id::text as faq_id from faq_gap_concepts where question_id = any(${questionIds}::bigint[])
      order by created_at, question_id limit 1`.execute(this.db);
    return result.rows[0]?.faq_id ?? null;
  }

  async recordGapConcept(questionId: string, faqId: string, actor: string, at: Date): Promise<void> {
    await sql`insert into faq_gap_concepts (question_id, faq_id, created_by, created_at)
      values (${questionId}::bigint, ${faqId}::bigint, ${actor}, ${iso(at)}::timestamptz)`.execute(this.db);
  }

  /**
   * The concept FAQ made from an online gap cluster holding one of `mentionIds`, if any; takes the same lock as
   * `lockedGapConceptOf`, so two clicks on one online cluster take turns and the second finds the first's concept.
   */
  async lockedOnlineGapConceptOf(mentionIds: readonly string[]): Promise<string | null> {
    await sql`select pg_advisory_xact_lock(hashtext('onderstroom.faqs.gap-concepts'))`.execute(this.db);
    if (mentionIds.length === 0) return null;
    const result = await sql<{ faq_id: string }>`
      select faq_id::text as faq_id from faq_gap_online_concepts where mention_id = any(${mentionIds}::bigint[])
      order by created_at, mention_id limit 1`.execute(this.db);
    return result.rows[0]?.faq_id ?? null;
  }

  async recordOnlineGapConcept(
    mention: { id: string; postedAt: Date },
    faqId: string,
    actor: string,
    at: Date,
  ): Promise<void> {
    await sql`insert into faq_gap_online_concepts (mention_id, posted_at, faq_id, created_by, created_at)
      values (${mention.id}::bigint, ${iso(mention.postedAt)}::timestamptz, ${faqId}::bigint, ${actor},
        ${iso(at)}::timestamptz)`.execute(this.db);
  }

  async userExists(id: string): Promise<boolean> {
    if (!/^\d{1,18}$/.test(id)) return false;
    const result = await sql`select 1 from users where id = ${id}::bigint`.execute(this.db);
    return result.rows.length > 0;
  }

  async get(id: string): Promise<FaqRecord | null> {
    if (!/^\d{1,18}$/.test(id)) return null;
    const result = await sql<FaqRow>`${SELECT} where f.id = ${id}::bigint`.execute(this.db);
    return result.rows[0] ? toRecord(result.rows[0]) : null;
  }

  /** Locks the FAQ until the transaction ends, so two edits of one FAQ take turns. */
  async getForUpdate(id: string): Promise<FaqRecord | null> {
    if (!/^\d{1,18}$/.test(id)) return null;
    await sql`select 1 from faqs where id = ${id}::bigint for update`.execute(this.db);
    return this.get(id);
  }

  /** FAQs by their import id, locked (an import and an edit of the same FAQ take turns). */
  async byExternalIds(externalIds: readonly string[]): Promise<Map<string, FaqRecord>> {
    if (externalIds.length === 0) return new Map();
    await sql`select 1 from faqs where external_id = any(${externalIds}::text[]) for update`.execute(this.db);
    const result = await sql<FaqRow>`${SELECT} where f.external_id = any(${externalIds}::text[])`.execute(
      this.db,
    );
    return new Map(result.rows.map((row) => [row.external_id!, toRecord(row)]));
  }

  /** The ids among `ids` that are no measure. */
  async missingMeasures(ids: readonly string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const result = await sql<{ id: string }>`
      select x.id from unnest(${ids}::text[]) as x(id)
      where not exists (select 1 from measures m where m.id = x.id) order by x.id`.execute(this.db);
    return result.rows.map((row) => row.id);
  }

  async insert(
    fields: FaqFields,
    externalId: string | null,
    contentHash: string,
    actor: string,
    origin: FaqVersionOrigin,
    at: Date,
  ): Promise<string> {
    const inserted = await sql<{ id: string }>`
      insert into faqs (external_id, question, answer, url, topics, audience, status, valid_from, valid_until,
        owner_user_id, owner_team, content_hash, created_at, updated_at)
      values (${externalId}, ${fields.question}, ${fields.answer}, ${fields.url}, ${fields.topics}::text[],
        ${fields.audience}::text[], ${fields.status}, ${fields.validFrom}::date, ${fields.validUntil}::date,
        ${fields.ownerUserId}::bigint, ${fields.ownerTeam}, ${contentHash}, ${iso(at)}::timestamptz,
        ${iso(at)}::timestamptz)
      returning id::text as id`.execute(this.db);
    const id = inserted.rows[0]!.id;
    await this.linkMeasures(id, fields.measureIds);
    await this.addVersion(id, 1, fields, [], actor, origin, at);
    return id;
  }

  /** Stores `fields` as the next version of a locked FAQ. */
  async update(
    current: FaqRecord,
    fields: FaqFields,
    changed: readonly string[],
    contentHash: string,
    actor: string,
    origin: FaqVersionOrigin,
    at: Date,
  ): Promise<number> {
    const version = current.version + 1;
    await sql`
      update faqs set version = ${version}, question = ${fields.question}, answer = ${fields.answer},
        url = ${fields.url}, topics = ${fields.topics}::text[], audience = ${fields.audience}::text[],
        status = ${fields.status}, valid_from = ${fields.validFrom}::date, valid_until = ${fields.validUntil}::date,
        owner_user_id = ${fields.ownerUserId}::bigint, owner_team = ${fields.ownerTeam},
        content_hash = ${contentHash}, updated_at = ${iso(at)}::timestamptz
      where id = ${current.id}::bigint`.execute(this.db);
    if (changed.includes('measureIds')) {
      await sql`delete from faq_measures where faq_id = ${current.id}::bigint`.execute(this.db);
      await this.linkMeasures(current.id, fields.measureIds);
    }
    await this.addVersion(current.id, version, fields, changed, actor, origin, at);
    return version;
  }

  private async linkMeasures(faqId: string, measureIds: readonly string[]): Promise<void> {
    if (measureIds.length === 0) return;
    await sql`insert into faq_measures (faq_id, measure_id)
      select ${faqId}::bigint, m from unnest(${measureIds}::text[]) as m
      on conflict do nothing`.execute(this.db);
  }

  private async addVersion(
    faqId: string,
    version: number,
    fields: FaqFields,
    changed: readonly string[],
    actor: string,
    origin: FaqVersionOrigin,
    at: Date,
  ): Promise<void> {
    await sql`insert into faq_versions (faq_id, version, data, changed, actor, origin, recorded_at)
      values (${faqId}::bigint, ${version}, ${JSON.stringify(fields)}::jsonb, ${changed}::text[],
        ${actor}, ${origin}, ${iso(at)}::timestamptz)`.execute(this.db);
  }

  /**
   * Marks a locked FAQ as checked: last_checked_at set, the stale flag cleared, recorded as a version of the same
   * content (who checked, when).
   */
  async markChecked(current: FaqRecord, fields: FaqFields, actor: string, at: Date): Promise<number> {
    const version = current.version + 1;
    await sql`update faqs set version = ${version}, last_checked_at = ${iso(at)}::timestamptz, stale = false,
      stale_reason = null, stale_at = null, stale_measure_id = null, updated_at = ${iso(at)}::timestamptz
      where id = ${current.id}::bigint`.execute(this.db);
    await this.addVersion(current.id, version, fields, ['gecontroleerd'], actor, 'check', at);
    return version;
  }

  async versions(faqId: string): Promise<FaqVersion[]> {
    const result = await sql<{
      version: number;
      data: FaqFields;
      changed: string[];
      actor: string;
      origin: FaqVersionOrigin;
      recorded_at: Date;
    }>`select version, data, changed, actor, origin, recorded_at from faq_versions
      where faq_id = ${faqId}::bigint order by version desc`.execute(this.db);
    return result.rows.map((row) => ({
      version: row.version,
      data: row.data,
      changed: row.changed,
      actor: row.actor,
      origin: row.origin,
      recordedAt: row.recorded_at,
    }));
  }

  /** Changes whenever the set of published FAQs or one of them changes: the matcher rebuilds when it differs. */
  async publishedFingerprint(): Promise<string> {
    const result = await sql<{ fingerprint: string }>`
      select count(*)::text || ':' || coalesce(sum(version), 0)::text || ':'
        || coalesce(max(extract(epoch from updated_at)), 0)::text as fingerprint
      from faqs where status = 'gepubliceerd'`.execute(this.db);
    return result.rows[0]!.fingerprint;
  }

  async list(filter: FaqListFilter): Promise<FaqRecord[]> {
    const conditions = [sql`f.status = any(${filter.statuses}::text[])`];
    if (filter.topic !== null) conditions.push(sql`f.topics @> array[${filter.topic}]::text[]`);
    if (filter.q !== null) {
      const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      conditions.push(sql`(to_tsvector('dutch', f.question || ' ' || f.answer) @@ plainto_tsquery('dutch', ${filter.q})
        or f.question ilike ${like} or f.answer ilike ${like})`);
    }
    if (filter.afterId !== null) conditions.push(sql`f.id > ${filter.afterId}::bigint`);
    const where = sql.join(conditions, sql` and `);
    const needsCheck = filter.needsCheck
      ? sql`where r.stale or r.measures_changed_at > coalesce(r.last_checked_at, r.created_at)`
      : sql``;
    const result = await sql<FaqRow>`select * from (${SELECT} where ${where}) r ${needsCheck}
      order by r.id::bigint limit ${filter.limit}`.execute(this.db);
    return result.rows.map(toRecord);
  }

  /**
   * Published FAQs a measure change may have made stale: linked to the measure, on one of its topics, or whose text
   * has one of `terms` (Dutch full-text search). Locked, so a concurrent flag of the same FAQ waits.
   */
  async staleCandidates(
    measureId: string,
    measureVersion: number,
    topics: readonly string[],
    terms: readonly string[],
  ): Promise<StaleCandidate[]> {
    const tsquery =
      terms.length > 0 ? terms.map((term) => term.replace(/[^\p{L}\p{N}]/gu, '')).join(' | ') : '';
    const result = await sql<{
      id: string;
      question: string;
      owner_team: string | null;
      owner_user_team: string | null;
      owner_user_name: string | null;
      already: boolean;
    }>`
      select f.id::text as id, f.question, f.owner_team, u.team_id as owner_user_team, u.name as owner_user_name,
        exists (select 1 from faq_versions v where v.faq_id = f.id and v.origin = 'stale'
          and v.actor = ${`maatregel:${measureId}:${measureVersion}`}) as already
      from faqs f left join users u on u.id = f.owner_user_id
      where f.status = 'gepubliceerd' and (
        exists (select 1 from faq_measures fm where fm.faq_id = f.id and fm.measure_id = ${measureId})
        or f.topics && ${topics}::text[]
        or (${tsquery} <> '' and to_tsvector('dutch', f.question || ' ' || f.answer)
          @@ to_tsquery('dutch', nullif(${tsquery}, ''))))
      order by f.id
      for update of f`.execute(this.db);
    return result.rows.map((row) => ({
      id: row.id,
      question: row.question,
      ownerTeam: row.owner_team,
      ownerUserTeam: row.owner_user_team,
      ownerUserName: row.owner_user_name,
      alreadyFlagged: row.already,
    }));
  }

  /** Flags FAQs stale with the change, each flag a version (actor `maatregel:<id>:<version>`). */
  async flagStale(
    faqIds: readonly string[],
    reason: string,
    measureId: string,
    measureVersion: number,
    at: Date,
  ): Promise<void> {
    if (faqIds.length === 0) return;
    await sql`
      with flagged as (
        update faqs set stale = true, stale_reason = ${reason}, stale_at = ${iso(at)}::timestamptz,
          stale_measure_id = ${measureId}, version = version + 1, updated_at = ${iso(at)}::timestamptz
        where id = any(${faqIds}::bigint[])
        returning id, version, question, answer, url, topics, audience, status, valid_from, valid_until,
          owner_user_id, owner_team)
      insert into faq_versions (faq_id, version, data, changed, actor, origin, recorded_at)
      select f.id, f.version, jsonb_build_object('question', f.question, 'answer', f.answer, 'url', f.url,
          'topics', to_jsonb(f.topics), 'audience', to_jsonb(f.audience), 'status', f.status,
          'validFrom', f.valid_from::text, 'validUntil', f.valid_until::text,
          'ownerUserId', f.owner_user_id::text, 'ownerTeam', f.owner_team,
          'measureIds', coalesce((select jsonb_agg(fm.measure_id order by fm.measure_id) from faq_measures fm
            where fm.faq_id = f.id), '[]'::jsonb)),
        array['mogelijk verouderd'], ${`maatregel:${measureId}:${measureVersion}`}, 'stale', ${iso(at)}::timestamptz
      from flagged f`.execute(this.db);
  }

  /** Queues notices; one per FAQ, measure version and channel however often it is asked. */
  async queueNotices(rows: readonly FaqNoticeRow[], at: Date): Promise<number> {
    if (rows.length === 0) return 0;
    const result = await sql<{ id: string }>`
      insert into faq_notices (faq_id, measure_id, measure_version, channel_id, message, not_before)
      select * from unnest(${rows.map((row) => row.faqId)}::bigint[], ${rows.map((row) => row.measureId)}::text[],
        ${rows.map((row) => row.measureVersion)}::integer[], ${rows.map((row) => row.channelId)}::text[],
        ${rows.map((row) => JSON.stringify(row.message))}::jsonb[], ${rows.map(() => iso(at))}::timestamptz[])
      on conflict (faq_id, measure_id, measure_version, channel_id) do nothing
      returning id`.execute(this.db);
    return result.rows.length;
  }

  async claimDueNotices(now: Date, limit: number, leaseMs: number): Promise<ClaimedFaqNotice[]> {
    const result = await sql<{
      id: string;
      faq_id: string;
      channel_id: string;
      message: unknown;
      attempts: number;
      created_at: Date;
    }>`
      with due as (
        select id from faq_notices
        where (state = 'pending' and not_before <= ${iso(now)}::timestamptz)
           or (state = 'sending' and lease_until < ${iso(now)}::timestamptz)
        order by not_before, id limit ${limit}
        for update skip locked)
      update faq_notices n set state = 'sending', attempts = n.attempts + 1,
        lease_until = ${iso(new Date(now.getTime() + leaseMs))}::timestamptz
      from due where n.id = due.id
      returning n.id::text as id, n.faq_id::text as faq_id, n.channel_id, n.message, n.attempts, n.created_at`.execute(
      this.db,
    );
    return result.rows.map((row) => ({
      id: row.id,
      faqId: row.faq_id,
      channelId: row.channel_id,
      message: row.message,
      attempts: row.attempts,
      createdAt: row.created_at,
    }));
  }

  async markNoticeDelivered(id: string, at: Date): Promise<void> {
    await sql`update faq_notices set state = 'delivered', delivered_at = ${iso(at)}::timestamptz,
      lease_until = null, last_error = null where id = ${id}::bigint`.execute(this.db);
  }

  /** A failure: retried from `retryAt`, or given up when that is null. */
  async markNoticeFailed(id: string, error: string, retryAt: Date | null): Promise<void> {
    await sql`update faq_notices set state = ${retryAt === null ? 'failed' : 'pending'},
      not_before = coalesce(${retryAt === null ? null : iso(retryAt)}::timestamptz, not_before),
      lease_until = null, last_error = ${error.slice(0, 1000)} where id = ${id}::bigint`.execute(this.db);
  }

  async notices(faqId: string): Promise<{ measureId: string; channelId: string; state: string }[]> {
    const result = await sql<{ measure_id: string; channel_id: string; state: string }>`
      select measure_id, channel_id, state from faq_notices where faq_id = ${faqId}::bigint order by id`.execute(
      this.db,
    );
    return result.rows.map((row) => ({
      measureId: row.measure_id,
      channelId: row.channel_id,
      state: row.state,
    }));
  }
}
