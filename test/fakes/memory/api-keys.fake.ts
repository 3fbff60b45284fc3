// API keys in memory, as ApiKeysRepository stores them: by hash, a revoked key no longer found, revoking twice a
// no-op, and the last use recorded.
import type { Role } from '../../../services/auth/role.js';
import type { ApiKeysRepository } from '../../../services/repositories/api-keys.repository.js';
import type { ApiKeyRecord } from '../../../services/auth/api-key.js';
import type { PublicShape } from './repository-shape.js';

export class FakeApiKeysRepository implements PublicShape<ApiKeysRepository> {
  private readonly keys = new Map<string, { record: ApiKeyRecord; keyHash: string }>();
  private nextId = 1;
  /** Every `touch`, in order. */
  readonly touches: { id: string; at: Date }[] = [];

  constructor(private readonly now: () => Date = () => new Date()) {}

  /** The stored hash of a key (for assertions: the key itself is never stored). */
  storedHashes(): string[] {
    return [...this.keys.values()].map((entry) => entry.keyHash);
  }

  insert(values: {
    name: string;
    role: Role;
    keyHash: string;
    keyPrefix: string;
    pushSourceId: string | null;
  }): Promise<ApiKeyRecord> {
    if ([...this.keys.values()].some((entry) => entry.keyHash === values.keyHash))
      return Promise.reject(
        new Error('duplicate key value violates unique constraint "api_keys_key_hash_key"'),
      );
    const record: ApiKeyRecord = {
      id: String(this.nextId++),
      name: values.name,
      role: values.role,
      keyPrefix: values.keyPrefix,
      pushSourceId: values.pushSourceId,
      createdAt: this.now(),
      lastUsedAt: null,
      revokedAt: null,
    };
    this.keys.set(record.id, { record, keyHash: values.keyHash });
    return Promise.resolve({ ...record });
  }

  findActiveByHash(keyHash: string): Promise<ApiKeyRecord | null> {
    const found = [...this.keys.values()].find(
      (entry) => entry.keyHash === keyHash && entry.record.revokedAt === null,
    );
    return Promise.resolve(found ? { ...found.record } : null);
  }

  list(): Promise<ApiKeyRecord[]> {
    return Promise.resolve([...this.keys.values()].map((entry) => ({ ...entry.record })));
  }

  revoke(id: string): Promise<boolean> {
    const entry = this.keys.get(id);
    if (!entry || entry.record.revokedAt !== null) return Promise.resolve(false);
    entry.record.revokedAt = this.now();
    return Promise.resolve(true);
  }

  touch(id: string, at: Date): Promise<void> {
    this.touches.push({ id, at });
    const entry = this.keys.get(id);
    if (entry) entry.record.lastUsedAt = at;
    return Promise.resolve();
  }
}
