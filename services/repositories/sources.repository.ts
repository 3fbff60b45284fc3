// Sources: every origin of mentions (configured pollers, import presets, push sources) has a row with its state.
import { sql } from 'kysely';
import type { Db } from '../db/client.js';
import type { SourceState } from '../db/database.js';

export interface SourceRecord {
  id: string;
  kind: string;
  enabled: boolean;
  state: SourceState;
  lastSuccessAt: Date | null;
  lastErrorAt: Date | null;
  lastError: string | null;
  consecutiveFailures: number;
  itemsStored: number;
  newestItemAt: Date | null;
  nextPollAt: Date | null;
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
    const rows = await this.db.selectFrom('sources').selectAll().orderBy('id').execute();
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
    }));
  }

  async kinds(): Promise<string[]> {
    const rows = await this.db.selectFrom('sources').select('kind').distinct().orderBy('kind').execute();
    return rows.map((row) => row.kind);
  }
}
