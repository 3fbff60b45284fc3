// Monthly partitions of the mentions table, created before a batch needs them.
import { sql } from 'kysely';
import type { Db } from '../db/client.js';

// Any fixed number: serialises partition creation between processes.
const PARTITION_LOCK = 7_310_001;

export function monthKey(time: Date): string {
  return `${time.getUTCFullYear()}-${String(time.getUTCMonth() + 1).padStart(2, '0')}`;
}

export function partitionName(month: string): string {
  return `mentions_y${month.slice(0, 4)}m${month.slice(5, 7)}`;
}

function nextMonth(month: string): string {
  const year = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`;
}

export class PartitionsRepository {
  private readonly known = new Set<string>();

  constructor(private readonly db: Db) {}

  async ensureMonths(months: Iterable<string>): Promise<void> {
    const missing = [...new Set(months)].filter((month) => !this.known.has(month)).sort();
    if (missing.length === 0) return;
    await this.db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(${PARTITION_LOCK})`.execute(trx);
      for (const month of missing) {
        const name = partitionName(month);
        // Bounds in UTC, whatever the session's time zone.
        await sql`
          create table if not exists ${sql.table(name)} partition of mentions
          for values from (${sql.lit(`${month}-01 00:00:00+00`)}) to (${sql.lit(`${nextMonth(month)}-01 00:00:00+00`)})
        `.execute(trx);
      }
    });
    for (const month of missing) this.known.add(month);
  }

  async list(): Promise<string[]> {
    const result = await sql<{ name: string }>`
      select c.relname as name from pg_inherits i
      join pg_class c on c.oid = i.inhrelid
      join pg_class p on p.oid = i.inhparent
      where p.relname = 'mentions' order by 1`.execute(this.db);
    return result.rows.map((row) => row.name);
  }
}
