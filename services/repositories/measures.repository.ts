// Measures and their versions, and the window sums of the rollups that the effect analysis compares. Bound to the
// database or to a transaction of the unit of work, so a watcher stores a measure version, its alert and its
// source's cursor in one transaction.
import { sql } from 'kysely';
import type { Db } from '../db/client.js';
import type { MeasureDirection, MeasureLevel, MeasureOrigin } from '../measures/measure-vocabulary.js';
import {
  fieldsJson,
  type Measure,
  type MeasureFields,
  type MeasureFilter,
  type MeasureVersion,
  type NewMeasure,
  type WindowBounds,
  type WindowSums,
} from '../measures/measure.js';
import { rollupColumnList, rollupSums, sumsOfRow, type RollupSumsRow } from './rollup-columns.js';

interface MeasureRow {
  id: string;
  version: number;
  level: MeasureLevel;
  region: string | null;
  municipality: string | null;
  title: string;
  summary: string | null;
  announced_on: string | null;
  effective_from: string;
  effective_until: string | null;
  topics: string[];
  direction: MeasureDirection;
  source_url: string | null;
  sources: string[];
  verified: boolean;
  note: string | null;
  origin: MeasureOrigin;
  source_id: string | null;
  external_id: string | null;
  publication_hash: string | null;
  content_hash: string;
  created_at: Date;
  updated_at: Date;
}

// Dates as text: pg would turn a date into a Date at local midnight of the server.
const COLUMNS = sql`id, version, level, region, municipality, title, summary, announced_on::text as announced_on,
  effective_from::text as effective_from, effective_until::text as effective_until, topics, direction, source_url,
  sources, verified, note, origin, source_id, external_id, publication_hash, content_hash, created_at, updated_at`;

