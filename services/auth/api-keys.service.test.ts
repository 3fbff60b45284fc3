// API keys against an in-memory fake of their repository: a key is shown once and stored only as its hash, checked
// on every use (a revoked key fails at once), its last use recorded at most once a minute.
import { describe, expect, it } from 'vitest';
import { FakeApiKeysRepository } from '../../test/fakes/memory/api-keys.fake.js';
import { ApiKeysService, hashKey } from './api-keys.service.js';

describe('ApiKeysService', () => {
  it('shows the key once and stores only its hash and prefix', async () => {
    const repository = new FakeApiKeysRepository();
    const service = new ApiKeysService(repository);
    const { key, record } = await service.create('  grafana  ', 'viewer');
    expect(key).toMatch(/^ods_[A-Za-z0-9_-]{43}$/);
    expect(record).toMatchObject({
      name: 'grafana',
      role: 'viewer',
      keyPrefix: key.slice(0, 10),
      pushSourceId: null,
    });
    expect(repository.storedHashes()).toEqual([hashKey(key)]);
    expect(JSON.stringify(await repository.list())).not.toContain(key);
    await expect(service.create('  ', 'admin')).rejects.toThrow('a key needs a name (who or what uses it)');
  });

  it('verifies a key on every use: a revoked key fails at once, a malformed one without a lookup', async () => {
    const repository = new FakeApiKeysRepository();
    const service = new ApiKeysService(repository);
    const { key, record } = await service.create('webcare', 'viewer', 'webcare');
    expect(await service.verify(key)).toMatchObject({ id: record.id, pushSourceId: 'webcare' });
    expect(await service.verify(`${key.slice(0, -1)}x`)).toBeNull();
    expect(await service.verify('not-a-key')).toBeNull();
    expect(await service.revoke(record.id)).toBe(true);
    expect(await service.revoke(record.id)).toBe(false);
    expect(await service.verify(key)).toBeNull();
  });

  it('records the last use of a key at most once a minute', async () => {
    const repository = new FakeApiKeysRepository();
    const service = new ApiKeysService(repository);
    const { key, record } = await service.create('grafana', 'viewer');
    const t0 = Date.parse('2026-12-06T10:00:00Z');
    for (const offset of [0, 10_000, 59_000, 61_000, 62_000]) await service.verify(key, t0 + offset);
    expect(repository.touches).toEqual([
      { id: record.id, at: new Date(t0) },
      { id: record.id, at: new Date(t0 + 61_000) },
    ]);
  });
});
