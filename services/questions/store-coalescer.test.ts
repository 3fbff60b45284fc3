// The register's group commit: a lone call goes at once, calls that arrive during a store share the next one, a
// question is never twice in one store (the first call stores it, a later one is a duplicate), large calls go
// alone, and a failed shared store gives each call its own result or error.
import { describe, expect, it } from 'vitest';
import { StoreCoalescer, type KeyedRow, type StoredRow } from './store-coalescer.js';

interface Row extends KeyedRow {
  bad?: boolean;
}

/** A store that keeps what it was given, refuses a batch with a bad row, and is released by hand. */
function fakeStore() {
  const stored = new Map<string, string>();
  const batches: string[][] = [];
  const gates: (() => void)[] = [];
  let held = false;
  const store = async (rows: readonly Row[]): Promise<StoredRow[]> => {
    batches.push(rows.map((row) => row.externalId));
    if (held) await new Promise<void>((resolve) => gates.push(resolve));
    if (rows.some((row) => row.bad)) throw new Error(`bad row in ${rows.map((r) => r.externalId).join(',')}`);
    const fresh: StoredRow[] = [];
    for (const row of rows) {
      const key = `${row.source}/${row.externalId}`;
      if (stored.has(key)) continue;
      stored.set(key, String(stored.size + 1));
      fresh.push({ id: stored.get(key)!, source: row.source, externalId: row.externalId });
    }
    return fresh;
  };
  return {
    store,
    batches,
    hold: () => (held = true),
    release: () => {
      held = false;
      for (const open of gates.splice(0)) open();
    },
  };
}

const row = (externalId: string, extra: Partial<Row> = {}): Row => ({ source: 'form', externalId, ...extra });
const now = new Date('2026-12-02T10:00:00Z');
const ids = (stored: StoredRow[] | undefined) => {
  if (stored === undefined) throw new Error('a call without a result');
  return stored.map((s) => s.externalId);
};

describe('StoreCoalescer', () => {
  it('stores a lone call at once and the calls that arrive meanwhile together in the next store', async () => {
    const fake = fakeStore();
    const coalescer = new StoreCoalescer<Row>(fake.store);
    fake.hold();
    const first = coalescer.store([row('a')], now);
    const later = [coalescer.store([row('b')], now), coalescer.store([row('c'), row('d')], now)];
    expect(fake.batches).toEqual([['a']]);
    fake.release();
    expect(ids(await first)).toEqual(['a']);
    const [b, cd] = await Promise.all(later);
    expect(ids(b)).toEqual(['b']);
    expect(ids(cd)).toEqual(['c', 'd']);
    expect(fake.batches).toEqual([['a'], ['b', 'c', 'd']]);
  });

  it('never puts one question twice in a store: the first call stores it, the later one reads a duplicate', async () => {
    const fake = fakeStore();
    const coalescer = new StoreCoalescer<Row>(fake.store);
    fake.hold();
    const first = coalescer.store([row('x')], now);
    const clicks = [
      coalescer.store([row('y')], now),
      coalescer.store([row('y')], now),
      coalescer.store([row('z')], now),
    ];
    fake.release();
    await first;
    const [once, twice, z] = await Promise.all(clicks);
    expect(ids(once)).toEqual(['y']);
    expect(ids(twice)).toEqual([]);
    expect(ids(z)).toEqual(['z']);
    expect(fake.batches).toEqual([['x'], ['y', 'z'], ['y']]);
  });

  it('stores large calls on their own and caps the rows of a shared store', async () => {
    const fake = fakeStore();
    const coalescer = new StoreCoalescer<Row>(fake.store, 3, 3);
    fake.hold();
    const first = coalescer.store([row('a')], now);
    const large = coalescer.store([row('l1'), row('l2'), row('l3')], now);
    const small = [coalescer.store([row('b'), row('c')], now), coalescer.store([row('d'), row('e')], now)];
    expect(fake.batches).toEqual([['a'], ['l1', 'l2', 'l3']]);
    fake.release();
    await Promise.all([first, large, ...small]);
    expect(fake.batches).toEqual([['a'], ['l1', 'l2', 'l3'], ['b', 'c'], ['d', 'e']]);
  });

  it('retries a failed shared store call by call, so only the call with the bad row fails', async () => {
    const fake = fakeStore();
    const coalescer = new StoreCoalescer<Row>(fake.store);
    fake.hold();
    const first = coalescer.store([row('a')], now);
    const good = coalescer.store([row('g')], now);
    const bad = coalescer.store([row('b', { bad: true })], now);
    fake.release();
    await first;
    expect(ids(await good)).toEqual(['g']);
    await expect(bad).rejects.toThrow('bad row in b');
    expect(fake.batches).toEqual([['a'], ['g', 'b'], ['g'], ['b']]);
  });
});
