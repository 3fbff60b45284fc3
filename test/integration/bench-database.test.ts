// The benchmarks' databases: each run names its own, creates without dropping, and drops only what it created.
import { describe, expect, it } from 'vitest';
import {
  admin,
  benchDatabaseName,
  benchQueuePrefix,
  benchRunId,
  createBenchDatabase,
  dropBenchDatabase,
  removeQueuePrefix,
  urlFor,
} from '../../tools/bench-database.js';
import { pg } from '../../services/db/pg-defaults.js';
import { Redis } from 'ioredis';
import { DEFAULT_REDIS_URL } from '../../services/config/env.js';

async function exists(name: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: urlFor('postgres') });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    return found.rowCount === 1;
  } finally {
    await client.end();
  }
}

describe('benchmark databases', () => {
  it('gives every run its own names', () => {
    const a = benchRunId();
    const b = benchRunId();
    expect(a).not.toBe(b);
    expect(benchDatabaseName('api', a)).not.toBe(benchDatabaseName('api', b));
    expect(benchDatabaseName('api', a)).toMatch(/^onderstroom_bench_api_[0-9a-f]{10}$/);
    expect(benchQueuePrefix('poll', a)).toBe(`onderstroom-bench-poll-${a}`);
    expect(() => benchDatabaseName('api; drop database x', a)).toThrow(/label/);
  });

  it('two runs of one benchmark keep each other, and a name not created here is never dropped', async () => {
    const first = await createBenchDatabase('selftest', benchRunId(), { migrate: false });
    const second = await createBenchDatabase('selftest', benchRunId(), { migrate: false });
    try {
      await dropBenchDatabase(first.name);
      expect(await exists(first.name)).toBe(false);
      expect(await exists(second.name)).toBe(true);
      // A database another process made under a benchmark's name: refused, and still there.
      const foreign = benchDatabaseName('selftest', benchRunId());
      await admin(`create database ${foreign}`);
      try {
        await expect(dropBenchDatabase(foreign)).rejects.toThrow(/not created by this benchmark run/);
        expect(await exists(foreign)).toBe(true);
      } finally {
        await admin(`drop database if exists ${foreign}`);
      }
      // Creating never replaces: a second create of the same name fails and leaves it alone.
      await expect(
        createBenchDatabase('selftest', second.name.slice(-10), { migrate: false }),
      ).rejects.toThrow();
      expect(await exists(second.name)).toBe(true);
    } finally {
      await dropBenchDatabase(second.name);
    }
  });

  it('removes only its own prefix from Redis', async () => {
    const redis = new Redis(process.env.TEST_REDIS_URL ?? DEFAULT_REDIS_URL, { maxRetriesPerRequest: 1 });
    const mine = benchQueuePrefix('selftest', benchRunId());
    const other = benchQueuePrefix('selftest', benchRunId());
    try {
      await redis.set(`${mine}:poll:meta`, '1');
      await redis.set(`${mine}:poll:1`, '1');
      await redis.set(`${other}:poll:meta`, '1');
      expect(await removeQueuePrefix(redis, mine)).toBe(2);
      expect(await redis.exists(`${mine}:poll:meta`, `${mine}:poll:1`)).toBe(0);
      expect(await redis.exists(`${other}:poll:meta`)).toBe(1);
      await expect(removeQueuePrefix(redis, 'onderstroom')).rejects.toThrow(/refusing/);
    } finally {
      await redis.del(`${mine}:poll:meta`, `${mine}:poll:1`, `${other}:poll:meta`);
      redis.disconnect();
    }
  });
});
