// Trained sentiment models: weights (the model's binary form), cross-validated metrics, and which one is active.
// At most one model per language is active (a partial unique index); activating one deactivates the other.
import { sql } from 'kysely';
import type { Db } from '../db/client.js';
import type { StoredModel } from '../nlp/model/stored-model.js';

export class SentimentModelsRepository {
  constructor(private readonly db: Db) {}

  /** Stores a model (the same version again only refreshes its metrics) and activates it when asked. */
  async save(
    model: { version: string; language: string; weights: Buffer; metrics: Record<string, unknown> },
    activate: boolean,
  ): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('sentiment_models')
        .values({
          version: model.version,
          language: model.language,
          weights: model.weights,
          metrics: JSON.stringify(model.metrics),
        })
        .onConflict((oc) => oc.column('version').doUpdateSet({ metrics: JSON.stringify(model.metrics) }))
        .execute();
      if (!activate) return;
      await trx
        .updateTable('sentiment_models')
        .set({ active: false })
        .where('language', '=', model.language)
        .where('active', '=', true)
        .where('version', '<>', model.version)
        .execute();
      await trx
        .updateTable('sentiment_models')
        .set({ active: true, activated_at: sql<Date>`now()` })
        .where('version', '=', model.version)
        .execute();
    });
  }

  /** Makes a stored model the active one; false if there is no such model. */
  async activate(version: string): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const found = await trx
        .selectFrom('sentiment_models')
        .select(['language'])
        .where('version', '=', version)
        .forUpdate()
        .executeTakeFirst();
      if (found === undefined) return false;
      await trx
        .updateTable('sentiment_models')
        .set({ active: false })
        .where('language', '=', found.language)
        .where('active', '=', true)
        .execute();
      await trx
        .updateTable('sentiment_models')
        .set({ active: true, activated_at: sql<Date>`now()` })
        .where('version', '=', version)
        .execute();
      return true;
    });
  }

  /** No trained model is active any more for this language (the shipped scorer takes over). */
  async deactivate(language: string): Promise<number> {
    const result = await this.db
      .updateTable('sentiment_models')
      .set({ active: false })
      .where('language', '=', language)
      .where('active', '=', true)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /** The active model's version: a cheap check the workers make every minute. */
  async activeVersion(language: string): Promise<string | null> {
    const row = await this.db
      .selectFrom('sentiment_models')
      .select(['version'])
      .where('language', '=', language)
      .where('active', '=', true)
      .executeTakeFirst();
    return row?.version ?? null;
  }

  async weights(version: string): Promise<Buffer | null> {
    const row = await this.db
      .selectFrom('sentiment_models')
      .select(['weights'])
      .where('version', '=', version)
      .executeTakeFirst();
    return row?.weights ?? null;
  }

  /** One model without its weights. */
  async get(version: string): Promise<StoredModel | null> {
    const row = await this.db
      .selectFrom('sentiment_models')
      .select(['version', 'language', 'created_at', 'active', 'activated_at', 'metrics'])
      .where('version', '=', version)
      .executeTakeFirst();
    return row === undefined ? null : toStored(row);
  }

  /** The newest models first, without their weights. */
  async list(language: string, limit: number): Promise<StoredModel[]> {
    const rows = await this.db
      .selectFrom('sentiment_models')
      .select(['version', 'language', 'created_at', 'active', 'activated_at', 'metrics'])
      .where('language', '=', language)
      .orderBy('created_at', 'desc')
      .orderBy('version')
      .limit(limit)
      .execute();
    return rows.map(toStored);
  }
}

function toStored(row: {
  version: string;
  language: string;
  created_at: Date;
  active: boolean;
  activated_at: Date | null;
  metrics: Record<string, unknown>;
}): StoredModel {
  return {
    version: row.version,
    language: row.language,
    createdAt: row.created_at,
    active: row.active,
    activatedAt: row.activated_at,
    metrics: row.metrics,
  };
}
