// Sources: every origin of mentions (configured pollers, import presets, push sources) has a row with its state.
import { sql, type Transaction } from 'kysely';
import type { Db } from '../db/client.js';
import type { Database } from '../db/database.js';
import {
  LeaseLostError,
  type LeaseResult,
  type PollState,
  type SourceRecord,
  type SourceState,
} from '../sources/source-state.js';

interface PollStateRow {
  id: string;
  kind: string;
  enabled: boolean;
  state: SourceState;
  cursor: unknown;
  consecutive_failures: number;
  lease_owner: string | null;
  lease_until: Date | null;
  backoff_until: Date | null;
  last_poll_at: Date | null;
  last_error_kind: string | null;
}

export class SourcesRepository {
  constructor(private readonly db: Db) {}

  /** Creates the source row if it does not exist; a kind change of an existing id is refused. */
  async ensure(id: string, kind: string, settings: Record<string, unknown> = {}): Promise<void> {
    const row = await this.db
      .insertInto('sources')
      .values({ id, kind, settings: JSON.stringify(settings) })
      .onConflict((oc) =>
        oc.column('id').doUpdateSet({ settings: JSON.stringify(settings), updated_at: sql`now()` }),
      )
      .returning(['kind'])
      .executeTakeFirstOrThrow();
    if (row.kind !== kind) {
      throw new Error(`source "${id}" already exists with kind "${row.kind}", not "${kind}"`);
    }
  }

