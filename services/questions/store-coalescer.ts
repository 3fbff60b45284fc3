// Group commit for the register: small register calls that arrive while a store is in flight wait for it and then
// share the next transaction, one commit for all of them. Concurrent form saves (the KCC's callers, all in the same
// 5-minute and hourly rollup rows) would otherwise queue one by one on those rows' locks, each holding them through
// its own commit. A lone call is stored at once; large calls (imports) are stored on their own, never held up here.
// Idempotency stays with the database (source, external id): calls that share a question never share a
// transaction, so the first to arrive is the one stored and a later one reads as a duplicate.

/** What a store needs to know of a row to tell rows and results apart. */
export interface KeyedRow {
  source: string;
  externalId: string;
}

export interface StoredRow {
  id: string;
  source: string;
  externalId: string;
}

/** Stores rows (no two with the same key) in one transaction; returns those that were new. */
export type StoreRows<R extends KeyedRow> = (rows: readonly R[], now: Date) => Promise<StoredRow[]>;

interface Waiting<R extends KeyedRow> {
  rows: readonly R[];
  keys: string[];
  now: Date;
  resolve: (stored: StoredRow[]) => void;
  reject: (error: unknown) => void;
}

const keyOf = (row: KeyedRow) => `${row.source}\u0000${row.externalId}`;

export class StoreCoalescer<R extends KeyedRow> {
  private readonly waiting: Waiting<R>[] = [];
  private draining = false;

  /**
   * @param maxRows at most this many rows share one transaction
   * @param aloneFrom a call with this many rows or more is stored on its own, at once
   */
  constructor(
    private readonly storeRows: StoreRows<R>,
    private readonly maxRows = 1_000,
    private readonly aloneFrom = 100,
  ) {}

  /** The stored (new) rows of this call; rejects with the store's error for this call's rows alone. */
  store(rows: readonly R[], now: Date): Promise<StoredRow[]> {
    if (rows.length === 0) return Promise.resolve([]);
    if (rows.length >= this.aloneFrom) return this.storeRows(rows, now);
    return new Promise((resolve, reject) => {
      this.waiting.push({ rows, keys: rows.map(keyOf), now, resolve, reject });
      if (!this.draining) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.waiting.length > 0) await this.run(this.take());
    } finally {
      this.draining = false;
    }
  }

  /**
   * The next transaction's calls, in arrival order, up to maxRows rows. A call that shares a question with one
   * taken or left waiting stays for a later round, so a question is never twice in one transaction and the order
   * of arrival decides which call stores it.
   */
  private take(): Waiting<R>[] {
    const taken: Waiting<R>[] = [];
    const left: Waiting<R>[] = [];
    const blocked = new Set<string>();
    let rows = 0;
    for (const call of this.waiting) {
      const fits = taken.length === 0 || rows + call.rows.length <= this.maxRows;
      if (fits && !call.keys.some((key) => blocked.has(key))) {
        taken.push(call);
        rows += call.rows.length;
      } else {
        left.push(call);
      }
      for (const key of call.keys) blocked.add(key);
    }
    this.waiting.splice(0, this.waiting.length, ...left);
    return taken;
  }

  private async run(calls: Waiting<R>[]): Promise<void> {
    const now = new Date(Math.max(...calls.map((call) => call.now.getTime())));
    let stored: StoredRow[];
    try {
      stored = await this.storeRows(
        calls.flatMap((call) => call.rows),
        now,
      );
    } catch (error) {
      if (calls.length === 1) {
        calls[0]!.reject(error);
        return;
      }
      // Whatever failed may be one call's rows: each call again on its own gets its own result or error.
      for (const call of calls) {
        try {
          call.resolve(await this.storeRows(call.rows, call.now));
        } catch (own) {
          call.reject(own);
        }
      }
      return;
    }
    const byKey = new Map(stored.map((row) => [keyOf(row), row]));
    for (const call of calls)
      call.resolve(call.keys.flatMap((key) => (byKey.has(key) ? [byKey.get(key)!] : [])));
  }
}
