// API keys: created with a role, shown once, stored hashed, checked on every request.
import crypto from 'node:crypto';
import type { Role } from './role.js';
import type { ApiKeysRepository } from '../repositories/api-keys.repository.js';
import type { ApiKeyRecord } from './api-key.js';

export const ROLES: readonly Role[] = ['viewer', 'analyst', 'admin'];

/** viewer < analyst < admin: each role can do what the ones before it can. */
export function roleAllows(role: Role, required: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(required);
}

export function hashKey(key: string): string {
  return crypto.createHash('sha256').update(key).digest('hex');
}

const KEY_PATTERN = /^ods_[A-Za-z0-9_-]{43}$/;

export interface CreatedKey {
  key: string;
  record: ApiKeyRecord;
}

export class ApiKeysService {
  // No cache of key checks: every request reads its key's row (one lookup on the unique key_hash index), so a key
  // revoked by any process (API instance or CLI) is refused by the very next request everywhere.
  private readonly touched = new Map<string, number>();

  constructor(
    private readonly keys: Pick<
      ApiKeysRepository,
      'insert' | 'findActiveByHash' | 'list' | 'revoke' | 'touch'
    >,
  ) {}

  async create(name: string, role: Role, pushSourceId: string | null = null): Promise<CreatedKey> {
    if (name.trim() === '') throw new Error('a key needs a name (who or what uses it)');
    // 32 random bytes: a hash without salt is safe for keys this long.
    const key = `ods_${crypto.randomBytes(32).toString('base64url')}`;
    const record = await this.keys.insert({
      name: name.trim(),
      role,
      keyHash: hashKey(key),
      keyPrefix: key.slice(0, 10),
      pushSourceId,
    });
    return { key, record };
  }

  async verify(key: string, now = Date.now()): Promise<ApiKeyRecord | null> {
    if (!KEY_PATTERN.test(key)) return null;
    const record = await this.keys.findActiveByHash(hashKey(key));
    if (record && (this.touched.get(record.id) ?? 0) < now - 60_000) {
      // Last use is recorded at most once a minute per key.
      this.touched.set(record.id, now);
      await this.keys.touch(record.id, new Date(now));
    }
    return record;
  }

  list(): Promise<ApiKeyRecord[]> {
    return this.keys.list();
  }

  revoke(id: string): Promise<boolean> {
    return this.keys.revoke(id);
  }
}