function toMeasure(row: MeasureRow): Measure {
  return {
    id: row.id,
    version: row.version,
    level: row.level,
    region: row.region,
    municipality: row.municipality,
    title: row.title,
    summary: row.summary,
    announcedOn: row.announced_on,
    effectiveFrom: row.effective_from,
    effectiveUntil: row.effective_until,
    topics: row.topics,
    direction: row.direction,
    sourceUrl: row.source_url,
    sources: row.sources,
    verified: row.verified,
    note: row.note,
    origin: row.origin,
    sourceId: row.source_id,
    externalId: row.external_id,
    publicationHash: row.publication_hash,
    contentHash: row.content_hash,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

type WindowRow = RollupSumsRow & { i: string; topic: string };

export class MeasuresRepository {
  constructor(private readonly db: Db) {}

  async get(id: string): Promise<Measure | null> {
    const result = await sql<MeasureRow>`select ${COLUMNS} from measures where id = ${id}`.execute(this.db);
    const row = result.rows[0];
    return row ? toMeasure(row) : null;
  }

  /** Locks the row until the transaction ends, so two writers of one measure take turns. */
  async getForUpdate(id: string): Promise<Measure | null> {
    const result = await sql<MeasureRow>`select ${COLUMNS} from measures where id = ${id} for update`.execute(
      this.db,
    );
    const row = result.rows[0];
    return row ? toMeasure(row) : null;
  }

  async findByPublication(sourceId: string, externalId: string): Promise<Measure | null> {
    const result = await sql<MeasureRow>`
      select ${COLUMNS} from measures where source_id = ${sourceId} and external_id = ${externalId}`.execute(
      this.db,
    );
    const row = result.rows[0];
    return row ? toMeasure(row) : null;
  }

  async all(): Promise<Measure[]> {
    const result = await sql<MeasureRow>`select ${COLUMNS} from measures order by effective_from, id`.execute(
      this.db,
    );
    return result.rows.map(toMeasure);
  }

  async list(filter: MeasureFilter): Promise<Measure[]> {
    const start = sql`(effective_from::timestamp at time zone ${filter.timezone})`;
    const end = sql`((effective_until + 1)::timestamp at time zone ${filter.timezone})`;
    const from = filter.fromMs === null ? null : new Date(filter.fromMs).toISOString();
    const to = filter.toMs === null ? null : new Date(filter.toMs).toISOString();
    const result = await sql<MeasureRow>`
      select ${COLUMNS} from measures
      where (${from}::timestamptz is null or ${start} >= ${from}::timestamptz
             or (effective_until is not null and ${end} > ${from}::timestamptz))
        and (${to}::timestamptz is null or ${start} < ${to}::timestamptz)
        and (${filter.level}::text is null or level = ${filter.level})
        and (${filter.direction}::text is null or direction = ${filter.direction})
        and (${filter.topics === null}::boolean or topics && ${filter.topics ?? []}::text[])
      order by effective_from, id
      limit ${filter.limit}`.execute(this.db);
    return result.rows.map(toMeasure);
  }

  /** Measures in force at some moment of [from, to): taken effect before `to`, not ended by `from`; any of `topics`. */
  async inForce(filter: {
    fromMs: number;
    toMs: number;
    timezone: string;
    topics: readonly string[] | null;
    limit: number;
  }): Promise<Measure[]> {
    const start = sql`(effective_from::timestamp at time zone ${filter.timezone})`;
    const end = sql`((effective_until + 1)::timestamp at time zone ${filter.timezone})`;
    const result = await sql<MeasureRow>`
      select ${COLUMNS} from measures
      where ${start} < ${new Date(filter.toMs).toISOString()}::timestamptz
        and (effective_until is null or ${end} > ${new Date(filter.fromMs).toISOString()}::timestamptz)
        and (${filter.topics === null}::boolean or topics && ${filter.topics ?? []}::text[])
      order by effective_from desc, id
      limit ${filter.limit}`.execute(this.db);
    return result.rows.map(toMeasure).reverse();
  }

  /** Ids that start with the prefix: to make a new readable id unique. */
  async idsStartingWith(prefix: string): Promise<Set<string>> {
    const result = await sql<{ id: string }>`
      select id from measures where starts_with(id, ${prefix})`.execute(this.db);
    return new Set(result.rows.map((row) => row.id));
  }

  /** Inserts version 1; false when the id (or the publication) exists already. */
  async insert(measure: NewMeasure): Promise<boolean> {
    const f = measure.fields;
    const result = await sql<{ id: string }>`
      insert into measures (id, version, level, region, municipality, title, summary, announced_on, effective_from,
        effective_until, topics, direction, source_url, sources, verified, note, origin, source_id, external_id,
        publication_hash, content_hash)
      values (${measure.id}, 1, ${f.level}, ${f.region}, ${f.municipality}, ${f.title}, ${f.summary},
        ${f.announcedOn}::date, ${f.effectiveFrom}::date, ${f.effectiveUntil}::date, ${f.topics}::text[],
        ${f.direction}, ${f.sourceUrl}, ${f.sources}::text[], ${f.verified}, ${f.note}, ${measure.origin},
        ${measure.sourceId}, ${measure.externalId}, ${measure.publicationHash}, ${measure.contentHash})
      on conflict do nothing
      returning id`.execute(this.db);
    if (result.rows.length === 0) return false;
    await this.addVersion(measure.id, 1, f, [], measure.origin, measure.contentHash);
    return true;
  }

  /** Stores the next version if the measure is still at `expectedVersion`; returns the new version or null. */
  async update(
    id: string,
    expectedVersion: number,
    fields: MeasureFields,
    changed: string[],
    origin: MeasureOrigin,
    contentHash: string,
    publicationHash?: string | null,
  ): Promise<number | null> {
    const f = fields;
    const result = await sql<{ version: number }>`
      update measures set version = version + 1, level = ${f.level}, region = ${f.region},
        municipality = ${f.municipality}, title = ${f.title}, summary = ${f.summary},
        announced_on = ${f.announcedOn}::date, effective_from = ${f.effectiveFrom}::date,
        effective_until = ${f.effectiveUntil}::date, topics = ${f.topics}::text[], direction = ${f.direction},
        source_url = ${f.sourceUrl}, sources = ${f.sources}::text[], verified = ${f.verified}, note = ${f.note},
        origin = ${origin}, content_hash = ${contentHash},
        publication_hash = coalesce(${publicationHash ?? null}, publication_hash), updated_at = now()
      where id = ${id} and version = ${expectedVersion}
      returning version`.execute(this.db);
    const version = result.rows[0]?.version;
    if (version === undefined) return null;
    await this.addVersion(id, version, fields, changed, origin, contentHash);
    return version;
  }

  private async addVersion(
    id: string,
    version: number,
    fields: MeasureFields,
    changed: string[],
    origin: MeasureOrigin,
    contentHash: string,
  ): Promise<void> {
    await sql`
      insert into measure_versions (measure_id, version, data, changed, origin, content_hash)
      values (${id}, ${version}, ${JSON.stringify(fieldsJson(fields))}::jsonb, ${changed}::text[], ${origin},
        ${contentHash})`.execute(this.db);
  }

  /** A watcher's counters on its source row, like a poller's stored mentions: how many, and the newest. */
  async countStored(sourceId: string, stored: number, newest: Date | null): Promise<void> {
    if (stored === 0) return;
    await sql`
      update sources set items_stored = items_stored + ${stored},
        newest_item_at = greatest(newest_item_at, ${newest?.toISOString() ?? null}::timestamptz), updated_at = now()
      where id = ${sourceId}`.execute(this.db);
  }

  async versions(id: string): Promise<MeasureVersion[]> {
    const result = await sql<{
      version: number;
      data: Record<string, unknown>;
      changed: string[];
      origin: MeasureOrigin;
      recorded_at: Date;
    }>`
      select version, data, changed, origin, recorded_at from measure_versions
      where measure_id = ${id} order by version`.execute(this.db);
    return result.rows.map((row) => ({
      version: row.version,
      fields: fieldsFromJson(row.data),
      changed: row.changed,
      origin: row.origin,
      recordedAt: row.recorded_at,
    }));
  }

  /**
   * Sums of the exact 5-minute rollups of one source kind in each window, for each of the topics (`all` is one):
   * one query for all the windows of a measure. Naming the topics lets every (window, topic) pair be a range scan
   * of the rollups' primary key (source_kind, topic, bucket).
   */
  async windowSums(
    sourceKind: string,
    topics: readonly string[],
    windows: readonly WindowBounds[],
  ): Promise<WindowSums[]> {
    const froms = windows.map((w) => new Date(w.fromMs).toISOString());
    const tos = windows.map((w) => new Date(w.toMs).toISOString());
    const result = await sql<WindowRow>`
      select w.i::text as i, s.topic, ${rollupColumnList('s')}
      from unnest(${froms}::timestamptz[], ${tos}::timestamptz[]) with ordinality as w(f, t, i)
      cross join unnest(${[...topics]}::text[]) as k(topic)
      cross join lateral (
        select k.topic, ${rollupSums({ alias: 'r', coalesce: false })}
        from rollups_5m r
        where r.source_kind = ${sourceKind} and r.topic = k.topic and r.bucket >= w.f and r.bucket < w.t
      ) as s
      where s.n is not null`.execute(this.db);
    const out: WindowSums[] = windows.map(() => ({ byTopic: new Map() }));
    for (const row of result.rows) {
      out[Number(row.i) - 1]?.byTopic.set(row.topic, sumsOfRow(row));
    }
    return out;
  }

  /**
   * KCC questions (all channels) of one topic or all in each window, from the exact 5-minute question rollups, in
   * the order of `windows`.
   */
  async questionWindowCounts(topic: string, windows: readonly WindowBounds[]): Promise<number[]> {
    const froms = windows.map((w) => new Date(w.fromMs).toISOString());
    const tos = windows.map((w) => new Date(w.toMs).toISOString());
    const result = await sql<{ i: string; n: string }>`
      select w.i::text as i, coalesce(s.n, 0)::int8 as n
      from unnest(${froms}::timestamptz[], ${tos}::timestamptz[]) with ordinality as w(f, t, i)
      cross join lateral (
        select sum(r.n) as n from question_rollups_5m r
        where r.channel = 'all' and r.topic = ${topic} and r.bucket >= w.f and r.bucket < w.t
      ) as s
      order by w.i`.execute(this.db);
    return result.rows.map((row) => Number(row.n));
  }
}

function fieldsFromJson(data: Record<string, unknown>): MeasureFields {
  const text = (key: string) => (typeof data[key] === 'string' ? data[key] : null);
  const list = (key: string) => (Array.isArray(data[key]) ? (data[key] as string[]) : []);
  return {
    level: data.level as MeasureLevel,
    region: text('region'),
    municipality: text('municipality'),
    title: text('title') ?? '',
    summary: text('summary'),
    announcedOn: text('announced_on'),
    effectiveFrom: text('effective_from') ?? '',
    effectiveUntil: text('effective_until'),
    topics: list('topics'),
    direction: data.direction as MeasureDirection,
    sourceUrl: text('source_url'),
    sources: list('sources'),
    verified: data.verified !== false,
    note: text('note'),
  };
}
