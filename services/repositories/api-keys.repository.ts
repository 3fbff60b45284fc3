// API keys are stored as SHA-256 hashes; the key itself is shown once, when it is created.
import type { Db } from '../db/client.js';
import type { Role } from '../auth/role.js';
import type { ApiKeyRecord } from '../auth/api-key.js';

export class ApiKeysRepository {
  constructor(private readonly db: Db) {}

  async insert(values: {
    name: string;
    role: Role;
    keyHash: string;
    keyPrefix: string;
    pushSourceId: string | null;
  }): Promise<ApiKeyRecord> {
    const row = await this.db
      .insertInto('api_keys')
      .values({
        name: values.name,
        role: values.role,
        key_hash: values.keyHash,
        key_prefix: values.keyPrefix,
        push_source_id: values.pushSourceId,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toRecord(row);
  }

  async findActiveByHash(keyHash: string): Promise<ApiKeyRecord | null> {
    const row = await this.db
      .selectFrom('api_keys')
      .selectAll()
      .where('key_hash', '=', keyHash)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  async list(): Promise<ApiKeyRecord[]> {
    const rows = await this.db.selectFrom('api_keys').selectAll().orderBy('id').execute();
    return rows.map(toRecord);
  }

  async revoke(id: string): Promise<boolean> {
    const result = await this.db
      .updateTable('api_keys')
      .set({ revoked_at: new Date() })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async touch(id: string, at: Date): Promise<void> {
    await this.db.updateTable('api_keys').set({ last_used_at: at }).where('id', '=', id).execute();
  }
}

function toRecord(row: {
  id: string;
  name: string;
  role: Role;
  key_prefix: string;
  push_source_id: string | null;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}): ApiKeyRecord {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    keyPrefix: row.key_prefix,
    pushSourceId: row.push_source_id,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}