  async list(): Promise<SourceRecord[]> {
    const rows = await this.db
      .selectFrom('sources')
      .selectAll()
      .select(sql<Date | null>`coverage_from`.as('coverage_from'))
      .orderBy('id')
      .execute();
    return rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      enabled: row.enabled,
      state: row.state,
      lastSuccessAt: row.last_success_at,
      lastErrorAt: row.last_error_at,
      lastError: row.last_error,
      consecutiveFailures: row.consecutive_failures,
      itemsStored: Number(row.items_stored),
      newestItemAt: row.newest_item_at,
      nextPollAt: row.next_poll_at,
      coverageFrom: row.coverage_from,
    }));
  }

  async kinds(): Promise<string[]> {
    const rows = await this.db.selectFrom('sources').select('kind').distinct().orderBy('kind').execute();
    return rows.map((row) => row.kind);
  }

  /** Configured sources get their row; enabled follows the config, and a disabled source says so in its state. */
  async syncConfigured(sources: readonly { id: string; kind: string; enabled: boolean }[]): Promise<void> {
    for (const source of sources) {
      await this.ensure(source.id, source.kind);
      await sql`
        update sources set enabled = ${source.enabled},
          state = case when not ${source.enabled} then 'disabled' when state = 'disabled' then 'idle' else state end
        where id = ${source.id}`.execute(this.db);
    }
  }

  async pollState(id: string): Promise<PollState | null> {
    const result = await sql<PollStateRow>`
      select id, kind, enabled, state, cursor, consecutive_failures, lease_owner, lease_until, backoff_until,
        last_poll_at, last_error_kind
      from sources where id = ${id}`.execute(this.db);
    const row = result.rows[0];
    return row === undefined ? null : toPollState(row);
  }

  async pollStates(): Promise<PollState[]> {
    const result = await sql<PollStateRow>`
      select id, kind, enabled, state, cursor, consecutive_failures, lease_owner, lease_until, backoff_until,
        last_poll_at, last_error_kind
      from sources order by id`.execute(this.db);
    return result.rows.map(toPollState);
  }

  /**
   * Takes the poll lease when it is free (or expired) and the source is not backing off. Postgres decides, so two
   * workers (or a slow poll and the next scheduled one) never poll one source at once. The owner is one poll
   * (a job), never a whole process, and a held lease does not let its owner in again.
   */
  async acquireLease(id: string, owner: string, leaseMs: number): Promise<LeaseResult> {
    const taken = await sql<{ cursor: unknown; consecutive_failures: number }>`
      update sources set lease_owner = ${owner},
        lease_until = clock_timestamp() + make_interval(secs => ${leaseMs / 1000}),
        last_poll_at = clock_timestamp()
      where id = ${id}
        and (lease_until is null or lease_until < clock_timestamp())
        and (backoff_until is null or backoff_until <= clock_timestamp())
      returning cursor, consecutive_failures`.execute(this.db);
    const row = taken.rows[0];
    if (row) return { acquired: true, cursor: row.cursor, consecutiveFailures: row.consecutive_failures };
    const state = await this.pollState(id);
    if (state === null) return { acquired: false, reason: 'missing', until: null };
    if (state.backoffUntil !== null && state.backoffUntil > new Date()) {
      return { acquired: false, reason: 'backing_off', until: state.backoffUntil };
    }
    return { acquired: false, reason: 'leased', until: state.leaseUntil };
  }

  async renewLease(id: string, owner: string, leaseMs: number): Promise<boolean> {
    const result = await sql`
      update sources set lease_until = clock_timestamp() + make_interval(secs => ${leaseMs / 1000})
      where id = ${id} and lease_owner = ${owner}`.execute(this.db);
    return Number(result.numAffectedRows ?? 0n) > 0;
  }

  async releaseLease(id: string, owner: string): Promise<void> {
    await sql`update sources set lease_owner = null, lease_until = null where id = ${id} and lease_owner = ${owner}`.execute(
      this.db,
    );
  }

  /** Inside the transaction that stores a page: the cursor moves only while this worker still holds the lease. */
  /** `coverageFrom`: where the source's coverage starts (a first poll's window, or a walk cut by its page cap). */
  async saveCursor(
    trx: Transaction<Database>,
    id: string,
    owner: string,
    cursor: unknown,
    coverageFrom: Date | null = null,
  ): Promise<void> {
    const coverage = coverageFrom?.toISOString() ?? null;
    const result = await sql`
      update sources set cursor = ${JSON.stringify(cursor)}::jsonb, updated_at = now(),
        coverage_from = case when ${coverage}::timestamptz is null then coverage_from
          else greatest(coalesce(coverage_from, ${coverage}::timestamptz), ${coverage}::timestamptz) end
      where id = ${id} and lease_owner = ${owner}`.execute(trx);
    if (Number(result.numAffectedRows ?? 0n) === 0) throw new LeaseLostError(id);
  }

  /** A poll succeeded: returns how many failures in a row came before it (to tell a recovery). */
  async recordSuccess(id: string, next: { nextPollAt: Date; backoffUntil: Date | null }): Promise<number> {
    const result = await sql<{ previous: number }>`
      with before as (select consecutive_failures as previous from sources where id = ${id} for update)
      update sources set state = 'ok', last_success_at = now(), consecutive_failures = 0,
        next_poll_at = ${next.nextPollAt.toISOString()}::timestamptz,
        backoff_until = ${next.backoffUntil?.toISOString() ?? null}::timestamptz, updated_at = now()
      from before where sources.id = ${id}
      returning before.previous`.execute(this.db);
    return result.rows[0]?.previous ?? 0;
  }

  /** A poll failed: returns the number of failures in a row, this one included. */
  async recordFailure(
    id: string,
    failure: {
      state: 'failing' | 'needs_attention';
      kind: string;
      message: string;
      backoffUntil: Date | null;
      nextPollAt: Date;
    },
  ): Promise<number> {
    const result = await sql<{ failures: number }>`
      update sources set state = ${failure.state}, last_error_at = now(), last_error = ${failure.message},
        last_error_kind = ${failure.kind}, consecutive_failures = consecutive_failures + 1,
        backoff_until = ${failure.backoffUntil?.toISOString() ?? null}::timestamptz,
        next_poll_at = ${failure.nextPollAt.toISOString()}::timestamptz, updated_at = now()
      where id = ${id}
      returning consecutive_failures as failures`.execute(this.db);
    return result.rows[0]?.failures ?? 0;
  }

  /** A watched folder's state between listings (what each file looked like, and since when), kept by the lease holder. */
  async saveFolderState(id: string, owner: string, state: unknown): Promise<void> {
    await sql`
      update sources set cursor = ${JSON.stringify(state)}::jsonb, updated_at = now()
      where id = ${id} and lease_owner = ${owner}`.execute(this.db);
  }

  /** A file of a watched folder was refused before it was queued: the source says so, its state unchanged. */
  async recordRefusedFile(id: string, message: string): Promise<void> {
    await sql`
      update sources set last_error_at = now(), last_error = ${message}, updated_at = now()
      where id = ${id}`.execute(this.db);
  }

  /** Which of these external ids are stored for the source already (a cheap check before enrichment). */
  async knownExternalIds(sourceId: string, externalIds: readonly string[]): Promise<Set<string>> {
    if (externalIds.length === 0) return new Set();
    const result = await sql<{ id: string }>`
      select i.id from unnest(${[...externalIds]}::text[]) as i(id)
      join mention_keys k on k.source_id = ${sourceId} and k.external_hash = sha256(convert_to(i.id, 'UTF8'))`.execute(
      this.db,
    );
    return new Set(result.rows.map((row) => row.id));
  }
}

function toPollState(row: PollStateRow): PollState {
  return {
    id: row.id,
    kind: row.kind,
    enabled: row.enabled,
    state: row.state,
    cursor: row.cursor,
    consecutiveFailures: row.consecutive_failures,
    leaseOwner: row.lease_owner,
    leaseUntil: row.lease_until,
    backoffUntil: row.backoff_until,
    lastPollAt: row.last_poll_at,
    lastErrorKind: row.last_error_kind,
  };
}
