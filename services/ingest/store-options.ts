// What a caller says when it stores a batch: which source, which import run, and what must happen in the same
// transaction after the rows are stored. Defined here, in the domain; the mentions repository takes it.
import type { DbTransaction } from '../db/client.js';

export interface StoreOptions {
  sourceId: string;
  sourceKind: string;
  importId?: string | null;
  /** Runs inside the same transaction after the rows are stored (a poller's cursor advance). */
  afterStore?: (trx: DbTransaction) => Promise<void>;
}
